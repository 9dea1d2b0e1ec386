import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildApi,
  createDatabase,
  DATABASE_KINDS,
  gqlOk,
  HANDOFF_HEADER,
  handoffRow,
  login,
  overrideActivities,
  programActivities,
  root,
  seedTrainees,
  startApi,
  type ApiProcess,
  type SoakDatabase,
} from './support/api-process.js';

// `npm run db:backup` / `npm run db:restore` (scripts/db.mjs): pg_dump/pg_restore for a server,
// PGlite's dumpDataDir/loadDataDir for the embedded database. Data seeded through the API must
// come back identical, table by table, and the API must run on the restored copy.

const backups = mkdtempSync(join(tmpdir(), 'baton-soak-backups-'));
beforeAll(() => buildApi(), 300_000);
afterAll(() => rmSync(backups, { recursive: true, force: true }));

function db(command: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const r = spawnSync(process.execPath, [join(root, 'scripts/db.mjs'), command, ...args], { cwd: root, env: childEnv, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Every table's row count and a digest of its rows in a stable order, in one query. */
async function fingerprint(database: SoakDatabase) {
  const rows = await database.query<{ name: string; n: string; digest: string }>(
    `SELECT tablename AS name, x.n, x.digest
       FROM pg_tables,
            LATERAL (SELECT (xpath('/row/n/text()', q))[1]::text AS n, (xpath('/row/digest/text()', q))[1]::text AS digest
                       FROM query_to_xml(format('SELECT count(*) AS n, md5(coalesce(string_agg(t::text, ''|'' ORDER BY t::text), '''')) AS digest FROM %I t', tablename), false, true, '') q) x
      WHERE schemaname = 'public' ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.digest}`]));
}

/** Trainees, 20 reviews each, one of them certified. Returns the certificate's code. */
async function seed(api: ApiProcess): Promise<string> {
  const token = await login(api.base);
  const trainees = await seedTrainees(api.base, token, 5, 'backup');
  let csv = HANDOFF_HEADER;
  for (const t of trainees) for (let i = 0; i < 20; i++) csv += handoffRow('backup', t.email, i);
  const imported = await fetch(`${api.base}/handoffs/import?mode=SOLO`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: csv });
  expect(imported.status).toBe(200);
  const keys = (await programActivities(api.base, token)).map((a) => a.key);
  await overrideActivities([{ base: api.base, token }], [trainees[0].enrollmentId], keys);
  const { issueCertificate } = await gqlOk(api.base, `mutation($e: ID!) { issueCertificate(enrollmentId: $e) { code } }`, { e: trainees[0].enrollmentId }, token);
  return issueCertificate.code;
}

/** The restored API answers with the same data: the certificate verifies, the trainees are there. */
async function expectServes(api: ApiProcess, code: string) {
  const token = await login(api.base);
  const { verifyCertificate } = await gqlOk(api.base, `query($c: String!) { verifyCertificate(code: $c) { code valid } }`, { c: code });
  expect(verifyCertificate).toEqual({ code, valid: true });
  const { cohorts } = await gqlOk(api.base, `{ cohorts { name enrollments { id } } }`, {}, token);
  expect(cohorts.find((c: { name: string }) => c.name === 'Soak backup').enrollments).toHaveLength(5);
}

describe.each(DATABASE_KINDS)('backup and restore on %s', (kind) => {
  let source: SoakDatabase;
  let target: SoakDatabase;
  let api: ApiProcess | undefined;
  beforeAll(async () => {
    source = await createDatabase(kind, 'backup');
    target = await createDatabase(kind, 'restored');
  });
  afterAll(async () => {
    await api?.kill9();
    await source?.drop();
    await target?.drop();
  });

  it('round-trips the data through db:backup and db:restore, refusing what would lose data', async () => {
    api = await startApi(source);
    const code = await seed(api);
    const file = join(backups, `${kind}.backup`);

    if (kind === 'pglite') {
      // One writer: no backup while the API holds the embedded database.
      const busy = db('backup', [file], source.env);
      expect(busy.status).toBe(1);
      expect(busy.output).toMatch(/in use by the Baton API \(process \d+\)/);
      await api.stop();
      api = undefined;
    }
    const backup = db('backup', [file], source.env);
    expect(backup.output).toMatch(/Backup written/);
    expect(backup.status).toBe(0);
    const before = await fingerprint(source);
    if (api) await api.stop();
    api = undefined;

    // Into an empty database (or data dir).
    const restored = db('restore', [file], target.env);
    expect(restored.output).toMatch(/Restored/);
    expect(restored.status).toBe(0);
    expect(await fingerprint(target)).toEqual(before);
    expect(Object.keys(before).length).toBeGreaterThan(10);

    // Not over existing data without --force; with it, the data is replaced.
    const refused = db('restore', [file], target.env);
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(/--force/);
    await target.query(`DELETE FROM handoff_reviews`);
    const forced = db('restore', [file, '--force'], target.env);
    expect(forced.status).toBe(0);
    expect(await fingerprint(target)).toEqual(before);
    if (kind === 'pglite') expect(readdirSync(target.dataDir).some((f) => f.startsWith('pglite.before-restore-'))).toBe(true);

    // A file that is not a backup changes nothing.
    const broken = db('restore', [join(root, 'package.json'), '--force'], target.env);
    expect(broken.status).toBe(1);
    expect(await fingerprint(target)).toEqual(before);

    api = await startApi(target);
    await expectServes(api, code);
    const stopped = api;
    await api.stop();
    api = undefined;
    // A clean stop closes the embedded database and gives its lock back.
    expect(await stopped.exited).toEqual({ code: 0, signal: null });
    if (kind === 'pglite') expect(existsSync(join(target.dataDir, 'pglite.lock'))).toBe(false);
  });
});
