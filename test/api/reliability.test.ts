import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/src/common/config/config.js';
import { openDatabase } from '../../api/src/common/database/data-source.js';
import { READY_TIMEOUT_MS } from '../../api/src/health/health.controller.js';
import { createApi, type StartedApi } from '../../api/src/server.js';
import { TcpProxy } from '../soak/support/tcp-proxy.js';
import { factories } from '../support/factories.js';
import { TEST_PASSWORD, type TestApi } from '../support/test-api.js';
import { openTestDatabase } from '../support/test-database.js';

// Faults of the database server while the API serves (docs/decisions/016): the API reaches
// PostgreSQL through a TCP proxy that the test cuts, refuses, stalls and restores, and the test
// ends the API's server sessions with pg_terminate_backend. Never the machine's server itself.
// PGlite runs inside the API process and has no connection to lose, so this needs DATABASE_URL.

/** Short limits, so a stalled database shows within seconds (production: SERVER_POOL_LIMITS). */
const LIMITS = { connectTimeoutMs: 1_500, queryTimeoutMs: 2_500, statementTimeoutMs: 2_000 };
/** A request during a fault answers within this (the longest limit plus slack on a busy machine). */
const ANSWER_WITHIN_MS = 8_000;

describe.runIf(!!process.env.DATABASE_URL)('database faults while serving', () => {
  let direct: Awaited<ReturnType<typeof openTestDatabase>>;
  let proxy: TcpProxy;
  let api: StartedApi;
  let base: string;
  let dataDir: string;
  let adminToken: string;
  let agentEmail: string;
  let enrollmentId: string;

  const gql = async (query: string, token = adminToken) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: res.status, body: (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
  };
  /** A query that needs the database. */
  const cohorts = () => gql('{ cohorts { id } }');
  const timed = async <T>(f: () => Promise<T>) => {
    const started = performance.now();
    const result = await f();
    return { result, ms: performance.now() - started };
  };
  const probe = async (path: string) => {
    const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(30_000) });
    return { status: res.status, body: (await res.json()) as { status: string } };
  };
  async function untilReady(ms = 15_000) {
    const until = Date.now() + ms;
    for (;;) {
      if ((await probe('/ready')).status === 200) return;
      if (Date.now() > until) throw new Error('/ready did not come back');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const reviewsOf = async (prefix: string) =>
    (await direct.dataSource.query(`SELECT count(*)::int AS n FROM handoff_reviews WHERE external_id LIKE $1`, [`${prefix}%`]))[0].n as number;

  const HEADER = 'conversation_id,agent_email,handed_off_at,first_response_at,csat,resolved,context_items_available,context_items_used,customer_repeated\n';
  const row = (id: string, i: number) => {
    const at = Date.UTC(2026, 2, 2, 9) + i * 60_000;
    return `${id}-${i},${agentEmail},${new Date(at).toISOString()},${new Date(at + 30_000).toISOString()},5,yes,4,4,no\n`;
  };

  /**
   * Starts an import whose body the test feeds: `rows` rows now (written inside the import's open
   * transaction), the rest when `finish` is called. Resolves when the API holds the transaction.
   */
  async function openImport(prefix: string, rows: number) {
    let feed!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (feed = c) });
    const enc = new TextEncoder();
    feed.enqueue(enc.encode(HEADER + Array.from({ length: rows }, (_, i) => row(prefix, i)).join('')));
    const response = fetch(`${base}/handoffs/import?mode=SOLO`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
      signal: AbortSignal.timeout(60_000),
    } as RequestInit).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    response.catch(() => undefined);
    // The import's transaction is open (and has written) once a session of the API is in one.
    const until = Date.now() + 30_000;
    for (;;) {
      const [{ n }] = await direct.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE client_port = ANY($1) AND state LIKE 'idle in transaction%'`,
        [proxy.upstreamPorts()],
      );
      if (n > 0) break;
      if (Date.now() > until) throw new Error(`The import did not open its transaction: ${JSON.stringify(await Promise.race([response, new Promise((r) => setTimeout(r, 100))]))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return {
      response,
      finish(more: number) {
        feed.enqueue(enc.encode(Array.from({ length: more }, (_, i) => row(prefix, rows + i)).join('')));
        feed.close();
      },
    };
  }

  /** A 500 that says nothing of the database's internals. */
  const expectCleanServerError = (body: { error?: { code?: string } }) => {
    expect(body.error?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(body)).not.toMatch(/terminat|ECONN|connection|INSERT|SELECT|handoff_reviews/i);
  };

  /** Every session the API holds on the server, ended by the server. */
  const terminateApiSessions = async () =>
    (
      await direct.dataSource.query(
        `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE client_port = ANY($1)) t`,
        [proxy.upstreamPorts()],
      )
    )[0].n as number;

  beforeAll(async () => {
    direct = await openTestDatabase();
    const through = await TcpProxy.inFrontOf(direct.url!);
    proxy = through.proxy;
    dataDir = mkdtempSync(join(tmpdir(), 'baton-reliability-'));
    const config = loadConfig({ BATON_DATA_DIR: dataDir, BATON_DEMO: '0' });
    api = await createApi(config, { database: await openDatabase({ url: through.url, limits: LIMITS }), logger: false });
    await api.app.listen(0, '127.0.0.1');
    base = `${await api.app.getUrl()}`.replace('[::1]', '127.0.0.1').replace(/\/$/, '');
    const login = async (email: string, password = TEST_PASSWORD) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: email, p: password } }),
      });
      const json = (await res.json()) as any;
      if (!json.data?.login?.token) throw new Error(`login failed: ${JSON.stringify(json)}`);
      return json.data.login.token as string;
    };
    const f = factories({ api, login } as unknown as TestApi);
    adminToken = (await f.admin()).token;
    const trainee = await f.trainee();
    agentEmail = trainee.email;
    enrollmentId = (await f.enroll((await f.cohort()).id, trainee.id)).id;
  });
  afterAll(async () => {
    await proxy?.restore();
    await api?.close();
    await proxy?.close();
    await direct?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports a refused database on /ready (503) but not on /health, fails requests cleanly, and resumes by itself', async () => {
    expect((await cohorts()).body.errors).toBeUndefined();
    await proxy.refuse();

    const { result, ms } = await timed(cohorts);
    expect(result.status).toBe(200);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(await probe('/health')).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await probe('/ready');
    expect(ready.status).toBe(503);
    expect(JSON.stringify(ready.body)).toMatch(/unavailable/);

    await proxy.restore();
    await untilReady();
    expect((await cohorts()).body.errors).toBeUndefined();
  });

  it('survives every connection being cut: the open import fails cleanly and writes nothing, and service resumes', async () => {
    const upload = await openImport('cut', 600);
    proxy.cut();
    upload.finish(400);
    const { result, ms } = await timed(() => upload.response);
    expect(result.status).toBe(500);
    expectCleanServerError(result.body);
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(await reviewsOf('cut-')).toBe(0);

    // The pool dropped the dead connections and opens new ones.
    const after = await cohorts();
    expect(after.body.errors).toBeUndefined();
    const again = await openImport('cut', 600);
    again.finish(400);
    expect((await again.response).body).toMatchObject({ imported: 1000 });
    expect(await reviewsOf('cut-')).toBe(1000);
  });

  it('survives the server ending its sessions (pg_terminate_backend), in the middle of an import too', async () => {
    await Promise.all(Array.from({ length: 6 }, cohorts)); // several pooled connections
    expect(await terminateApiSessions()).toBeGreaterThan(0);
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await cohorts());
    for (const a of answers) expect(a.body.data?.cohorts ?? a.body.errors?.[0]?.extensions?.code).toBeTruthy();
    expect(answers.slice(-5).every((a) => !a.body.errors)).toBe(true);

    const upload = await openImport('terminated', 600);
    expect(await terminateApiSessions()).toBeGreaterThan(0);
    upload.finish(400);
    const { result } = await timed(() => upload.response);
    expect(result.status).toBe(500);
    expectCleanServerError(result.body);
    expect(await reviewsOf('terminated-')).toBe(0);
    expect((await cohorts()).body.errors).toBeUndefined();
    expect((await gql(`{ enrollment(id: "${enrollmentId}") { id } }`)).body.data.enrollment.id).toBe(enrollmentId);
  });

  it('does not hang on a stalled database: requests fail after the timeout, /ready answers 503 in time, and service resumes', async () => {
    await Promise.all(Array.from({ length: 3 }, cohorts));
    proxy.stall();
    const [request, ready, health] = await Promise.all([timed(cohorts), timed(() => probe('/ready')), timed(() => probe('/health'))]);
    expect(request.result.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(request.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(ready.result.status).toBe(503);
    expect(ready.ms).toBeLessThan(READY_TIMEOUT_MS + 1_000);
    expect(health.result.status).toBe(200);
    expect(health.ms).toBeLessThan(1_000);

    await proxy.restore();
    await untilReady();
    const answers = await Promise.all(Array.from({ length: 5 }, cohorts));
    expect(answers.every((a) => !a.body.errors)).toBe(true);
  });
});
