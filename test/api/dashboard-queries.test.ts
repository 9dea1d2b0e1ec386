import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CurriculumService } from '../../api/src/curriculum/curriculum.service.js';
import { factories } from '../support/factories.js';
import { review } from '../support/program.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { TRAINEE_HOME_DOCUMENT } from '../support/trainee-home.js';

// The statements behind the trainee's home page and HR's certification overview must not grow with
// the size of the program, the number of enrollments or the reviews recorded (issue #6: at most 6
// for the home query). The selection is read from the web app's own source, so the test measures
// exactly what the home page sends and cannot drift from it.
const HOME = TRAINEE_HOME_DOCUMENT;
const HR_CERTIFICATION = `{ cohorts { id enrollments { id certification {
  eligible soloHandoffs unmet
  metrics { code value threshold comparator met sampleSize }
  certificate { id code issuedAt revokedAt }
} } } }`;
const RECORD = `mutation($input: HandoffReviewInput!) { recordHandoffReview(input: $input) { id } }`;
const SIGN_OFF = `mutation($input: SignOffInput!) { signOff(input: $input) { id } }`;
const OVERRIDE = `mutation($e: ID!, $k: String!) { overrideCompletion(enrollmentId: $e, activityKey: $k, reason: "setup") { status } }`;

const SHIPPED = join(import.meta.dirname, '../../curriculum');
const MAX_HOME_STATEMENTS = 6;

/**
 * The shipped program with week 1 cut or padded so the program has `total` activities: the
 * statement count must not depend on it.
 */
function curriculumWith(total: number): string {
  const dir = mkdtempSync(join(tmpdir(), `baton-curriculum-${total}-`));
  cpSync(SHIPPED, dir, { recursive: true });
  const weekFiles = ['week-1.yaml', 'week-2.yaml', 'week-3.yaml'].map((f) => join(dir, 'weeks', f));
  const others = weekFiles.slice(1).reduce((n, f) => n + parse(readFileSync(f, 'utf8')).activities.length, 0);
  const week1 = parse(readFileSync(weekFiles[0], 'utf8'));
  const lesson = week1.activities.find((a: { kind: string }) => a.kind === 'LESSON');
  // Extra activities are copies of a lesson; cutting keeps the drill and the shadowing the seed uses.
  const wanted = total - others;
  while (week1.activities.length > wanted) {
    const i = week1.activities.findLastIndex((a: { kind: string; key: string }) => !['SPEED_READING', 'SHADOWING'].includes(a.kind) && a.key !== lesson.key);
    if (i < 0) throw new Error(`cannot cut the program to ${total} activities`);
    week1.activities.splice(i, 1);
  }
  for (let n = 1; week1.activities.length < wanted; n++) {
    week1.activities.push({ ...lesson, key: `w1-extra-reading-${n}`, title: `Extra reading ${n}` });
  }
  writeFileSync(weekFiles[0], stringify(week1));
  return dir;
}

let t: TestApi;
let f: ReturnType<typeof factories>;
let admin: Awaited<ReturnType<ReturnType<typeof factories>['admin']>>;
const dirs: string[] = [];

beforeAll(async () => {
  dirs.push(curriculumWith(10), curriculumWith(40));
  // Published at start: the 10-activity program; the 40-activity one is published below as its next
  // version, so cohorts created before and after pin one each.
  t = await startTestApi({ BATON_CURRICULUM_DIR: dirs[0], BATON_STATEMENT_COUNT: '1' });
  f = factories(t);
  admin = await f.admin();
});
afterAll(async () => {
  await t?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Seeded {
  trainee: Awaited<ReturnType<typeof f.trainee>>;
  supervisor: Awaited<ReturnType<typeof f.supervisor>>;
  cohortIds: string[];
  enrollmentIds: string[];
}

/** A trainee with `enrollments` enrollments in the current program, each with work of every sort. */
async function seedTrainee(enrollments: number, reviewsEach: number): Promise<Seeded> {
  const supervisor = await f.supervisor();
  const trainee = await f.trainee();
  const seeded: Seeded = { trainee, supervisor, cohortIds: [], enrollmentIds: [] };
  for (let i = 0; i < enrollments; i++) {
    const cohort = await f.cohort({ supervisors: [supervisor] });
    const enrollment = await f.enroll(cohort.id, trainee.id);
    seeded.cohortIds.push(cohort.id);
    seeded.enrollmentIds.push(enrollment.id);
    await seedWork(enrollment.id, trainee.token, supervisor.token, reviewsEach);
  }
  return seeded;
}

async function seedWork(enrollmentId: string, traineeToken: string, supervisorToken: string, reviews: number) {
  const { enrollment } = await t.ok<{ enrollment: { weeks: { activities: { activity: { key: string; kind: string } }[] }[] } }>(
    `query($id: ID!) { enrollment(id: $id) { weeks { activities { activity { key kind } } } } }`,
    { id: enrollmentId },
    admin.token,
  );
  const activities = enrollment.weeks.flatMap((w) => w.activities.map((a) => a.activity));
  // Overrides for half of the program, an attempt on the speed-reading drill, sign-offs both ways.
  for (const a of activities.slice(0, Math.floor(activities.length / 2))) {
    if (a.kind !== 'SUPERVISED_HANDOFFS' && a.kind !== 'SOLO_HANDOFFS' && a.kind !== 'SHADOWING') {
      await t.ok(OVERRIDE, { e: enrollmentId, k: a.key }, admin.token);
    }
  }
  const drill = activities.find((a) => a.kind === 'SPEED_READING')!;
  await t.ok(`mutation($e: ID!, $k: String!) { startAttempt(enrollmentId: $e, activityKey: $k) { id } }`, { e: enrollmentId, k: drill.key }, traineeToken);
  const shadowing = activities.find((a) => a.kind === 'SHADOWING')!;
  await t.ok(SIGN_OFF, { input: { enrollmentId, activityKey: shadowing.key, decision: 'CHANGES_REQUESTED', comment: 'Watch one more.' } }, supervisorToken);
  await t.ok(SIGN_OFF, { input: { enrollmentId, activityKey: shadowing.key, decision: 'APPROVED' } }, supervisorToken);
  for (let i = 0; i < reviews; i++) {
    await t.ok(RECORD, { input: review(enrollmentId, `dash-${enrollmentId}-${i}`, i % 4 === 0 ? 'SUPERVISED' : 'SOLO') }, supervisorToken);
  }
}

/** Statements behind one request, read from X-Statement-Count and checked against the driver. */
async function statementsOf(query: string, token: string): Promise<number> {
  const { result, count } = await t.countQueries(async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return Number(res.headers.get('x-statement-count'));
  });
  expect(result).toBe(count);
  return result;
}

describe('the trainee home query', () => {
  let small: Seeded;
  let large: Seeded;
  beforeAll(async () => {
    small = await seedTrainee(1, 6);
    await t.api.app.get(CurriculumService).publishFromDirectory(dirs[1]);
    large = await seedTrainee(1, 6);
    // The curriculum is read once per version and kept; warm both before counting.
    await statementsOf(HOME, small.trainee.token);
    await statementsOf(HOME, large.trainee.token);
  });

  it('runs the program the sizes it was given', async () => {
    const sizes = await Promise.all(
      [small, large].map(async (s) => {
        const r = await t.ok<{ myEnrollments: { weeks: { activities: unknown[] }[] }[] }>(HOME, {}, s.trainee.token);
        return r.myEnrollments[0].weeks.flatMap((w) => w.activities).length;
      }),
    );
    expect(sizes).toEqual([10, 40]);
  });

  it(`costs at most ${MAX_HOME_STATEMENTS} statements, the same for 10 and 40 activities`, async () => {
    const ten = await statementsOf(HOME, small.trainee.token);
    const forty = await statementsOf(HOME, large.trainee.token);
    expect(ten).toBeLessThanOrEqual(MAX_HOME_STATEMENTS);
    expect(forty).toBe(ten);
  });

  it('costs the same for one enrollment or five, and for few reviews or many', async () => {
    const one = await statementsOf(HOME, large.trainee.token);
    const five = await seedTrainee(5, 2);
    await statementsOf(HOME, five.trainee.token);
    expect(await statementsOf(HOME, five.trainee.token)).toBe(one);
    await seedWork(large.enrollmentIds[0], large.trainee.token, large.supervisor.token, 40);
    expect(await statementsOf(HOME, large.trainee.token)).toBe(one);
  });
});

describe("HR's certification overview of every enrollment", () => {
  it('costs the same number of statements for 3 enrollments as for 30', async () => {
    const hr = await f.hr();
    const baseline = await statementsOf(HR_CERTIFICATION, hr.token);
    const supervisor = await f.supervisor();
    const cohort = await f.cohort({ supervisors: [supervisor] });
    const enrol = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const trainee = await f.trainee();
        const e = await f.enroll(cohort.id, trainee.id);
        await t.ok(RECORD, { input: review(e.id, `hr-${e.id}`, 'SOLO') }, supervisor.token);
      }
    };
    await enrol(3);
    await statementsOf(HR_CERTIFICATION, hr.token);
    const three = await statementsOf(HR_CERTIFICATION, hr.token);
    await enrol(27);
    const thirty = await statementsOf(HR_CERTIFICATION, hr.token);
    expect(thirty).toBe(three);
    expect(three).toBeGreaterThanOrEqual(baseline);
  });
});

describe('X-Statement-Count', () => {
  it('is on every response when BATON_STATEMENT_COUNT=1, also outside GraphQL', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.headers.get('x-statement-count')).toMatch(/^\d+$/);
  });
});
