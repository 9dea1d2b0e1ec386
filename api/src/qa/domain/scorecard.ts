// The QA scorecard of one reviewed handoff: the questions (DOMAIN.md, "A QA review of one handoff
// asks …"), the answers the transcript analyzer can pre-fill for a reviewer to confirm or correct,
// and the score. Pure.
//
// Scoring: every item weighs the same; score = round(100 × passed items / items). An item with no
// answer counts as not passed (and, when critical, as a failed critical item): a review cannot pass
// on questions nobody answered. Answers for keys that are not on the scorecard are ignored; when a
// key is answered twice the last answer wins (a reviewer's correction comes after the pre-fill).
// The review passes when no critical item failed and the score is at least PASS_SCORE. An empty
// scorecard scores 0 and does not pass.

import type { TranscriptAnalysis } from './transcript-analyzer.js';

export interface ScorecardItem {
  key: string;
  question: string;
  critical: boolean;
}

export interface ScorecardAnswer {
  key: string;
  passed: boolean;
  note?: string;
}

export interface ScorecardResult {
  /** 0..100 */
  score: number;
  /** False if any critical item failed, whatever the score; else score >= PASS_SCORE. */
  passed: boolean;
  /** Keys of the critical items that failed or were not answered. */
  failedCritical: string[];
  /** Keys of the items without an answer. */
  unanswered: string[];
}

export const PASS_SCORE = 80;

export const SCORECARD_KEYS = Object.freeze({
  CONTEXT_USED: 'CONTEXT_USED',
  ADDRESSED_BY_NAME: 'ADDRESSED_BY_NAME',
  ISSUE_ACKNOWLEDGED: 'ISSUE_ACKNOWLEDGED',
  NOTHING_ASKED_AGAIN: 'NOTHING_ASKED_AGAIN',
  TIME_EXPECTATIONS_SET: 'TIME_EXPECTATIONS_SET',
  ACTIONS_NARRATED: 'ACTIONS_NARRATED',
  RESOLUTION_CONFIRMED: 'RESOLUTION_CONFIRMED',
} as const);

/** The QA questions of a handoff review until the curriculum supplies its own. */
export const DEFAULT_SCORECARD: readonly ScorecardItem[] = Object.freeze([
  {
    key: SCORECARD_KEYS.CONTEXT_USED,
    question: 'Did the agent read the handoff context and put it to use?',
    critical: false,
  },
  { key: SCORECARD_KEYS.ADDRESSED_BY_NAME, question: 'Did the agent address the customer by name?', critical: false },
  {
    key: SCORECARD_KEYS.ISSUE_ACKNOWLEDGED,
    question: 'Did the agent acknowledge the issue without asking the customer to repeat it?',
    critical: false,
  },
  {
    key: SCORECARD_KEYS.NOTHING_ASKED_AGAIN,
    question: 'Did the agent avoid asking again for anything the AI had already collected?',
    critical: true,
  },
  {
    key: SCORECARD_KEYS.TIME_EXPECTATIONS_SET,
    question: 'Did the agent tell the customer how long things would take?',
    critical: false,
  },
  {
    key: SCORECARD_KEYS.ACTIONS_NARRATED,
    question: 'Did the agent say what they were doing while they worked on it?',
    critical: false,
  },
  {
    key: SCORECARD_KEYS.RESOLUTION_CONFIRMED,
    question: 'Did the agent check that the problem was actually solved before closing?',
    critical: true,
  },
].map((item) => Object.freeze(item)));

const q = (s: string): string => `"${s.replace(/\s+/g, ' ').trim()}"`;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const r = s % 60;
  return r === 0 ? `${m} min` : `${m} min ${r} s`;
}

type Judge = (a: TranscriptAnalysis) => Omit<ScorecardAnswer, 'key'>;

const NO_REPLY = 'The agent never replied after the handoff.';

function openingCheck(a: TranscriptAnalysis, code: string): { passed: boolean; message: string } | null {
  return a.opening?.checks.find((c) => c.code === code) ?? null;
}

const JUDGES: Record<string, Judge> = {
  [SCORECARD_KEYS.CONTEXT_USED]: (a) => {
    if (a.agentTurnCount === 0) return { passed: false, note: NO_REPLY };
    const used = a.contextItems.filter((c) => c.used);
    const unused = a.contextItems.filter((c) => !c.used).map((c) => (c.item === 'issue' ? 'the issue' : c.item));
    const evidence = used
      .slice(0, 4)
      .map((c) => `${c.item === 'issue' ? 'issue' : c.item}: ${q(c.quote ?? '')}`)
      .join('; ');
    const head = `Used ${a.contextItemsUsed} of ${plural(a.contextItemsAvailable, 'context item')}`;
    return {
      passed: a.contextItemsUsed >= a.contextItemsAvailable,
      note:
        unused.length === 0
          ? `${head}${evidence !== '' ? ` (${evidence})` : ''}.`
          : `${head}; not used: ${unused.join(', ')}${evidence !== '' ? `. Used: ${evidence}` : ''}.`,
    };
  },
  [SCORECARD_KEYS.ADDRESSED_BY_NAME]: (a) => {
    const c = openingCheck(a, 'USES_NAME');
    return c === null ? { passed: false, note: NO_REPLY } : { passed: c.passed, note: c.message };
  },
  [SCORECARD_KEYS.ISSUE_ACKNOWLEDGED]: (a) => {
    const c = openingCheck(a, 'ACKNOWLEDGES_ISSUE');
    if (c === null) return { passed: false, note: NO_REPLY };
    const repeat = a.repeatRequests[0];
    if (repeat !== undefined)
      return {
        passed: false,
        note: `Asked the customer to explain again: ${q(repeat.quote)}${
          a.repeatRequests.length > 1 ? ` (and ${plural(a.repeatRequests.length - 1, 'more request')})` : ''
        }.`,
      };
    return { passed: c.passed, note: `Opening: ${c.message}` };
  },
  [SCORECARD_KEYS.NOTHING_ASKED_AGAIN]: (a) => {
    const r = a.knownInfoRequests;
    if (r.length === 0)
      return {
        passed: true,
        note:
          a.agentTurnCount === 0
            ? 'Nothing asked again (the agent sent no message).'
            : 'The agent asked for nothing the AI had already collected.',
      };
    const list = r
      .slice(0, 3)
      .map((x) => `${x.fact}: ${q(x.quote)}`)
      .join('; ');
    return {
      passed: false,
      note: `Asked ${plural(r.length, 'time')} for what the AI had already collected: ${list}${r.length > 3 ? '; …' : ''}.`,
    };
  },
  [SCORECARD_KEYS.TIME_EXPECTATIONS_SET]: (a) => {
    const c = openingCheck(a, 'SETS_TIME_EXPECTATION');
    if (c === null) return { passed: false, note: NO_REPLY };
    const uncovered = a.silences.filter((s) => !s.covered);
    if (uncovered.length > 0) {
      const s = uncovered[0];
      const where = s.afterTurnIndex < 0 ? 'after the handoff' : `after ${q(s.quote ?? '')}`;
      return {
        passed: false,
        note: `${plural(uncovered.length, 'silence')} without a time expectation; the first: ${duration(s.seconds)} ${where}.`,
      };
    }
    return { passed: c.passed, note: `Opening: ${c.message}` };
  },
  [SCORECARD_KEYS.ACTIONS_NARRATED]: (a) => {
    if (a.agentTurnCount === 0) return { passed: false, note: NO_REPLY };
    const n = a.narration;
    if (n.length === 0) return { passed: false, note: 'No agent message says what the agent is doing.' };
    return {
      passed: true,
      note: `${plural(n.length, 'message')} narrate a step, e.g. ${q(n[0].quote)}.`,
    };
  },
  [SCORECARD_KEYS.RESOLUTION_CONFIRMED]: (a) => {
    if (a.agentTurnCount === 0) return { passed: false, note: NO_REPLY };
    if (a.confirmation !== null)
      return { passed: true, note: `Checked before closing: ${q(a.confirmation.quote)}.` };
    return { passed: false, note: "No question checking that the fix worked in the agent's last messages." };
  },
};

/**
 * The answers the analyzer can judge, each with a note quoting the evidence, in the scorecard's
 * order. Items it cannot judge (keys it does not know) are left out for the reviewer.
 */
export function prefillScorecard(items: readonly ScorecardItem[], analysis: TranscriptAnalysis): ScorecardAnswer[] {
  const out: ScorecardAnswer[] = [];
  const seen = new Set<string>();
  for (const item of Array.isArray(items) ? items : []) {
    if (item === null || typeof item !== 'object' || typeof item.key !== 'string' || seen.has(item.key)) continue;
    const judge = Object.prototype.hasOwnProperty.call(JUDGES, item.key) ? JUDGES[item.key] : undefined;
    if (judge === undefined) continue;
    seen.add(item.key);
    out.push({ key: item.key, ...judge(analysis) });
  }
  return out;
}

/** Scores a scorecard (see the header for the rules). */
export function scoreScorecard(
  items: readonly ScorecardItem[],
  answers: readonly ScorecardAnswer[]
): ScorecardResult {
  const byKey = new Map<string, boolean>();
  for (const a of Array.isArray(answers) ? answers : []) {
    if (a !== null && typeof a === 'object' && typeof a.key === 'string') byKey.set(a.key, a.passed === true);
  }
  const unique: ScorecardItem[] = [];
  const seen = new Set<string>();
  for (const item of Array.isArray(items) ? items : []) {
    if (item === null || typeof item !== 'object' || typeof item.key !== 'string' || seen.has(item.key)) continue;
    seen.add(item.key);
    unique.push(item);
  }
  const failedCritical: string[] = [];
  const unanswered: string[] = [];
  let passedCount = 0;
  for (const item of unique) {
    const answer = byKey.get(item.key);
    if (answer === undefined) unanswered.push(item.key);
    if (answer === true) passedCount++;
    else if (item.critical === true) failedCritical.push(item.key);
  }
  const score = unique.length === 0 ? 0 : Math.round((100 * passedCount) / unique.length);
  return {
    score,
    passed: unique.length > 0 && failedCritical.length === 0 && score >= PASS_SCORE,
    failedCritical,
    unanswered,
  };
}
