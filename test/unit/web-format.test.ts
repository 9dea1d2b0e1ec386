import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDate, formatDateTime } from '../../web/app/lib/format';

// web/app/lib/format.ts keeps one Intl formatter per style and zone; the text must not depend on
// which was asked for first.

describe('date formatting in a named zone', () => {
  const instant = '2025-03-12T23:30:00Z';

  it('formats in the zone given, with one formatter per style and zone', () => {
    expect(formatDateTime(instant, 'UTC')).toBe('12 Mar 2025, 23:30');
    expect(formatDateTime(instant, 'Asia/Tokyo')).toBe('13 Mar 2025, 08:30');
    expect(formatDate(instant, 'Asia/Tokyo')).toBe('13 Mar 2025');
    expect(formatDate(instant, 'America/New_York')).toBe('12 Mar 2025');
    // Asked again, in another order: the same answers.
    expect(formatDate(instant, 'Asia/Tokyo')).toBe('13 Mar 2025');
    expect(formatDateTime(instant, 'America/New_York')).toBe('12 Mar 2025, 19:30');
    expect(formatDateTime(instant, 'UTC')).toBe('12 Mar 2025, 23:30');
  });

  it('falls back to UTC for a zone Intl does not know, every time', () => {
    expect(formatDateTime(instant, 'Not/A_Zone')).toBe('12 Mar 2025, 23:30');
    expect(formatDateTime(instant, 'Not/A_Zone')).toBe('12 Mar 2025, 23:30');
  });

  it('leaves text that is not a date as it is, and shows calendar dates without a zone shift', () => {
    expect(formatDate('not a date', 'UTC')).toBe('not a date');
    expect(formatCalendarDate('2025-03-12')).toBe('12 Mar 2025');
  });
});
