import { describe, expect, it } from 'vitest';
import { isCalendarDate, isTimeZone, plannedWeeks } from './calendar.js';

describe('cohort calendar', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('26-01-01')).toBe(false);
    expect(isCalendarDate('2026-01-01T00:00:00Z')).toBe(false);
  });

  it('knows IANA time zones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('plans consecutive weeks of seven days across month ends', () => {
    expect(plannedWeeks('2026-01-26', [1, 2, 3])).toEqual([
      { number: 1, startsOn: '2026-01-26', endsOn: '2026-02-01' },
      { number: 2, startsOn: '2026-02-02', endsOn: '2026-02-08' },
      { number: 3, startsOn: '2026-02-09', endsOn: '2026-02-15' },
    ]);
  });
});
