import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { holdDataDirLock } from './data-dir-lock.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { preparedName } from './prepared-statements.js';
import { createPGlitePoolDriver } from './pglite-pool.js';

export interface DatabaseTarget {
  /** A postgres:// URL, or undefined for PGlite. */
  url?: string;
  /** PGlite only: a directory to keep the database in, or undefined for in-memory. */
  pgliteDir?: string;
  /** Server only: other limits than SERVER_POOL_LIMITS (tests make the timeouts short). */
  limits?: Partial<ServerPoolLimits>;
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

/**
 * How the API behaves when the database server goes away, stalls or restarts
 * (docs/decisions/016-faults-and-backups.md): fail the request with an error after a bounded time,
 * drop the broken connection, and open a fresh one for the next request.
 */
export const SERVER_POOL_LIMITS = {
  size: 10,
  /** Opening a connection, or waiting for a free one in the pool. */
  connectTimeoutMs: 10_000,
  /** The server cancels one statement running longer (runaway query, lock wait). */
  statementTimeoutMs: 60_000,
  /** The client gives up on a statement whose answer never comes (stalled network). */
  queryTimeoutMs: 70_000,
  /** The server ends a session left idle inside a transaction, releasing its locks. */
  idleInTransactionTimeoutMs: 300_000,
  idleTimeoutMs: 30_000,
  /** TCP keepalive probes find a silently dropped idle connection. */
  keepAliveInitialDelayMs: 10_000,
};
export type ServerPoolLimits = typeof SERVER_POOL_LIMITS;

/**
 * pg's client, with a read timeout on the ordinary text queries TypeORM sends. pg can only set
 * that timeout for every query of a client, which would also cut a long streamed COPY or cursor;
 * here those (objects pg calls "submittables") keep no client-side limit. A query that timed out
 * leaves its connection waiting for an answer, so the connection is closed: the pool then drops
 * it instead of lending it again.
 */
class TimeoutClient extends pg.Client {
  private readonly readTimeoutMs: number;

  constructor(config: pg.ClientConfig & { textQueryTimeoutMs: number }) {
    super(config);
    this.readTimeoutMs = config.textQueryTimeoutMs;
  }

  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text !== 'string' || typeof args[args.length - 1] === 'function') {
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const pending = (super.query as (...a: unknown[]) => Promise<unknown>)({
      name: preparedName(text),
      text,
      values,
      query_timeout: this.readTimeoutMs,
    });
    pending.catch((e: Error) => {
      if (e?.message === 'Query read timeout') (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    });
    return pending as never;
  }
}

export function serverDataSourceOptions(url: string, overrides: Partial<ServerPoolLimits> = {}): DataSourceOptions {
  const limits = { ...SERVER_POOL_LIMITS, ...overrides };
  return {
    ...common,
    type: 'postgres',
    url,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    poolSize: limits.size,
    applicationName: 'baton-api',
    connectTimeoutMS: limits.connectTimeoutMs,
    // An idle connection that the server or the network dropped errors on the pool; without a
    // listener that error would end the process. The pool discards the connection by itself.
    poolErrorHandler: (e: Error) => console.warn(`Baton API: an idle database connection failed and was dropped (${e.message}).`),
    extra: {
      Client: TimeoutClient,
      textQueryTimeoutMs: limits.queryTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: limits.keepAliveInitialDelayMs,
      idleTimeoutMillis: limits.idleTimeoutMs,
      statement_timeout: limits.statementTimeoutMs,
      idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
    },
  } as DataSourceOptions;
}

/** Opens, migrates and returns the database named by the target. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  let pglite: PGlite | undefined;
  let releaseLock = () => {};
  let options: DataSourceOptions;
  if (target.url) {
    options = serverDataSourceOptions(target.url, target.limits);
  } else {
    let dataDir: string | undefined;
    if (target.pgliteDir) {
      dataDir = resolve(target.pgliteDir);
      mkdirSync(dataDir, { recursive: true });
      // PGlite has no lock of its own: two processes on one directory would corrupt it.
      releaseLock = holdDataDirLock(dataDir, 'the Baton API');
    }
    try {
      pglite = dataDir ? new PGlite(dataDir) : new PGlite();
      await pglite.waitReady;
    } catch (e) {
      releaseLock();
      throw e;
    }
    options = {
      ...common,
      type: 'postgres',
      driver: createPGlitePoolDriver(pglite),
      uuidExtension: 'pgcrypto',
      installExtensions: false,
    } as DataSourceOptions;
  }
  const dataSource = new DataSource(options);
  try {
    await dataSource.initialize();
    const [{ exists }] = await dataSource.query(
      `SELECT to_regclass('public.migrations') IS NOT NULL AS "exists"`,
    );
    await migrateAlone(dataSource, !pglite);
    return {
      dataSource,
      embedded: !!pglite,
      isNew: !exists,
      async close() {
        if (dataSource.isInitialized) await dataSource.destroy();
        if (pglite && !pglite.closed) await pglite.close();
        releaseLock();
      },
    };
  } catch (e) {
    await dataSource.destroy().catch(() => undefined);
    if (pglite && !pglite.closed) await pglite.close().catch(() => undefined);
    releaseLock();
    throw e;
  }
}

/** Advisory lock key: one process at a time runs the migrations on a server. */
const MIGRATION_LOCK_KEY = 7_240_515_016;

/**
 * API processes started together on a new server database would run the same migrations at once,
 * and all but one fail on the catalog's unique keys. Each waits for the lock instead, then finds
 * the migrations done. (PGlite is one process with one connection: nothing to wait for, and a
 * second connection would deadlock.)
 */
async function migrateAlone(dataSource: DataSource, server: boolean): Promise<void> {
  if (!server) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query(`SELECT pg_advisory_unlock($1)`, [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
