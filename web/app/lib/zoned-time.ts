// Wall-clock times in a named time zone (what a `<input type="datetime-local">` holds) and the UTC
// instants the API stores, converted with Intl alone. Used on the server, where the machine's own
// zone must not matter.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;
const DAY_MS = 24 * 60 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows the zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a zone, as if they were a UTC time (ms, whole seconds). */
function wallClockMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The zone's offset from UTC at an instant, in ms (Europe/Berlin in summer: +7 200 000). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

/**
 * The UTC instant of a wall-clock time ("2026-03-29T02:30" or with seconds) in `timeZone`, as an ISO
 * string ending in Z; null when the text is not such a time or the zone is unknown.
 * Like Temporal's "compatible" rule: a time that happens twice (clocks going back) is the earlier
 * instant; a time skipped by clocks going forward moves forward by the gap (02:30 → 03:30).
 */
export function zonedLocalToUtcIso(local: string, timeZone: string): string | null {
  const m = LOCAL.exec(local.trim());
  if (!m || !isTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null; // 31 April and the like

  // The offsets in force a day either side cover any single transition near this time.
  const before = zoneOffsetMs(asUtc - DAY_MS, timeZone);
  const after = zoneOffsetMs(asUtc + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => asUtc - offset)
    .filter((instant) => wallClockMs(instant, timeZone) === asUtc)
    .sort((a, b) => a - b);
  const instant = candidates.length ? candidates[0] : asUtc - before;
  return new Date(instant).toISOString();
}

/** The wall-clock time of an instant in `timeZone`, as a datetime-local value with seconds. */
export function utcToZonedLocal(iso: string, timeZone: string): string | null {
  const instant = new Date(iso).getTime();
  if (Number.isNaN(instant) || !isTimeZone(timeZone)) return null;
  return new Date(wallClockMs(instant, timeZone)).toISOString().slice(0, 19);
}
