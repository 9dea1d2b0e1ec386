import { describe, expect, it } from 'vitest';
import type { MetricTargetDefinition } from '../../curriculum/domain/program-definition.js';
import { activitiesDone, EMPTY_AGGREGATE, evaluateCertification, meets, type SoloReviewAggregate } from './certification-rules.js';

const targets: MetricTargetDefinition[] = [
  { code: 'TIME_TO_FIRST_RESPONSE', comparator: 'LT', threshold: 60, unit: 's' },
  { code: 'CONTEXT_UTILIZATION', comparator: 'GTE', threshold: 100, unit: '%' },
  { code: 'CUSTOMER_REPEAT_RATE', comparator: 'LT', threshold: 5, unit: '%' },
  { code: 'HANDOFF_CSAT', comparator: 'GT', threshold: 4.2, unit: 'score' },
  { code: 'RESOLUTION_RATE', comparator: 'GT', threshold: 90, unit: '%' },
];

const good: SoloReviewAggregate = {
  reviews: 20,
  meanFirstResponseSeconds: 42,
  contextUtilizationPct: 100,
  repeatRatePct: 0,
  csatMean: 4.6,
  csatCount: 18,
  resolutionRatePct: 95,
};

const evaluate = (aggregate: SoloReviewAggregate, completed = 12) =>
  evaluateCertification({ targets, minSoloHandoffs: 20, aggregate, activitiesCompleted: completed, activitiesTotal: 12 });

const metric = (r: ReturnType<typeof evaluate>, code: string) => r.metrics.find((m) => m.code === code)!;

describe('certification rules', () => {
  it('is eligible when every activity, every metric and the solo count are met', () => {
    const r = evaluate(good);
    expect(r.eligible).toBe(true);
    expect(r.unmet).toEqual([]);
    expect(metric(r, 'RESOLUTION_RATE').value).toBe(95);
    expect(metric(r, 'HANDOFF_CSAT').sampleSize).toBe(18);
  });

  it('treats every boundary strictly as written', () => {
    expect(meets(5, 'LT', 5)).toBe(false);
    expect(meets(4.2, 'GT', 4.2)).toBe(false);
    expect(meets(60, 'LT', 60)).toBe(false);
    expect(meets(90, 'GT', 90)).toBe(false);
    expect(meets(100, 'GTE', 100)).toBe(true);
    expect(meets(3, 'LTE', 3)).toBe(true);
  });

  it('does not meet a repeat rate of exactly 5% (1 of 20) nor a CSAT of exactly 4.2', () => {
    const r = evaluate({ ...good, repeatRatePct: 5, csatMean: 4.2 });
    expect(metric(r, 'CUSTOMER_REPEAT_RATE').value).toBe(5);
    expect(metric(r, 'CUSTOMER_REPEAT_RATE').met).toBe(false);
    expect(metric(r, 'HANDOFF_CSAT').met).toBe(false);
    expect(r.eligible).toBe(false);
    expect(r.unmet.join('\n')).toMatch(/Customer repeat rate: 5%, target under 5%/);
  });

  it('fails a resolution rate of exactly 90% and context utilisation under 100%', () => {
    expect(metric(evaluate({ ...good, resolutionRatePct: 90 }), 'RESOLUTION_RATE')).toMatchObject({ value: 90, met: false });
    expect(metric(evaluate({ ...good, contextUtilizationPct: 98.33 }), 'CONTEXT_UTILIZATION').met).toBe(false);
  });

  it('reports CSAT as no data when no review has a survey answer', () => {
    const r = evaluate({ ...good, csatMean: null, csatCount: 0 });
    expect(metric(r, 'HANDOFF_CSAT')).toMatchObject({ value: null, met: false, sampleSize: 0 });
    expect(r.unmet).toContain('Handoff CSAT: no data yet (target above 4.2).');
  });

  it('reports metrics with no data as null and unmet', () => {
    const r = evaluate(EMPTY_AGGREGATE, 0);
    expect(r.metrics.every((m) => m.value === null && !m.met)).toBe(true);
    expect(r.unmet[0]).toBe('Complete every activity: 0 of 12 done.');
    expect(r.unmet[1]).toMatch(/at least 20 QA-reviewed solo handoffs: 0 so far/);
    expect(r.unmet).toHaveLength(7);
  });

  it('requires minSoloHandoffs even when every metric is met', () => {
    const r = evaluate({ ...good, reviews: 19 });
    expect(r.metrics.every((m) => m.met)).toBe(true);
    expect(r.eligible).toBe(false);
  });

  it('requires every activity completed', () => {
    expect(evaluate(good, 11).eligible).toBe(false);
  });
});

describe('activitiesDone', () => {
  it('recovers the completed count from percent_complete for every curriculum up to 1,000 activities', () => {
    for (let total = 1; total <= 1000; total++) {
      for (let done = 0; done <= total; done++) {
        if (activitiesDone((done / total) * 100, total) !== done) throw new Error(`${done} of ${total}`);
      }
    }
    expect(activitiesDone(0, 0)).toBe(0);
  });
});
