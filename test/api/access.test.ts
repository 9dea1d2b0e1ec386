import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../support/factories.js';
import { ENROLLMENT_PROGRESS } from '../support/program.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

let t: TestApi;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApi();
  f = factories(t);
});
afterAll(() => t?.close());

const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

async function world() {
  const supA = await f.supervisor();
  const supB = await f.supervisor();
  const cohortA = await f.cohort({ supervisors: [supA] });
  const cohortB = await f.cohort({ supervisors: [supB] });
  const ana = await f.trainee();
  const ben = await f.trainee();
  const carl = await f.trainee();
  const eAna = await f.enroll(cohortA.id, ana.id);
  const eBen = await f.enroll(cohortA.id, ben.id);
  const eCarl = await f.enroll(cohortB.id, carl.id);
  return { supA, supB, cohortA, cohortB, ana, ben, carl, eAna, eBen, eCarl, hr: await f.hr(), admin: await f.admin() };
}

describe('who reads what', () => {
  it('lets trainees read only their own enrollments', async () => {
    const w = await world();
    expect((await t.ok(ENROLLMENT_PROGRESS, { id: w.eAna.id }, w.ana.token)).enrollment.id).toBe(w.eAna.id);
    expect(code(await t.gql(ENROLLMENT_PROGRESS, { id: w.eBen.id }, w.ana.token))).toBe('FORBIDDEN');
    const mine = await t.ok(`{ myEnrollments { id } }`, {}, w.ana.token);
    expect(mine.myEnrollments).toEqual([{ id: w.eAna.id }]);
    // Even through the cohort, a trainee sees only their own enrollment.
    const cohort = await t.ok(`query($id: ID!) { cohort(id: $id) { enrollments { id } } }`, { id: w.cohortA.id }, w.ana.token);
    expect(cohort.cohort.enrollments).toEqual([{ id: w.eAna.id }]);
    expect(code(await t.gql(`query($id: ID!) { cohort(id: $id) { id } }`, { id: w.cohortB.id }, w.ana.token))).toBe('FORBIDDEN');
  });

  it('lets supervisors read their own cohorts only', async () => {
    const w = await world();
    const list = await t.ok(`{ cohorts { id enrollments { id trainee { id } } } }`, {}, w.supA.token);
    expect(list.cohorts.map((c: any) => c.id)).toEqual([w.cohortA.id]);
    expect(list.cohorts[0].enrollments).toHaveLength(2);
    expect(code(await t.gql(ENROLLMENT_PROGRESS, { id: w.eCarl.id }, w.supA.token))).toBe('FORBIDDEN');
  });

  it('lets HR read everything and change nothing', async () => {
    const w = await world();
    const list = await t.ok(`{ cohorts { id } }`, {}, w.hr.token);
    expect(list.cohorts.map((c: any) => c.id)).toEqual(expect.arrayContaining([w.cohortA.id, w.cohortB.id]));
    expect((await t.ok(ENROLLMENT_PROGRESS, { id: w.eCarl.id }, w.hr.token)).enrollment.id).toBe(w.eCarl.id);
    const mutations = [
      [`mutation($c: ID!, $t: ID!) { enroll(cohortId: $c, traineeId: $t) { id } }`, { c: w.cohortB.id, t: w.ana.id }],
      [`mutation { createCohort(input: { name: "x", programKey: "ai-handoff", startsOn: "2026-01-01" }) { id } }`, {}],
      [`mutation($e: ID!) { issueCertificate(enrollmentId: $e) { id } }`, { e: w.eAna.id }],
      [`mutation($e: ID!) { signOff(input: { enrollmentId: $e, activityKey: "x", decision: APPROVED }) { id } }`, { e: w.eAna.id }],
    ] as const;
    for (const [query, variables] of mutations) expect(code(await t.gql(query, variables, w.hr.token))).toBe('FORBIDDEN');
  });

  it('answers unknown ids with null for queries and NOT_FOUND for mutations', async () => {
    const w = await world();
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await t.ok(`query($id: ID!) { enrollment(id: $id) { id } }`, { id: missing }, w.admin.token)).enrollment).toBeNull();
    expect((await t.ok(`query($id: ID!) { cohort(id: $id) { id } }`, { id: 'not-a-uuid' }, w.admin.token)).cohort).toBeNull();
    expect(code(await t.gql(`mutation($c: ID!, $t: ID!) { enroll(cohortId: $c, traineeId: $t) { id } }`, { c: missing, t: w.ana.id }, w.admin.token))).toBe('NOT_FOUND');
  });
});

describe('admin', () => {
  it('creates a cohort, assigns a supervisor and enrols a trainee, refusing wrong roles and duplicates', async () => {
    const w = await world();
    const created = await t.ok(
      `mutation { createCohort(input: { name: "Spring", programKey: "ai-handoff", startsOn: "2026-04-06", timeZone: "Europe/Berlin" }) { id name startsOn timeZone program { key version } } }`,
      {},
      w.admin.token,
    );
    const cohort = created.createCohort;
    expect(cohort).toMatchObject({ name: 'Spring', startsOn: '2026-04-06', timeZone: 'Europe/Berlin', program: { key: 'ai-handoff' } });
    const assign = `mutation($c: ID!, $s: ID!) { assignSupervisor(cohortId: $c, supervisorId: $s) { supervisors { id } } }`;
    expect((await t.ok(assign, { c: cohort.id, s: w.supA.id }, w.admin.token)).assignSupervisor.supervisors).toEqual([{ id: w.supA.id }]);
    expect(code(await t.gql(assign, { c: cohort.id, s: w.ana.id }, w.admin.token))).toBe('BAD_USER_INPUT');
    const enroll = `mutation($c: ID!, $t: ID!) { enroll(cohortId: $c, traineeId: $t) { id status trainee { id } cohort { id } } }`;
    const e = await t.ok(enroll, { c: cohort.id, t: w.carl.id }, w.admin.token);
    expect(e.enroll).toMatchObject({ status: 'ACTIVE', trainee: { id: w.carl.id }, cohort: { id: cohort.id } });
    expect(code(await t.gql(enroll, { c: cohort.id, t: w.carl.id }, w.admin.token))).toBe('CONFLICT');
    expect(code(await t.gql(enroll, { c: cohort.id, t: w.supB.id }, w.admin.token))).toBe('BAD_USER_INPUT');
    const badDate = await t.gql(`mutation { createCohort(input: { name: "x", programKey: "ai-handoff", startsOn: "2026-02-30" }) { id } }`, {}, w.admin.token);
    expect(code(badDate)).toBe('BAD_USER_INPUT');
    const badZone = await t.gql(`mutation { createCohort(input: { name: "x", programKey: "ai-handoff", startsOn: "2026-02-03", timeZone: "Nowhere/Else" }) { id } }`, {}, w.admin.token);
    expect(code(badZone)).toBe('BAD_USER_INPUT');
  });
});

describe('query cost', () => {
  it('reads a cohort with all its progress and certification in the same number of statements for 2 or 8 trainees', async () => {
    const admin = await f.admin();
    const QUERY = `query($id: ID!) { cohort(id: $id) { name supervisors { name } program { title weeks { activities { key } } }
      enrollments { status percentComplete trainee { name } weeks { unlocked activities { status latestSignOff { decision } } }
        certification { eligible unmet metrics { value met } certificate { code } } signOffs { id } } } }`;
    const counts: number[] = [];
    for (const size of [2, 8]) {
      const cohort = await f.cohort({ supervisors: [await f.supervisor()] });
      for (let i = 0; i < size; i++) await f.enroll(cohort.id, (await f.trainee()).id);
      await t.ok(QUERY, { id: cohort.id }, admin.token); // warm the immutable program cache
      const { count } = await t.countQueries(() => t.ok(QUERY, { id: cohort.id }, admin.token));
      counts.push(count);
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBeLessThanOrEqual(12);
  });
});
