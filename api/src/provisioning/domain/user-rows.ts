// The users CSV (docs/decisions/010-provisioning.md): header, cells and the rules each row must
// meet on its own or against the other rows of the file, pure. Rules that need the database
// (cohorts, existing accounts) are in user-import-plan.ts.

import { readCsv } from './csv.js';

export type ImportRole = 'TRAINEE' | 'SUPERVISOR' | 'HR' | 'ADMIN';
export const IMPORT_ROLES: readonly ImportRole[] = ['TRAINEE', 'SUPERVISOR', 'HR', 'ADMIN'];

export const IMPORT_COLUMNS = ['email', 'name', 'employee_id', 'role', 'cohort'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly ImportColumn[] = ['email', 'name', 'role'];

/** The largest file one import takes: 5,000 rows, and 512 KiB so the request stays under the API's 1 MB JSON limit. */
export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 512 * 1024;

// The same rules as createUser (identity.service.ts).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL = 254;
const MAX_NAME = 200;
const MAX_EMPLOYEE_ID = 64;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface ImportError {
  line: number;
  /** The column the problem is in, when it is one cell's. */
  column: ImportColumn | null;
  reason: string;
}

export interface UserRow {
  line: number;
  email: string;
  /** Lower-case email: accounts are one per email whatever its case. */
  emailKey: string;
  name: string;
  employeeId: string | null;
  role: ImportRole;
  /** A cohort name or id as written, or null. */
  cohort: string | null;
}

export interface UserCsv {
  rows: UserRow[];
  errors: ImportError[];
  /** Records after the header row, good or bad (blank lines not counted). */
  dataRows: number;
}

/** "Employee ID", "employee-id" and "employeeId" all name the employee_id column. */
function columnOf(header: string): ImportColumn | null {
  const key = header.trim().toLowerCase().replace(/[^a-z]/g, '');
  return IMPORT_COLUMNS.find((c) => c.replace('_', '') === key) ?? null;
}

/** Reads and checks the file. Every row with a problem is reported; rows without any are returned. */
export function readUserCsv(csv: string): UserCsv {
  const { records, problems } = readCsv(csv);
  const errors: ImportError[] = problems.map((p) => ({ line: p.line, column: null, reason: p.reason }));
  const [header, ...data] = records;
  if (!header) {
    if (!errors.length) errors.push({ line: 1, column: null, reason: `the file is empty; its first row must name the columns: ${IMPORT_COLUMNS.join(', ')}` });
    return { rows: [], errors, dataRows: 0 };
  }

  const index = new Map<ImportColumn, number>();
  const headerProblems: string[] = [];
  header.cells.forEach((name, i) => {
    const column = columnOf(name);
    if (!column) headerProblems.push(`"${name.trim()}" is not a column of the import (the columns are ${IMPORT_COLUMNS.join(', ')})`);
    else if (index.has(column)) headerProblems.push(`the column ${column} is named twice`);
    else index.set(column, i);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!index.has(column)) headerProblems.push(`the column ${column} is missing`);
  }
  if (headerProblems.length) {
    errors.unshift({ line: header.line, column: null, reason: `header row: ${headerProblems.join('; ')}` });
    return { rows: [], errors: sortErrors(errors), dataRows: data.length };
  }
  if (data.length === 0 && !errors.length) {
    errors.push({ line: header.line, column: null, reason: 'the file has a header row but no rows of users' });
  }

  const rows: UserRow[] = [];
  const firstLineOfEmail = new Map<string, number>();
  const firstLineOfEmployeeId = new Map<string, number>();
  for (const record of data) {
    // Rows whose cells are all empty (a spreadsheet's trailing ",,,,") are not rows of users.
    if (record.cells.every((c) => c.trim() === '')) continue;
    const fail = (column: ImportColumn | null, reason: string) => errors.push({ line: record.line, column, reason });
    if (record.cells.length !== header.cells.length) {
      fail(null, `this row has ${record.cells.length} cells but the header row has ${header.cells.length}`);
      continue;
    }
    const cell = (column: ImportColumn) => {
      const i = index.get(column);
      return i === undefined ? '' : record.cells[i].trim();
    };
    const before = errors.length;

    const email = cell('email');
    const emailKey = email.toLowerCase();
    if (!email) fail('email', 'the email is missing');
    else if (!EMAIL.test(email) || email.length > MAX_EMAIL) fail('email', `"${clip(email)}" is not a valid email address`);
    else if (firstLineOfEmail.has(emailKey)) fail('email', `${email} is already on line ${firstLineOfEmail.get(emailKey)} of this file`);
    else firstLineOfEmail.set(emailKey, record.line);

    const name = cell('name');
    if (!name) fail('name', 'the name is missing');
    else if (name.length > MAX_NAME) fail('name', `the name is longer than ${MAX_NAME} characters`);
    else if (CONTROL.test(name)) fail('name', 'the name contains a line break or another control character');

    const employeeId = cell('employee_id') || null;
    if (employeeId) {
      if (employeeId.length > MAX_EMPLOYEE_ID) fail('employee_id', `the employee id is longer than ${MAX_EMPLOYEE_ID} characters`);
      else if (CONTROL.test(employeeId)) fail('employee_id', 'the employee id contains a line break or another control character');
      else if (firstLineOfEmployeeId.has(employeeId)) {
        fail('employee_id', `the employee id ${employeeId} is already on line ${firstLineOfEmployeeId.get(employeeId)} of this file`);
      } else firstLineOfEmployeeId.set(employeeId, record.line);
    }

    const roleText = cell('role');
    const role = IMPORT_ROLES.find((r) => r === roleText.toUpperCase()) ?? null;
    if (!roleText) fail('role', `the role is missing (one of ${IMPORT_ROLES.join(', ')})`);
    else if (!role) fail('role', `"${clip(roleText)}" is not a role; use one of ${IMPORT_ROLES.join(', ')}`);

    const cohort = cell('cohort') || null;
    if (role === 'TRAINEE' && !cohort) fail('cohort', 'a trainee needs a cohort (its name or id)');
    if ((role === 'HR' || role === 'ADMIN') && cohort) {
      fail('cohort', `${role === 'HR' ? 'HR' : 'administrators'} see every cohort; leave the cohort empty (only trainees and supervisors belong to one)`);
    }

    if (errors.length === before) rows.push({ line: record.line, email, emailKey, name, employeeId, role: role!, cohort });
  }
  return { rows, errors: sortErrors(errors), dataRows: data.length };
}

export function sortErrors<T extends { line: number }>(errors: T[]): T[] {
  return [...errors].sort((a, b) => a.line - b.line);
}

/** Quotes the caller's own text back, but never at length. */
export function clip(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
