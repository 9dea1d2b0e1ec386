import { describe, expect, it } from 'vitest';
import { uuidV7s } from './ordered-ids.js';

describe('uuidV7s', () => {
  it('makes version 7 UUIDs of the RFC 9562 variant, carrying the time', () => {
    const now = Date.UTC(2026, 2, 2, 10, 0, 0, 123);
    const ids = uuidV7s(2000, now);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now);
    }
    expect(new Set(ids).size).toBe(2000);
  });

  it('sorts ids of a later millisecond after those of an earlier one', () => {
    const earlier = uuidV7s(100, 1_772_445_600_000);
    const later = uuidV7s(100, 1_772_445_600_001);
    expect(later.every((l) => earlier.every((e) => l > e))).toBe(true);
    expect(uuidV7s(0)).toEqual([]);
  });
});
