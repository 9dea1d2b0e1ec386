import { describe, expect, it } from 'vitest';
import { observationProblems } from './shadowing.js';

const now = new Date('2026-03-04T15:00:00Z');
const ok = {
  observedAt: new Date('2026-03-04T14:30:00Z'),
  situation: 'VIP customer double-charged; the AI had collected the order number.',
  didWell: 'Opened with the name, the charge and a two-minute estimate.',
  wouldChange: 'Confirm the refund landed before closing.',
};
const fields = (o: typeof ok) => observationProblems(o, now).map((p) => p.field);

describe('shadowing observations', () => {
  it('accepts a complete observation, including one a moment ago', () => {
    expect(observationProblems(ok, now)).toEqual([]);
    expect(observationProblems({ ...ok, observedAt: new Date('2026-03-04T15:04:00Z') }, now)).toEqual([]);
  });

  it('refuses future and implausibly old times', () => {
    expect(fields({ ...ok, observedAt: new Date('2026-03-04T15:10:00Z') })).toEqual(['observedAt']);
    expect(fields({ ...ok, observedAt: new Date('2024-01-01T00:00:00Z') })).toEqual(['observedAt']);
    expect(fields({ ...ok, observedAt: new Date('nope') })).toEqual(['observedAt']);
  });

  it('needs all three notes, each within the limit', () => {
    expect(fields({ ...ok, situation: '  ', wouldChange: '' })).toEqual(['situation', 'wouldChange']);
    expect(fields({ ...ok, didWell: 'x'.repeat(2001) })).toEqual(['didWell']);
  });
});
