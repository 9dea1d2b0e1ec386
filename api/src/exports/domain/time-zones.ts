// Wall-clock times in an IANA time zone, and its VTIMEZONE (RFC 5545 §3.6.5), from the runtime's
// ICU data alone, pure. RFC 5545 requires a VTIMEZONE for every TZID an iCalendar file uses;
// rather than ship a time zone database, the observances are read off Intl for the years asked.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes to add to UTC to get the zone's wall clock at that instant (e.g. +60 for Berlin in winter). */
export function offsetMinutesAt(timeZone: string, epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const whole = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wall - whole) / 60_000);
}

/**
 * The instant at which the zone's clocks show `date` (YYYY-MM-DD) `time` (HH:MM). A time in a
 * spring-forward gap is read with the offset before the gap (RFC 5545 §3.3.5); in an autumn
 * overlap, the first occurrence counts.
 */
export function zonedWallClockToUtc(timeZone: string, date: string, time = '00:00'): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The offsets half a day either side cover any transition near this time.
  const before = offsetMinutesAt(timeZone, wall - 43_200_000);
  const after = offsetMinutesAt(timeZone, wall + 43_200_000);
  const valid = [before, after]
    .map((offset) => wall - offset * 60_000)
    .filter((t) => t + offsetMinutesAt(timeZone, t) * 60_000 === wall);
  return new Date(valid.length ? Math.min(...valid) : wall - before * 60_000);
}

export interface OffsetTransition {
  /** The instant the new offset starts. */
  at: number;
  from: number;
  to: number;
}

/** Every change of the zone's UTC offset in [fromMs, toMs), to the minute. */
export function offsetTransitions(timeZone: string, fromMs: number, toMs: number): OffsetTransition[] {
  const STEP = 6 * 3_600_000; // no zone changes its offset twice within six hours
  const found: OffsetTransition[] = [];
  let t = fromMs;
  let offset = offsetMinutesAt(timeZone, t);
  while (t < toMs) {
    const next = Math.min(t + STEP, toMs);
    const nextOffset = offsetMinutesAt(timeZone, next);
    if (nextOffset !== offset) {
      let lo = t; // offset at lo is `offset`
      let hi = next; // offset at hi is `nextOffset`
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (mid <= lo) break;
        if (offsetMinutesAt(timeZone, mid) === offset) lo = mid;
        else hi = mid;
      }
      found.push({ at: hi, from: offset, to: nextOffset });
      offset = nextOffset;
    }
    t = next;
  }
  return found;
}

/**
 * A VTIMEZONE for `timeZone` that is exact for the years `fromYear` to `toYear`: one observance
 * for the offset in force at the start, then one per transition (DTSTART in the local time before
 * it, as RFC 5545 requires). No RRULEs, so nothing depends on rules guessed from two samples.
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const transitions = offsetTransitions(timeZone, start, end);
  const offsets = [offsetMinutesAt(timeZone, start), ...transitions.map((x) => x.to)];
  const standardOffset = Math.min(...offsets);
  const initial = offsetMinutesAt(timeZone, start);
  const observance = (type: 'STANDARD' | 'DAYLIGHT', localStart: string, from: number, to: number) =>
    [`BEGIN:${type}`, `DTSTART:${localStart}`, `TZOFFSETFROM:${formatOffset(from)}`, `TZOFFSETTO:${formatOffset(to)}`, `END:${type}`];
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  lines.push(...observance(initial > standardOffset ? 'DAYLIGHT' : 'STANDARD', icsLocal(start + initial * 60_000), initial, initial));
  for (const x of transitions) {
    lines.push(...observance(x.to > standardOffset ? 'DAYLIGHT' : 'STANDARD', icsLocal(x.at + x.from * 60_000), x.from, x.to));
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/** +0100, -0530 */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** A UTC-based millisecond value whose UTC fields are the wall clock, as YYYYMMDDTHHMMSS. */
function icsLocal(wallMs: number): string {
  return new Date(wallMs).toISOString().replace(/[-:]/g, '').slice(0, 15);
}

/** Day of the week of a calendar date (0 = Sunday), whatever the zone: dates are local already. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
