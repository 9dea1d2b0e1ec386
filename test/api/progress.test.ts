import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../support/factories.js';
import { ENROLLMENT_PROGRESS, overrideAll, programShape, review, type ProgramShape } from '../support/program.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

let t: TestApi;
let f: ReturnType<typeof factories>;
let program: ProgramShape;
let admin: Awaited<ReturnType<ReturnType<typeof factories>['admin']>>;
beforeAll(async () => {
  t = await startTestApi();
  f = factories(t);
  admin = await f.admin();
  program = await programShape(t, admin.token);
});
afterAll(() => t?.close());

const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const keysOf = (week: number) => program.weeks.find((w) => w.number === week)!.activities.map((a) => a.key);
const firstOfKind = (kind: string) => program.weeks.flatMap((w) => w.activities).find((a) => a.kind === kind)!;

async function setup() {
  const supervisor = await f.supervisor();
  const trainee = await f.trainee();
  const cohort = await f.cohort({ supervisors: [supervisor] });
  const enrollment = await f.enroll(cohort.id, trainee.id);
  return { supervisor, trainee, cohort, enrollment };
}

async function progressOf(enrollmentId: string, token = admin.token) {
  return (await t.ok<{ enrollment: any }>(ENROLLMENT_PROGRESS, { id: enrollmentId }, token)).enrollment;
}
const statusOf = (e: any, key: string) => e.weeks.flatMap((w: any) => w.activities).find((a: any) => a.activity.key === key).status;

describe('enrolment and week gates', () => {
  it('pins the enrollment to the program and unlocks week 1 only', async () => {
    const { enrollment, trainee } = await setup();
    const e = await progressOf(enrollment.id, trainee.token);
    expect(e.status).toBe('ACTIVE');
    expect(e.percentComplete).toBe(0);
    expect(e.weeks.map((w: any) => w.unlocked)).toEqual([true, false, false]);
    expect(e.weeks[0].activities.every((a: any) => a.status === 'AVAILABLE')).toBe(true);
    expect(e.weeks[1].activities.every((a: any) => a.status === 'LOCKED')).toBe(true);
  });

  it('refuses an attempt in a locked week with FORBIDDEN', async () => {
    const { enrollment, trainee } = await setup();
    const r = await t.gql(`mutation($e: ID!, $k: String!) { startAttempt(enrollmentId: $e, activityKey: $k) { id } }`, { e: enrollment.id, k: keysOf(2)[0] }, trainee.token);
    expect(code(r)).toBe('FORBIDDEN');
  });

  it('unlocks week 2 when every activity of week 1 is completed, and computes percentComplete', async () => {
    const { enrollment, trainee } = await setup();
    await overrideAll(t, admin.token, enrollment.id, keysOf(1));
    const e = await progressOf(enrollment.id, trainee.token);
    expect(e.weeks[0].completed).toBe(true);
    expect(e.weeks[1].unlocked).toBe(true);
    expect(e.weeks[2].unlocked).toBe(false);
    const total = program.weeks.flatMap((w) => w.activities).length;
    expect(e.percentComplete).toBeCloseTo((keysOf(1).length / total) * 100, 10);
    expect(e.weeks[0].activities.every((a: any) => a.overridden)).toBe(true);
  });

  it('records overrides with their reason in the audit log and refuses them without a reason', async () => {
    const { enrollment } = await setup();
    const key = keysOf(1)[0];
    const bad = await t.gql(`mutation($e: ID!, $k: String!) { overrideCompletion(enrollmentId: $e, activityKey: $k, reason: "  ") { status } }`, { e: enrollment.id, k: key }, admin.token);
    expect(code(bad)).toBe('BAD_USER_INPUT');
    await overrideAll(t, admin.token, enrollment.id, [key]);
    const rows = await t.dataSource.query(`SELECT actor_id, reason, details FROM audit_log WHERE action = 'OVERRIDE_COMPLETION' AND entity_id = $1`, [enrollment.id]);
    expect(rows).toEqual([{ actor_id: admin.id, reason: 'test setup', details: { activityKey: key } }]);
    const shown = await t.ok(`query($id: ID!) { enrollment(id: $id) { overrides { activity { key } reason overriddenAt overriddenBy { id } } } }`, { id: enrollment.id }, admin.token);
    expect(shown.enrollment.overrides).toEqual([{ activity: { key }, reason: 'test setup', overriddenAt: expect.any(String), overriddenBy: { id: admin.id } }]);
  });

  it('lets only admins override', async () => {
    const { enrollment, supervisor } = await setup();
    const r = await t.gql(`mutation($e: ID!, $k: String!) { overrideCompletion(enrollmentId: $e, activityKey: $k, reason: "x") { status } }`, { e: enrollment.id, k: keysOf(1)[0] }, supervisor.token);
    expect(code(r)).toBe('FORBIDDEN');
  });
});

describe('the cohort calendar', () => {
  it('plans the three weeks from the start date and flags trainees behind it', async () => {
    const trainee = await f.trainee();
    const started = await f.cohort({ startsOn: '2026-01-05', timeZone: 'Europe/Berlin' });
    const e = await f.enroll(started.id, trainee.id);
    const r = await t.ok(`query($id: ID!) { cohort(id: $id) { plannedWeek schedule { number startsOn endsOn } enrollments { behindSchedule } } }`, { id: started.id }, admin.token);
    expect(r.cohort.schedule).toEqual([
      { number: 1, startsOn: '2026-01-05', endsOn: '2026-01-11' },
      { number: 2, startsOn: '2026-01-12', endsOn: '2026-01-18' },
      { number: 3, startsOn: '2026-01-19', endsOn: '2026-01-25' },
    ]);
    expect(r.cohort.plannedWeek).toBeGreaterThan(3);
    expect(r.cohort.enrollments).toEqual([{ behindSchedule: true }]);

    const future = await f.cohort({ startsOn: '2099-01-05' });
    await f.enroll(future.id, (await f.trainee()).id);
    const later = await t.ok(`query($id: ID!) { cohort(id: $id) { plannedWeek enrollments { behindSchedule } } }`, { id: future.id }, admin.token);
    expect(later.cohort).toEqual({ plannedWeek: 0, enrollments: [{ behindSchedule: false }] });
    expect(e.id).toBeTruthy();
  });
});

describe('sign-offs', () => {
  const SIGN_OFF = `mutation($input: SignOffInput!) { signOff(input: $input) { id decision comment signedAt supervisor { id } activity { key } } }`;

  it('refuses a sign-off on an activity that needs none', async () => {
    const { enrollment, supervisor } = await setup();
    const plain = program.weeks[0].activities.find((a) => !a.requiresSignOff)!;
    const r = await t.gql(SIGN_OFF, { input: { enrollmentId: enrollment.id, activityKey: plain.key, decision: 'APPROVED' } }, supervisor.token);
    expect(code(r)).toBe('BAD_USER_INPUT');
  });

  it('requires a comment to request changes', async () => {
    const { enrollment, supervisor } = await setup();
    const shadowing = firstOfKind('SHADOWING');
    const r = await t.gql(SIGN_OFF, { input: { enrollmentId: enrollment.id, activityKey: shadowing.key, decision: 'CHANGES_REQUESTED' } }, supervisor.token);
    expect(code(r)).toBe('BAD_USER_INPUT');
  });

  it('moves a handoff activity to AWAITING_SIGN_OFF with its first review, and the latest sign-off decides', async () => {
    const { enrollment, supervisor, trainee } = await setup();
    await overrideAll(t, admin.token, enrollment.id, keysOf(1));
    const supervised = firstOfKind('SUPERVISED_HANDOFFS');
    await t.ok(`mutation($input: HandoffReviewInput!) { recordHandoffReview(input: $input) { id } }`, {
      input: review(enrollment.id, 'sup-1', 'SUPERVISED'),
    }, supervisor.token);
    expect(statusOf(await progressOf(enrollment.id), supervised.key)).toBe('AWAITING_SIGN_OFF');

    const input = { enrollmentId: enrollment.id, activityKey: supervised.key };
    const first = await t.ok(SIGN_OFF, { input: { ...input, decision: 'CHANGES_REQUESTED', comment: 'Narrate more.' } }, supervisor.token);
    expect(first.signOff).toMatchObject({ decision: 'CHANGES_REQUESTED', comment: 'Narrate more.', supervisor: { id: supervisor.id }, activity: { key: supervised.key } });
    expect(statusOf(await progressOf(enrollment.id), supervised.key)).toBe('IN_PROGRESS');

    await t.ok(SIGN_OFF, { input: { ...input, decision: 'APPROVED' } }, supervisor.token);
    const e = await progressOf(enrollment.id, trainee.token);
    expect(statusOf(e, supervised.key)).toBe('COMPLETED');

    // Append-only: both decisions stay, visible to the trainee, newest first.
    const history = await t.ok(`query($id: ID!) { enrollment(id: $id) { signOffs { decision } } }`, { id: enrollment.id }, trainee.token);
    expect(history.enrollment.signOffs.map((s: any) => s.decision)).toEqual(['APPROVED', 'CHANGES_REQUESTED']);
    await expect(t.dataSource.query(`UPDATE sign_offs SET decision = 'APPROVED'`)).rejects.toThrow(/append-only/);
  });

  it('leaves a withdrawn trainee’s record as it was', async () => {
    const { enrollment, supervisor } = await setup();
    await t.ok(`mutation($e: ID!) { withdrawEnrollment(enrollmentId: $e, reason: "Left the company") { status } }`, { e: enrollment.id }, admin.token);
    const r = await t.gql(SIGN_OFF, { input: { enrollmentId: enrollment.id, activityKey: firstOfKind('SHADOWING').key, decision: 'APPROVED' } }, supervisor.token);
    expect(code(r)).toBe('FORBIDDEN');
    const rec = await t.gql(`mutation($input: HandoffReviewInput!) { recordHandoffReview(input: $input) { id } }`, { input: review(enrollment.id, 'w-1', 'SOLO') }, supervisor.token);
    expect(code(rec)).toBe('FORBIDDEN');
  });

  it('lets only the cohort supervisors (and admins) sign off', async () => {
    const { enrollment } = await setup();
    const other = await f.supervisor();
    await f.cohort({ supervisors: [other] });
    const r = await t.gql(SIGN_OFF, { input: { enrollmentId: enrollment.id, activityKey: firstOfKind('SHADOWING').key, decision: 'APPROVED' } }, other.token);
    expect(code(r)).toBe('FORBIDDEN');
  });
});

describe('handoff reviews', () => {
  const RECORD = `mutation($input: HandoffReviewInput!) { recordHandoffReview(input: $input) { id externalId csat resolved } }`;

  it('validates times, context counts and CSAT', async () => {
    const { enrollment, supervisor } = await setup();
    const base = review(enrollment.id, 'v-1', 'SOLO');
    for (const bad of [
      { ...base, firstResponseAt: '2026-03-02T09:59:00Z' },
      { ...base, contextItemsUsed: 5, contextItemsAvailable: 4 },
      { ...base, contextItemsUsed: -1 },
      { ...base, csat: 6 },
      { ...base, csat: 0 },
    ]) {
      expect(code(await t.gql(RECORD, { input: bad }, supervisor.token))).toBe('BAD_USER_INPUT');
    }
  });

  it('is idempotent on (enrollment, externalId): recording it again replaces it', async () => {
    const { enrollment, supervisor } = await setup();
    const a = await t.ok(RECORD, { input: review(enrollment.id, 'same', 'SOLO', { csat: 3 }) }, supervisor.token);
    const b = await t.ok(RECORD, { input: review(enrollment.id, 'same', 'SOLO', { csat: 5, resolved: false }) }, supervisor.token);
    expect(b.recordHandoffReview.id).toBe(a.recordHandoffReview.id);
    const rows = await t.dataSource.query(`SELECT csat, resolved FROM handoff_reviews WHERE enrollment_id = $1`, [enrollment.id]);
    expect(rows).toEqual([{ csat: 5, resolved: false }]);
  });
});
