// Certification gates of CONTRACT.md ("Certification"), as pure functions over aggregates that
// SQL computes from the enrollment's SOLO handoff reviews.
import type { Comparator, MetricCode, MetricTargetDefinition } from '../../curriculum/domain/program-definition.js';

/**
 * One enrollment's SOLO reviews, aggregated by SQL in exact numeric arithmetic (so 1 of 20 is
 * exactly 5%, and a mean CSAT of 21/5 is exactly 4.2) and only then turned into floats.
 */
export interface SoloReviewAggregate {
  reviews: number;
  meanFirstResponseSeconds: number | null;
  /** sum(contextItemsUsed) / sum(contextItemsAvailable) × 100; null when nothing was available. */
  contextUtilizationPct: number | null;
  repeatRatePct: number | null;
  csatMean: number | null;
  csatCount: number;
  resolutionRatePct: number | null;
}

export interface MetricResult {
  code: MetricCode;
  label: string;
  value: number | null;
  threshold: number;
  comparator: Comparator;
  unit: string;
  met: boolean;
  sampleSize: number;
}

export interface CertificationEvaluation {
  eligible: boolean;
  unmet: string[];
  metrics: MetricResult[];
  soloHandoffs: number;
}

export const METRIC_LABELS: Record<MetricCode, string> = {
  TIME_TO_FIRST_RESPONSE: 'Time to first response',
  CONTEXT_UTILIZATION: 'Context utilization',
  CUSTOMER_REPEAT_RATE: 'Customer repeat rate',
  HANDOFF_CSAT: 'Handoff CSAT',
  RESOLUTION_RATE: 'Resolution rate',
};

export const EMPTY_AGGREGATE: SoloReviewAggregate = {
  reviews: 0,
  meanFirstResponseSeconds: null,
  contextUtilizationPct: null,
  repeatRatePct: null,
  csatMean: null,
  csatCount: 0,
  resolutionRatePct: null,
};

/** Strict as written: LT 5 is not met by exactly 5. */
export function meets(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case 'LT':
      return value < threshold;
    case 'LTE':
      return value <= threshold;
    case 'GT':
      return value > threshold;
    case 'GTE':
      return value >= threshold;
    default: {
      const unreachable: never = comparator;
      throw new Error(`Unknown comparator ${String(unreachable)}`);
    }
  }
}

function metricValue(code: MetricCode, a: SoloReviewAggregate): { value: number | null; sampleSize: number } {
  const whenAny = (v: number | null) => (a.reviews > 0 ? v : null);
  switch (code) {
    case 'TIME_TO_FIRST_RESPONSE':
      return { value: whenAny(a.meanFirstResponseSeconds), sampleSize: a.reviews };
    case 'CONTEXT_UTILIZATION':
      return { value: whenAny(a.contextUtilizationPct), sampleSize: a.reviews };
    case 'CUSTOMER_REPEAT_RATE':
      return { value: whenAny(a.repeatRatePct), sampleSize: a.reviews };
    case 'HANDOFF_CSAT':
      return { value: a.csatCount > 0 ? a.csatMean : null, sampleSize: a.csatCount };
    case 'RESOLUTION_RATE':
      return { value: whenAny(a.resolutionRatePct), sampleSize: a.reviews };
    default: {
      const unreachable: never = code;
      throw new Error(`Unknown metric ${String(unreachable)}`);
    }
  }
}

const COMPARATOR_WORDS: Record<Comparator, string> = {
  LT: 'under',
  LTE: 'at most',
  GT: 'above',
  GTE: 'at least',
};

export function formatValue(value: number, unit: string): string {
  const rounded = Math.round(value * 100) / 100;
  return unit === '%' ? `${rounded}%` : unit === 's' ? `${rounded} s` : `${rounded}`;
}

export function describeTarget(t: { comparator: Comparator; threshold: number; unit: string }): string {
  return `${COMPARATOR_WORDS[t.comparator]} ${formatValue(t.threshold, t.unit)}`;
}

export function evaluateCertification(input: {
  targets: MetricTargetDefinition[];
  minSoloHandoffs: number;
  aggregate: SoloReviewAggregate;
  activitiesCompleted: number;
  activitiesTotal: number;
}): CertificationEvaluation {
  const { targets, minSoloHandoffs, aggregate, activitiesCompleted, activitiesTotal } = input;
  const metrics = targets.map((t): MetricResult => {
    const { value: v, sampleSize } = metricValue(t.code, aggregate);
    return {
      code: t.code,
      label: METRIC_LABELS[t.code],
      value: v,
      threshold: t.threshold,
      comparator: t.comparator,
      unit: t.unit,
      met: v !== null && meets(v, t.comparator, t.threshold),
      sampleSize,
    };
  });

  const unmet: string[] = [];
  if (activitiesCompleted < activitiesTotal) {
    unmet.push(`Complete every activity: ${activitiesCompleted} of ${activitiesTotal} done.`);
  }
  if (aggregate.reviews < minSoloHandoffs) {
    unmet.push(`Take at least ${minSoloHandoffs} QA-reviewed solo handoffs: ${aggregate.reviews} so far.`);
  }
  for (const m of metrics) {
    if (m.met) continue;
    unmet.push(
      m.value === null
        ? `${m.label}: no data yet (target ${describeTarget(m)}).`
        : `${m.label}: ${formatValue(m.value, m.unit)}, target ${describeTarget(m)}.`,
    );
  }
  return { eligible: unmet.length === 0, unmet, metrics, soloHandoffs: aggregate.reviews };
}

/**
 * How many activities are done, from an enrollment's percent_complete (completed / total × 100,
 * progress-rules.ts). Rounding undoes the float division exactly for any real curriculum size.
 */
export function activitiesDone(percentComplete: number, activitiesTotal: number): number {
  return Math.round((percentComplete * activitiesTotal) / 100);
}
