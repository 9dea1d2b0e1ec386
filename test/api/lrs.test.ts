import validateStatementModule from '@learninglocker/xapi-validation';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../api/src/common/config/config.js';
import { openDatabase } from '../../api/src/common/database/data-source.js';
import { createApi, type StartedApi } from '../../api/src/server.js';
import { factories } from '../support/factories.js';
import { overrideAll, programShape, review, type ProgramShape } from '../support/program.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

// CommonJS package with an ES-style default export.
const validateStatement = ((validateStatementModule as unknown as { default?: unknown }).default ?? validateStatementModule) as (
  s: unknown,
) => { message?: string; path?: string[] }[];

const USERNAME = 'baton-push';
const PASSWORD = 'lrs-sécret-1';

interface Received {
  status: number;
  ids: string[];
  statements: Record<string, unknown>[];
  problems: string[];
}

/**
 * A learning record store stand-in: `POST /xapi/statements` only. It checks HTTP Basic and the
 * xAPI headers, records every request, and can be told to fail (503), to be down (slow, then 503)
 * or to refuse a batch (400).
 */
async function startLrs() {
  const requests: Received[] = [];
  const state = { failNext: 0, down: false, downDelayMs: 1500, rejectNext: 0 };
  const expectedAuth = `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}`;
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const problems: string[] = [];
    if (req.method !== 'POST' || req.url !== '/xapi/statements') problems.push(`unexpected ${req.method} ${req.url}`);
    if (req.headers.authorization !== expectedAuth) problems.push(`bad authorization ${req.headers.authorization}`);
    if (req.headers['x-experience-api-version'] !== '1.0.3') problems.push(`bad version ${req.headers['x-experience-api-version']}`);
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) problems.push(`bad content type ${req.headers['content-type']}`);
    let statements: Record<string, unknown>[] = [];
    try {
      statements = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (!Array.isArray(statements)) problems.push('body is not an array');
    } catch {
      problems.push('body is not JSON');
    }
    const record = (status: number) => requests.push({ status, ids: statements.map((s) => s.id as string), statements, problems });
    if (problems.length) {
      record(400);
      res.writeHead(problems.some((p) => p.startsWith('bad authorization')) ? 401 : 400).end(problems.join('; '));
    } else if (state.down) {
      await new Promise((r) => setTimeout(r, state.downDelayMs));
      record(503);
      res.writeHead(503).end('LRS down for maintenance');
    } else if (state.failNext > 0) {
      state.failNext--;
      record(503);
      res.writeHead(503).end('try again');
    } else if (state.rejectNext > 0) {
      state.rejectNext--;
      record(400);
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"statement refused by test"}');
    } else {
      record(200);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(statements.map((s) => s.id)));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/xapi`,
    state,
    requests,
    /** Statement ids the stand-in accepted, in order, with repeats if any. */
    accepted: () => requests.filter((r) => r.status === 200).flatMap((r) => r.ids),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

type Lrs = Awaited<ReturnType<typeof startLrs>>;
type Person = Awaited<ReturnType<ReturnType<typeof factories>['user']>>;

const STATUS = `{ lrsStatus { configured pending sent failed lastError lastSentAt } }`;
const RECORD = `mutation($input: HandoffReviewInput!) { recordHandoffReview(input: $input) { id } }`;
const ISSUE = `mutation($e: ID!) { issueCertificate(enrollmentId: $e) { id code } }`;
const START = `mutation($e: ID!, $k: String!) { startAttempt(enrollmentId: $e, activityKey: $k) { id } }`;
const SUBMIT = `mutation($a: ID!, $answers: [AnswerInput!]!) { submitAttempt(attemptId: $a, answers: $answers) { passed score } }`;

let lrs: Lrs;
let t: TestApi;
let f: ReturnType<typeof factories>;
let program: ProgramShape;
let admin: Person;
let hr: Person;
let supervisor: Person;
let cohort: { id: string };
let second: StartedApi | undefined;

interface Status {
  configured: boolean;
  pending: number;
  sent: number;
  failed: number;
  lastError: string | null;
  lastSentAt: string | null;
}
const status = async () => (await t.ok<{ lrsStatus: Status }>(STATUS, {}, admin.token)).lrsStatus;

/** Polls lrsStatus until `done` holds (bounded), and returns the last status. */
async function waitFor(done: (s: Status) => boolean, what: string, timeoutMs = 25_000): Promise<Status> {
  const until = Date.now() + timeoutMs;
  let s = await status();
  while (!done(s)) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}; lrsStatus: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
    s = await status();
  }
  return s;
}

async function exportedIds(): Promise<string[]> {
  const res = await fetch(`${t.url}/exports/xapi.json`, { headers: { authorization: `Bearer ${admin.token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }[]).map((s) => s.id);
}

beforeAll(async () => {
  lrs = await startLrs();
  const env = { XAPI_LRS_URL: lrs.url, XAPI_LRS_USERNAME: USERNAME, XAPI_LRS_PASSWORD: PASSWORD, XAPI_LRS_INTERVAL_MS: '200' };
  t = await startTestApi(env);
  // On a PostgreSQL server, a second API process pushes from the same outbox: nothing may be sent twice.
  if (t.databaseUrl) second = await createApi(t.config, { database: await openDatabase({ url: t.databaseUrl }), logger: false });
  f = factories(t);
  admin = await f.admin();
  hr = await f.hr();
  supervisor = await f.supervisor();
  program = await programShape(t, admin.token);
  cohort = await f.cohort({ supervisors: [supervisor] });
}, 120_000);

afterAll(async () => {
  await second?.close();
  await t?.close();
  await lrs?.close();
});

describe('xAPI push to a learning record store', () => {
  it('sends every statement exactly once, valid, retrying after 503s', async () => {
    lrs.state.failNext = 2;
    const allKeys = program.weeks.flatMap((w) => w.activities.map((a) => a.key));

    const trainee = await f.trainee('Noor Haddad');
    const { id: enrollmentId } = await f.enroll(cohort.id, trainee.id);
    await overrideAll(t, admin.token, enrollmentId, allKeys);
    for (let i = 0; i < 20; i++) await t.ok(RECORD, { input: review(enrollmentId, `solo-${i}`, 'SOLO') }, supervisor.token);
    await t.ok(ISSUE, { e: enrollmentId }, supervisor.token);

    const learner = await f.trainee('Kai Müller');
    const { id: learnerEnrollment } = await f.enroll(cohort.id, learner.id);
    const attempt = (await t.ok(START, { e: learnerEnrollment, k: 'w1-why-handoffs' }, learner.token)).startAttempt;
    await t.ok(SUBMIT, { a: attempt.id, answers: [] }, learner.token);

    const expected = await exportedIds();
    expect(expected.length).toBeGreaterThan(allKeys.length);
    const s = await waitFor((s) => s.pending === 0 && s.sent >= expected.length, 'every statement sent');

    const accepted = lrs.accepted();
    expect(new Set(accepted).size).toBe(accepted.length);
    expect([...accepted].sort()).toEqual([...expected].sort());
    expect(s).toMatchObject({ configured: true, pending: 0, sent: expected.length, failed: 0, lastError: null });
    expect(Date.parse(s.lastSentAt!)).toBeGreaterThan(Date.now() - 60_000);

    expect(lrs.requests.flatMap((r) => r.problems)).toEqual([]);
    for (const r of lrs.requests) expect(r.ids.length).toBeLessThanOrEqual(100);
    for (const statement of lrs.requests.flatMap((r) => r.statements)) expect(validateStatement(statement), JSON.stringify(statement)).toEqual([]);
    // The two refused batches came again and were accepted.
    const refused = lrs.requests.filter((r) => r.status === 503);
    expect(refused).toHaveLength(2);
    for (const id of refused.flatMap((r) => r.ids)) expect(accepted).toContain(id);
    // Earned (certificate), waived (overrides) and failed (the attempt) all went out.
    const verbs = new Set(lrs.requests.filter((r) => r.status === 200).flatMap((r) => r.statements.map((st) => (st.verb as { id: string }).id)));
    expect(verbs).toEqual(
      new Set(['http://id.tincanapi.com/verb/earned', 'http://adlnet.gov/expapi/verbs/waived', 'http://adlnet.gov/expapi/verbs/failed']),
    );
  });

  it("never makes a trainee wait for the LRS: their mutation succeeds while it is down, and the statement goes once it is back", async () => {
    lrs.state.down = true;
    const before = lrs.accepted().length;
    const trainee = await f.trainee();
    const { id: enrollmentId } = await f.enroll(cohort.id, trainee.id);
    // Let a round pick up and start sending something, so the LRS is busy while the trainee works.
    await overrideAll(t, admin.token, enrollmentId, ['w1-why-handoffs']);
    await new Promise((r) => setTimeout(r, 400));
    const started = Date.now();
    const attempt = (await t.ok(START, { e: enrollmentId, k: 'w1-why-handoffs' }, trainee.token)).startAttempt;
    const result = (await t.ok(SUBMIT, { a: attempt.id, answers: [] }, trainee.token)).submitAttempt;
    expect(result.passed).toBe(false);
    expect(Date.now() - started).toBeLessThan(lrs.state.downDelayMs);

    const down = await waitFor((s) => s.pending >= 2 && /503/.test(s.lastError ?? ''), 'the failures to show');
    expect(down.lastError).toContain('LRS down for maintenance');
    expect(lrs.accepted().length).toBe(before);

    lrs.state.down = false;
    await waitFor((s) => s.pending === 0, 'the queue to drain', 30_000);
    const accepted = lrs.accepted();
    expect(new Set(accepted).size).toBe(accepted.length);
    expect([...accepted].sort()).toEqual((await exportedIds()).sort());
    expect((await status()).lastError).toBeNull();
  }, 60_000);

  it('keeps statements the LRS refuses as failed, and shows why', async () => {
    const { failed: failedBefore } = await status();
    lrs.state.rejectNext = 1;
    const trainee = await f.trainee();
    const { id: enrollmentId } = await f.enroll(cohort.id, trainee.id);
    await overrideAll(t, admin.token, enrollmentId, ['w1-why-handoffs']);
    const s = await waitFor((s) => s.failed > failedBefore && s.pending === 0, 'the refusal');
    expect(s.failed).toBe(failedBefore + 1);
    expect(s.lastError).toMatch(/^HTTP 400: .*refused by test/);
    const [row] = await t.dataSource.query(`SELECT attempts, failed_at, sent_at FROM xapi_outbox WHERE failed_at IS NOT NULL`);
    expect(row).toMatchObject({ attempts: 1, sent_at: null });
    // A refused statement is not sent again.
    await new Promise((r) => setTimeout(r, 600));
    expect((await status()).failed).toBe(failedBefore + 1);
  });

  it('shows the status to admins only', async () => {
    const r = await t.gql(STATUS, {}, hr.token);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(STATUS)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('checks the LRS variables at boot, naming the variable', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ XAPI_LRS_URL: 'ftp://lrs.example.com', XAPI_LRS_USERNAME: 'a', XAPI_LRS_PASSWORD: 'b' })).toEqual([
      expect.stringContaining('XAPI_LRS_URL must be an http:// or https:// URL'),
    ]);
    expect(problems({ XAPI_LRS_URL: 'https://lrs.example.com/xapi', XAPI_LRS_USERNAME: 'a' })).toEqual([
      'XAPI_LRS_USERNAME and XAPI_LRS_PASSWORD must be set together',
    ]);
    expect(problems({ XAPI_LRS_URL: 'https://lrs.example.com/xapi' })[0]).toMatch(/^XAPI_LRS_USERNAME and XAPI_LRS_PASSWORD must be set when XAPI_LRS_URL/);
    expect(problems({ XAPI_LRS_USERNAME: 'a', XAPI_LRS_PASSWORD: 'b' })[0]).toMatch(/^XAPI_LRS_URL must be set/);
    expect(problems({ XAPI_LRS_URL: 'https://lrs.example.com/xapi', XAPI_LRS_USERNAME: 'a', XAPI_LRS_PASSWORD: 'b', XAPI_LRS_INTERVAL_MS: '5' })).toEqual([
      'XAPI_LRS_INTERVAL_MS must be a whole number from 100 to 3600000, got "5"',
    ]);
    expect(loadConfig({ XAPI_LRS_URL: 'https://lrs.example.com/xapi/', XAPI_LRS_USERNAME: 'a', XAPI_LRS_PASSWORD: 'b' }).lrs).toEqual({
      url: 'https://lrs.example.com/xapi',
      username: 'a',
      password: 'b',
      intervalMs: 10_000,
      maxAttempts: 20,
    });
    expect(loadConfig({}).lrs).toBeUndefined();
  });
});
