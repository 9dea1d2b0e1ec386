import { describe, expect, it } from 'vitest';
import { initialPassword } from './initial-password.js';
import { readUserCsv } from './user-rows.js';

const HEADER = 'email,name,employee_id,role,cohort';

describe('readUserCsv', () => {
  it('reads good rows, trimming cells, any case of role, optional cohort for non-trainees', () => {
    const r = readUserCsv(
      [HEADER, ' Ana@Example.test , Ana Lima ,E-1, trainee ,November intake', 'sam@example.test,Sam Roe,,Supervisor,', 'hr@example.test,Hana,,HR,'].join('\r\n'),
    );
    expect(r.errors).toEqual([]);
    expect(r.dataRows).toBe(3);
    expect(r.rows).toEqual([
      { line: 2, email: 'Ana@Example.test', emailKey: 'ana@example.test', name: 'Ana Lima', employeeId: 'E-1', role: 'TRAINEE', cohort: 'November intake' },
      { line: 3, email: 'sam@example.test', emailKey: 'sam@example.test', name: 'Sam Roe', employeeId: null, role: 'SUPERVISOR', cohort: null },
      { line: 4, email: 'hr@example.test', emailKey: 'hr@example.test', name: 'Hana', employeeId: null, role: 'HR', cohort: null },
    ]);
  });

  it('takes the columns in any order, in any case, with optional employee_id and cohort, and "Employee ID" spelled loosely', () => {
    const r = readUserCsv('Role,Email,Name,Employee ID\nADMIN,a@x.test,A,7\n');
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ role: 'ADMIN', email: 'a@x.test', employeeId: '7', cohort: null });
  });

  it('reports every bad row with its line and reason', () => {
    const csv = [
      HEADER,
      'not-an-email,Ana,,TRAINEE,C', // 2
      'ben@x.test,,,TRAINEE,C', // 3
      'cy@x.test,Cy,,MANAGER,', // 4
      'dee@x.test,Dee,,TRAINEE,', // 5
      'BEN@x.test,Ben again,,SUPERVISOR,', // 6: ben@x.test again (line 3 had a bad name, its email still counts)
      'eve@x.test,Eve,,HR,C', // 7
      'fay@x.test,Fay,E-9,TRAINEE,C', // 8
      'gus@x.test,Gus,E-9,TRAINEE,C', // 9
      'hal@x.test,Hal,TRAINEE', // 10
      ',,,,', // skipped
      '', // skipped
      'ivy@x.test,Ivy,,,C', // 13
    ].join('\n');
    const r = readUserCsv(csv);
    expect(r.rows.map((x) => x.line)).toEqual([8]);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'email'],
      [3, 'name'],
      [4, 'role'],
      [5, 'cohort'],
      [6, 'email'],
      [7, 'cohort'],
      [9, 'employee_id'],
      [10, null],
      [13, 'role'],
    ]);
    const reason = (line: number) => r.errors.find((e) => e.line === line)!.reason;
    expect(reason(2)).toMatch(/not a valid email/);
    expect(reason(3)).toMatch(/name is missing/);
    expect(reason(4)).toMatch(/"MANAGER" is not a role/);
    expect(reason(5)).toMatch(/trainee needs a cohort/);
    expect(reason(6)).toMatch(/already on line 3/);
    expect(reason(9)).toMatch(/E-9 is already on line 8/);
    expect(reason(10)).toMatch(/3 cells but the header row has 5/);
    expect(reason(13)).toMatch(/role is missing/);
  });

  it('puts several problems of one row as several errors of that line', () => {
    const r = readUserCsv(`${HEADER}\nbad,,,,\n`);
    expect(r.errors.map((e) => e.column)).toEqual(['email', 'name', 'role']);
    expect(r.errors.every((e) => e.line === 2)).toBe(true);
  });

  it('refuses a header that misses, repeats or invents columns, as one error on line 1', () => {
    expect(readUserCsv('email,name\na@x.test,A\n').errors).toEqual([
      { line: 1, column: null, reason: expect.stringMatching(/column role is missing/) },
    ]);
    const r = readUserCsv('email,e-mail,name,role,department\n');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].reason).toMatch(/email is named twice.*"department" is not a column/);
  });

  it('explains an empty file and a file with only a header', () => {
    expect(readUserCsv('').errors[0]).toMatchObject({ line: 1, reason: expect.stringMatching(/file is empty/) });
    expect(readUserCsv(`${HEADER}\n`).errors[0]).toMatchObject({ line: 1, reason: expect.stringMatching(/no rows/) });
  });

  it('reports CSV syntax problems on their line beside the row problems', () => {
    const r = readUserCsv(`${HEADER}\na@x.test,A "the ace",,ADMIN,\nb@x.test,B,,ADMIN,\nc@x.test,,,ADMIN,\n`);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [2, null],
      [4, 'name'],
    ]);
    expect(r.rows.map((x) => x.email)).toEqual(['b@x.test']);
  });

  it('counts the line of a row after a cell with a line break in it', () => {
    const r = readUserCsv(`${HEADER}\na@x.test,"Ana\nLima",,ADMIN,\nb@x.test,,,ADMIN,\n`);
    expect(r.errors).toEqual([
      { line: 2, column: 'name', reason: expect.stringMatching(/control character/) },
      { line: 4, column: 'name', reason: expect.stringMatching(/missing/) },
    ]);
  });
});

describe('initialPassword', () => {
  it('is 4 groups of 5 unambiguous symbols, different each time', () => {
    const seen = new Set(Array.from({ length: 200 }, initialPassword));
    expect(seen.size).toBe(200);
    for (const p of seen) expect(p).toMatch(/^[a-hjkmnp-z2-9]{5}(-[a-hjkmnp-z2-9]{5}){3}$/);
  });
});
