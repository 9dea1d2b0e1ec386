import { HR_STATUSES, NO_FILTERS, type HrFilterName, type HrFilters } from '~/components/hr/filters';
import { api } from '~/lib/api.server';
import type { Auth } from '~/lib/session.server';
import type { CohortSummary, EnrollmentStatus, Program, User } from '~/lib/types';

// HR reads everything through `cohorts { enrollments }` (every cohort for HR and ADMIN) and
// filters here, on the server: a few hundred enrollments at most, one request.
const COHORTS = /* GraphQL */ `
  query HrCohorts {
    cohorts {
      id
      name
      startsOn
      timeZone
      program {
        title
        version
      }
      supervisors {
        id
        name
      }
      enrollments {
        id
        status
        percentComplete
        enrolledAt
        completedAt
        currentWeek
        behindSchedule
        trainee {
          id
          name
          email
          employeeId
        }
        certificates {
          code
          issuedAt
          expiresAt
          revokedAt
          expired
          valid
        }
      }
    }
  }
`;

export interface HrCertificate {
  code: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  expired: boolean;
  valid: boolean;
}

export interface HrEnrollment {
  id: string;
  status: EnrollmentStatus;
  percentComplete: number;
  enrolledAt: string;
  completedAt: string | null;
  currentWeek: number;
  behindSchedule: boolean;
  trainee: Pick<User, 'id' | 'name' | 'email' | 'employeeId'>;
  /** Newest cycle first. */
  certificates: HrCertificate[];
}

export interface HrCohort extends CohortSummary {
  program: Pick<Program, 'title' | 'version'>;
  supervisors: Pick<User, 'id' | 'name'>[];
  enrollments: HrEnrollment[];
}

/** One line of the list: the enrollment with its cohort's name, and its latest certificate. */
export interface HrRow extends Omit<HrEnrollment, 'certificates'> {
  cohortId: string;
  cohortName: string;
  certificate: HrCertificate | null;
}

export interface CohortRate {
  id: string;
  name: string;
  program: string;
  enrolled: number;
  /** Finished every activity: status Completed or Certified. */
  completed: number;
  certified: number;
}

export interface FilterProblem {
  field: HrFilterName;
  message: string;
}

const byText = (a: string, b: string) => a.localeCompare(b, 'en');

/** Every cohort with its enrollments: cohorts by start date then name, trainees by name (the export's order). */
export async function hrCohorts(request: Request, auth: Auth): Promise<HrCohort[]> {
  const { cohorts } = await api<{ cohorts: HrCohort[] }>(request, auth, COHORTS);
  return [...cohorts]
    .sort((a, b) => byText(a.startsOn, b.startsOn) || byText(a.name, b.name) || byText(a.id, b.id))
    .map((c) => ({ ...c, enrollments: [...c.enrollments].sort((a, b) => byText(a.trainee.name, b.trainee.name) || byText(a.id, b.id)) }));
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_SEARCH = 100;

/** Start of a YYYY-MM-DD day in UTC, or null for anything else (including 2026-02-30). */
function utcDay(value: string): number | null {
  const m = DAY.exec(value);
  if (!m) return null;
  const at = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const d = new Date(at);
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] && +m[1] >= 1900 ? at : null;
}

/**
 * The filters in the address, checked. `values` is what was asked for (to put back in the form);
 * `filters` holds only the valid ones, which the list and the download links use; each invalid
 * one is a problem naming its field. Dates are UTC days, inclusive, as the export reads them.
 */
export function parseFilters(url: URL, cohortIds: readonly string[]): { values: HrFilters; filters: HrFilters; problems: FilterProblem[] } {
  const get = (name: HrFilterName) => (url.searchParams.get(name) ?? '').trim();
  const values: HrFilters = {
    cohort: get('cohort'),
    status: get('status') as HrFilters['status'],
    from: get('from'),
    to: get('to'),
    q: get('q'),
  };
  const filters: HrFilters = { ...NO_FILTERS };
  const problems: FilterProblem[] = [];

  if (values.cohort) {
    if (cohortIds.includes(values.cohort)) filters.cohort = values.cohort;
    else problems.push({ field: 'cohort', message: 'There is no such cohort: choose one from the list.' });
  }
  if (values.status) {
    const upper = values.status.toUpperCase() as EnrollmentStatus;
    if (HR_STATUSES.includes(upper)) filters.status = upper;
    else problems.push({ field: 'status', message: 'Choose a status from the list.' });
  }
  const from = values.from ? utcDay(values.from) : null;
  if (values.from && from === null)
    problems.push({ field: 'from', message: 'Enter the "enrolled from" date as a date, for example 2026-03-02.' });
  else filters.from = values.from;
  const to = values.to ? utcDay(values.to) : null;
  if (values.to && to === null) problems.push({ field: 'to', message: 'Enter the "enrolled to" date as a date, for example 2026-03-31.' });
  else if (from !== null && to !== null && to < from) {
    problems.push({ field: 'to', message: 'The "enrolled to" date is before the "enrolled from" date.' });
  } else filters.to = values.to;
  if (values.q.length > MAX_SEARCH) {
    problems.push({ field: 'q', message: `Search for at most ${MAX_SEARCH} characters.` });
    values.q = values.q.slice(0, MAX_SEARCH);
  } else filters.q = values.q;
  return { values, filters, problems };
}

function inDates(enrolledAt: string, filters: HrFilters): boolean {
  const at = new Date(enrolledAt).getTime();
  const from = filters.from ? utcDay(filters.from) : null;
  const to = filters.to ? utcDay(filters.to) : null;
  if (from !== null && at < from) return false;
  if (to !== null && at >= to + 86_400_000) return false;
  return true;
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function matchesSearch(e: HrEnrollment, q: string): boolean {
  if (!q) return true;
  const needle = fold(q);
  return [e.trainee.name, e.trainee.employeeId ?? '', e.trainee.email].some((field) => fold(field).includes(needle));
}

export interface HrList {
  /** Enrollments matching every filter, in export order. */
  rows: HrRow[];
  /** Enrollments in Baton, all cohorts. */
  total: number;
  /** How many rows the downloads hold: every filter except the search. */
  /** Per cohort, for the cohort and date filters (status and search would make a rate meaningless). */
  rates: CohortRate[];
}

export function filterEnrollments(cohorts: HrCohort[], filters: HrFilters): HrList {
  const rows: HrRow[] = [];
  const rates: CohortRate[] = [];
  let total = 0;
  for (const cohort of cohorts) {
    total += cohort.enrollments.length;
    if (filters.cohort && cohort.id !== filters.cohort) continue;
    const rate: CohortRate = {
      id: cohort.id,
      name: cohort.name,
      program: `${cohort.program.title} (version ${cohort.program.version})`,
      enrolled: 0,
      completed: 0,
      certified: 0,
    };
    for (const e of cohort.enrollments) {
      if (!inDates(e.enrolledAt, filters)) continue;
      rate.enrolled += 1;
      if (e.status === 'COMPLETED' || e.status === 'CERTIFIED') rate.completed += 1;
      if (e.status === 'CERTIFIED') rate.certified += 1;
      if (filters.status && e.status !== filters.status) continue;
      if (!matchesSearch(e, filters.q)) continue;
      const { certificates, ...rest } = e;
      rows.push({ ...rest, cohortId: cohort.id, cohortName: cohort.name, certificate: certificates[0] ?? null });
    }
    rates.push(rate);
  }
  return { rows, total, rates };
}
