import { describe, expect, it } from 'vitest';
import type {
  ActivityConfig,
  ActivityDefinition,
  ActivityKind,
  EscalationCard,
  ProgramDefinition,
  QuizQuestion,
} from '../../curriculum/domain/program-definition.js';
import { analyzeOpening } from '../../grading/domain/opening-grader.js';
import {
  AnswerError,
  gradeAttempt,
  prepareAttempt,
  precisionRecall,
  type AttemptAnswer,
  type PreparedAttempt,
} from './activity-graders.js';

// ---------------------------------------------------------------------------------------------
// Hand-made fixtures

function card(key: string, over: Partial<EscalationCard>): EscalationCard {
  return {
    key,
    customerName: 'Sarah Chen',
    tier: 'Pro plan',
    tenure: '2 years',
    escalationReason: 'Complex billing issue',
    aiAttempts: 2,
    aiTried: 'Sent the billing FAQ, offered help',
    sentiment: 'FRUSTRATED',
    priority: 'HIGH',
    summary: 'Charged twice for the March renewal; wants the duplicate charge refunded.',
    knownFacts: [
      { label: 'order number', value: '#12345' },
      { label: 'email', value: 'sarah@example.com' },
    ],
    transcript: [
      { at: -120, speaker: 'CUSTOMER', text: 'I was charged twice for my renewal.' },
      { at: -100, speaker: 'AI', text: 'Here is our billing FAQ.' },
      { at: -60, speaker: 'CUSTOMER', text: 'That does not help. I want a person.' },
    ],
    ...over,
  };
}

const CARDS: EscalationCard[] = [
  card('billing-sarah', {}),
  card('shipping-omar', {
    customerName: 'Omar Haddad',
    tier: 'Basic plan',
    escalationReason: 'Parcel lost in transit',
    aiTried: 'Checked the tracking page',
    sentiment: 'ANGRY',
    summary: 'Parcel marked delivered but never arrived; wants a replacement.',
    knownFacts: [{ label: 'order number', value: '#55501' }],
  }),
  card('vip-lena', {
    customerName: 'Lena Fischer',
    tier: 'Enterprise plan',
    escalationReason: 'Outage for the whole team',
    aiTried: 'Shared the status page',
    sentiment: 'ANXIOUS',
    priority: 'URGENT',
    summary: 'Forty users cannot log in since the SSO change this morning.',
  }),
  card('login-ken', {
    customerName: 'Ken Ito',
    tier: 'Free plan',
    escalationReason: 'Locked out of the account',
    aiTried: 'Sent two password-reset links',
    sentiment: 'CONFUSED',
    summary: 'Reset links loop back to the reset page; cannot sign in.',
  }),
  card('refund-ana', {
    customerName: 'Ana Lima',
    tier: 'Business plan',
    escalationReason: 'Refund outside the policy window',
    aiTried: 'Quoted the refund policy',
    sentiment: 'NEUTRAL',
    summary: 'Asks for an exception to refund a yearly plan bought 40 days ago.',
  }),
];

function q(key: string, type: 'SINGLE' | 'MULTIPLE', correct: string[], optionKeys = ['a', 'b', 'c', 'd']): QuizQuestion {
  return {
    key,
    prompt: `Prompt of ${key}?`,
    type,
    options: optionKeys.map((o) => ({
      key: o,
      text: `Text ${key}-${o}`,
      correct: correct.includes(o),
      explanation: `EXPLANATION ${key}-${o}`,
    })),
  };
}

const QUESTIONS: QuizQuestion[] = [
  q('q1', 'SINGLE', ['a']),
  q('q2', 'SINGLE', ['c']),
  q('q3', 'MULTIPLE', ['a', 'd']),
  q('q4', 'SINGLE', ['b']),
  q('q5', 'SINGLE', ['d']),
  q('q6', 'MULTIPLE', ['b', 'c']),
];
const RIGHT: Record<string, string> = { q1: 'a', q2: 'c', q3: 'a,d', q4: 'b', q5: 'd', q6: 'b,c' };
const WRONG: Record<string, string> = { q1: 'b', q2: 'a', q3: 'a', q4: 'a', q5: 'a', q6: 'a' };

const PROGRAM: ProgramDefinition = {
  key: 'test-program',
  title: 'Test program',
  description: 'Fixture',
  validityMonths: 12,
  minSoloHandoffs: 20,
  targets: [],
  scorecard: [],
  weeks: [],
  cards: CARDS,
  openingScenarios: [
    {
      key: 'standard-sarah',
      situation: 'STANDARD',
      cardKey: 'billing-sarah',
      prompt: 'The assistant could not refund the duplicate charge. Write your opening.',
      agentName: 'Alex',
      exampleOpening: 'EXAMPLE OPENING: Hi Sarah, I am Alex from billing…',
    },
    {
      key: 'priority-lena',
      situation: 'PRIORITY',
      cardKey: 'vip-lena',
      prompt: 'An enterprise customer is locked out. Write your opening.',
      agentName: 'Grace',
      exampleOpening: 'EXAMPLE OPENING: Ms. Fischer, this is Grace…',
    },
  ],
  errorSpotting: [
    {
      key: 'bad-billing',
      title: 'A billing handoff gone wrong',
      cardKey: 'billing-sarah',
      turns: [
        { at: -60, speaker: 'CUSTOMER', text: 'I was charged twice.' }, // 0
        { at: -50, speaker: 'AI', text: 'Let me connect you to a person.' }, // 1
        { at: 5, speaker: 'AGENT', text: 'Hi! How can I help you today?' }, // 2
        { at: 20, speaker: 'CUSTOMER', text: 'I already said: charged twice.' }, // 3
        { at: 30, speaker: 'AGENT', text: 'Sorry, the bot is useless. What is your order number?' }, // 4
        { at: 40, speaker: 'CUSTOMER', text: 'It is in the chat. #12345.' }, // 5
        { at: 300, speaker: 'AGENT', text: 'Sorry, so sorry, really sorry. Refunded. Bye.' }, // 6
      ],
      mistakes: [
        { turn: 2, code: 'GENERIC_OPENER', explanation: 'KEY-EXPL generic opener at turn 2' },
        { turn: 4, code: 'AI_BLAME', explanation: 'KEY-EXPL blaming the bot at turn 4' },
        { turn: 4, code: 'KNOWN_INFO_REQUEST', explanation: 'KEY-EXPL order number was known' },
        { turn: 6, code: 'OVER_APOLOGY', explanation: 'KEY-EXPL three apologies' },
      ],
    },
    {
      key: 'silent-shipping',
      title: 'A silent agent',
      cardKey: 'shipping-omar',
      turns: [
        { at: -30, speaker: 'CUSTOMER', text: 'My parcel never came.' },
        { at: 10, speaker: 'AGENT', text: 'Hi Omar, I am Sam. Checking the courier now.' },
        { at: 400, speaker: 'AGENT', text: 'Replacement sent. Bye.' },
      ],
      mistakes: [
        { turn: 2, code: 'SILENCE', explanation: 'KEY-EXPL six minutes of silence' },
        { turn: 2, code: 'NO_CONFIRMATION', explanation: 'KEY-EXPL did not confirm' },
      ],
    },
  ],
  rolePlayBriefs: [
    {
      key: 'brief-sarah',
      cardKey: 'billing-sarah',
      customerBrief: 'SECRET CUSTOMER BRIEF: you are annoyed and will mention the refund deadline.',
      debrief: 'DEBRIEF: a good agent names the double charge and refunds it.',
    },
  ],
};

function activity(kind: ActivityKind, config: ActivityConfig = {}): ActivityDefinition {
  return { key: `act-${kind.toLowerCase()}`, kind, title: kind, summary: 'Fixture', requiresSignOff: false, minutes: 10, config };
}

const QUIZ = activity('QUIZ', { questions: QUESTIONS });
const LESSON = activity('LESSON', { body: '# Why handoffs matter\nRead this.', questions: QUESTIONS.slice(0, 2) });
const SPEED = activity('SPEED_READING', {});
const FIRST = activity('FIRST_MESSAGE', { scenarioKeys: ['standard-sarah'] });
const ERRORS = activity('ERROR_SPOTTING', { transcriptKeys: ['bad-billing'] });
const SHADOW = activity('SHADOWING', { minimumCount: 5 });
const ROLE = activity('ROLE_PLAY', { briefKeys: ['brief-sarah'] });

const answersOf = (map: Record<string, string>): AttemptAnswer[] =>
  Object.entries(map).map(([questionKey, value]) => ({ questionKey, value }));

function expectAnswerError(fn: () => unknown, message?: RegExp | string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(AnswerError);
  if (message !== undefined) expect((thrown as Error).message).toMatch(message);
}

const json = (value: unknown) => JSON.stringify(value);
const SEEDS = Array.from({ length: 12 }, (_, i) => `seed-${i}`);

// ---------------------------------------------------------------------------------------------

describe('LESSON and QUIZ', () => {
  it('shuffles questions and options deterministically per seed, differently across seeds', () => {
    const a = prepareAttempt(QUIZ, PROGRAM, 'attempt-1');
    const b = prepareAttempt(QUIZ, PROGRAM, 'attempt-1');
    expect(b).toEqual(a);

    const questionOrders = new Set(SEEDS.map((s) => json((prepareAttempt(QUIZ, PROGRAM, s).prompt.questions as { key: string }[]).map((x) => x.key))));
    expect(questionOrders.size).toBeGreaterThan(1);
    const optionOrders = new Set(
      SEEDS.map((s) => {
        const qs = prepareAttempt(QUIZ, PROGRAM, s).prompt.questions as { key: string; options: { key: string }[] }[];
        return json(qs.find((x) => x.key === 'q1')!.options.map((o) => o.key));
      }),
    );
    expect(optionOrders.size).toBeGreaterThan(1);

    // Every question and option is still there.
    const qs = a.prompt.questions as { key: string; options: { key: string; text: string }[] }[];
    expect(qs.map((x) => x.key).sort()).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
    for (const x of qs) expect(x.options.map((o) => o.key).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('never puts answers in the prompt', () => {
    for (const seed of SEEDS) {
      const text = json(prepareAttempt(QUIZ, PROGRAM, seed).prompt);
      expect(text).not.toMatch(/correct/i);
      expect(text).not.toMatch(/explanation/i);
      expect(text).not.toContain('EXPLANATION');
    }
    expect(json(prepareAttempt(QUIZ, PROGRAM, 'x').secret)).toContain('EXPLANATION q1-a'); // kept server-side
  });

  it('passes with every answer right and gives the review', () => {
    const prepared = prepareAttempt(QUIZ, PROGRAM, 's');
    const result = gradeAttempt(QUIZ, PROGRAM, prepared, answersOf({ ...RIGHT, q3: ' d , a ' }), 12);
    expect(result.score).toBe(100);
    expect(result.passed).toBe(true);
    expect(result.feedback).toHaveLength(1 + 6);
    expect(result.feedback.slice(1).every((l) => l.startsWith('✓'))).toBe(true);
    const review = result.review as { questions: { key: string; correctKeys: string[]; options: { explanation: string; correct: boolean }[] }[] };
    const q3 = review.questions.find((x) => x.key === 'q3')!;
    expect([...q3.correctKeys].sort()).toEqual(['a', 'd']);
    expect(q3.options.map((o) => o.explanation).sort()).toEqual(['a', 'b', 'c', 'd'].map((o) => `EXPLANATION q3-${o}`));
  });

  it('scores the share of questions fully right against the pass mark (default 0.8)', () => {
    const prepared = prepareAttempt(QUIZ, PROGRAM, 's');
    // 5 of 6 right: 83.33 ≥ 80.
    const five = gradeAttempt(QUIZ, PROGRAM, prepared, answersOf({ ...RIGHT, q6: 'b' }), 1);
    expect(five.score).toBeCloseTo(83.33, 2);
    expect(five.passed).toBe(true);
    expect(five.feedback.find((l) => l.includes('Question') && l.startsWith('✗'))).toMatch(/partly right/);
    // 4 of 6: 66.67 < 80.
    const four = gradeAttempt(QUIZ, PROGRAM, prepared, answersOf({ ...RIGHT, q1: 'b', q2: 'a' }), 1);
    expect(four.score).toBeCloseTo(66.67, 2);
    expect(four.passed).toBe(false);
    // All wrong.
    const none = gradeAttempt(QUIZ, PROGRAM, prepared, answersOf(WRONG), 1);
    expect(none).toMatchObject({ score: 0, passed: false });
  });

  it('respects a configured pass mark exactly at the boundary', () => {
    const quiz = activity('QUIZ', { questions: QUESTIONS.slice(0, 5), passMark: 0.6 });
    const prepared = prepareAttempt(quiz, PROGRAM, 's');
    const three = gradeAttempt(quiz, PROGRAM, prepared, answersOf({ q1: 'a', q2: 'c', q3: 'a,d' }), 1);
    expect(three).toMatchObject({ score: 60, passed: true });
    const two = gradeAttempt(quiz, PROGRAM, prepared, answersOf({ q1: 'a', q2: 'c' }), 1);
    expect(two).toMatchObject({ score: 40, passed: false });
  });

  it('counts missing and empty answers as wrong, not as errors', () => {
    const prepared = prepareAttempt(QUIZ, PROGRAM, 's');
    const result = gradeAttempt(QUIZ, PROGRAM, prepared, [{ questionKey: 'q1', value: 'a' }, { questionKey: 'q2', value: '  ' }], 1);
    expect(result.score).toBeCloseTo(16.67, 2);
    expect(result.passed).toBe(false);
    expect(result.feedback.filter((l) => l.includes('not answered'))).toHaveLength(5);
    expect(gradeAttempt(QUIZ, PROGRAM, prepared, [], 1)).toMatchObject({ score: 0, passed: false });
  });

  it('refuses unknown and duplicate keys and bad option values', () => {
    const prepared = prepareAttempt(QUIZ, PROGRAM, 's');
    expectAnswerError(() => gradeAttempt(QUIZ, PROGRAM, prepared, [{ questionKey: 'q99', value: 'a' }], 1), /not a question/);
    expectAnswerError(
      () => gradeAttempt(QUIZ, PROGRAM, prepared, [{ questionKey: 'q1', value: 'a' }, { questionKey: 'q1', value: 'b' }], 1),
      /twice/,
    );
    expectAnswerError(() => gradeAttempt(QUIZ, PROGRAM, prepared, [{ questionKey: 'q1', value: 'z' }], 1), /no option "z"/);
    expectAnswerError(() => gradeAttempt(QUIZ, PROGRAM, prepared, [{ questionKey: 'q1', value: 'a,b' }], 1), /single answer/);
    expectAnswerError(() => gradeAttempt(QUIZ, PROGRAM, prepared, [{ questionKey: 'q3', value: 'a,a' }], 1), /twice/);
  });

  it('LESSON: requires every check-question by default and shows the body', () => {
    const prepared = prepareAttempt(LESSON, PROGRAM, 's');
    expect(prepared.prompt.body).toContain('Why handoffs matter');
    expect(prepared.prompt.passMark).toBe(1);
    expect(gradeAttempt(LESSON, PROGRAM, prepared, answersOf({ q1: 'a', q2: 'c' }), 1)).toMatchObject({ score: 100, passed: true });
    expect(gradeAttempt(LESSON, PROGRAM, prepared, answersOf({ q1: 'a', q2: 'b' }), 1)).toMatchObject({ score: 50, passed: false });
  });

  it('LESSON without check-questions passes once read', () => {
    const lesson = activity('LESSON', { body: 'Just read.' });
    const prepared = prepareAttempt(lesson, PROGRAM, 's');
    expect(gradeAttempt(lesson, PROGRAM, prepared, [], 1)).toMatchObject({ score: 100, passed: true });
    expectAnswerError(() => gradeAttempt(lesson, PROGRAM, prepared, [{ questionKey: 'q1', value: 'a' }], 1));
  });

  it('a QUIZ without questions cannot be started', () => {
    expectAnswerError(() => prepareAttempt(activity('QUIZ', {}), PROGRAM, 's'), /no questions/);
  });
});

// ---------------------------------------------------------------------------------------------

type SpeedQuestion = { key: string; options: { key: string; text: string }[] };

function speedAnswers(prepared: PreparedAttempt, override: Record<string, string> = {}): AttemptAnswer[] {
  const c = prepared.prompt.card as Record<string, string>;
  const truth: Record<string, string> = {
    customer: c.customerName,
    issue: c.escalationReason,
    tier: c.tier,
    sentiment: c.sentiment.charAt(0) + c.sentiment.slice(1).toLowerCase(),
    aiTried: c.aiTried,
    ...override,
  };
  return (prepared.prompt.questions as SpeedQuestion[]).map((question) => {
    const option = question.options.find((o) => o.text === truth[question.key]);
    expect(option, `option for ${question.key}`).toBeDefined();
    return { questionKey: question.key, value: option!.key };
  });
}

describe('SPEED_READING', () => {
  it('draws a card with the seed and asks five four-option questions', () => {
    const prepared = prepareAttempt(SPEED, PROGRAM, 'seed-a');
    expect(prepareAttempt(SPEED, PROGRAM, 'seed-a')).toEqual(prepared);
    const cardNames = new Set(SEEDS.map((s) => (prepareAttempt(SPEED, PROGRAM, s).prompt.card as { customerName: string }).customerName));
    expect(cardNames.size).toBeGreaterThan(1);

    const c = prepared.prompt.card as Record<string, unknown>;
    for (const field of ['customerName', 'tier', 'tenure', 'escalationReason', 'aiAttempts', 'aiTried', 'sentiment', 'priority', 'summary', 'knownFacts', 'transcript']) {
      expect(c).toHaveProperty(field);
    }
    expect((c.transcript as unknown[]).length).toBe(3);

    const questions = prepared.prompt.questions as SpeedQuestion[];
    expect(questions.map((x) => x.key)).toEqual(['customer', 'issue', 'tier', 'sentiment', 'aiTried']);
    for (const question of questions) {
      expect(question.options.map((o) => o.key)).toEqual(['a', 'b', 'c', 'd']);
      expect(new Set(question.options.map((o) => o.text.toLowerCase())).size).toBe(4);
    }
    // Distractors come from other cards.
    const names = questions[0].options.map((o) => o.text);
    expect(names.every((n) => CARDS.some((k) => k.customerName === n))).toBe(true);
  });

  it('shuffles options differently across seeds and never marks the right one in the prompt', () => {
    const onlySarah = activity('SPEED_READING', { cardKeys: ['billing-sarah'] });
    const orders = new Set(
      SEEDS.map((s) => {
        const question = (prepareAttempt(onlySarah, PROGRAM, s).prompt.questions as SpeedQuestion[])[0];
        return question.options.findIndex((o) => o.text === 'Sarah Chen');
      }),
    );
    expect(orders.size).toBeGreaterThan(1);
    for (const seed of SEEDS) {
      const prepared = prepareAttempt(SPEED, PROGRAM, seed);
      const text = json(prepared.prompt);
      expect(text).not.toMatch(/correct/i);
      expect(text).not.toContain('cardKey');
      expect(json(prepared.secret)).toContain('correctKey');
    }
  });

  it('passes at exactly 30.0 s with all five right and fails at 30.01 s', () => {
    const prepared = prepareAttempt(SPEED, PROGRAM, 'seed-b');
    const onTime = gradeAttempt(SPEED, PROGRAM, prepared, speedAnswers(prepared), 30.0);
    expect(onTime).toMatchObject({ score: 100, passed: true });
    expect(onTime.feedback[0]).toBe('Took 30.0 s — target under 30 s');

    const late = gradeAttempt(SPEED, PROGRAM, prepared, speedAnswers(prepared), 30.01);
    expect(late).toMatchObject({ score: 100, passed: false });
    expect(late.feedback[0]).toBe('Took 30.01 s — target under 30 s');
    expect(late.feedback.join('\n')).toMatch(/Too slow/);

    const quick = gradeAttempt(SPEED, PROGRAM, prepared, speedAnswers(prepared), 24.3);
    expect(quick.feedback[0]).toBe('Took 24.3 s — target under 30 s');
  });

  it('fails with one wrong field, naming it, and scores right/5', () => {
    const prepared = prepareAttempt(activity('SPEED_READING', { cardKeys: ['billing-sarah'] }), PROGRAM, 'seed-c');
    const wrongTier = (prepared.prompt.questions as SpeedQuestion[])[2].options.find((o) => o.text !== 'Pro plan')!.text;
    const result = gradeAttempt(SPEED, PROGRAM, prepared, speedAnswers(prepared, { tier: wrongTier }), 10);
    expect(result).toMatchObject({ score: 80, passed: false });
    expect(result.feedback).toContain(`✗ Tier: you chose “${wrongTier}”, the card says “Pro plan”.`);

    const partial = gradeAttempt(SPEED, PROGRAM, prepared, speedAnswers(prepared).slice(0, 2), 10);
    expect(partial).toMatchObject({ score: 40, passed: false });
    const review = partial.review as { questions: { correctKey: string }[] };
    expect(review.questions).toHaveLength(5);
  });

  it('uses the configured time limit', () => {
    const slow = activity('SPEED_READING', { timeLimitSeconds: 45 });
    const prepared = prepareAttempt(slow, PROGRAM, 'seed-d');
    const result = gradeAttempt(slow, PROGRAM, prepared, speedAnswers(prepared), 44.9);
    expect(result.passed).toBe(true);
    expect(result.feedback[0]).toBe('Took 44.9 s — target under 45 s');
  });

  it('still offers four options when the program has a single card', () => {
    const tiny: ProgramDefinition = { ...PROGRAM, cards: [CARDS[0]] };
    const prepared = prepareAttempt(SPEED, tiny, 's');
    for (const question of prepared.prompt.questions as SpeedQuestion[]) {
      expect(new Set(question.options.map((o) => o.text.toLowerCase())).size).toBe(4);
    }
    expect(gradeAttempt(SPEED, tiny, prepared, speedAnswers(prepared), 5).passed).toBe(true);
  });

  it('refuses unknown options, unknown keys and duplicates', () => {
    const prepared = prepareAttempt(SPEED, PROGRAM, 's');
    expectAnswerError(() => gradeAttempt(SPEED, PROGRAM, prepared, [{ questionKey: 'tier', value: 'e' }], 5), /no option "e"/);
    expectAnswerError(() => gradeAttempt(SPEED, PROGRAM, prepared, [{ questionKey: 'priority', value: 'a' }], 5), /not a question/);
    expectAnswerError(
      () => gradeAttempt(SPEED, PROGRAM, prepared, [{ questionKey: 'tier', value: 'a' }, { questionKey: 'tier', value: 'b' }], 5),
      /twice/,
    );
    expectAnswerError(() => gradeAttempt(SPEED, PROGRAM, prepared, speedAnswers(prepared), Number.NaN));
  });
});

// ---------------------------------------------------------------------------------------------

const GOOD_OPENING =
  "Hi Sarah, I'm Alex from the billing team. I can see your March renewal was charged twice on order #12345, so I'm refunding the duplicate charge now. It'll take about 2 minutes and I'll confirm here once it's done.";
const BAD_OPENING = 'Hello, sorry about the bot. How can I help you today? What is your order number?';

describe('FIRST_MESSAGE', () => {
  it('shows the scenario and the card, never the example opening', () => {
    const prepared = prepareAttempt(FIRST, PROGRAM, 's');
    expect(prepared.prompt.scenario).toEqual({
      prompt: 'The assistant could not refund the duplicate charge. Write your opening.',
      situation: 'STANDARD',
      agentName: 'Alex',
    });
    const c = prepared.prompt.card as Record<string, unknown>;
    expect(c).toMatchObject({ customerName: 'Sarah Chen', tier: 'Pro plan', sentiment: 'FRUSTRATED' });
    expect(c.knownFacts).toHaveLength(2);
    expect(c.transcript).toHaveLength(3);
    expect(json(prepared.prompt)).not.toContain('EXAMPLE OPENING');

    const all = activity('FIRST_MESSAGE', {});
    const drawn = new Set(SEEDS.map((s) => (prepareAttempt(all, PROGRAM, s).prompt.scenario as { agentName: string }).agentName));
    expect(drawn).toEqual(new Set(['Alex', 'Grace']));
  });

  it('grades with analyzeOpening against the card: a strong opening passes', () => {
    const prepared = prepareAttempt(FIRST, PROGRAM, 's');
    const result = gradeAttempt(FIRST, PROGRAM, prepared, [{ questionKey: 'message', value: GOOD_OPENING }], 60);
    const expected = analyzeOpening(GOOD_OPENING, {
      customerName: 'Sarah Chen',
      agentName: 'Alex',
      issueSummary: CARDS[0].summary,
      knownFacts: CARDS[0].knownFacts,
    });
    expect(result.score).toBe(expected.score);
    expect(result.passed).toBe(expected.checks.every((c) => c.passed));
    expect(result.feedback).toEqual(expected.checks.map((c) => `${c.passed ? '✓' : '✗'} ${c.message}`));
    expect(result.feedback).toHaveLength(10);
    expect(result.passed).toBe(true);
    expect((result.review as { exampleOpening: string }).exampleOpening).toContain('EXAMPLE OPENING');
  });

  it('a generic, bot-blaming opening that asks for the order number fails', () => {
    const prepared = prepareAttempt(FIRST, PROGRAM, 's');
    const result = gradeAttempt(FIRST, PROGRAM, prepared, [{ questionKey: 'message', value: BAD_OPENING }], 60);
    expect(result.passed).toBe(false);
    expect(result.score).toBeLessThan(100);
    expect(result.feedback.filter((l) => l.startsWith('✗')).length).toBeGreaterThanOrEqual(3);
  });

  it('refuses an empty or missing message, other keys and an over-long one', () => {
    const prepared = prepareAttempt(FIRST, PROGRAM, 's');
    expectAnswerError(() => gradeAttempt(FIRST, PROGRAM, prepared, [], 1), /Write your opening/);
    expectAnswerError(() => gradeAttempt(FIRST, PROGRAM, prepared, [{ questionKey: 'message', value: '   ' }], 1), /Write your opening/);
    expectAnswerError(() => gradeAttempt(FIRST, PROGRAM, prepared, [{ questionKey: 'opening', value: 'Hi' }], 1), /not a question/);
    expectAnswerError(() => gradeAttempt(FIRST, PROGRAM, prepared, [{ questionKey: 'message', value: 'x'.repeat(2001) }], 1), /2000/);
  });
});

// ---------------------------------------------------------------------------------------------

const flag = (turn: number, code: string): AttemptAnswer => ({ questionKey: `turn:${turn}`, value: code });
const ALL_FOUR = [flag(2, 'GENERIC_OPENER'), flag(4, 'AI_BLAME'), flag(4, 'KNOWN_INFO_REQUEST'), flag(6, 'OVER_APOLOGY')];

describe('ERROR_SPOTTING', () => {
  it('shows the turns without the answer key', () => {
    const prepared = prepareAttempt(ERRORS, PROGRAM, 's');
    expect(prepared.prompt.title).toBe('A billing handoff gone wrong');
    expect(prepared.prompt.turns).toEqual(PROGRAM.errorSpotting[0].turns.map((t, index) => ({ index, ...t })));
    expect(prepared.prompt.card).toMatchObject({ summary: CARDS[0].summary, knownFacts: CARDS[0].knownFacts });

    const { mistakeTypes, ...rest } = prepared.prompt;
    const restText = json(rest);
    expect(restText).not.toMatch(/mistake|explanation|KEY-EXPL/i);
    for (const code of ['GENERIC_OPENER', 'AI_BLAME', 'KNOWN_INFO_REQUEST', 'OVER_APOLOGY', 'SILENCE', 'NO_CONFIRMATION']) {
      expect(restText).not.toContain(code);
    }
    // The menu of codes is the same whatever the transcript, so it gives nothing away.
    const other = prepareAttempt(activity('ERROR_SPOTTING', { transcriptKeys: ['silent-shipping'] }), PROGRAM, 's');
    expect(other.prompt.mistakeTypes).toEqual(mistakeTypes);
    expect((mistakeTypes as unknown[]).length).toBe(6);
  });

  it('draws transcripts with the seed', () => {
    const all = activity('ERROR_SPOTTING', {});
    expect(prepareAttempt(all, PROGRAM, 'k')).toEqual(prepareAttempt(all, PROGRAM, 'k'));
    const titles = new Set(SEEDS.map((s) => prepareAttempt(all, PROGRAM, s).prompt.title));
    expect(titles.size).toBe(2);
  });

  it('a perfect answer scores 100; several mistakes on one turn use the same key', () => {
    const prepared = prepareAttempt(ERRORS, PROGRAM, 's');
    const result = gradeAttempt(ERRORS, PROGRAM, prepared, ALL_FOUR, 90);
    expect(result).toMatchObject({ score: 100, passed: true });
    expect(result.feedback[0]).toBe('Found 4 of 4 mistakes, 0 false flags.');
    const review = result.review as { answerKey: { turn: number; code: string; explanation: string; found: boolean }[] };
    expect(review.answerKey).toHaveLength(4);
    expect(review.answerKey.every((m) => m.found && m.explanation.startsWith('KEY-EXPL'))).toBe(true);
  });

  it('computes precision and recall: 3 right + 1 false flag → P 0.75, R 0.75, F1 75, failed', () => {
    const prepared = prepareAttempt(ERRORS, PROGRAM, 's');
    const result = gradeAttempt(ERRORS, PROGRAM, prepared, [...ALL_FOUR.slice(0, 3), flag(6, 'SILENCE')], 90);
    expect(result).toMatchObject({ score: 75, passed: false });
    expect(result.feedback[0]).toBe('Found 3 of 4 mistakes, 1 false flag.');
    expect(result.review).toMatchObject({ precision: 0.75, recall: 0.75 });
    expect(result.feedback.join('\n')).toMatch(/Missed: turn 6/);
  });

  it('4 right + 1 false flag → P 0.8, R 1, F1 89, passed (0.8 boundary inclusive)', () => {
    const prepared = prepareAttempt(ERRORS, PROGRAM, 's');
    const result = gradeAttempt(ERRORS, PROGRAM, prepared, [...ALL_FOUR, flag(2, 'AI_BLAME')], 90);
    expect(result.review).toMatchObject({ precision: 0.8, recall: 1 });
    expect(result).toMatchObject({ score: 89, passed: true });
    expect(result.feedback[0]).toBe('Found 4 of 4 mistakes, 1 false flag.');
  });

  it('3 of 4 with no false flag → recall 0.75 fails; nothing flagged scores 0', () => {
    const prepared = prepareAttempt(ERRORS, PROGRAM, 's');
    const three = gradeAttempt(ERRORS, PROGRAM, prepared, ALL_FOUR.slice(0, 3), 90);
    expect(three.review).toMatchObject({ precision: 1, recall: 0.75 });
    expect(three).toMatchObject({ score: 86, passed: false }); // 2·1·0.75/1.75 = 0.857
    const nothing = gradeAttempt(ERRORS, PROGRAM, prepared, [], 90);
    expect(nothing).toMatchObject({ score: 0, passed: false });
    expect(nothing.feedback[0]).toBe('Found 0 of 4 mistakes, 0 false flags.');
  });

  it('precisionRecall maths', () => {
    expect(precisionRecall(3, 4, 4)).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75 });
    expect(precisionRecall(0, 0, 4)).toEqual({ precision: 1, recall: 0, f1: 0 });
    expect(precisionRecall(0, 3, 0)).toEqual({ precision: 0, recall: 1, f1: 0 });
    expect(precisionRecall(0, 0, 0)).toEqual({ precision: 1, recall: 1, f1: 1 });
    const r = precisionRecall(2, 5, 2);
    expect(r.precision).toBeCloseTo(0.4);
    expect(r.recall).toBe(1);
    expect(r.f1).toBeCloseTo(0.5714, 4);
  });

  it('refuses bad turns, codes and duplicate pairs', () => {
    const prepared = prepareAttempt(ERRORS, PROGRAM, 's');
    expectAnswerError(() => gradeAttempt(ERRORS, PROGRAM, prepared, [flag(9, 'SILENCE')], 1), /no turn 9/);
    expectAnswerError(() => gradeAttempt(ERRORS, PROGRAM, prepared, [flag(0, 'SILENCE')], 1), /not the agent/);
    expectAnswerError(() => gradeAttempt(ERRORS, PROGRAM, prepared, [flag(2, 'RUDENESS')], 1), /not a mistake type/);
    expectAnswerError(() => gradeAttempt(ERRORS, PROGRAM, prepared, [flag(2, 'SILENCE'), flag(2, 'SILENCE')], 1), /twice/);
    expectAnswerError(() => gradeAttempt(ERRORS, PROGRAM, prepared, [{ questionKey: 'turn:02', value: 'SILENCE' }], 1));
    expectAnswerError(() => gradeAttempt(ERRORS, PROGRAM, prepared, [{ questionKey: 'turn2', value: 'SILENCE' }], 1), /turn:<index>/);
  });
});

// ---------------------------------------------------------------------------------------------

describe('handoffs recorded by the supervisor and malformed input', () => {
  it('SHADOWING and ROLE_PLAY have no attempts: they are logged and run live', () => {
    expectAnswerError(() => prepareAttempt(SHADOW, PROGRAM, 's'), /logShadowingObservation/);
    expectAnswerError(() => prepareAttempt(ROLE, PROGRAM, 's'), /startRolePlay/);
    expectAnswerError(() => gradeAttempt(SHADOW, PROGRAM, { prompt: {}, secret: { kind: 'SHADOWING' } }, [], 1), /logShadowingObservation/);
  });

  it('SUPERVISED_HANDOFFS and SOLO_HANDOFFS have no attempts', () => {
    for (const kind of ['SUPERVISED_HANDOFFS', 'SOLO_HANDOFFS'] as const) {
      expectAnswerError(() => prepareAttempt(activity(kind, { minimumCount: 3 }), PROGRAM, 's'), 'These are recorded by your supervisor from real handoffs.');
      expectAnswerError(() => gradeAttempt(activity(kind), PROGRAM, { prompt: {}, secret: { kind } }, [], 1));
    }
  });

  it('throws only AnswerError, whatever arrives', () => {
    const garbage: unknown[] = [null, undefined, 42, 'answers', [null], [42], [{}], [{ questionKey: 5, value: 'a' }], [{ questionKey: 'q1', value: 7 }], [{ questionKey: 'q1' }]];
    const kinds = [QUIZ, SPEED, FIRST, ERRORS];
    for (const act of kinds) {
      const prepared = prepareAttempt(act, PROGRAM, 's');
      for (const answers of garbage) {
        expectAnswerError(() => gradeAttempt(act, PROGRAM, prepared, answers as AttemptAnswer[], 10));
      }
      // A stored attempt whose secret is damaged, missing or of another kind.
      for (const secret of [{}, { kind: act.kind }, { kind: act.kind, questions: 'x', context: 1, mistakes: {} }, { kind: 'OTHER' }]) {
        expectAnswerError(() => gradeAttempt(act, PROGRAM, { prompt: {}, secret }, [], 10));
      }
      expectAnswerError(() => gradeAttempt(act, PROGRAM, null as unknown as PreparedAttempt, [], 10));
    }
  });

  it('prompts and secrets are JSON-safe', () => {
    for (const act of [QUIZ, LESSON, SPEED, FIRST, ERRORS]) {
      const prepared = prepareAttempt(act, PROGRAM, 'json');
      expect(JSON.parse(json(prepared))).toEqual(prepared);
    }
  });

  it('an unknown card reference is an AnswerError, not a crash', () => {
    const broken: ProgramDefinition = { ...PROGRAM, cards: [] };
    expectAnswerError(() => prepareAttempt(FIRST, broken, 's'), /missing/);
    expectAnswerError(() => prepareAttempt(SPEED, broken, 's'), /no escalation cards/);
  });
});
