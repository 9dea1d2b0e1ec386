import { describe, expect, it } from 'vitest';
import { formatOffset, offsetMinutesAt, offsetTransitions, vtimezone, weekday, zonedWallClockToUtc } from './time-zones.js';

describe('time zones from Intl', () => {
  it('reads offsets, including half hours and DST', () => {
    expect(offsetMinutesAt('Europe/Berlin', Date.UTC(2026, 0, 15))).toBe(60);
    expect(offsetMinutesAt('Europe/Berlin', Date.UTC(2026, 6, 15))).toBe(120);
    expect(offsetMinutesAt('Asia/Kolkata', Date.UTC(2026, 6, 15))).toBe(330);
    expect(offsetMinutesAt('America/New_York', Date.UTC(2026, 0, 15))).toBe(-300);
    expect(offsetMinutesAt('UTC', Date.UTC(2026, 0, 15))).toBe(0);
  });

  it('turns a wall-clock time into the instant', () => {
    expect(zonedWallClockToUtc('Europe/Berlin', '2026-03-06', '15:00').toISOString()).toBe('2026-03-06T14:00:00.000Z');
    expect(zonedWallClockToUtc('Europe/Berlin', '2026-04-03', '15:00').toISOString()).toBe('2026-04-03T13:00:00.000Z');
    expect(zonedWallClockToUtc('America/New_York', '2026-11-06', '15:00').toISOString()).toBe('2026-11-06T20:00:00.000Z');
    // 02:30 does not exist on 2026-03-29 in Berlin; as RFC 5545 says, the offset before the gap applies.
    expect(zonedWallClockToUtc('Europe/Berlin', '2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 2026-10-25; the first one is taken.
    expect(zonedWallClockToUtc('Europe/Berlin', '2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('finds DST transitions to the minute', () => {
    expect(offsetTransitions('Europe/Berlin', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))).toEqual([
      { at: Date.UTC(2026, 2, 29, 1), from: 60, to: 120 },
      { at: Date.UTC(2026, 9, 25, 1), from: 120, to: 60 },
    ]);
    expect(offsetTransitions('Asia/Tokyo', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))).toEqual([]);
  });

  it('writes a VTIMEZONE with one observance per offset change', () => {
    const text = vtimezone('Europe/Berlin', 2026, 2026);
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Berlin',
      'BEGIN:STANDARD', 'DTSTART:20260101T010000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0100', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:20260329T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
      'BEGIN:STANDARD', 'DTSTART:20261025T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it('formats offsets and weekdays', () => {
    expect(formatOffset(-330)).toBe('-0530');
    expect(formatOffset(0)).toBe('+0000');
    expect(weekday('2026-01-05')).toBe(1);
    expect(weekday('2026-01-11')).toBe(0);
  });
});
