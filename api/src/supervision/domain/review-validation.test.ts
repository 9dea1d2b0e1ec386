import { describe, expect, it } from 'vitest';
import { reviewProblems } from './review-validation.js';

const valid = {
  externalId: 'conv-1',
  handedOffAt: new Date('2026-03-02T10:00:00Z'),
  firstResponseAt: new Date('2026-03-02T10:00:40Z'),
  contextItemsAvailable: 3,
  contextItemsUsed: 3,
  csat: 5,
};

describe('handoff review validation', () => {
  it('accepts a valid review, a first response at the handoff instant and a missing CSAT', () => {
    expect(reviewProblems(valid)).toEqual([]);
    expect(reviewProblems({ ...valid, firstResponseAt: valid.handedOffAt, csat: null })).toEqual([]);
  });

  it('names the field of each problem', () => {
    const fields = (r: Parameters<typeof reviewProblems>[0]) => reviewProblems(r).map((p) => p.field);
    expect(fields({ ...valid, firstResponseAt: new Date('2026-03-02T09:59:59Z') })).toEqual(['firstResponseAt']);
    expect(fields({ ...valid, contextItemsUsed: 4 })).toEqual(['contextItemsUsed']);
    expect(fields({ ...valid, contextItemsUsed: -1 })).toEqual(['contextItemsUsed']);
    expect(fields({ ...valid, csat: 0 })).toEqual(['csat']);
    expect(fields({ ...valid, csat: 6 })).toEqual(['csat']);
    expect(fields({ ...valid, externalId: '  ' })).toEqual(['externalId']);
  });
});
