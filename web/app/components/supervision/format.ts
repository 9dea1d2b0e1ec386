import { formatMeasure } from '~/lib/format';

/** Seconds from one instant to another, or null when either is missing. */
export function secondsBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return Number.isNaN(ms) ? null : ms / 1000;
}

/** "42 s", "1 min 22 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return formatMeasure(Math.round(seconds * 10) / 10, 's');
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

/** The latest of some ISO instants, or null. */
export function latestOf(instants: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const at of instants) {
    if (at && (!best || new Date(at).getTime() > new Date(best).getTime())) best = at;
  }
  return best;
}

/** "7 Nov – 13 Nov 2026" for two calendar days (YYYY-MM-DD), shown without any zone shift. */
export function formatDayRange(startsOn: string, endsOn: string): string {
  const day = (ymd: string, withYear: boolean) => {
    const date = new Date(`${ymd.slice(0, 10)}T12:00:00Z`);
    if (Number.isNaN(date.getTime())) return ymd;
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' }).format(date);
  };
  return `${day(startsOn, false)} – ${day(endsOn, true)}`;
}

/** "13 Nov, 20:00" in the given zone: short enough for a table cell. */
export function formatShortDateTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(date);
  }
}
