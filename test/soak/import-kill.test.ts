import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildApi,
  createDatabase,
  DATABASE_KINDS,
  HANDOFF_HEADER,
  handoffRow,
  login,
  seedTrainees,
  sleep,
  startApi,
  type ApiProcess,
  type SoakDatabase,
} from './support/api-process.js';

// kill -9 of the API in the middle of a handoff import (POST /handoffs/import, one transaction for
// the whole file): after a restart the file is in the database entirely or not at all.
const ROWS = Number(process.env.SOAK_ROWS ?? 50_000);
const AGENTS = 20;
/**
 * The upload is paced over this long, so that what the test has sent is about what the API has
 * read (a fast client would sit whole in socket buffers) and "halfway" is halfway for the API too.
 */
const UPLOAD_MS = 4_000;

beforeAll(() => buildApi(), 300_000);

describe.each(DATABASE_KINDS)('kill -9 during a %s handoff import', (kind) => {
  let db: SoakDatabase;
  let api: ApiProcess | undefined;
  let agents: string[];
  beforeAll(async () => {
    db = await createDatabase(kind, 'import');
    api = await startApi(db);
    agents = (await seedTrainees(api.base, await login(api.base), AGENTS, 'import')).map((a) => a.email);
  });
  afterAll(async () => {
    await api?.kill9();
    await db?.drop();
  });

  async function* file(prefix: string, progress: { sent: number }, paced: boolean) {
    yield HANDOFF_HEADER;
    for (let i = 0; i < ROWS; i += 100) {
      let chunk = '';
      for (let j = i; j < Math.min(i + 100, ROWS); j++) chunk += handoffRow(prefix, agents[j % AGENTS], j);
      if (paced) await sleep(UPLOAD_MS / (ROWS / 100));
      progress.sent = Math.min(i + 100, ROWS);
      yield chunk;
    }
  }
  const upload = (base: string, token: string, prefix: string, progress?: { sent: number }, query = '') =>
    fetch(`${base}/handoffs/import?mode=SOLO${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: Readable.toWeb(Readable.from(file(prefix, progress ?? { sent: 0 }, !!progress))) as ReadableStream,
      duplex: 'half',
    } as RequestInit);

  /** A transaction of the API has written and not ended (PostgreSQL only; PGlite has no window). */
  const writingTransactionOpen = async () =>
    db.kind === 'postgres' &&
    (await db.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()`)).length > 0;

  it.each([
    ['halfway through the upload', 0.5],
    ['right after the last row is sent', 1],
    // An import the API answered is on disk: a kill the moment after loses none of it.
    ['right after the API answered', 2],
  ])('leaves all or nothing when killed %s', async (_, fraction) => {
    const prefix = `kill-${fraction}`;
    const token = await login(api!.base);
    const progress = { sent: 0 };
    let answered = false;
    const started = performance.now();
    const pending = upload(api!.base, token, prefix, progress).then(
      () => (answered = true),
      () => undefined, // the connection dies with the process
    );
    while (progress.sent < ROWS * fraction || (fraction < 1 && db.kind === 'postgres' && !(await writingTransactionOpen()))) {
      if (answered) break;
      await sleep(fraction < 1 ? 20 : 1);
    }
    const killedAfterMs = performance.now() - started;
    const sentAtKill = progress.sent;
    await api!.kill9();
    await pending;
    api = await startApi(db);

    // A dry run says what is already there without changing anything: every row new, or none.
    const check = await (await upload(api.base, await login(api.base), prefix, undefined, '&dryRun=1')).json();
    const committed = check.unchanged as number;
    console.log(
      `[soak import ${kind}] ${ROWS} rows, killed ${_} after ${(killedAfterMs / 1000).toFixed(1)} s (${sentAtKill} rows sent, answered before the kill: ${answered}): ${committed} committed after restart`,
    );
    expect(check.rows).toBe(ROWS);
    expect([0, ROWS]).toContain(committed);
    expect(check.imported + check.unchanged).toBe(ROWS);
    if (fraction < 1) expect(answered).toBe(false);
    if (fraction > 1) expect(committed).toBe(ROWS);
    if (db.kind === 'postgres') {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM handoff_reviews WHERE external_id LIKE $1`, [`${prefix}-%`]);
      expect(n).toBe(committed);
    }

    // The service goes on: the same file imports completely (no import lock left behind).
    const again = await upload(api.base, await login(api.base), prefix);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ rows: ROWS, imported: ROWS - committed, unchanged: committed });
  });

  it('opens the database directly afterwards and finds every imported row once', async () => {
    await api!.stop();
    api = undefined;
    const [{ n, distinct }] = await db.query(`SELECT count(*)::int AS n, count(DISTINCT (enrollment_id, external_id))::int AS distinct FROM handoff_reviews`);
    expect({ n, distinct }).toEqual({ n: 3 * ROWS, distinct: 3 * ROWS });
    api = await startApi(db);
  });
});
