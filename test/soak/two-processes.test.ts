import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildApi,
  createDatabase,
  gql,
  HANDOFF_HEADER,
  handoffRow,
  login,
  overrideActivities,
  programActivities,
  seedTrainees,
  serverUrl,
  sleep,
  startApi,
  type ApiProcess,
  type SoakDatabase,
} from './support/api-process.js';
import { review } from '../support/program.js';

// Two separate API processes on one PostgreSQL database, racing sign-offs, handoff reviews and
// certificate issuing on the same enrollments; then the server ends every session of both
// processes while they serve. (The same race in one test process: test/api/reliability-two-instances.test.ts.)
const ENROLLMENTS = Number(process.env.SOAK_ENROLLMENTS ?? 20);

const SIGN_OFF = `mutation($input: SignOffInput!) { signOff(input: $input) { id } }`;
const RECORD = `mutation($input: HandoffReviewInput!) { recordHandoffReview(input: $input) { id } }`;
const ISSUE = `mutation($e: ID!) { issueCertificate(enrollmentId: $e) { id } }`;

beforeAll(() => buildApi(), 300_000);

describe.runIf(!!serverUrl)('two API processes on one PostgreSQL database', () => {
  let db: SoakDatabase;
  let apis: ApiProcess[] = [];
  let tokens: string[];
  let signedKey: string;
  let enrollments: string[];
  beforeAll(async () => {
    db = await createDatabase('postgres', 'two');
    // Started together: migrations and publishing the curriculum race too.
    apis = await Promise.all([startApi(db), startApi(db)]);
    tokens = await Promise.all(apis.map((a) => login(a.base)));
    const [a] = apis;
    const trainees = await seedTrainees(a.base, tokens[0], ENROLLMENTS, 'two');
    enrollments = trainees.map((t) => t.enrollmentId);
    const activities = await programActivities(a.base, tokens[0]);
    signedKey = activities.find((x) => x.requiresSignOff && !x.kind.endsWith('HANDOFFS'))!.key;
    const others = activities.filter((x) => x.key !== signedKey).map((x) => x.key);
    await overrideActivities(apis.map((api, i) => ({ base: api.base, token: tokens[i] })), enrollments, others);
    let csv = HANDOFF_HEADER;
    for (const t of trainees) for (let i = 0; i < 19; i++) csv += handoffRow('two', t.email, i);
    const imported = await fetch(`${a.base}/handoffs/import?mode=SOLO`, { method: 'POST', headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'text/csv' }, body: csv });
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all(apis.map((a) => a.kill9()));
    await db?.drop();
  });

  it('end consistent: the latest sign-off wins, no review lost or doubled, exactly one certificate each', async () => {
    const via = (i: number, query: string, variables: Record<string, unknown>) => gql(apis[i % 2].base, query, variables, tokens[i % 2]);
    const signOff = (i: number, e: string, approve: boolean) =>
      via(i, SIGN_OFF, { input: { enrollmentId: e, activityKey: signedKey, decision: approve ? 'APPROVED' : 'CHANGES_REQUESTED', ...(approve ? {} : { comment: `Again (${i})` }) } });
    const race = await Promise.all(
      enrollments.flatMap((e) => [
        ...Array.from({ length: 6 }, (_, i) => signOff(i, e, i % 2 === 1)),
        ...Array.from({ length: 6 }, (_, i) => via(i, RECORD, { input: review(e, `race-${i >> 1}`, 'SOLO') })),
        ...Array.from({ length: 4 }, (_, i) => via(i, ISSUE, { e })),
      ]),
    );
    const unexpected = race.filter((r) => r.errors && r.errors[0].extensions?.code !== 'REQUIREMENTS_UNMET');
    expect(unexpected).toEqual([]);

    // Latest sign-off by time decides, for every enrollment.
    const decided = await db.query(
      `SELECT s.enrollment_id, s.decision, s.signed_at, p.status, p.completed_at
         FROM (SELECT DISTINCT ON (enrollment_id) enrollment_id, activity_id, decision, signed_at FROM sign_offs ORDER BY enrollment_id, signed_at DESC, id DESC) s
         JOIN activity_progress p ON p.enrollment_id = s.enrollment_id AND p.activity_id = s.activity_id`,
    );
    expect(decided).toHaveLength(ENROLLMENTS);
    for (const d of decided) {
      if (d.decision === 'APPROVED') expect(d).toMatchObject({ status: 'COMPLETED', completed_at: d.signed_at });
      else expect(d.status).not.toBe('COMPLETED');
    }

    const final = await Promise.all(enrollments.map((e, i) => signOff(i, e, true)));
    expect(final.filter((r) => r.errors)).toEqual([]);
    const issued = await Promise.all(enrollments.flatMap((e) => [via(0, ISSUE, { e }), via(1, ISSUE, { e })]));
    expect(issued.filter((r) => r.errors)).toEqual([]);

    const rows = await db.query(
      `SELECT e.id, e.status,
              (SELECT count(*) FROM sign_offs s WHERE s.enrollment_id = e.id)::int AS sign_offs,
              (SELECT count(*) FROM audit_log a WHERE a.action = 'SIGN_OFF' AND a.entity_id = e.id::text)::int AS sign_off_audits,
              (SELECT count(*) FROM handoff_reviews r WHERE r.enrollment_id = e.id)::int AS reviews,
              (SELECT count(*) FROM certificates c WHERE c.enrollment_id = e.id)::int AS certificates,
              (SELECT count(*) FROM audit_log a WHERE a.action = 'CERTIFICATE_ISSUED' AND a.details->>'enrollmentId' = e.id::text)::int AS certificate_audits
         FROM enrollments e`,
    );
    expect(rows).toHaveLength(ENROLLMENTS);
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'CERTIFIED', sign_offs: 7, sign_off_audits: 7, reviews: 22, certificates: 1, certificate_audits: 1 });
    }
    const ids = issued.map((r) => (r.data as { issueCertificate: { id: string } }).issueCertificate.id);
    for (let i = 0; i < ids.length; i += 2) expect(ids[i]).toBe(ids[i + 1]);
    console.log(`[soak two processes] ${ENROLLMENTS} enrollments × 16 concurrent calls through 2 API processes: consistent`);
  });

  it('keep serving, without crashing, while the server ends every session of both processes', async () => {
    const answers: string[] = [];
    const traffic = (async () => {
      for (let i = 0; i < 200; i++) {
        const r = await gql(apis[i % 2].base, `{ cohorts { id } }`, {}, tokens[i % 2]);
        answers.push(r.data ? 'ok' : (r.errors?.[0].extensions?.code ?? 'unknown'));
      }
    })();
    let terminated = 0;
    for (let round = 0; round < 5; round++) {
      await sleep(100);
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = 'baton-api' AND pid <> pg_backend_pid()) t`,
      );
      terminated += n;
    }
    await traffic;
    for (const a of apis) expect((await fetch(`${a.base}/health`)).status).toBe(200);
    for (const a of apis) expect(a.child.exitCode).toBeNull();
    expect(answers.filter((a) => a !== 'ok' && a !== 'INTERNAL_SERVER_ERROR')).toEqual([]);
    expect(answers.slice(-20).every((a) => a === 'ok')).toBe(true);
    console.log(
      `[soak two processes] ${terminated} server sessions ended during 200 requests: ${answers.filter((a) => a === 'ok').length} answered, ${answers.filter((a) => a !== 'ok').length} failed cleanly, no crash`,
    );
  });
});
