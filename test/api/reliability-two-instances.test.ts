import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/src/common/database/data-source.js';
import { ProgressService } from '../../api/src/progress/progress.service.js';
import { createApi, type StartedApi } from '../../api/src/server.js';
import { factories } from '../support/factories.js';
import { overrideAll, programShape, review } from '../support/program.js';
import { startTestApi, type GraphQLResponse, type TestApi } from '../support/test-api.js';

// Two API instances, each with its own pool, on one PostgreSQL database: sign-offs, handoff
// reviews and certificate issuing for the same enrollment at once, half through each instance.
// On PGlite (one embedded session, one process) both "instances" are the same API: the race is
// then between concurrent requests of one process, which must hold as well.

let t: TestApi;
let second: StartedApi | undefined;
let otherUrl: string;
beforeAll(async () => {
  t = await startTestApi();
  if (t.databaseUrl) {
    second = await createApi(t.config, { database: await openDatabase({ url: t.databaseUrl }), logger: false });
    await second.app.listen(0, '127.0.0.1');
    otherUrl = `${await second.app.getUrl()}`.replace('[::1]', '127.0.0.1');
  } else otherUrl = t.url;
});
afterAll(async () => {
  await second?.close();
  await t?.close();
});

/** Sends the operation to instance `i % 2`. */
async function via(i: number, query: string, variables: Record<string, unknown>, token: string): Promise<GraphQLResponse> {
  const url = i % 2 === 0 ? t.url : otherUrl;
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResponse;
}
const ok = (r: GraphQLResponse) => {
  if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data!;
};

const SIGN_OFF = `mutation($input: SignOffInput!) { signOff(input: $input) { id decision signedAt } }`;
const RECORD = `mutation($input: HandoffReviewInput!) { recordHandoffReview(input: $input) { id } }`;
const ISSUE = `mutation($e: ID!) { issueCertificate(enrollmentId: $e) { id } }`;

/** The stored progress of an enrollment, in a stable order. */
async function progressRows(enrollmentId: string) {
  const [enrollment] = await t.dataSource.query(`SELECT status, percent_complete, current_week, completed_at FROM enrollments WHERE id = $1`, [enrollmentId]);
  const activities = await t.dataSource.query(
    `SELECT activity_id, status, best_score, completed_at, overridden FROM activity_progress WHERE enrollment_id = $1 ORDER BY activity_id`,
    [enrollmentId],
  );
  const weeks = await t.dataSource.query(`SELECT week_number, unlocked_at, completed_at FROM enrollment_weeks WHERE enrollment_id = $1 ORDER BY week_number`, [enrollmentId]);
  return { enrollment, activities, weeks };
}

describe('two API instances on one database', () => {
  it('end consistent after concurrent sign-offs, reviews and certificate issuing on one enrollment', async () => {
    const f = factories(t);
    const admin = await f.admin();
    const supervisor = await f.supervisor();
    const trainee = await f.trainee();
    const enrollment = await f.enroll((await f.cohort({ supervisors: [supervisor] })).id, trainee.id);
    const program = await programShape(t, admin.token);
    const activities = program.weeks.flatMap((w) => w.activities);
    const signed = activities.find((a) => a.requiresSignOff && a.kind !== 'SOLO_HANDOFFS' && a.kind !== 'SUPERVISED_HANDOFFS')!;
    await overrideAll(t, admin.token, enrollment.id, activities.filter((a) => a.key !== signed.key).map((a) => a.key));
    for (let i = 0; i < 19; i++) await t.ok(RECORD, { input: review(enrollment.id, `before-${i}`, 'SOLO') }, supervisor.token);

    // The race: 12 sign-offs alternating decisions, 5 new reviews each sent through both
    // instances, and 6 attempts to issue, all at once.
    const signOff = (i: number, decision: 'APPROVED' | 'CHANGES_REQUESTED') =>
      via(i, SIGN_OFF, { input: { enrollmentId: enrollment.id, activityKey: signed.key, decision, ...(decision === 'APPROVED' ? {} : { comment: `Try again (${i})` }) } }, supervisor.token);
    const race = await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => signOff(i, i % 2 ? 'APPROVED' : 'CHANGES_REQUESTED')),
      ...Array.from({ length: 10 }, (_, i) => via(i, RECORD, { input: review(enrollment.id, `race-${i >> 1}`, 'SOLO') }, supervisor.token)),
      ...Array.from({ length: 6 }, (_, i) => via(i, ISSUE, { e: enrollment.id }, supervisor.token)),
    ]);
    const [signOffs, reviews, issues] = [race.slice(0, 12), race.slice(12, 22), race.slice(22)];
    for (const r of [...signOffs, ...reviews]) ok(r);
    for (const r of issues) if (r.errors) expect(r.errors[0].extensions?.code).toBe('REQUIREMENTS_UNMET');

    // Latest sign-off (by time) decides the activity.
    const [latest] = await t.dataSource.query(
      `SELECT decision, signed_at FROM sign_offs WHERE enrollment_id = $1 ORDER BY signed_at DESC, id DESC LIMIT 1`,
      [enrollment.id],
    );
    const [state] = await t.dataSource.query(
      `SELECT p.status, p.completed_at FROM activity_progress p JOIN activities a ON a.id = p.activity_id WHERE p.enrollment_id = $1 AND a.key = $2`,
      [enrollment.id, signed.key],
    );
    if (latest.decision === 'APPROVED') expect(state).toEqual({ status: 'COMPLETED', completed_at: latest.signed_at });
    else expect(state.status).not.toBe('COMPLETED');

    // Then one more approval and two more attempts to issue, through each instance at once.
    ok(await signOff(0, 'APPROVED'));
    const last = await Promise.all([via(0, ISSUE, { e: enrollment.id }, supervisor.token), via(1, ISSUE, { e: enrollment.id }, supervisor.token)]);
    const ids = new Set([...issues, ...last].flatMap((r) => (r.data ? [(r.data as any).issueCertificate.id] : [])));
    expect(ids.size).toBe(1);

    const count = async (sql: string) => (await t.dataSource.query(sql, [enrollment.id]))[0].n;
    expect(await count(`SELECT count(*)::int AS n FROM sign_offs WHERE enrollment_id = $1`)).toBe(13);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'SIGN_OFF' AND entity_id = $1`)).toBe(13);
    expect(await count(`SELECT count(*)::int AS n FROM handoff_reviews WHERE enrollment_id = $1`)).toBe(24);
    expect(await count(`SELECT count(DISTINCT external_id)::int AS n FROM handoff_reviews WHERE enrollment_id = $1 AND external_id LIKE 'race-%'`)).toBe(5);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'HANDOFF_REVIEW_RECORDED' AND entity_id = $1`)).toBe(29);
    expect(await count(`SELECT count(*)::int AS n FROM certificates WHERE enrollment_id = $1`)).toBe(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log a JOIN certificates c ON c.id::text = a.entity_id::text WHERE a.action = 'CERTIFICATE_ISSUED' AND c.enrollment_id = $1`),
    ).toBe(1);
    const [certificate] = await t.dataSource.query(`SELECT id, metrics_snapshot FROM certificates WHERE enrollment_id = $1`, [enrollment.id]);
    expect([...ids]).toEqual([certificate.id]);
    expect(certificate.metrics_snapshot).toHaveLength(5);
    expect(certificate.metrics_snapshot.every((m: { met: boolean }) => m.met)).toBe(true);

    // The stored progress is what the rows imply: recomputing it from them changes nothing.
    const stored = await progressRows(enrollment.id);
    expect(stored.enrollment.status).toBe('CERTIFIED');
    const progress = t.api.app.get(ProgressService);
    await t.dataSource.transaction((m) => progress.recompute(m, enrollment.id));
    expect(await progressRows(enrollment.id)).toEqual(stored);
  });
});
