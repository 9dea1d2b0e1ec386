// Calendar rules for cohorts, pure.

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** True for a time zone the runtime's ICU knows (IANA names such as Europe/Berlin, or UTC). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The planned first and last day (inclusive) of each program week, from the cohort start date. */
export function plannedWeeks(startsOn: string, weeks: number[]): { number: number; startsOn: string; endsOn: string }[] {
  const [y, mo, d] = startsOn.split('-').map(Number);
  const day = (offset: number) => new Date(Date.UTC(y, mo - 1, d + offset)).toISOString().slice(0, 10);
  return [...weeks].sort((a, b) => a - b).map((n, i) => ({ number: n, startsOn: day(i * 7), endsOn: day(i * 7 + 6) }));
}

// Formatting a date in a time zone is costly next to the rest of a cohort's fields, and every
// cohort of a list asks for today. Time zones in use today are offset from UTC by whole minutes, so the
// date can only change on a minute boundary: one answer per zone and minute is exact.
const dayFormats = new Map<string, { format: Intl.DateTimeFormat; minute: number; day: string }>();

/** Today's calendar date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  let cached = dayFormats.get(timeZone);
  if (!cached) {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, (cached = { format, minute: Number.NaN, day: '' }));
  }
  if (cached.minute !== minute) {
    cached.day = cached.format.format(now);
    cached.minute = minute;
  }
  return cached.day;
}

/**
 * The program week the calendar says a cohort is in today (0 before the start, past the last week
 * once it is over), from the start date in the cohort's own time zone.
 */
export function plannedWeekOn(startsOn: string, today: string): number {
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / 86_400_000;
  return days < 0 ? 0 : Math.floor(days / 7) + 1;
}

/** Behind when the calendar has moved past a week the trainee has not finished yet. */
export function isBehindSchedule(currentWeek: number, allCompleted: boolean, plannedWeek: number): boolean {
  return !allCompleted && plannedWeek > currentWeek;
}
