import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CurriculumService } from '../../api/src/curriculum/curriculum.service.js';
import { factories } from '../support/factories.js';
import { overrideAll, programShape, review, type ProgramShape } from '../support/program.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

type Person = Awaited<ReturnType<ReturnType<typeof factories>['user']>>;

let t: TestApi;
let f: ReturnType<typeof factories>;
let admin: Person;
let program: ProgramShape;
let curriculumDir: string;
beforeAll(async () => {
  t = await startTestApi();
  f = factories(t);
  admin = await f.admin();
  program = await programShape(t, admin.token);
  curriculumDir = mkdtempSync(join(tmpdir(), 'baton-provisioning-'));
  cpSync(join(import.meta.dirname, '../../curriculum'), curriculumDir, { recursive: true });
});
afterAll(async () => {
  await t?.close();
  rmSync(curriculumDir, { recursive: true, force: true });
});

const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const HEADER = 'email,name,employee_id,role,cohort';
const IMPORT = `mutation($csv: String!, $dryRun: Boolean) { importUsers(csv: $csv, dryRun: $dryRun) {
  dryRun applied created updated unchanged enrolled supervisorsAssigned errors { line column reason } credentials { email name initialPassword } } }`;
const WITHDRAW = `mutation($e: ID!, $r: String!) { withdrawEnrollment(enrollmentId: $e, reason: $r) { id status cohort { id } } }`;
const MOVE = `mutation($e: ID!, $c: ID!, $r: String!) { moveEnrollment(enrollmentId: $e, cohortId: $c, reason: $r) { id status cohort { id name } program { id version } } }`;
const COHORT = `query($id: ID!) { cohort(id: $id) { supervisors { id email } enrollments { id status trainee { id email name employeeId } } } }`;

let n = 0;
const stamp = () => `${Date.now().toString(36)}${++n}`;
const csvOf = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

async function importCsv(csv: string, dryRun?: boolean, token = admin.token) {
  return (await t.ok<{ importUsers: any }>(IMPORT, { csv, dryRun }, token)).importUsers;
}

async function counts() {
  const [row] = await t.dataSource.query(
    `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM enrollments)::int AS enrollments,
            (SELECT count(*) FROM cohort_supervisors)::int AS links, (SELECT count(*) FROM audit_log)::int AS audit,
            (SELECT string_agg(name || role || coalesce(employee_id, ''), ',' ORDER BY id) FROM users) AS fingerprint`,
  );
  return row;
}

describe('importUsers', () => {
  it('creates, updates and enrols from a valid file; the one-time passwords sign in and are stored only hashed', async () => {
    const s = stamp();
    const cohort = await f.cohort();
    const existing = await f.trainee(`Old Name ${s}`);
    const csv = csvOf(
      `new.trainee.${s}@example.test,New Trainee ${s},E-${s},TRAINEE,${cohort.name.toUpperCase()}`,
      `new.sup.${s}@example.test,"Okafor, Maya ${s}",,supervisor,${cohort.id}`,
      `new.hr.${s}@example.test,Hana ${s},,HR,`,
      `${existing.email.toUpperCase()},Renamed ${s},,TRAINEE,${cohort.name}`,
    );
    const r = await importCsv(csv);
    expect(r).toMatchObject({ dryRun: false, applied: true, created: 3, updated: 1, unchanged: 0, enrolled: 2, supervisorsAssigned: 1, errors: [] });
    expect(r.credentials.map((c: any) => c.email)).toEqual([`new.trainee.${s}@example.test`, `new.sup.${s}@example.test`, `new.hr.${s}@example.test`]);
    expect(r.credentials[1].name).toBe(`Okafor, Maya ${s}`);

    for (const c of r.credentials) {
      const token = await t.login(c.email, c.initialPassword);
      expect(token).toBeTruthy();
      const [{ password_hash }] = await t.dataSource.query(`SELECT password_hash FROM users WHERE email = $1`, [c.email]);
      expect(password_hash).toMatch(/^scrypt\$/);
      expect(password_hash).not.toContain(c.initialPassword);
    }
    const traineeToken = await t.login(r.credentials[0].email, r.credentials[0].initialPassword);
    expect((await t.ok(`{ me { role employeeId } myEnrollments { cohort { id } } }`, {}, traineeToken))).toEqual({
      me: { role: 'TRAINEE', employeeId: `E-${s}` },
      myEnrollments: [{ cohort: { id: cohort.id } }],
    });

    const c = (await t.ok(COHORT, { id: cohort.id }, admin.token)).cohort;
    expect(c.supervisors.map((x: any) => x.email)).toEqual([`new.sup.${s}@example.test`]);
    expect(c.enrollments.map((e: any) => [e.trainee.email, e.trainee.name, e.status]).sort()).toEqual(
      [
        [existing.email, `Renamed ${s}`, 'ACTIVE'],
        [`new.trainee.${s}@example.test`, `New Trainee ${s}`, 'ACTIVE'],
      ].sort(),
    );
    // The existing account keeps its employee id (the cell was empty) and is not duplicated.
    expect(c.enrollments.find((e: any) => e.trainee.id === existing.id).trainee.employeeId).toBe(existing.employeeId);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)`, [existing.email]))[0].n).toBe(1);

    const audit = await t.dataSource.query(
      `SELECT action, actor_id, details FROM audit_log WHERE details->>'source' = 'csv-import' AND (details->>'email' LIKE $1 OR entity_id IN
         (SELECT id::text FROM enrollments WHERE cohort_id = $2) OR entity_id = $3 OR entity_id = $4) ORDER BY id`,
      [`%${s}@example.test`, cohort.id, cohort.id, existing.id],
    );
    expect(audit.map((a: any) => a.action)).toEqual(['USER_CREATED', 'USER_CREATED', 'USER_CREATED', 'USER_UPDATED', 'ENROLLED', 'SUPERVISOR_ASSIGNED', 'ENROLLED']);
    expect(audit.every((a: any) => a.actor_id === admin.id)).toBe(true);
    expect(audit[3].details.changes).toEqual({ name: { from: `Old Name ${s}`, to: `Renamed ${s}` } });
    expect(JSON.stringify(audit)).not.toMatch(new RegExp(r.credentials.map((x: any) => x.initialPassword).join('|')));
  });

  it('changes nothing when any row is bad, and lists every bad line with its reason', async () => {
    const s = stamp();
    const cohort = await f.cohort();
    const taken = await f.trainee();
    const before = await counts();
    const csv = csvOf(
      `good.${s}@example.test,Good ${s},,TRAINEE,${cohort.name}`, // 2: fine
      `not-an-email,Bad Email,,TRAINEE,${cohort.name}`, // 3
      `role.${s}@example.test,Role ${s},,MANAGER,`, // 4
      `cohort.${s}@example.test,Cohort ${s},,TRAINEE,No such cohort ${s}`, // 5
      `GOOD.${s}@example.test,Again ${s},,TRAINEE,${cohort.name}`, // 6
      `nocohort.${s}@example.test,No Cohort ${s},,TRAINEE,`, // 7
      `noname.${s}@example.test,,,TRAINEE,${cohort.name}`, // 8
      `emp.${s}@example.test,Emp ${s},${taken.employeeId},HR,`, // 9
      `short.${s}@example.test,Short ${s}`, // 10
    );
    const r = await importCsv(csv);
    expect(r).toMatchObject({ applied: false, created: 0, updated: 0, unchanged: 0, enrolled: 0, credentials: [] });
    expect(r.errors.map((e: any) => [e.line, e.column])).toEqual([
      [3, 'email'],
      [4, 'role'],
      [5, 'cohort'],
      [6, 'email'],
      [7, 'cohort'],
      [8, 'name'],
      [9, 'employee_id'],
      [10, null],
    ]);
    const reasons = r.errors.map((e: any) => e.reason).join('\n');
    expect(reasons).toMatch(/"not-an-email" is not a valid email address/);
    expect(reasons).toMatch(/"MANAGER" is not a role/);
    expect(reasons).toMatch(/no cohort "No such cohort/);
    expect(reasons).toMatch(/already on line 2/);
    expect(reasons).toMatch(/trainee needs a cohort/);
    expect(reasons).toMatch(/name is missing/);
    expect(reasons).toMatch(/belongs to another account/);
    expect(reasons).toMatch(/2 cells but the header row has 5/);
    expect(await counts()).toEqual(before);

    const header = await importCsv('mail,name,role\nx@example.test,X,HR\n');
    expect(header.errors).toEqual([{ line: 1, column: null, reason: expect.stringMatching(/"mail" is not a column.*email is missing/) }]);
    expect(await counts()).toEqual(before);
  });

  it('is idempotent: importing the same file again creates, enrols and reveals nothing new', async () => {
    const s = stamp();
    const cohort = await f.cohort();
    const csv = csvOf(`idem.${s}@example.test,Idem ${s},E-${s},TRAINEE,${cohort.name}`, `idem.sup.${s}@example.test,Sup ${s},,SUPERVISOR,${cohort.name}`);
    const first = await importCsv(csv);
    expect(first).toMatchObject({ created: 2, enrolled: 1, supervisorsAssigned: 1 });
    const before = await counts();
    const again = await importCsv(csv);
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 2, enrolled: 0, supervisorsAssigned: 0, errors: [], credentials: [] });
    expect(await counts()).toEqual(before);
    // The first password still works: nothing was reset.
    await t.login(first.credentials[0].email, first.credentials[0].initialPassword);

    // A withdrawn enrollment in the named cohort is left as it is.
    const enrollmentId = (await t.ok(COHORT, { id: cohort.id }, admin.token)).cohort.enrollments[0].id;
    await t.ok(WITHDRAW, { e: enrollmentId, r: 'left the company' }, admin.token);
    expect(await importCsv(csv)).toMatchObject({ unchanged: 2, enrolled: 0, errors: [] });
    expect((await t.ok(COHORT, { id: cohort.id }, admin.token)).cohort.enrollments.map((e: any) => e.status)).toEqual(['WITHDRAWN']);
  });

  it('creates each account once when the same file is imported twice at the same time', async () => {
    const s = stamp();
    const cohort = await f.cohort();
    const csv = csvOf(...Array.from({ length: 5 }, (_, i) => `race${i}.${s}@example.test,Race ${i},,TRAINEE,${cohort.name}`));
    const results = await Promise.all([t.gql(IMPORT, { csv }, admin.token), t.gql(IMPORT, { csv }, admin.token)]);
    const applied = results.filter((r) => r.data?.importUsers?.applied).map((r) => r.data!.importUsers);
    // One creates everything; the other finds it all done (or, at worst, is told to import again).
    expect(applied.reduce((n, r) => n + r.created, 0)).toBe(5);
    for (const r of results) if (!r.data?.importUsers) expect(code(r)).toBe('CONFLICT');
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM enrollments WHERE cohort_id = $1`, [cohort.id]);
    expect(rows[0].n).toBe(5);
  });

  it('enrols, imports and moves into cohorts whose program is not cached yet (as after a restart)', async () => {
    // On PGlite, loading the program inside the transaction would wait for the one connection forever.
    const [a, b] = [await f.cohort(), await f.cohort()];
    const cache = (t.api.app.get(CurriculumService) as unknown as { versions: Map<string, unknown> }).versions;
    cache.clear();
    const e = (await t.ok(`mutation($c: ID!, $t: ID!) { enroll(cohortId: $c, traineeId: $t) { id } }`, { c: a.id, t: (await f.trainee()).id }, admin.token)).enroll;
    cache.clear();
    expect(await importCsv(csvOf(`cold.${stamp()}@example.test,Cold,,TRAINEE,${b.name}`))).toMatchObject({ created: 1, enrolled: 1 });
    cache.clear();
    expect((await t.ok(MOVE, { e: e.id, c: b.id, r: 'cold' }, admin.token)).moveEnrollment.cohort.id).toBe(b.id);
  });

  it('checks without changing anything on a dry run', async () => {
    const s = stamp();
    const cohort = await f.cohort();
    const before = await counts();
    const r = await importCsv(csvOf(`dry.${s}@example.test,Dry ${s},,TRAINEE,${cohort.name}`), true);
    expect(r).toMatchObject({ dryRun: true, applied: false, created: 1, enrolled: 1, errors: [], credentials: [] });
    expect(await counts()).toEqual(before);
  });

  it('refuses a second live enrollment in the same program, pointing at the cohort the trainee is in', async () => {
    const [a, b] = [await f.cohort(), await f.cohort()];
    const trainee = await f.trainee();
    await f.enroll(a.id, trainee.id);
    const r = await importCsv(csvOf(`${trainee.email},${trainee.name},,TRAINEE,${b.name}`));
    expect(r.errors).toEqual([{ line: 2, column: 'cohort', reason: expect.stringContaining(`already enrolled in "${a.name}"`) }]);
  });

  it('refuses files over 5,000 rows or 512 KiB with BAD_USER_INPUT', async () => {
    const many = csvOf(...Array.from({ length: 5001 }, (_, i) => `u${i}@example.test,U ${i},,HR,`));
    const tooMany = await t.gql(IMPORT, { csv: many }, admin.token);
    expect(code(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0].message).toMatch(/5,001 rows.*at most 5,000/);
    const big = csvOf(`big@example.test,${'x'.repeat(600 * 1024)},,HR,`);
    const tooBig = await t.gql(IMPORT, { csv: big }, admin.token);
    expect(code(tooBig)).toBe('BAD_USER_INPUT');
    expect(tooBig.errors![0].message).toMatch(/larger than 512 KiB/);
  });

  it('will not demote the last active administrator', async () => {
    const others = await t.dataSource.query(`UPDATE users SET active = false WHERE role = 'ADMIN' AND active AND id <> $1 RETURNING id`, [admin.id]);
    try {
      const r = await importCsv(csvOf(`${admin.email},${admin.name},,HR,`));
      expect(r.errors).toEqual([{ line: 2, column: 'role', reason: expect.stringMatching(/last active administrator/) }]);
      expect((await t.ok(`{ me { role } }`, {}, admin.token)).me.role).toBe('ADMIN');
    } finally {
      await t.dataSource.query(`UPDATE users SET active = true WHERE id = ANY($1::uuid[])`, [others.map((o: { id: string }) => o.id)]);
    }
  });

  it('is for administrators only', async () => {
    const csv = csvOf(`x.${stamp()}@example.test,X,,HR,`);
    for (const person of [await f.hr(), await f.supervisor(), await f.trainee()]) {
      expect(code(await t.gql(IMPORT, { csv }, person.token))).toBe('FORBIDDEN');
    }
    expect(code(await t.gql(IMPORT, { csv }))).toBe('UNAUTHENTICATED');
  });
});

describe('withdrawEnrollment', () => {
  it('withdraws with the reason in the audit log, idempotently; the enrollment stays listed and attempts are refused', async () => {
    const cohort = await f.cohort();
    const trainee = await f.trainee();
    const enrollment = await f.enroll(cohort.id, trainee.id);
    const hr = await f.hr();

    const r = (await t.ok(WITHDRAW, { e: enrollment.id, r: '  Left the company  ' }, admin.token)).withdrawEnrollment;
    expect(r).toEqual({ id: enrollment.id, status: 'WITHDRAWN', cohort: { id: cohort.id } });
    const [{ withdrawn_at }] = await t.dataSource.query(`SELECT withdrawn_at FROM enrollments WHERE id = $1`, [enrollment.id]);
    expect(withdrawn_at).toBeInstanceOf(Date);

    const again = (await t.ok(WITHDRAW, { e: enrollment.id, r: 'twice' }, admin.token)).withdrawEnrollment;
    expect(again.status).toBe('WITHDRAWN');
    const audit = await t.dataSource.query(`SELECT actor_id, reason, details FROM audit_log WHERE action = 'ENROLLMENT_WITHDRAWN' AND entity_id = $1`, [enrollment.id]);
    expect(audit).toEqual([{ actor_id: admin.id, reason: 'Left the company', details: { cohortId: cohort.id, traineeId: trainee.id, previousStatus: 'ACTIVE' } }]);
    const [{ withdrawn_at: still }] = await t.dataSource.query(`SELECT withdrawn_at FROM enrollments WHERE id = $1`, [enrollment.id]);
    expect(still).toEqual(withdrawn_at);

    // Still there for HR (and so for the exports), as WITHDRAWN.
    const listed = (await t.ok(`query($id: ID!) { cohort(id: $id) { enrollments { id status } } }`, { id: cohort.id }, hr.token)).cohort.enrollments;
    expect(listed).toEqual([{ id: enrollment.id, status: 'WITHDRAWN' }]);
    const start = await t.gql(`mutation($e: ID!, $k: String!) { startAttempt(enrollmentId: $e, activityKey: $k) { id } }`, { e: enrollment.id, k: program.weeks[0].activities[0].key }, trainee.token);
    expect(code(start)).toBe('FORBIDDEN');
  });

  it('refuses without a reason, for unknown ids, for a certified trainee, and for anyone but an admin', async () => {
    const cohort = await f.cohort();
    const enrollment = await f.enroll(cohort.id, (await f.trainee()).id);
    expect(code(await t.gql(WITHDRAW, { e: enrollment.id, r: '   ' }, admin.token))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(WITHDRAW, { e: '00000000-0000-4000-8000-000000000000', r: 'x' }, admin.token))).toBe('NOT_FOUND');
    expect(code(await t.gql(WITHDRAW, { e: 'not-an-id', r: 'x' }, admin.token))).toBe('NOT_FOUND');
    for (const person of [await f.hr(), await f.supervisor(), await f.trainee()]) {
      expect(code(await t.gql(WITHDRAW, { e: enrollment.id, r: 'x' }, person.token))).toBe('FORBIDDEN');
    }

    await overrideAll(t, admin.token, enrollment.id, program.weeks.flatMap((w) => w.activities.map((a) => a.key)));
    for (let i = 0; i < 20; i++) {
      await t.ok(`mutation($input: HandoffReviewInput!) { recordHandoffReview(input: $input) { id } }`, { input: review(enrollment.id, `solo-${i}`, 'SOLO') }, admin.token);
    }
    await t.ok(`mutation($e: ID!) { issueCertificate(enrollmentId: $e) { id } }`, { e: enrollment.id }, admin.token);
    const certified = await t.gql(WITHDRAW, { e: enrollment.id, r: 'x' }, admin.token);
    expect(code(certified)).toBe('CONFLICT');
    expect(certified.errors![0].message).toMatch(/Revoke it first/);
  });
});

describe('moveEnrollment', () => {
  const HISTORY = `query($id: ID!, $k: String!) { enrollment(id: $id) { id cohort { id } program { id }
    signOffs { id decision } handoffReviews { externalId } weeks { activities { activity { key } status } } }
    attempts(enrollmentId: $id, activityKey: $k) { id } }`;

  it('moves the enrollment with its attempts, sign-offs and reviews to another cohort of the program, in one audited step', async () => {
    const [supA, supB] = [await f.supervisor(), await f.supervisor()];
    const [from, to] = [await f.cohort({ supervisors: [supA] }), await f.cohort({ supervisors: [supB] })];
    const trainee = await f.trainee();
    const enrollment = await f.enroll(from.id, trainee.id);
    const firstKey = program.weeks[0].activities[0].key;
    const signOffKey = program.weeks.flatMap((w) => w.activities).find((a) => a.requiresSignOff)!.key;

    await t.ok(`mutation($e: ID!, $k: String!) { startAttempt(enrollmentId: $e, activityKey: $k) { id } }`, { e: enrollment.id, k: firstKey }, trainee.token);
    await t.ok(`mutation($input: HandoffReviewInput!) { recordHandoffReview(input: $input) { id } }`, { input: review(enrollment.id, 'conv-1', 'SUPERVISED') }, supA.token);
    await t.ok(
      `mutation($input: SignOffInput!) { signOff(input: $input) { id } }`,
      { input: { enrollmentId: enrollment.id, activityKey: signOffKey, decision: 'CHANGES_REQUESTED', comment: 'Slow down' } },
      supA.token,
    );
    const before = await t.ok(HISTORY, { id: enrollment.id, k: firstKey }, admin.token);

    const moved = (await t.ok(MOVE, { e: enrollment.id, c: to.id, r: 'Night shift' }, admin.token)).moveEnrollment;
    expect(moved).toMatchObject({ id: enrollment.id, status: 'ACTIVE', cohort: { id: to.id, name: to.name } });
    const after = await t.ok(HISTORY, { id: enrollment.id, k: firstKey }, admin.token);
    expect(after.enrollment.cohort.id).toBe(to.id);
    expect({ ...after.enrollment, cohort: null }).toEqual({ ...before.enrollment, cohort: null });
    expect(after.attempts).toEqual(before.attempts);
    expect(after.attempts).toHaveLength(1);
    expect(after.enrollment.signOffs).toHaveLength(1);
    expect(after.enrollment.handoffReviews).toEqual([{ externalId: 'conv-1' }]);

    // The new cohort's supervisor takes over; the old one no longer sees the trainee.
    expect((await t.ok(`query($id: ID!) { enrollment(id: $id) { id } }`, { id: enrollment.id }, supB.token)).enrollment.id).toBe(enrollment.id);
    expect(code(await t.gql(`query($id: ID!) { enrollment(id: $id) { id } }`, { id: enrollment.id }, supA.token))).toBe('FORBIDDEN');

    const audit = await t.dataSource.query(`SELECT actor_id, reason, details FROM audit_log WHERE action = 'ENROLLMENT_MOVED' AND entity_id = $1`, [enrollment.id]);
    expect(audit).toEqual([
      {
        actor_id: admin.id,
        reason: 'Night shift',
        details: { traineeId: trainee.id, from: { cohortId: from.id, name: from.name }, to: { cohortId: to.id, name: to.name } },
      },
    ]);
    // Moving it where it already is changes nothing.
    await t.ok(MOVE, { e: enrollment.id, c: to.id, r: 'again' }, admin.token);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ENROLLMENT_MOVED' AND entity_id = $1`, [enrollment.id]))[0].n).toBe(1);
  });

  it('keeps the pinned program version when the target cohort runs a newer version of the same program', async () => {
    const oldCohort = await f.cohort();
    const enrollment = await f.enroll(oldCohort.id, (await f.trainee()).id);
    const file = join(curriculumDir, 'program.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^description: >-/m, 'description: >-\n  Revised.'));
    expect((await t.api.app.get(CurriculumService).publishFromDirectory(curriculumDir)).published).toBe(true);
    const newCohort = await f.cohort();
    const versions = await t.dataSource.query(`SELECT id, program_version_id FROM cohorts WHERE id = ANY($1::uuid[])`, [[oldCohort.id, newCohort.id]]);
    expect(new Set(versions.map((v: any) => v.program_version_id)).size).toBe(2);

    const moved = (await t.ok(MOVE, { e: enrollment.id, c: newCohort.id, r: 'Merged cohorts' }, admin.token)).moveEnrollment;
    expect(moved.cohort.id).toBe(newCohort.id);
    expect(moved.program.id).toBe(versions.find((v: any) => v.id === oldCohort.id).program_version_id);
  });

  it('refuses a cohort the trainee is already in (CONFLICT), another program (BAD_USER_INPUT), no reason, unknown ids and non-admins', async () => {
    const [a, b] = [await f.cohort(), await f.cohort()];
    const trainee = await f.trainee();
    const inA = await f.enroll(a.id, trainee.id);
    await f.enroll(b.id, trainee.id);
    const conflict = await t.gql(MOVE, { e: inA.id, c: b.id, r: 'x' }, admin.token);
    expect(code(conflict)).toBe('CONFLICT');
    expect(conflict.errors![0].message).toMatch(/already has an enrollment/);

    const otherDir = mkdtempSync(join(tmpdir(), 'baton-other-program-'));
    try {
      cpSync(curriculumDir, otherDir, { recursive: true });
      const file = join(otherDir, 'program.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^key: ai-handoff$/m, 'key: chat-basics').replace(/^title: .*$/m, 'title: Chat Basics'));
      await t.api.app.get(CurriculumService).publishFromDirectory(otherDir);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
    const other = (await t.ok(`mutation { createCohort(input: { name: "Chat ${stamp()}", programKey: "chat-basics", startsOn: "2026-02-02" }) { id } }`, {}, admin.token))
      .createCohort;
    const wrongProgram = await t.gql(MOVE, { e: inA.id, c: other.id, r: 'x' }, admin.token);
    expect(code(wrongProgram)).toBe('BAD_USER_INPUT');
    expect(wrongProgram.errors![0].message).toMatch(/runs "Chat Basics"/);

    const c = await f.cohort();
    expect(code(await t.gql(MOVE, { e: inA.id, c: c.id, r: ' ' }, admin.token))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(MOVE, { e: inA.id, c: '00000000-0000-4000-8000-000000000000', r: 'x' }, admin.token))).toBe('NOT_FOUND');
    expect(code(await t.gql(MOVE, { e: '00000000-0000-4000-8000-000000000000', c: c.id, r: 'x' }, admin.token))).toBe('NOT_FOUND');
    for (const person of [await f.hr(), await f.supervisor(), trainee]) {
      expect(code(await t.gql(MOVE, { e: inA.id, c: c.id, r: 'x' }, person.token))).toBe('FORBIDDEN');
    }
    const after = await t.dataSource.query(`SELECT cohort_id FROM enrollments WHERE id = $1`, [inA.id]);
    expect(after).toEqual([{ cohort_id: a.id }]);
  });
});
