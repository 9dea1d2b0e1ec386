import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/src/common/config/config.js';
import { signatureHeader } from '../../api/src/handoff-import/domain/signature.js';
import { factories } from '../support/factories.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const SECRET = 'test-webhook-secret-0123456789abcdef';

let t: TestApi;
let f: ReturnType<typeof factories>;
let admin: Awaited<ReturnType<ReturnType<typeof factories>['admin']>>;
beforeAll(async () => {
  t = await startTestApi({ BATON_WEBHOOK_SECRET: SECRET });
  f = factories(t);
  admin = await f.admin();
});
afterAll(() => t?.close());

async function setup() {
  const supervisor = await f.supervisor();
  const trainee = await f.trainee();
  const cohort = await f.cohort({ supervisors: [supervisor] });
  const enrollment = await f.enroll(cohort.id, trainee.id);
  return { supervisor, trainee, cohort, enrollment };
}

interface Sent {
  status: number;
  body: any;
}

async function send(path: string, body: string | Buffer, contentType: string | null, headers: Record<string, string> = {}): Promise<Sent> {
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const importFile = (body: string | Buffer, contentType: string, token?: string, query = '') =>
  send(`/handoffs/import${query}`, body, contentType, token ? { authorization: `Bearer ${token}` } : {});

const CERTIFICATION = `query($id: ID!) { enrollment(id: $id) { certification { soloHandoffs metrics { code value } } } }`;
async function metrics(enrollmentId: string) {
  const c = (await t.ok<{ enrollment: any }>(CERTIFICATION, { id: enrollmentId }, admin.token)).enrollment.certification;
  return { solo: c.soloHandoffs as number, ...Object.fromEntries(c.metrics.map((m: any) => [m.code, m.value])) };
}
const reviewsOf = (enrollmentId: string) =>
  t.dataSource.query(`SELECT * FROM handoff_reviews WHERE enrollment_id = $1 ORDER BY external_id`, [enrollmentId]);

const HEADER = 'conversation_id,agent_email,handed_off_at,first_response_at,csat,resolved,known_facts,context_items_used,customer_repeated';
/** A CSV row: response after `ttfr` seconds; context 2 facts + issue = 3 available. */
const csvRow = (id: string, email: string, o: { ttfr?: number; csat?: string; resolved?: string; used?: number; repeated?: string; at?: string } = {}) => {
  const at = new Date(o.at ?? '2026-03-02T10:00:00Z');
  const first = new Date(at.getTime() + (o.ttfr ?? 30) * 1000);
  return [
    id,
    email,
    at.toISOString(),
    first.toISOString(),
    o.csat ?? '5',
    o.resolved ?? 'yes',
    '"order number=#48213; email=priya@example.com"',
    o.used ?? 3,
    o.repeated ?? 'no',
  ].join(',');
};
const csv = (...rows: string[]) => `${HEADER}\n${rows.join('\n')}\n`;

describe('POST /handoffs/import', () => {
  it('imports a CSV into reviews of the agent’s enrollment and moves the metrics', async () => {
    const { supervisor, trainee, enrollment } = await setup();
    const file = csv(
      csvRow('c-1', trainee.email, { ttfr: 20 }),
      csvRow('c-2', trainee.email.toUpperCase(), { ttfr: 40, csat: '4', used: 2 }),
      csvRow('c-3', trainee.email, { ttfr: 90, csat: '', resolved: 'no', repeated: 'yes' }),
    );
    const r = await importFile(file, 'text/csv; charset=utf-8', supervisor.token);
    expect(r).toEqual({
      status: 200,
      body: { imported: 3, replaced: 0, unchanged: 0, enrollmentsUpdated: 1, rows: 3, dryRun: false, ignoredColumns: [] },
    });
    expect(await metrics(enrollment.id)).toEqual({
      solo: 3,
      TIME_TO_FIRST_RESPONSE: 50,
      CONTEXT_UTILIZATION: expect.closeTo((8 / 9) * 100, 9),
      CUSTOMER_REPEAT_RATE: expect.closeTo(100 / 3, 9),
      HANDOFF_CSAT: 4.5,
      RESOLUTION_RATE: expect.closeTo(200 / 3, 9),
    });
    const rows = await reviewsOf(enrollment.id);
    expect(rows.map((x: any) => [x.external_id, x.mode, x.context_items_available, x.reviewer_id])).toEqual([
      ['c-1', 'SOLO', 3, supervisor.id],
      ['c-2', 'SOLO', 3, supervisor.id],
      ['c-3', 'SOLO', 3, supervisor.id],
    ]);
    const audit = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'HANDOFF_REVIEW_RECORDED' AND entity_id = $1`, [enrollment.id]);
    expect(audit.map((a: any) => a.details)).toEqual([{ source: 'import', imported: 3, replaced: 0 }]);
  });

  it('imports a JSON array and JSON Lines, with mode=SUPERVISED for the whole file', async () => {
    const { supervisor, trainee, enrollment } = await setup();
    const record = (id: string) => ({
      conversation_id: id,
      agent_email: trainee.email,
      handed_off_at: '2026-03-02T10:00:00+01:00',
      first_response_at: '2026-03-02T10:00:45+01:00',
      csat: 5,
      resolved: true,
      known_facts: [{ label: 'plan', value: 'Premium' }],
      context_items_used: 2,
      customer_repeated: false,
      tags: ['vip'],
    });
    const array = await importFile(JSON.stringify([record('j-1'), record('j-2')], null, 2), 'application/json', admin.token, '?mode=SUPERVISED');
    expect(array.body).toMatchObject({ imported: 2, enrollmentsUpdated: 1, ignoredColumns: ['tags'] });
    const lines = await importFile(`${JSON.stringify(record('j-3'))}\n${JSON.stringify({ ...record('j-4'), mode: 'SOLO' })}\n`, 'application/x-ndjson', supervisor.token, '?mode=supervised');
    expect(lines.body).toMatchObject({ imported: 2 });
    const rows = await reviewsOf(enrollment.id);
    expect(rows.map((x: any) => [x.external_id, x.mode, new Date(x.handed_off_at).toISOString()])).toEqual([
      ['j-1', 'SUPERVISED', '2026-03-02T09:00:00.000Z'],
      ['j-2', 'SUPERVISED', '2026-03-02T09:00:00.000Z'],
      ['j-3', 'SUPERVISED', '2026-03-02T09:00:00.000Z'],
      ['j-4', 'SOLO', '2026-03-02T09:00:00.000Z'],
    ]);
    expect((await metrics(enrollment.id)).solo).toBe(1);
  });

  it('changes nothing when one row is bad and reports every bad row with its line', async () => {
    const { supervisor, trainee, enrollment } = await setup();
    const withdrawn = await f.trainee();
    const transcriptCell = `[${JSON.stringify({ at: '2026-03-02T10:00:05Z', speaker: 'AGENT', text: 'Hi, I am on it.' })}\n]`.replace(/"/g, '""');
    const file = [
      `${HEADER},transcript,issue_summary,customer_name`, // line 1
      `${csvRow('ok-1', trainee.email)},,,`, // 2
      `${csvRow('bad-time', trainee.email, { ttfr: -5 })},,,`, // 3
      `${csvRow('ok-2', trainee.email)},"${transcriptCell}",Refund,Priya`, // 4-5 (the transcript spans two lines)
      `${csvRow('bad-csat', trainee.email, { csat: '9' })},,,`, // 6
      `${csvRow('nobody', 'nobody@example.test')},,,`, // 7
      `${csvRow('ok-1', trainee.email)},,,`, // 8: same conversation again
      `${csvRow('bad-used', trainee.email, { used: 7 })},,,`, // 9
      'short,row', // 10
      `${csvRow('no-enrollment', withdrawn.email)},,,`, // 11
    ].join('\n');
    const r = await importFile(file, 'text/csv', supervisor.token);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_USER_INPUT');
    expect(r.body.error.message).toMatch(/Nothing was imported: 7 rows have problems/);
    expect(r.body.error.rowsWithProblems).toBe(7);
    expect(r.body.error.rows).toEqual([
      { line: 3, reason: 'first_response_at cannot be before handed_off_at' },
      { line: 6, reason: expect.stringMatching(/^csat must be a whole number from 1 to 5/) },
      { line: 7, reason: 'no account has the email nobody@example.test' },
      { line: 8, reason: `conversation ok-1 of ${trainee.email} is already on line 2` },
      { line: 9, reason: 'context_items_used (7) must be between 0 and context_items_available (3, the known facts + 1)' },
      { line: 10, reason: 'expected 12 cells like the header row, found 2' },
      { line: 11, reason: `${withdrawn.email} has no active enrollment` },
    ]);
    expect(await reviewsOf(enrollment.id)).toEqual([]);
    expect((await metrics(enrollment.id)).solo).toBe(0);

    const many = csv(...Array.from({ length: 1500 }, (_, i) => csvRow(`m-${i}`, trainee.email, { csat: '0' })));
    const capped = await importFile(many, 'text/csv', supervisor.token);
    expect(capped.body.error.rowsWithProblems).toBe(1500);
    expect(capped.body.error.rows).toHaveLength(1000);
    expect(capped.body.error.rows.at(-1).line).toBe(1001);
    expect(capped.body.error.message).toMatch(/1,500 rows have problems.*The first 1,000 are listed\./);

    // A row naming an agent not looked up yet is checked when its batch is written, after the
    // rows behind it: the problems are still listed in line order.
    const late = csv(
      ...Array.from({ length: 600 }, (_, i) => csvRow(`g-${i}`, trainee.email)), // lines 2-601
      csvRow('late', 'late@example.test'), // 602: its agent is looked up with the next batch
      csvRow('bad', trainee.email, { ttfr: -5 }), // 603: checked at once
    );
    expect((await importFile(late, 'text/csv', supervisor.token)).body.error.rows).toEqual([
      { line: 602, reason: 'no account has the email late@example.test' },
      { line: 603, reason: 'first_response_at cannot be before handed_off_at' },
    ]);
    expect(await reviewsOf(enrollment.id)).toEqual([]);
  });

  it('refuses a header without the required columns, an empty file and an unknown content type', async () => {
    const { supervisor } = await setup();
    const r = await importFile('id,email,when\n1,a@b.example,now\n', 'text/csv', supervisor.token);
    expect(r.status).toBe(400);
    expect(r.body.error.rows).toEqual([{ line: 1, reason: expect.stringMatching(/lacks the required columns conversation_id, agent_email, handed_off_at, resolved/) }]);
    expect(r.body.error.ignoredColumns).toEqual(['id', 'email', 'when']);
    expect((await importFile(`${HEADER}\n`, 'text/csv', supervisor.token)).body.error.message).toMatch(/holds no handoffs/);
    expect((await importFile('[{"a":1}', 'application/json', supervisor.token)).body.error.rows.at(-1)).toEqual({
      line: 1,
      reason: 'the JSON array is not closed with "]"',
    });
    const xml = await importFile('<handoffs/>', 'application/xml', supervisor.token);
    expect(xml.status).toBe(415);
    expect((await importFile(csv(), 'text/csv', supervisor.token, '?mode=LIVE')).status).toBe(400);
  });

  it('is idempotent: the same file again changes nothing; a changed row replaces its review', async () => {
    const { supervisor, trainee, enrollment } = await setup();
    const file = csv(csvRow('i-1', trainee.email), csvRow('i-2', trainee.email), csvRow('i-3', trainee.email));
    await importFile(file, 'text/csv', supervisor.token);
    const before = await reviewsOf(enrollment.id);
    const again = await importFile(file, 'text/csv', admin.token);
    expect(again.body).toMatchObject({ imported: 0, replaced: 0, unchanged: 3, enrollmentsUpdated: 0 });
    const after = await reviewsOf(enrollment.id);
    expect(after).toEqual(before); // not even recorded_at or the reviewer moved

    const changed = csv(csvRow('i-1', trainee.email), csvRow('i-2', trainee.email, { csat: '2' }), csvRow('i-4', trainee.email));
    const r = await importFile(changed, 'text/csv', supervisor.token);
    expect(r.body).toMatchObject({ imported: 1, replaced: 1, unchanged: 1, enrollmentsUpdated: 1 });
    expect((await reviewsOf(enrollment.id)).map((x: any) => [x.external_id, x.csat])).toEqual([
      ['i-1', 5],
      ['i-2', 2],
      ['i-3', 5],
      ['i-4', 5],
    ]);
  });

  it('runs concurrent imports of overlapping files one after the other, without deadlock or double rows', async () => {
    const a = await setup();
    const b = await setup();
    const rows = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => [csvRow(`x-${from + i}`, a.trainee.email), csvRow(`x-${from + i}`, b.trainee.email)]).flat();
    const [first, second] = await Promise.all([
      importFile(csv(...rows(0, 600)), 'text/csv', admin.token),
      importFile(csv(...rows(300, 900).reverse()), 'text/csv', admin.token),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.imported + second.body.imported).toBe(1800);
    expect(first.body.unchanged + second.body.unchanged).toBe(600);
    expect(await reviewsOf(a.enrollment.id)).toHaveLength(900);
    expect((await metrics(b.enrollment.id)).solo).toBe(900);
  });

  it('waits for an import that is already running', async () => {
    const { trainee, enrollment } = await setup();
    const running = t.dataSource.createQueryRunner();
    await running.connect();
    await running.startTransaction();
    await running.query(`SELECT pg_advisory_xact_lock(7240515001)`);
    let done = false;
    const waiting = importFile(csv(csvRow('w-1', trainee.email)), 'text/csv', admin.token).then((r) => ((done = true), r));
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(done).toBe(false);
    await running.commitTransaction();
    await running.release();
    expect((await waiting).body).toMatchObject({ imported: 1 });
    expect(await reviewsOf(enrollment.id)).toHaveLength(1);
  });

  it('with dryRun=1 reports what would happen and changes nothing', async () => {
    const { supervisor, trainee, enrollment } = await setup();
    const r = await importFile(csv(csvRow('d-1', trainee.email)), 'text/csv', supervisor.token, '?dryRun=1');
    expect(r.body).toMatchObject({ imported: 1, enrollmentsUpdated: 1, dryRun: true });
    expect(await reviewsOf(enrollment.id)).toEqual([]);
  });

  it('lets only the cohort’s supervisors and admins import', async () => {
    const { trainee, enrollment } = await setup();
    const file = csv(csvRow('p-1', trainee.email));
    const other = await f.supervisor();
    await f.cohort({ supervisors: [other] });
    const foreign = await importFile(file, 'text/csv', other.token);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error).toMatchObject({ code: 'FORBIDDEN', rows: [{ line: 2, reason: expect.stringMatching(/which you do not supervise$/) }] });
    expect((await importFile(file, 'text/csv', trainee.token)).status).toBe(403);
    expect((await importFile(file, 'text/csv', (await f.hr()).token)).status).toBe(403);
    const anonymous = await importFile(file, 'text/csv');
    expect(anonymous).toEqual({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: expect.any(String) } } });
    expect(await reviewsOf(enrollment.id)).toEqual([]);
  });

  it('takes context use and customer repeats from the transcript analyzer, unless the columns say otherwise', async () => {
    const { supervisor, trainee, enrollment } = await setup();
    const base = {
      agent_email: trainee.email,
      handed_off_at: '2026-03-02T10:00:00Z',
      resolved: true,
      csat: 5,
      customer_name: 'Priya Raman',
      issue_summary: 'Charged twice for the April Premium subscription; wants the duplicate refunded.',
      known_facts: [
        { label: 'order number', value: '#48213' },
        { label: 'email', value: 'priya.raman@example.com' },
      ],
    };
    const good = [
      { at: '2026-03-02T09:59:00Z', speaker: 'CUSTOMER', text: 'I was charged twice for April!' },
      { at: '2026-03-02T10:00:20Z', speaker: 'AGENT', text: `Hi Priya, I'm ${trainee.name}. I can see order #48213 was charged twice for April Premium; I'm refunding the duplicate now, it takes about 2 minutes.` },
      { at: '2026-03-02T10:02:00Z', speaker: 'AGENT', text: 'Done: the refund is on its way to priya.raman@example.com. Is everything working now?' },
    ];
    const asksAgain = [
      { at: '2026-03-02T10:00:50Z', speaker: 'AGENT', text: 'Hello! What is your order number?' },
      { at: '2026-03-02T10:01:30Z', speaker: 'CUSTOMER', text: 'I already gave it: #48213' },
      { at: '2026-03-02T10:02:00Z', speaker: 'AGENT', text: 'Thanks, refunding the double charge now.' },
    ];
    const file = [
      { ...base, conversation_id: 't-good', transcript: good },
      { ...base, conversation_id: 't-repeat', transcript: asksAgain },
      { ...base, conversation_id: 't-explicit', transcript: asksAgain, context_items_used: 1, customer_repeated: false, first_response_at: '2026-03-02T10:00:10Z' },
    ];
    const r = await importFile(JSON.stringify(file), 'application/json', supervisor.token);
    expect(r.body).toMatchObject({ imported: 3 });
    const rows = Object.fromEntries((await reviewsOf(enrollment.id)).map((x: any) => [x.external_id, x]));
    expect(rows['t-good']).toMatchObject({ context_items_available: 3, context_items_used: 3, customer_repeated: false });
    expect(new Date(rows['t-good'].first_response_at).toISOString()).toBe('2026-03-02T10:00:20.000Z');
    expect(rows['t-good'].notes).toMatch(/First response 20 s after the handoff/);
    expect(rows['t-repeat']).toMatchObject({ context_items_available: 3, customer_repeated: true });
    expect(rows['t-repeat'].context_items_used).toBeLessThan(3);
    expect(new Date(rows['t-repeat'].first_response_at).toISOString()).toBe('2026-03-02T10:00:50.000Z');
    expect(rows['t-explicit']).toMatchObject({ context_items_available: 3, context_items_used: 1, customer_repeated: false });
    expect(new Date(rows['t-explicit'].first_response_at).toISOString()).toBe('2026-03-02T10:00:10.000Z');

    // The transcript and context stay with the review, for the reviewer to confirm or correct the QA.
    const shown = await t.ok(`query($id: ID!) { enrollment(id: $id) { handoffReviews { externalId conversation scorecard { key passed } } } }`, { id: enrollment.id }, supervisor.token);
    const repeat = shown.enrollment.handoffReviews.find((x: any) => x.externalId === 't-repeat');
    expect(repeat.conversation).toMatchObject({ customerName: 'Priya Raman', knownFacts: base.known_facts });
    expect(repeat.conversation.transcript).toHaveLength(3);
    expect(repeat.scorecard.length).toBeGreaterThan(0);
  });

  it('imports the shipped sample files', async () => {
    const supervisor = await f.supervisor();
    const cohort = await f.cohort({ supervisors: [supervisor] });
    const { IdentityService } = await import('../../api/src/identity/identity.service.js');
    const identity = t.api.app.get(IdentityService);
    for (const [email, name] of [
      ['dev.patel@baton.example', 'Dev Patel'],
      ['elena.rossi@baton.example', 'Elena Rossi'],
    ]) {
      const u = await identity.createUser(null, { email, name, role: 'TRAINEE' as never, password: 'correct-horse-battery', employeeId: null });
      await f.enroll(cohort.id, u.id);
    }
    const sampleCsv = readFileSync(new URL('../fixtures/handoffs/sample.csv', import.meta.url));
    const sampleJson = readFileSync(new URL('../fixtures/handoffs/sample.json', import.meta.url));
    const a = await importFile(sampleCsv, 'text/csv', supervisor.token);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const b = await importFile(sampleJson, 'application/json', supervisor.token);
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    expect(a.body.imported + b.body.imported).toBeGreaterThanOrEqual(6);
  });

  it('streams a 5 MB JSON array past the 1 MB body limit of the GraphQL parser', async () => {
    const { supervisor, trainee, enrollment } = await setup();
    const notes = 'n'.repeat(4000);
    const records = Array.from({ length: 1300 }, (_, i) => ({
      conversation_id: `big-${i}`,
      agent_email: trainee.email,
      handed_off_at: '2026-03-02T10:00:00Z',
      first_response_at: '2026-03-02T10:00:30Z',
      resolved: true,
      context_items_used: 1,
      customer_repeated: false,
      notes,
    }));
    const body = JSON.stringify(records);
    expect(body.length).toBeGreaterThan(5_000_000);
    const r = await importFile(body, 'application/json', supervisor.token);
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
    expect(r.body).toMatchObject({ imported: 1300 });
    expect((await metrics(enrollment.id)).solo).toBe(1300);
  });

  it('imports a 20,000-row CSV in one call', async () => {
    const supervisor = await f.supervisor();
    const cohort = await f.cohort({ supervisors: [supervisor] });
    const agents = [];
    for (let i = 0; i < 10; i++) {
      const trainee = await f.trainee();
      agents.push({ trainee, enrollment: await f.enroll(cohort.id, trainee.id) });
    }
    const lines = [HEADER];
    for (let i = 0; i < 20_000; i++) {
      const at = new Date(Date.UTC(2026, 2, 2, 8) + i * 60_000).toISOString();
      lines.push(csvRow(`bulk-${i}`, agents[i % 10].trainee.email, { at, ttfr: 10 + (i % 50), csat: String(1 + (i % 5)) }));
    }
    const file = `${lines.join('\n')}\n`;
    const started = performance.now();
    const r = await importFile(file, 'text/csv', supervisor.token);
    const seconds = (performance.now() - started) / 1000;
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
    expect(r.body).toMatchObject({ imported: 20_000, enrollmentsUpdated: 10 });
    const db = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
    console.log(`[handoff-import] 20,000 CSV rows (${(file.length / 1e6).toFixed(1)} MB) on ${db}: ${seconds.toFixed(2)} s, ${Math.round(20_000 / seconds)} rows/s`);
    const m = await metrics(agents[0].enrollment.id);
    expect(m.solo).toBe(2000);
    expect(m.TIME_TO_FIRST_RESPONSE).toBe(30); // i ≡ 0 (mod 10): ttfr 10 + (0, 10, 20, 30, 40)
    const again = performance.now();
    const r2 = await importFile(file, 'text/csv', supervisor.token);
    expect(r2.body).toMatchObject({ imported: 0, unchanged: 20_000 });
    console.log(`[handoff-import] same 20,000 rows again (all unchanged) on ${db}: ${((performance.now() - again) / 1000).toFixed(2)} s`);
  }, 120_000);
});

describe('POST /handoffs/import at scale and at its limits', () => {
  it('recomputes the progress of every enrollment a file touches in the same statements for 4 agents as for 40', async () => {
    const supervisor = await f.supervisor();
    const cohort = await f.cohort({ supervisors: [supervisor] });
    const agents = [];
    for (let i = 0; i < 40; i++) {
      const trainee = await f.trainee();
      agents.push({ trainee, enrollment: await f.enroll(cohort.id, trainee.id) });
    }
    const file = (tag: string, spread: number) =>
      csv(...Array.from({ length: 200 }, (_, i) => csvRow(`${tag}-${i}`, agents[i % spread].trainee.email, { at: new Date(Date.UTC(2026, 2, 2, 8) + i * 60_000).toISOString() })));
    const few = await t.countQueries(() => importFile(file('few', 4), 'text/csv', supervisor.token));
    const many = await t.countQueries(() => importFile(file('many', 40), 'text/csv', supervisor.token));
    expect(few.result.body).toMatchObject({ imported: 200, enrollmentsUpdated: 4 });
    expect(many.result.body).toMatchObject({ imported: 200, enrollmentsUpdated: 40 });
    expect(many.count).toBe(few.count);
    // Every touched enrollment's progress moved: its SOLO handoffs activity awaits the sign-off.
    const rows: { status: string; n: number }[] = await t.dataSource.query(
      `SELECT p.status, count(*)::int AS n FROM activity_progress p JOIN activities a ON a.id = p.activity_id
        WHERE a.kind = 'SOLO_HANDOFFS' AND p.enrollment_id = ANY($1::uuid[]) GROUP BY p.status`,
      [agents.map((a) => a.enrollment.id)],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].n).toBe(40);
    expect((await metrics(agents[39].enrollment.id)).solo).toBe(5);
    const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'HANDOFF_REVIEW_RECORDED' AND entity_id = ANY($1::text[])`, [
      agents.map((a) => a.enrollment.id),
    ]);
    expect(audit[0].n).toBe(44);
  }, 60_000);

  it('refuses a file past BATON_IMPORT_MAX_BYTES with 413, by its Content-Length or once the stream passes it', async () => {
    const { supervisor, trainee, enrollment } = await setup();
    const limits = t.config.importLimits;
    const saved = { ...limits };
    try {
      limits.maxBytes = 2048;
      const file = csv(...Array.from({ length: 40 }, (_, i) => csvRow(`big-${i}`, trainee.email)));
      expect(file.length).toBeGreaterThan(2048);
      const declared = await importFile(file, 'text/csv', supervisor.token);
      expect(declared.status).toBe(413);
      expect(declared.body.error).toMatchObject({ code: 'BAD_USER_INPUT', limitBytes: 2048 });
      expect(declared.body.error.message).toMatch(/2 KB.*BATON_IMPORT_MAX_BYTES/);

      // Sent in chunks without a Content-Length: the limit is counted as the bytes arrive.
      const res = await fetch(`${t.url}/handoffs/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${supervisor.token}` },
        body: new Blob([file]).stream(),
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
      expect(await reviewsOf(enrollment.id)).toHaveLength(0);
    } finally {
      Object.assign(limits, saved);
    }
  });

  it('refuses a file past BATON_IMPORT_MAX_ROWS, naming the limit, and imports nothing', async () => {
    const { supervisor, trainee, enrollment } = await setup();
    const limits = t.config.importLimits;
    const saved = { ...limits };
    try {
      limits.maxRows = 3;
      const r = await importFile(csv(...Array.from({ length: 5 }, (_, i) => csvRow(`rows-${i}`, trainee.email))), 'text/csv', supervisor.token);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('BAD_USER_INPUT');
      expect(r.body.error.rows.at(-1)).toMatchObject({ line: 5 });
      expect(r.body.error.rows.at(-1).reason).toMatch(/more than 3 rows.*BATON_IMPORT_MAX_ROWS/);
      expect(await reviewsOf(enrollment.id)).toHaveLength(0);
    } finally {
      Object.assign(limits, saved);
    }
  });

  it('takes its limits from the environment, checked at start', () => {
    expect(loadConfig({ BATON_IMPORT_MAX_BYTES: '1048576', BATON_IMPORT_MAX_ROWS: '1000' }).importLimits).toEqual({ maxBytes: 1_048_576, maxRows: 1000 });
    expect(() => loadConfig({ BATON_IMPORT_MAX_ROWS: '0' })).toThrow(/BATON_IMPORT_MAX_ROWS/);
    expect(() => loadConfig({ BATON_IMPORT_MAX_BYTES: '10MB' })).toThrow(/BATON_IMPORT_MAX_BYTES/);
  });
});

describe('POST /webhooks/handoffs', () => {
  const hook = (body: string, signature?: string) => send('/webhooks/handoffs', body, 'application/json', signature ? { 'x-baton-signature': signature } : {});

  async function record() {
    const { trainee, enrollment } = await setup();
    const body = {
      conversation_id: `live-${enrollment.id.slice(0, 8)}`,
      agent_email: trainee.email,
      mode: 'SOLO',
      handed_off_at: '2026-03-02T10:00:00Z',
      first_response_at: '2026-03-02T10:00:15Z',
      csat: 5,
      resolved: 'yes',
      known_facts: 'plan=Premium',
      context_items_used: 2,
      customer_repeated: false,
    };
    return { trainee, enrollment, body };
  }

  it('records a signed handoff, once: a replay is unchanged, a correction replaces it', async () => {
    const { enrollment, body } = await record();
    const raw = JSON.stringify(body);
    const first = await hook(raw, signatureHeader(SECRET, raw));
    expect(first).toEqual({ status: 200, body: { status: 'imported', reviewId: expect.any(String) } });
    const replay = await hook(raw, signatureHeader(SECRET, raw));
    expect(replay.body).toEqual({ status: 'unchanged', reviewId: first.body.reviewId });
    const corrected = JSON.stringify({ ...body, csat: 3 });
    const third = await hook(corrected, signatureHeader(SECRET, corrected));
    expect(third.body).toEqual({ status: 'replaced', reviewId: first.body.reviewId });
    const rows = await reviewsOf(enrollment.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ csat: 3, reviewer_id: null, mode: 'SOLO' });
    expect(await metrics(enrollment.id)).toMatchObject({ solo: 1, HANDOFF_CSAT: 3, TIME_TO_FIRST_RESPONSE: 15 });
  });

  it('refuses a missing, wrong or stale signature with 401 and records nothing', async () => {
    const { enrollment, body } = await record();
    const raw = JSON.stringify(body);
    const now = Math.floor(Date.now() / 1000);
    for (const signature of [
      undefined,
      'garbage',
      signatureHeader('another-secret-0123456789abcdefghijk', raw),
      signatureHeader(SECRET, `${raw} `),
      signatureHeader(SECRET, raw, now - 301),
      // Past the 300 s tolerance by more than the time the cases before it take on a loaded machine.
      signatureHeader(SECRET, raw, now + 330),
    ]) {
      const r = await hook(raw, signature);
      expect(r.status, signature).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    }
    expect(await reviewsOf(enrollment.id)).toEqual([]);
  });

  it('answers 400 with the reasons for a bad record', async () => {
    const { body } = await record();
    const bad = JSON.stringify({ ...body, first_response_at: '2026-03-02T09:00:00Z', csat: 0 });
    const r = await hook(bad, signatureHeader(SECRET, bad));
    expect(r.status).toBe(400);
    expect(r.body.error.reasons).toEqual([expect.stringMatching(/^csat must be a whole number from 1 to 5/)]);
    const late = JSON.stringify({ ...body, first_response_at: '2026-03-02T09:00:00Z' });
    expect((await hook(late, signatureHeader(SECRET, late))).body.error.reasons).toEqual(['first_response_at cannot be before handed_off_at']);
    const stranger = JSON.stringify({ ...body, agent_email: 'stranger@example.test' });
    expect((await hook(stranger, signatureHeader(SECRET, stranger))).body.error.message).toMatch(/no account has the email stranger@example.test/);
    const notJson = '{"conversation_id":';
    expect((await hook(notJson, signatureHeader(SECRET, notJson))).status).toBe(400);
  });

  it('takes BATON_WEBHOOK_SECRET from the environment: optional, at least 32 characters', async () => {
    const { loadConfig } = await import('../../api/src/common/config/config.js');
    expect(t.config.webhookSecret).toBe(SECRET);
    expect(loadConfig({}).webhookSecret).toBeUndefined();
    expect(loadConfig({ BATON_WEBHOOK_SECRET: '' }).webhookSecret).toBeUndefined();
    expect(() => loadConfig({ BATON_WEBHOOK_SECRET: 'too-short' })).toThrow(/BATON_WEBHOOK_SECRET must be at least 32 characters/);
  });

  it('answers 503 while no secret is configured', async () => {
    const { HandoffWebhookController } = await import('../../api/src/handoff-import/webhook.controller.js');
    const controller = new HandoffWebhookController(null as never, { ...t.config, webhookSecret: undefined });
    let status = 0;
    let json: any;
    const res = { status: (s: number) => ((status = s), res), json: (b: unknown) => ((json = b), res) };
    const { Readable } = await import('node:stream');
    await controller.receive(Readable.from(['{}']) as never, res as never);
    expect(status).toBe(503);
    expect(json.error.message).toMatch(/BATON_WEBHOOK_SECRET/);
  });
});
