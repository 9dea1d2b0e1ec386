// The query parameters the HR exports accept (CONTRACT.md, "Exports"), parsed and checked, pure.

export const ENROLLMENT_STATUSES = ['ACTIVE', 'COMPLETED', 'CERTIFIED', 'WITHDRAWN'] as const;
export type ExportEnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** Which enrollments an export covers; every field is optional and they combine with AND. */
export interface ExportFilters {
  cohortId?: string;
  status?: ExportEnrollmentStatus;
  /** enrolled_at >= this instant. */
  enrolledFrom?: Date;
  /** enrolled_at < this instant (a `to` date means "up to the end of that day", UTC). */
  enrolledBefore?: Date;
  /** enrolled_at <= this instant (a `to` date-time is inclusive as written). */
  enrolledUntil?: Date;
  /** `q`: part of the trainee's name, email or employee id (case-insensitive), as HR searches. */
  search?: string;
}

export interface FilterProblem {
  /** The query parameter at fault, as the caller wrote it. */
  parameter: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

type Query = Record<string, unknown>;

/**
 * Reads `cohort`, `status`, `from`, `to` and `q`. An empty value counts as not given (what an HTML
 * form sends for "any"); anything else that is not a valid value is a problem naming the
 * parameter. `from`/`to` filter the enrolment time and are inclusive: a date (YYYY-MM-DD, taken
 * in UTC) covers that whole day; a date-time (ISO 8601, UTC unless it carries an offset) is
 * compared as given. Other parameters are ignored.
 */
export function parseExportFilters(query: Query): { filters: ExportFilters; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const filters: ExportFilters = {};
  const single = (name: string): string | undefined => {
    const raw = query[name];
    if (raw === undefined || raw === null) return undefined;
    if (Array.isArray(raw) || typeof raw !== 'string') {
      problems.push({ parameter: name, message: `Give the "${name}" parameter once, as a single value.` });
      return undefined;
    }
    const value = raw.trim();
    return value === '' ? undefined : value;
  };

  const cohort = single('cohort');
  if (cohort !== undefined) {
    if (UUID.test(cohort)) filters.cohortId = cohort.toLowerCase();
    else problems.push({ parameter: 'cohort', message: `The "cohort" parameter must be a cohort id (a UUID), got "${clip(cohort)}".` });
  }

  const status = single('status');
  if (status !== undefined) {
    const upper = status.toUpperCase();
    if ((ENROLLMENT_STATUSES as readonly string[]).includes(upper)) filters.status = upper as ExportEnrollmentStatus;
    else {
      problems.push({
        parameter: 'status',
        message: `The "status" parameter must be one of ${ENROLLMENT_STATUSES.join(', ')}, got "${clip(status)}".`,
      });
    }
  }

  const from = single('from');
  let fromAt: Date | undefined;
  if (from !== undefined) {
    const parsed = parseBound(from);
    if (!parsed) problems.push({ parameter: 'from', message: dateMessage('from', from) });
    else {
      fromAt = parsed.at;
      filters.enrolledFrom = parsed.at;
    }
  }

  const to = single('to');
  if (to !== undefined) {
    const parsed = parseBound(to);
    if (!parsed) problems.push({ parameter: 'to', message: dateMessage('to', to) });
    else {
      // A date covers its whole day: everything before the next midnight (UTC).
      const end = parsed.dateOnly ? new Date(parsed.at.getTime() + 86_400_000) : parsed.at;
      if (parsed.dateOnly) filters.enrolledBefore = end;
      else filters.enrolledUntil = end;
      if (fromAt && (parsed.dateOnly ? end.getTime() <= fromAt.getTime() : end.getTime() < fromAt.getTime())) {
        problems.push({ parameter: 'to', message: `The "to" parameter (${clip(to)}) is before "from" (${clip(from!)}).` });
      }
    }
  }
  const q = single('q');
  if (q !== undefined) {
    const term = q.trim();
    if (term.length > 100) problems.push({ parameter: 'q', message: 'The "q" parameter (a search) can be at most 100 characters.' });
    else if (term) filters.search = term;
  }
  return { filters, problems };
}

/** An ILIKE pattern matching `term` anywhere, with the pattern characters in it taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function dateMessage(name: string, value: string): string {
  return `The "${name}" parameter must be a date (YYYY-MM-DD) or an ISO 8601 date-time such as 2026-03-02T10:00:00Z, got "${clip(value)}".`;
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}

/** A real calendar date or date-time, or null. */
export function parseBound(value: string): { at: Date; dateOnly: boolean } | null {
  const d = DATE.exec(value);
  if (d) {
    const at = utcDate(+d[1], +d[2], +d[3]);
    return at ? { at, dateOnly: true } : null;
  }
  const t = DATE_TIME.exec(value);
  if (!t) return null;
  const day = utcDate(+t[1], +t[2], +t[3]);
  const [hour, minute, second] = [+t[4], +t[5], t[6] === undefined ? 0 : +t[6]];
  if (!day || hour > 23 || minute > 59 || second > 59) return null;
  const millis = t[7] === undefined ? 0 : Math.floor(Number(`0.${t[7]}`) * 1000);
  let offsetMinutes = 0;
  const zone = t[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const [h, min] = [+m[2], +m[3]];
    if (h > 23 || min > 59) return null;
    offsetMinutes = (m[1] === '-' ? -1 : 1) * (h * 60 + min);
  }
  const at = new Date(day.getTime() + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis);
  return { at, dateOnly: false };
}

function utcDate(year: number, month: number, day: number): Date | null {
  const at = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || year > 9999) return null;
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day ? at : null;
}
