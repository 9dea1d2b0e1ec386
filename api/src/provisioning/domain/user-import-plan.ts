// What importing the checked rows would change, given what the database holds, pure.
// The service loads the world (the accounts the file names, the cohorts it names, their
// enrollments, the active admins), plans, and applies the plan only when it has no errors.

import { clip, sortErrors, type ImportError, type ImportRole, type UserRow } from './user-rows.js';

export interface ExistingUser {
  id: string;
  email: string;
  name: string;
  role: ImportRole;
  employeeId: string | null;
  active: boolean;
}

export interface CohortRef {
  id: string;
  name: string;
  programVersionId: string;
  programKey: string;
}

export interface ExistingEnrollment {
  traineeId: string;
  cohortId: string;
  cohortName: string;
  programKey: string;
  status: string;
}

export interface ImportWorld {
  /** Accounts whose email (lower case) is in the file. */
  usersByEmail: ReadonlyMap<string, ExistingUser>;
  /** Lower-case emails of the accounts holding each employee id of the file, when any do. */
  employeeIdOwners: ReadonlyMap<string, readonly string[]>;
  /** Cohorts whose id or name (any case) is in the file. */
  cohorts: readonly CohortRef[];
  /** Enrollments of the existing accounts. */
  enrollments: readonly ExistingEnrollment[];
  /** `${supervisorId}:${cohortId}` of the existing accounts' supervision links. */
  supervisorLinks: ReadonlySet<string>;
  /** Ids of the active administrators. */
  activeAdminIds: readonly string[];
}

export interface PlannedRow {
  row: UserRow;
  /** The account to update; absent when the row creates one. */
  existing: ExistingUser | null;
  outcome: 'CREATE' | 'UPDATE' | 'UNCHANGED';
  /** For UPDATE: each changed field with its old and new value. */
  changes: Partial<Record<'name' | 'role' | 'employeeId', { from: string | null; to: string | null }>>;
  /** What the account holds afterwards. */
  employeeId: string | null;
  /** A trainee row's cohort, when the enrollment does not exist yet. */
  enrollIn: CohortRef | null;
  /** A supervisor row's cohort, when they do not supervise it yet. */
  superviseIn: CohortRef | null;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  enrolled: number;
  supervisorsAssigned: number;
}

export interface ImportPlan {
  rows: PlannedRow[];
  errors: ImportError[];
  counts: ImportCounts;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cohort a cell names: by id, else by name (any case); an error when none or several match. */
function findCohort(value: string, cohorts: readonly CohortRef[]): CohortRef | string {
  if (UUID.test(value)) {
    const byId = cohorts.find((c) => c.id.toLowerCase() === value.toLowerCase());
    if (byId) return byId;
  }
  const named = cohorts.filter((c) => c.name.trim().toLowerCase() === value.toLowerCase());
  if (named.length === 1) return named[0];
  if (named.length > 1) return `${named.length} cohorts are named "${clip(value)}"; write the cohort's id instead`;
  return `there is no cohort "${clip(value)}" (write its exact name or its id)`;
}

export function planUserImport(rows: readonly UserRow[], world: ImportWorld): ImportPlan {
  const errors: ImportError[] = [];
  const planned: PlannedRow[] = [];

  for (const row of rows) {
    const fail = (column: ImportError['column'], reason: string) => errors.push({ line: row.line, column, reason });
    const before = errors.length;
    const existing = world.usersByEmail.get(row.emailKey) ?? null;

    // An empty employee_id cell keeps the one the account has.
    const employeeId = row.employeeId ?? existing?.employeeId ?? null;
    if (row.employeeId) {
      const owner = world.employeeIdOwners.get(row.employeeId)?.find((email) => email !== row.emailKey);
      if (owner) fail('employee_id', `the employee id ${row.employeeId} belongs to another account (${owner})`);
    }

    let cohort: CohortRef | null = null;
    if (row.cohort) {
      const found = findCohort(row.cohort, world.cohorts);
      if (typeof found === 'string') fail('cohort', found);
      else cohort = found;
    }

    let enrollIn: CohortRef | null = null;
    let superviseIn: CohortRef | null = null;
    if (cohort && row.role === 'TRAINEE') {
      const mine = existing ? world.enrollments.filter((e) => e.traineeId === existing.id) : [];
      if (!mine.some((e) => e.cohortId === cohort.id)) {
        // Enrolling again in the same program while another enrollment of it is live would give
        // the trainee two parallel records, e.g. when an old file names the cohort they were moved out of.
        const live = mine.find((e) => e.programKey === cohort.programKey && e.status !== 'WITHDRAWN');
        if (live) {
          fail('cohort', `${row.email} is already enrolled in "${live.cohortName}" for this program; move that enrollment instead of enrolling again`);
        } else enrollIn = cohort;
      }
    } else if (cohort && row.role === 'SUPERVISOR') {
      if (!(existing && world.supervisorLinks.has(`${existing.id}:${cohort.id}`))) superviseIn = cohort;
    }

    if (errors.length > before) continue;
    const changes: PlannedRow['changes'] = {};
    if (existing) {
      if (existing.name !== row.name) changes.name = { from: existing.name, to: row.name };
      if (existing.role !== row.role) changes.role = { from: existing.role, to: row.role };
      if (existing.employeeId !== employeeId) changes.employeeId = { from: existing.employeeId, to: employeeId };
    }
    const outcome = !existing ? 'CREATE' : Object.keys(changes).length ? 'UPDATE' : 'UNCHANGED';
    planned.push({ row, existing, outcome, changes, employeeId, enrollIn, superviseIn });
  }

  // The file must not leave Baton without an active administrator.
  const admins = new Set(world.activeAdminIds);
  for (const p of planned) {
    if (p.existing && p.changes.role) {
      if (p.row.role === 'ADMIN' && p.existing.active) admins.add(p.existing.id);
      if (p.row.role !== 'ADMIN') admins.delete(p.existing.id);
    }
  }
  const newAdmins = planned.filter((p) => p.outcome === 'CREATE' && p.row.role === 'ADMIN').length;
  if (admins.size + newAdmins === 0) {
    for (const p of planned) {
      if (p.changes.role?.from === 'ADMIN') {
        errors.push({ line: p.row.line, column: 'role', reason: `this would take away the last active administrator (${p.row.email}); keep them ADMIN` });
      }
    }
  }

  if (errors.length) {
    return { rows: [], errors: sortErrors(errors), counts: { created: 0, updated: 0, unchanged: 0, enrolled: 0, supervisorsAssigned: 0 } };
  }
  return {
    rows: planned,
    errors: [],
    counts: {
      created: planned.filter((p) => p.outcome === 'CREATE').length,
      updated: planned.filter((p) => p.outcome === 'UPDATE').length,
      unchanged: planned.filter((p) => p.outcome === 'UNCHANGED').length,
      enrolled: planned.filter((p) => p.enrollIn).length,
      supervisorsAssigned: planned.filter((p) => p.superviseIn).length,
    },
  };
}
