import { describe, expect, it } from 'vitest';
import { planUserImport, type CohortRef, type ExistingUser, type ImportWorld } from './user-import-plan.js';
import { readUserCsv } from './user-rows.js';

const NOV: CohortRef = { id: '11111111-1111-4111-8111-111111111111', name: 'November intake', programVersionId: 'v1', programKey: 'ai-handoff' };
const DEC: CohortRef = { id: '22222222-2222-4222-8222-222222222222', name: 'December intake', programVersionId: 'v2', programKey: 'ai-handoff' };
const OTHER: CohortRef = { id: '33333333-3333-4333-8333-333333333333', name: 'Sales pilot', programVersionId: 'v9', programKey: 'sales' };

const ana: ExistingUser = { id: 'u-ana', email: 'Ana@Example.test', name: 'Ana Lima', role: 'TRAINEE', employeeId: 'E-1', active: true };
const root: ExistingUser = { id: 'u-root', email: 'root@example.test', name: 'Root', role: 'ADMIN', employeeId: null, active: true };

function world(extra: Partial<ImportWorld> = {}): ImportWorld {
  return {
    usersByEmail: new Map([
      ['ana@example.test', ana],
      ['root@example.test', root],
    ]),
    employeeIdOwners: new Map([['E-1', ['ana@example.test']]]),
    cohorts: [NOV, DEC, OTHER],
    enrollments: [{ traineeId: 'u-ana', cohortId: NOV.id, cohortName: NOV.name, programKey: 'ai-handoff', status: 'ACTIVE' }],
    supervisorLinks: new Set(),
    activeAdminIds: ['u-root'],
    ...extra,
  };
}

function plan(lines: string[], w = world()) {
  const file = readUserCsv(['email,name,employee_id,role,cohort', ...lines].join('\n'));
  expect(file.errors).toEqual([]);
  return planUserImport(file.rows, w);
}

describe('planUserImport', () => {
  it('creates new accounts, updates changed ones, leaves the rest, and enrols only where no enrollment exists', () => {
    const p = plan([
      'new@example.test,New Person,E-2,TRAINEE,december intake',
      'ANA@example.test,Ana Lima,,TRAINEE,November intake', // same person, same cohort: unchanged, not enrolled again
      'root@example.test,Root Admin,,ADMIN,',
      `sup@example.test,Sam,,SUPERVISOR,${DEC.id}`,
    ]);
    expect(p.errors).toEqual([]);
    expect(p.counts).toEqual({ created: 2, updated: 1, unchanged: 1, enrolled: 1, supervisorsAssigned: 1 });
    const [created, unchanged, updated, supervisor] = p.rows;
    expect(created).toMatchObject({ outcome: 'CREATE', existing: null, enrollIn: DEC, employeeId: 'E-2' });
    expect(unchanged).toMatchObject({ outcome: 'UNCHANGED', existing: ana, enrollIn: null, employeeId: 'E-1' });
    expect(updated).toMatchObject({ outcome: 'UPDATE', changes: { name: { from: 'Root', to: 'Root Admin' } } });
    expect(supervisor).toMatchObject({ outcome: 'CREATE', superviseIn: DEC, enrollIn: null });
  });

  it('reports unknown and ambiguous cohorts, foreign employee ids and a second live enrollment in the same program', () => {
    const twin: CohortRef = { ...DEC, id: '44444444-4444-4444-8444-444444444444' };
    const p = plan(
      [
        'a@example.test,A,,TRAINEE,No such cohort', // 2
        'b@example.test,B,,TRAINEE,December intake', // 3: two cohorts have that name
        'c@example.test,C,E-1,TRAINEE,Sales pilot', // 4: E-1 is Ana's
        'ana@example.test,Ana Lima,,TRAINEE,Sales pilot', // 5: another program: fine
      ],
      world({ cohorts: [NOV, DEC, twin, OTHER] }),
    );
    expect(p.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'cohort'],
      [3, 'cohort'],
      [4, 'employee_id'],
    ]);
    expect(p.errors[0].reason).toMatch(/no cohort "No such cohort"/);
    expect(p.errors[1].reason).toMatch(/2 cohorts are named/);
    expect(p.errors[2].reason).toMatch(/belongs to another account \(ana@example\.test\)/);
    expect(p.rows).toEqual([]);
    expect(p.counts.created).toBe(0);

    const moved = plan(['ana@example.test,Ana Lima,,TRAINEE,December intake']);
    expect(moved.errors[0]).toMatchObject({ line: 2, column: 'cohort', reason: expect.stringMatching(/already enrolled in "November intake"/) });
  });

  it('enrols again in a program the trainee was withdrawn from, and leaves a withdrawn enrollment in the named cohort as it is', () => {
    const withdrawn = world({
      enrollments: [{ traineeId: 'u-ana', cohortId: NOV.id, cohortName: NOV.name, programKey: 'ai-handoff', status: 'WITHDRAWN' }],
    });
    expect(plan(['ana@example.test,Ana Lima,,TRAINEE,December intake'], withdrawn).rows[0].enrollIn).toEqual(DEC);
    expect(plan(['ana@example.test,Ana Lima,,TRAINEE,November intake'], withdrawn).rows[0].enrollIn).toBeNull();
  });

  it('keeps the employee id when the cell is empty and changes it when it is given', () => {
    expect(plan(['ana@example.test,Ana Lima,,TRAINEE,November intake']).rows[0].changes).toEqual({});
    expect(plan(['ana@example.test,Ana Lima,E-7,TRAINEE,November intake']).rows[0].changes).toEqual({ employeeId: { from: 'E-1', to: 'E-7' } });
  });

  it('does not assign a supervisor twice', () => {
    const sam: ExistingUser = { id: 'u-sam', email: 'sam@example.test', name: 'Sam', role: 'SUPERVISOR', employeeId: null, active: true };
    const w = world({ usersByEmail: new Map([['sam@example.test', sam]]), supervisorLinks: new Set([`u-sam:${DEC.id}`]) });
    expect(plan(['sam@example.test,Sam,,SUPERVISOR,December intake'], w).counts).toMatchObject({ unchanged: 1, supervisorsAssigned: 0 });
  });

  it('refuses to demote the last active administrator, unless the file keeps or makes another one', () => {
    const demote = 'root@example.test,Root,,HR,';
    const p = plan([demote]);
    expect(p.errors).toEqual([{ line: 2, column: 'role', reason: expect.stringMatching(/last active administrator/) }]);
    expect(plan([demote, 'new.admin@example.test,New Admin,,ADMIN,']).errors).toEqual([]);
    expect(plan([demote, 'ana@example.test,Ana Lima,,ADMIN,']).errors).toEqual([]);
    expect(plan([demote], world({ activeAdminIds: ['u-root', 'u-other'] })).errors).toEqual([]);
    // An inactive account made ADMIN is no administrator anyone can use.
    const asleep = { ...ana, active: false };
    expect(plan([demote, 'ana@example.test,Ana Lima,,ADMIN,'], world({ usersByEmail: new Map([['ana@example.test', asleep], ['root@example.test', root]]) })).errors).toHaveLength(1);
  });
});
