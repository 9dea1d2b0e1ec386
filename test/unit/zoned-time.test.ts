import { describe, expect, it } from 'vitest';
import { isTimeZone, utcToZonedLocal, zonedLocalToUtcIso, zoneOffsetMs } from '../../web/app/lib/zoned-time.js';

// The supervisor's handoff review form takes wall-clock times in the cohort's zone.
describe('zonedLocalToUtcIso', () => {
  it('converts a wall-clock time in a zone to UTC, with or without seconds', () => {
    expect(zonedLocalToUtcIso('2026-11-20T10:00', 'Europe/London')).toBe('2026-11-20T10:00:00.000Z');
    expect(zonedLocalToUtcIso('2026-07-20T10:00:42', 'Europe/London')).toBe('2026-07-20T09:00:42.000Z');
    expect(zonedLocalToUtcIso('2026-12-01T09:15:05', 'America/New_York')).toBe('2026-12-01T14:15:05.000Z');
    expect(zonedLocalToUtcIso('2026-12-01T09:15', 'Asia/Kolkata')).toBe('2026-12-01T03:45:00.000Z');
    expect(zonedLocalToUtcIso('2026-12-01T09:15', 'UTC')).toBe('2026-12-01T09:15:00.000Z');
  });

  it('crosses the date line in the right direction', () => {
    expect(zonedLocalToUtcIso('2026-01-01T00:30', 'Pacific/Auckland')).toBe('2025-12-31T11:30:00.000Z');
    expect(zonedLocalToUtcIso('2026-01-01T23:30', 'Pacific/Honolulu')).toBe('2026-01-02T09:30:00.000Z');
  });

  it('takes the earlier instant for a time that happens twice when clocks go back', () => {
    // Europe/Berlin, 25 Oct 2026: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
    expect(zonedLocalToUtcIso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedLocalToUtcIso('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });

  it('moves a time skipped by clocks going forward on by the gap', () => {
    // Europe/Berlin, 29 Mar 2026: 02:00 CET becomes 03:00 CEST; 02:30 does not exist and means 03:30.
    expect(zonedLocalToUtcIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedLocalToUtcIso('2026-03-29T03:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses text that is not a wall-clock time, impossible dates and unknown zones', () => {
    for (const bad of ['', '2026-11-20', '20/11/2026 10:00', '2026-11-20T25:00', '2026-02-30T10:00', '2026-13-01T10:00', '2026-11-20T10:00Z']) {
      expect(zonedLocalToUtcIso(bad, 'Europe/London')).toBeNull();
    }
    expect(zonedLocalToUtcIso('2026-11-20T10:00', 'Mars/Olympus_Mons')).toBeNull();
  });
});

describe('utcToZonedLocal and zoneOffsetMs', () => {
  it('give the wall clock and the offset of an instant', () => {
    expect(utcToZonedLocal('2026-07-20T09:00:42Z', 'Europe/London')).toBe('2026-07-20T10:00:42');
    expect(utcToZonedLocal('2026-12-01T14:15:05.000Z', 'America/New_York')).toBe('2026-12-01T09:15:05');
    expect(utcToZonedLocal('not a date', 'UTC')).toBeNull();
    expect(zoneOffsetMs(Date.UTC(2026, 6, 1), 'Europe/Berlin')).toBe(2 * 3600 * 1000);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 1), 'America/New_York')).toBe(-5 * 3600 * 1000);
  });

  it('round-trip every quarter hour across a transition day', () => {
    const start = Date.UTC(2026, 9, 24, 12);
    for (let t = start; t < start + 36 * 3600 * 1000; t += 15 * 60 * 1000) {
      const local = utcToZonedLocal(new Date(t).toISOString(), 'Europe/Berlin')!;
      const back = zonedLocalToUtcIso(local, 'Europe/Berlin')!;
      // The repeated hour maps back to its first occurrence; everything else to itself.
      const first = new Date(back).getTime();
      expect(first === t || first === t - 3600 * 1000).toBe(true);
      expect(utcToZonedLocal(back, 'Europe/Berlin')).toBe(local);
    }
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Nowhere/Special')).toBe(false);
  });
});
