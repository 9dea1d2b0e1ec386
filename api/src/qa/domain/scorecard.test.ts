import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCORECARD,
  PASS_SCORE,
  prefillScorecard,
  SCORECARD_KEYS,
  scoreScorecard,
  type ScorecardAnswer,
  type ScorecardItem,
} from './scorecard.js';
import { analyzeTranscript, type TranscriptInput, type TranscriptTurn } from './transcript-analyzer.js';

const HANDOFF_MS = Date.parse('2024-05-01T10:00:00Z');
const at = (s: number): string => new Date(HANDOFF_MS + s * 1000).toISOString();

const billingCase = {
  handedOffAt: new Date(HANDOFF_MS),
  customerName: 'Sarah Chen',
  agentName: 'Alex',
  issueSummary: 'Customer was charged twice for order #48213 and wants the duplicate charge refunded.',
  knownFacts: [
    { label: 'order number', value: '#48213' },
    { label: 'email', value: 'sarah.chen@example.com' },
  ],
};

const transcript = (...turns: [number, TranscriptTurn['speaker'], string][]): TranscriptInput => ({
  ...billingCase,
  turns: turns.map(([s, speaker, text]) => ({ at: at(s), speaker, text })),
});

const goodTurns: [number, TranscriptTurn['speaker'], string][] = [
  [
    30,
    'AGENT',
    "Hi Sarah, I'm Alex from billing. I can see the duplicate charge on order #48213. I'm pulling up the payment records now, about 2 minutes.",
  ],
  [130, 'AGENT', "I'm refunding the second charge now; the receipt goes to sarah.chen@example.com."],
  [170, 'AGENT', 'Done. Is the duplicate charge showing as refunded in your banking app now?'],
  [220, 'CUSTOMER', 'Yes, thank you!'],
  [230, 'AGENT', 'Glad it is sorted, Sarah. Have a great day!'],
];

const answersOf = (a: ScorecardAnswer[]): Record<string, boolean> =>
  Object.fromEntries(a.map((x) => [x.key, x.passed]));

describe('DEFAULT_SCORECARD', () => {
  it("holds DOMAIN.md's QA questions, two of them critical", () => {
    expect(DEFAULT_SCORECARD.map((i) => i.key)).toEqual([
      'CONTEXT_USED',
      'ADDRESSED_BY_NAME',
      'ISSUE_ACKNOWLEDGED',
      'NOTHING_ASKED_AGAIN',
      'TIME_EXPECTATIONS_SET',
      'ACTIONS_NARRATED',
      'RESOLUTION_CONFIRMED',
    ]);
    expect(DEFAULT_SCORECARD.filter((i) => i.critical).map((i) => i.key)).toEqual([
      SCORECARD_KEYS.NOTHING_ASKED_AGAIN,
      SCORECARD_KEYS.RESOLUTION_CONFIRMED,
    ]);
    for (const item of DEFAULT_SCORECARD) expect(item.question).toMatch(/^Did .+\?$/);
    expect(Object.isFrozen(DEFAULT_SCORECARD)).toBe(true);
  });
});

describe('prefillScorecard', () => {
  it('passes every item of a good handoff, each with a note quoting the evidence', () => {
    const answers = prefillScorecard(DEFAULT_SCORECARD, analyzeTranscript(transcript(...goodTurns)));
    expect(answers.map((a) => a.key)).toEqual(DEFAULT_SCORECARD.map((i) => i.key));
    expect(answers.every((a) => a.passed)).toBe(true);
    const note = (key: string): string => answers.find((a) => a.key === key)?.note ?? '';
    expect(note('CONTEXT_USED')).toMatch(/^Used 3 of 3 context items \(order number: "48213"; email: "sarah\.chen@example\.com"; issue: /);
    expect(note('ADDRESSED_BY_NAME')).toBe('Addresses the customer by name: "Sarah".');
    expect(note('RESOLUTION_CONFIRMED')).toBe(
      'Checked before closing: "Is the duplicate charge showing as refunded in your banking app now?".'
    );
    expect(note('ACTIONS_NARRATED')).toMatch(/^2 messages narrate a step, e\.g\. "I'm pulling up the payment records now/);
    expect(scoreScorecard(DEFAULT_SCORECARD, answers)).toEqual({
      score: 100,
      passed: true,
      failedCritical: [],
      unanswered: [],
    });
  });

  it('fails the critical item for a known fact asked late, and the review with it', () => {
    const a = analyzeTranscript(
      transcript(...goodTurns.slice(0, 3), [240, 'AGENT', 'One more thing: what is your email address, for the receipt?'], [
        250,
        'AGENT',
        'Is the refund showing now?',
      ])
    );
    const answers = prefillScorecard(DEFAULT_SCORECARD, a);
    const ask = answers.find((x) => x.key === 'NOTHING_ASKED_AGAIN');
    expect(ask?.passed).toBe(false);
    expect(ask?.note).toBe(
      'Asked 1 time for what the AI had already collected: email: "what is your email address, for the receipt?".'
    );
    const result = scoreScorecard(DEFAULT_SCORECARD, answers);
    expect(result.score).toBe(86); // 6 of 7
    expect(result.score).toBeGreaterThanOrEqual(PASS_SCORE);
    expect(result.passed).toBe(false);
    expect(result.failedCritical).toEqual(['NOTHING_ASKED_AGAIN']);
  });

  it('fails resolution and time expectations for a silent agent who closes without asking', () => {
    const a = analyzeTranscript(
      transcript(
        [30, 'AGENT', "Hi Sarah, I'm Alex. Let me look into the double charge on order #48213."],
        [400, 'AGENT', "I've refunded the duplicate charge. Have a great day!"]
      )
    );
    const answers = answersOf(prefillScorecard(DEFAULT_SCORECARD, a));
    expect(answers).toMatchObject({
      ADDRESSED_BY_NAME: true,
      NOTHING_ASKED_AGAIN: true,
      TIME_EXPECTATIONS_SET: false,
      ACTIONS_NARRATED: true,
      RESOLUTION_CONFIRMED: false,
    });
    const notes = prefillScorecard(DEFAULT_SCORECARD, a);
    expect(notes.find((x) => x.key === 'TIME_EXPECTATIONS_SET')?.note).toBe(
      `1 silence without a time expectation; the first: 6 min 10 s after "Hi Sarah, I'm Alex. Let me look into the double charge on order #48213.".`
    );
  });

  it('fails what needs a reply when the agent never answered', () => {
    const a = analyzeTranscript(transcript([60, 'CUSTOMER', 'hello?']));
    const answers = prefillScorecard(DEFAULT_SCORECARD, a);
    expect(answersOf(answers)).toEqual({
      CONTEXT_USED: false,
      ADDRESSED_BY_NAME: false,
      ISSUE_ACKNOWLEDGED: false,
      NOTHING_ASKED_AGAIN: true,
      TIME_EXPECTATIONS_SET: false,
      ACTIONS_NARRATED: false,
      RESOLUTION_CONFIRMED: false,
    });
    expect(answers.find((x) => x.key === 'ADDRESSED_BY_NAME')?.note).toBe('The agent never replied after the handoff.');
    expect(scoreScorecard(DEFAULT_SCORECARD, answers)).toMatchObject({ score: 14, passed: false });
  });

  it('flags a request to explain again under the issue item', () => {
    const a = analyzeTranscript(
      transcript([30, 'AGENT', "Hi Sarah, I'm Alex. I see the double charge. Could you describe the problem for me?"])
    );
    const item = prefillScorecard(DEFAULT_SCORECARD, a).find((x) => x.key === 'ISSUE_ACKNOWLEDGED');
    expect(item?.passed).toBe(false);
    expect(item?.note).toMatch(/^Asked the customer to explain again: "Could you describe the problem for me\?"\.$/);
  });

  it('leaves items it cannot judge to the reviewer', () => {
    const items: ScorecardItem[] = [
      { key: 'TONE_EMPATHETIC', question: 'Was the tone empathetic?', critical: false },
      { key: SCORECARD_KEYS.RESOLUTION_CONFIRMED, question: 'Resolution confirmed?', critical: true },
    ];
    const answers = prefillScorecard(items, analyzeTranscript(transcript(...goodTurns)));
    expect(answers.map((a) => a.key)).toEqual(['RESOLUTION_CONFIRMED']);
  });
});

describe('scoreScorecard', () => {
  const items: ScorecardItem[] = [
    { key: 'A', question: 'a?', critical: false },
    { key: 'B', question: 'b?', critical: false },
    { key: 'C', question: 'c?', critical: false },
    { key: 'D', question: 'd?', critical: false },
    { key: 'CRIT', question: 'critical?', critical: true },
  ];
  const all = (passed: boolean): ScorecardAnswer[] => items.map((i) => ({ key: i.key, passed }));

  it('scores the share of passed items, rounded', () => {
    expect(scoreScorecard(items, all(true))).toEqual({ score: 100, passed: true, failedCritical: [], unanswered: [] });
    expect(scoreScorecard(items, all(false))).toMatchObject({ score: 0, passed: false, failedCritical: ['CRIT'] });
    const three: ScorecardItem[] = items.slice(0, 3);
    expect(scoreScorecard(three, [{ key: 'A', passed: true }, { key: 'B', passed: true }, { key: 'C', passed: false }]).score).toBe(67);
  });

  it('passes at 80 and fails below, when no critical item failed', () => {
    const oneFail = all(true).map((a) => (a.key === 'A' ? { ...a, passed: false } : a));
    expect(scoreScorecard(items, oneFail)).toMatchObject({ score: 80, passed: true });
    const twoFail = oneFail.map((a) => (a.key === 'B' ? { ...a, passed: false } : a));
    expect(scoreScorecard(items, twoFail)).toMatchObject({ score: 60, passed: false, failedCritical: [] });
  });

  it('fails the review when a critical item fails, whatever the score', () => {
    const many: ScorecardItem[] = [
      ...Array.from({ length: 19 }, (_, i) => ({ key: `Q${i}`, question: `q${i}?`, critical: false })),
      { key: 'CRIT', question: 'critical?', critical: true },
    ];
    const answers = many.map((i) => ({ key: i.key, passed: i.key !== 'CRIT' }));
    expect(scoreScorecard(many, answers)).toEqual({ score: 95, passed: false, failedCritical: ['CRIT'], unanswered: [] });
  });

  it('counts unanswered items as not passed, and a reviewer correction overrides the pre-fill', () => {
    const partial = all(true).filter((a) => a.key !== 'CRIT');
    expect(scoreScorecard(items, partial)).toEqual({
      score: 80,
      passed: false,
      failedCritical: ['CRIT'],
      unanswered: ['CRIT'],
    });
    const corrected = [...all(true), { key: 'CRIT', passed: false, note: 'Reviewer: the customer said it was still broken.' }];
    expect(scoreScorecard(items, corrected)).toMatchObject({ passed: false, failedCritical: ['CRIT'] });
    const confirmed = [...all(false), ...all(true)];
    expect(scoreScorecard(items, confirmed)).toMatchObject({ score: 100, passed: true });
  });

  it('ignores answers to unknown keys and duplicate items; an empty scorecard does not pass', () => {
    expect(scoreScorecard(items, [...all(true), { key: 'ZZZ', passed: false }]).score).toBe(100);
    expect(scoreScorecard([...items, items[0]], all(true)).score).toBe(100);
    expect(scoreScorecard([], [])).toEqual({ score: 0, passed: false, failedCritical: [], unanswered: [] });
  });

  it('scores the default scorecard: all but the resolution passed is 86 and a fail', () => {
    const answers = DEFAULT_SCORECARD.map((i) => ({ key: i.key, passed: i.key !== 'RESOLUTION_CONFIRMED' }));
    expect(scoreScorecard(DEFAULT_SCORECARD, answers)).toEqual({
      score: 86,
      passed: false,
      failedCritical: ['RESOLUTION_CONFIRMED'],
      unanswered: [],
    });
  });
});
