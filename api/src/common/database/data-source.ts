import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { createPGlitePoolDriver } from './pglite-pool.js';

export interface DatabaseTarget {
  /** A postgres:// URL, or undefined for PGlite. */
  url?: string;
  /** PGlite only: a directory to keep the database in, or undefined for in-memory. */
  pgliteDir?: string;
}

export interface OpenDatabase {
  dataSource: DataSource;
  embedded: boolean;
  /** True when the database had no tables before this process migrated it. */
  isNew: boolean;
  close(): Promise<void>;
}

const common: Partial<DataSourceOptions> = {
  entities: ENTITIES,
  migrations: MIGRATIONS,
  // Never synchronize: schema changes ship as reviewed migrations (docs/decisions/004-migrations.md).
  synchronize: false,
  migrationsRun: false,
  migrationsTransactionMode: 'each',
};

export function serverDataSourceOptions(url: string): DataSourceOptions {
  return {
    ...common,
    type: 'postgres',
    url,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    poolSize: 10,
    applicationName: 'baton-api',
  } as DataSourceOptions;
}

/** Opens, migrates and returns the database named by the target. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  let pglite: PGlite | undefined;
  let options: DataSourceOptions;
  if (target.url) {
    options = serverDataSourceOptions(target.url);
  } else {
    let dataDir: string | undefined;
    if (target.pgliteDir) {
      dataDir = resolve(target.pgliteDir);
      mkdirSync(dataDir, { recursive: true });
    }
    pglite = dataDir ? new PGlite(join(dataDir)) : new PGlite();
    await pglite.waitReady;
    options = {
      ...common,
      type: 'postgres',
      driver: createPGlitePoolDriver(pglite),
      uuidExtension: 'pgcrypto',
      installExtensions: false,
    } as DataSourceOptions;
  }
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    const [{ exists }] = await dataSource.query(
      `SELECT to_regclass('public.migrations') IS NOT NULL AS "exists"`,
    );
    await dataSource.runMigrations({ transaction: 'each' });
    return {
      dataSource,
      embedded: !!pglite,
      isNew: !exists,
      async close() {
        if (dataSource.isInitialized) await dataSource.destroy();
        if (pglite && !pglite.closed) await pglite.close();
      },
    };
  } catch (e) {
    await dataSource.destroy().catch(() => undefined);
    if (pglite && !pglite.closed) await pglite.close().catch(() => undefined);
    throw e;
  }
}
