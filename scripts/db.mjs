#!/usr/bin/env node
// `npm run db:backup [-- <file>]` and `npm run db:restore -- <file> [--force]`: a backup of Baton's
// database and putting it back (README, "Backup and restore").
//
// backup
// - With DATABASE_URL (a PostgreSQL server): `pg_dump --format=custom` of that database, taken
//   while the API runs (pg_dump reads one consistent snapshot).
// - Without it: the embedded PGlite database in $BATON_DATA_DIR/pglite (default ./.data), as
//   PGlite's own gzipped tarball of the data directory (dumpDataDir). PGlite has one writer, so
//   this refuses to run while the API holds the data dir: stop the API first.
// restore (refuses to replace data unless --force)
// - With DATABASE_URL: pg_restore of a `pg_dump --format=custom` file into that database, which
//   must have no tables unless --force (then existing objects are dropped first). Stop the API.
// - Without it: the embedded database from a backup tarball. It is unpacked and opened beside the
//   current one first; with --force the current one is kept as pglite.before-restore-<time> and the
//   restored one takes its place. Refuses while the API runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildIfNeeded, root } from './lib.mjs';

const [command, ...args] = process.argv.slice(2);
const url = process.env.DATABASE_URL;
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

if (command === 'backup') await backup(args[0]);
else if (command === 'restore') await restore(args.filter((a) => a !== '--force')[0], args.includes('--force'));
else fail('Usage: node scripts/db.mjs backup [file] | restore <file> [--force]');

async function backup(given) {
  const file = resolve(given ?? join('backups', `baton-${stamp()}.${url ? 'dump' : 'tar.gz'}`));
  mkdirSync(dirname(file), { recursive: true });
  if (url) {
    run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, url]);
  } else {
    const dir = embeddedDir();
    if (!existsSync(join(dir, 'PG_VERSION'))) fail(`There is no embedded database in ${dir} (set BATON_DATA_DIR).`);
    const release = await lockEmbedded(dir, 'a backup (npm run db:backup)');
    try {
      const { PGlite } = await import('@electric-sql/pglite');
      const db = new PGlite(dir);
      await db.waitReady;
      try {
        const dump = await db.dumpDataDir('gzip');
        writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
      } finally {
        await db.close();
      }
    } finally {
      release();
    }
  }
  console.log(`Backup written to ${file}`);
}

async function restore(given, force) {
  if (!given) fail('Usage: npm run db:restore -- <backup file> [--force]');
  const file = resolve(given);
  if (!existsSync(file)) fail(`No such backup file: ${file}`);
  if (url) {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows;
    await client.end();
    if (n > 0 && !force) fail(`The database already has ${n} tables. Restore into an empty database, or add --force to replace them.`);
    run('pg_restore', ['--no-owner', '--exit-on-error', ...(force ? ['--clean', '--if-exists'] : []), `--dbname=${url}`, file]);
    console.log(`Restored ${file} into the database of DATABASE_URL.`);
    return;
  }
  const dir = embeddedDir();
  if (existsSync(dir) && readdirSync(dir).length > 0 && !force) {
    fail(`${dir} already holds a database. Add --force to replace it (the current one is kept beside it).`);
  }
  mkdirSync(dirname(dir), { recursive: true });
  const release = await lockEmbedded(dir, 'a restore (npm run db:restore)');
  const staging = `${dir}.restoring-${process.pid}`;
  try {
    rmSync(staging, { recursive: true, force: true });
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(staging, { loadDataDir: new Blob([readFileSync(file)]) });
    await db.waitReady;
    try {
      // A file that does not open as a Baton database must not replace anything.
      await db.query(`SELECT count(*) FROM migrations`);
    } finally {
      await db.close();
    }
    let kept = null;
    if (existsSync(dir)) {
      kept = `${dir}.before-restore-${stamp()}`;
      renameSync(dir, kept);
    }
    renameSync(staging, dir);
    console.log(`Restored ${file} into ${dir}.${kept ? ` The previous database is kept in ${kept}.` : ''}`);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    release();
    fail(`The backup could not be restored; nothing was changed: ${e.message ?? e}`);
  }
  release();
}

function embeddedDir() {
  return join(resolve(process.env.BATON_DATA_DIR ?? join(root, '.data')), 'pglite');
}

/** Holds the embedded database's lock (the API's own, from the build), or exits when another process holds it. */
async function lockEmbedded(dir, holder) {
  buildIfNeeded({ web: false });
  const { holdDataDirLock } = await import(join(root, 'dist/api/common/database/data-dir-lock.js'));
  try {
    return holdDataDirLock(dir, holder);
  } catch (e) {
    fail(e.message);
  }
}

function run(command, commandArgs) {
  const r = spawnSync(command, commandArgs, { stdio: 'inherit' });
  if (r.error) fail(`${command} could not run (${r.error.message}); install the PostgreSQL client tools.`);
  if (r.status !== 0) fail(`${command} failed (exit ${r.status}).`);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
