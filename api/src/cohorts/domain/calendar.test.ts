import { describe, expect, it } from 'vitest';
import { isBehindSchedule, isCalendarDate, isTimeZone, plannedWeekOn, plannedWeeks, todayIn } from './calendar.js';

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

  it('reads today in the cohort time zone', () => {
    const instant = new Date('2026-03-01T23:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2026-03-01');
    expect(todayIn('Europe/Berlin', instant)).toBe('2026-03-02');
    expect(todayIn('America/New_York', instant)).toBe('2026-03-01');
  });

  it('moves to the next day at midnight in the zone, also when asked again within the same minute', () => {
    expect(todayIn('Asia/Kolkata', new Date('2026-03-01T18:29:00Z'))).toBe('2026-03-01');
    expect(todayIn('Asia/Kolkata', new Date('2026-03-01T18:29:59Z'))).toBe('2026-03-01');
    expect(todayIn('Asia/Kolkata', new Date('2026-03-01T18:30:00Z'))).toBe('2026-03-02');
    expect(todayIn('Asia/Kolkata', new Date('2026-03-01T18:29:30Z'))).toBe('2026-03-01');
  });

  it('says which week the calendar is in, and who is behind it', () => {
    expect(plannedWeekOn('2026-03-02', '2026-03-01')).toBe(0);
    expect(plannedWeekOn('2026-03-02', '2026-03-02')).toBe(1);
    expect(plannedWeekOn('2026-03-02', '2026-03-08')).toBe(1);
    expect(plannedWeekOn('2026-03-02', '2026-03-09')).toBe(2);
    expect(plannedWeekOn('2026-03-02', '2026-04-30')).toBe(9);
    expect(isBehindSchedule(1, false, 2)).toBe(true);
    expect(isBehindSchedule(2, false, 2)).toBe(false);
    expect(isBehindSchedule(3, true, 9)).toBe(false);
  });
});
