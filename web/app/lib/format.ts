import type { ActivityKind, ActivityStatus, Comparator, EnrollmentStatus, Role } from './types';

// Formatting shared by server and browser rendering. Dates always name a time zone so that both
// render the same text (no hydration mismatch) whatever the machine's own zone is.

export const ROLE_LABEL: Record<Role, string> = {
  TRAINEE: 'Trainee',
  SUPERVISOR: 'Supervisor',
  HR: 'HR',
  ADMIN: 'Administrator',
};

export const ACTIVITY_STATUS_LABEL: Record<ActivityStatus, string> = {
  LOCKED: 'Locked',
  AVAILABLE: 'Available',
  IN_PROGRESS: 'In progress',
  AWAITING_SIGN_OFF: 'Awaiting sign-off',
  COMPLETED: 'Completed',
};

export const ENROLLMENT_STATUS_LABEL: Record<EnrollmentStatus, string> = {
  ACTIVE: 'Active',
  COMPLETED: 'Completed',
  CERTIFIED: 'Certified',
  WITHDRAWN: 'Withdrawn',
};

export const ACTIVITY_KIND_LABEL: Record<ActivityKind, string> = {
  LESSON: 'Lesson',
  QUIZ: 'Quiz',
  SPEED_READING: 'Speed-reading drill',
  FIRST_MESSAGE: 'First-message drill',
  ERROR_SPOTTING: 'Error spotting',
  ROLE_PLAY: 'Role-play',
  SHADOWING: 'Shadowing',
  SUPERVISED_HANDOFFS: 'Supervised handoffs',
  SOLO_HANDOFFS: 'Solo handoffs',
};

const COMPARATOR_WORDS: Record<Comparator, string> = {
  LT: 'under',
  LTE: 'at most',
  GT: 'above',
  GTE: 'at least',
};

function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value >= 10 ? 1 : 2).replace(/\.?0+$/, '');
}

/** A metric figure with its unit: "42 s", "97.5%", "4.4". */
export function formatMeasure(value: number, unit: string): string {
  const number = trimNumber(value);
  if (unit === '%') return `${number}%`;
  if (!unit || unit === 'score') return number;
  return `${number} ${unit}`;
}

/** A target in words: "under 60 s", "at least 100%". */
export function formatTarget(comparator: Comparator, threshold: number, unit: string): string {
  return `${COMPARATOR_WORDS[comparator]} ${formatMeasure(threshold, unit)}`;
}

export function formatPercent(value: number): string {
  return `${Math.round(value)}%`;
}

export function formatScore(score: number): string {
  return trimNumber(score);
}

/** "12 Mar 2025" in the given zone (UTC unless told). Falls back to UTC for an unknown zone. */
export function formatDate(iso: string, timeZone = 'UTC'): string {
  return format(iso, 'date', timeZone);
}

/** "12 Mar 2025, 14:05" in the given zone. */
export function formatDateTime(iso: string, timeZone = 'UTC'): string {
  return format(iso, 'dateTime', timeZone);
}

/** A plain calendar date such as a cohort's start ("2025-03-12"), shown without any zone shift. */
export function formatCalendarDate(day: string): string {
  const ymd = /^\d{4}-\d{2}-\d{2}/.exec(day)?.[0];
  return ymd ? formatDate(`${ymd}T12:00:00Z`) : day;
}

// Building an Intl.DateTimeFormat (locale and zone data) costs far more than formatting with one,
// and a page formats many dates in a handful of styles and zones: keep each formatter.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(style: 'date' | 'dateTime', timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions = style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
    try {
      formatter = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    } catch {
      // An unknown zone: UTC (remembered under the unknown name too, so it is not retried each time).
      formatter = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

function format(iso: string, style: 'date' | 'dateTime', timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatterFor(style, timeZone).format(date);
}
