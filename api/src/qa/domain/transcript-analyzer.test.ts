import { describe, expect, it } from 'vitest';
import {
  analyzeTranscript,
  coverageGraceSeconds,
  expectationSeconds,
  MAX_TURNS,
  TranscriptError,
  type TranscriptInput,
  type TranscriptTurn,
} from './transcript-analyzer.js';

const HANDOFF = '2024-05-01T10:00:00Z';
const HANDOFF_MS = Date.parse(HANDOFF);
/** ISO time `s` seconds after the handoff. */
const at = (s: number): string => new Date(HANDOFF_MS + s * 1000).toISOString();

const billingCase = {
  handedOffAt: HANDOFF,
  customerName: 'Sarah Chen',
  agentName: 'Alex',
  issueSummary: 'Customer was charged twice for order #48213 and wants the duplicate charge refunded.',
  knownFacts: [
    { label: 'order number', value: '#48213' },
    { label: 'email', value: 'sarah.chen@example.com' },
    { label: 'plan', value: 'Pro' },
  ],
};

const aiChat: TranscriptTurn[] = [
  { at: at(-180), speaker: 'CUSTOMER', text: 'I got charged twice for my order 48213, I want my money back' },
  { at: at(-150), speaker: 'AI', text: 'I can help with billing questions. Could you confirm the email on your account?' },
  { at: at(-120), speaker: 'CUSTOMER', text: 'sarah.chen@example.com' },
  { at: at(-60), speaker: 'AI', text: "Thanks. I'm connecting you with a billing specialist who can look at the charges." },
];

/** A good handoff: named, read, narrated, timed, confirmed. */
const good: TranscriptInput = {
  ...billingCase,
  turns: [
    ...aiChat,
    {
      at: at(40),
      speaker: 'AGENT',
      text: "Hi Sarah, I'm Alex from billing. I can see the duplicate charge on order #48213. I'm pulling up the payment records now, this will take about 2 minutes.",
    },
    { at: at(70), speaker: 'CUSTOMER', text: 'ok thanks' },
    {
      at: at(150),
      speaker: 'AGENT',
      text: "Found it: the second charge is a duplicate. I'm refunding it to your card now; the confirmation goes to sarah.chen@example.com and your Pro plan is not affected.",
    },
    {
      at: at(200),
      speaker: 'AGENT',
      text: 'The refund is done. Can you check your banking app - is the duplicate charge showing as refunded now?',
    },
    { at: at(260), speaker: 'CUSTOMER', text: 'Yes I see it, thanks!' },
    { at: at(280), speaker: 'AGENT', text: 'Great, glad that is sorted. Have a lovely day, Sarah!' },
  ],
};

describe('a good handoff', () => {
  const a = analyzeTranscript(good);

  it('measures the first response and grades the opening', () => {
    expect(a.firstResponseSeconds).toBe(40);
    expect(a.opening?.passed).toBe(true);
    expect(a.opening?.score).toBe(100);
  });

  it('finds no repeats, no silences, full context and a confirmation', () => {
    expect(a.knownInfoRequests).toEqual([]);
    expect(a.repeatRequests).toEqual([]);
    expect(a.customerRepeated).toBe(false);
    expect(a.silences).toEqual([]);
    expect(a.contextItemsAvailable).toBe(4);
    expect(a.contextItemsUsed).toBe(4);
    expect(a.confirmedResolution).toBe(true);
    expect(a.confirmation?.turnIndex).toBe(7);
    expect(a.confirmation?.quote).toContain('showing as refunded now?');
    expect(a.narration.map((n) => n.turnIndex)).toEqual([4, 6]);
    expect(a.agentTurnCount).toBe(4);
  });

  it('writes findings a reviewer can read, quoting the turns', () => {
    expect(a.findings[0]).toMatch(/^First response 40 s after the handoff \(within the 60 s target\) \[\+0:40\]: "Hi Sarah/);
    expect(a.findings).toContain('Opening: all ten checks pass.');
    expect(a.findings).toContain('Context used: 4 of 4 (all of it).');
    expect(a.findings.some((f) => f.includes('checked the fix worked') && f.includes('showing as refunded'))).toBe(true);
  });
});

describe('a request for a known fact late in the conversation', () => {
  const input: TranscriptInput = {
    ...billingCase,
    turns: [
      ...aiChat,
      {
        at: at(30),
        speaker: 'AGENT',
        text: "Hi Sarah, I'm Alex. I'm checking the double charge on order #48213 now, it should take about 2 minutes.",
      },
      { at: at(140), speaker: 'AGENT', text: "I've refunded the duplicate charge of $49." },
      { at: at(160), speaker: 'CUSTOMER', text: 'Thank you! Will I get a receipt?' },
      {
        at: at(1500),
        speaker: 'AGENT',
        text: 'Sure. Could you send me the email address on your account so I can forward the receipt?',
      },
      { at: at(1560), speaker: 'CUSTOMER', text: 'I already gave it... sarah.chen@example.com' },
    ],
  };
  const a = analyzeTranscript(input);

  it('passes the opening but counts the late request as a customer repeat', () => {
    expect(a.opening?.checks.find((c) => c.code === 'NO_KNOWN_INFO_REQUEST')?.passed).toBe(true);
    expect(a.knownInfoRequests).toHaveLength(1);
    expect(a.knownInfoRequests[0]).toMatchObject({ turnIndex: 7, fact: 'email' });
    expect(a.knownInfoRequests[0].quote).toContain('email address');
    expect(a.customerRepeated).toBe(true);
    expect(a.findings.some((f) => f.startsWith('[+25:00] The agent asks for the email the AI already collected'))).toBe(
      true
    );
  });

  it('flags the 22-minute wait for an answer to the customer question', () => {
    expect(a.silences).toHaveLength(1);
    expect(a.silences[0]).toMatchObject({ afterTurnIndex: 6, untilTurnIndex: 7, seconds: 1340, covered: false });
    expect(a.silences[0].quote).toBe('Thank you! Will I get a receipt?');
  });

  it('does not count the email as used: the agent asked for it instead', () => {
    expect(a.contextItems.find((c) => c.item === 'email')?.used).toBe(false);
    expect(a.contextItemsUsed).toBe(2); // order number (#48213) and the issue
  });
});

describe('repeat requests', () => {
  it('counts "can you explain again" as a customer repeat, in any turn', () => {
    const a = analyzeTranscript({
      ...billingCase,
      turns: [
        { at: at(20), speaker: 'AGENT', text: "Hi Sarah, I'm Alex. Let me look at order #48213 now, one moment." },
        { at: at(90), speaker: 'AGENT', text: "Sorry, I'm a bit lost. Can you explain again what happened?" },
      ],
    });
    expect(a.knownInfoRequests).toEqual([]);
    expect(a.repeatRequests).toHaveLength(1);
    expect(a.repeatRequests[0].turnIndex).toBe(1);
    expect(a.customerRepeated).toBe(true);
  });
});

describe('silences', () => {
  const opening = "Hi Sarah, I'm Alex. I can see the double charge on order #48213.";
  const transcript = (holding: string, gap: number): TranscriptInput => ({
    ...billingCase,
    turns: [
      { at: at(20), speaker: 'AGENT', text: opening },
      { at: at(30), speaker: 'AGENT', text: holding },
      { at: at(30 + gap), speaker: 'AGENT', text: "Thanks for waiting: I've refunded the duplicate charge." },
    ],
  });

  it('flags 5 minutes of silence after "let me look into it" as uncovered', () => {
    const a = analyzeTranscript(transcript("Let me look into what happened with the payment.", 300));
    expect(a.silences).toEqual([
      {
        afterTurnIndex: 1,
        untilTurnIndex: 2,
        seconds: 300,
        covered: false,
        quote: 'Let me look into what happened with the payment.',
      },
    ]);
    expect(a.findings).toContain(
      'Silence: the customer waited 5 min after "Let me look into what happened with the payment."; no time expectation was set.'
    );
  });

  it('does not flag 5 minutes covered by "this will take about 10 minutes"', () => {
    const a = analyzeTranscript(
      transcript("I'm checking with our payments team; this will take about 10 minutes.", 300)
    );
    expect(a.silences).toHaveLength(1);
    expect(a.silences[0]).toMatchObject({ seconds: 300, covered: true, expectation: '10 minutes' });
    expect(a.findings.some((f) => f.includes('covered by the time expectation "10 minutes"'))).toBe(true);
  });

  it('covers up to the promise plus the grace, not beyond', () => {
    // "give me 5 minutes": covered up to 5 min + 75 s grace (25 %), from the promising turn
    const holding = 'Give me 5 minutes while I check the payment logs.';
    expect(analyzeTranscript(transcript(holding, 375)).silences[0].covered).toBe(true);
    expect(analyzeTranscript(transcript(holding, 376)).silences[0].covered).toBe(false);
    // "one moment" (60 s + 60 s grace) never covers a silence of more than 120 s
    expect(analyzeTranscript(transcript('One moment, checking the charges now.', 180)).silences[0].covered).toBe(false);
  });

  it('ignores gaps of 120 s or less', () => {
    expect(analyzeTranscript(transcript('Let me look into it.', 120)).silences).toEqual([]);
    expect(analyzeTranscript(transcript('Let me look into it.', 121)).silences).toHaveLength(1);
  });

  it('counts the wait for the first reply after the handoff, never covered', () => {
    const a = analyzeTranscript({
      ...billingCase,
      turns: [
        { at: at(-30), speaker: 'AI', text: 'An agent will be with you in about 5 minutes.' },
        { at: at(200), speaker: 'AGENT', text: opening },
      ],
    });
    expect(a.firstResponseSeconds).toBe(200);
    expect(a.silences).toEqual([{ afterTurnIndex: -1, untilTurnIndex: 1, seconds: 200, covered: false }]);
    expect(a.findings).toContain(
      'Silence: the customer waited 3 min 20 s after the handoff; no time expectation was set.'
    );
  });

  it('does not blame the agent while the customer is the one acting', () => {
    const a = analyzeTranscript({
      ...billingCase,
      turns: [
        { at: at(20), speaker: 'AGENT', text: opening },
        { at: at(40), speaker: 'AGENT', text: 'Could you try the payment page once more and tell me what you see?' },
        { at: at(700), speaker: 'CUSTOMER', text: 'Sorry, was away. It still shows two charges.' },
        { at: at(760), speaker: 'AGENT', text: "Thanks. I'm reversing the second charge now." },
      ],
    });
    expect(a.silences).toEqual([]);
  });

  it('measures from the customer message when the agent had handed the turn over', () => {
    const a = analyzeTranscript({
      ...billingCase,
      turns: [
        { at: at(20), speaker: 'AGENT', text: opening },
        { at: at(40), speaker: 'AGENT', text: 'Is the charge still pending on your statement?' },
        { at: at(100), speaker: 'CUSTOMER', text: 'No, both are posted now.' },
        { at: at(130), speaker: 'CUSTOMER', text: 'hello??' },
        { at: at(400), speaker: 'AGENT', text: "Thanks. I'm reversing the second charge now." },
      ],
    });
    expect(a.silences).toEqual([
      { afterTurnIndex: 2, untilTurnIndex: 4, seconds: 300, covered: false, quote: 'No, both are posted now.' },
    ]);
  });

  it('keeps the customer waiting after a greeting, not after a reported result', () => {
    const greeting = analyzeTranscript({
      ...billingCase,
      turns: [
        { at: at(20), speaker: 'AGENT', text: "Hi Sarah, I'm Alex from billing." },
        { at: at(320), speaker: 'AGENT', text: "I've reversed the duplicate charge on order #48213." },
      ],
    });
    expect(greeting.silences).toMatchObject([{ afterTurnIndex: 0, seconds: 300, covered: false }]);
    const result = analyzeTranscript({
      ...billingCase,
      turns: [
        { at: at(20), speaker: 'AGENT', text: "Hi Sarah, I've reversed the duplicate charge on order #48213." },
        { at: at(620), speaker: 'AGENT', text: 'Just following up: the reversal has been processed.' },
      ],
    });
    expect(result.silences).toEqual([]);
  });

  it('flags a "let me check" that is never followed up', () => {
    const a = analyzeTranscript({
      ...billingCase,
      turns: [
        { at: at(20), speaker: 'AGENT', text: `${opening} Let me check the payment logs.` },
        { at: at(400), speaker: 'CUSTOMER', text: 'Are you still there?' },
        { at: at(900), speaker: 'CUSTOMER', text: 'Hello?' },
      ],
    });
    expect(a.silences).toEqual([
      {
        afterTurnIndex: 0,
        untilTurnIndex: null,
        seconds: 880,
        covered: false,
        quote: `${opening} Let me check the payment logs.`,
      },
    ]);
  });

  it('does not flag the customer\u2019s goodbye after the agent closed', () => {
    const a = analyzeTranscript({
      ...billingCase,
      turns: [
        { at: at(20), speaker: 'AGENT', text: `${opening} It's refunded. Does that fix it? Have a great day!` },
        { at: at(400), speaker: 'CUSTOMER', text: 'yes' },
        { at: at(900), speaker: 'CUSTOMER', text: 'bye' },
      ],
    });
    expect(a.silences).toEqual([]);
  });
});

describe('confirmation before closing', () => {
  const withClose = (...closing: string[]): TranscriptInput => ({
    ...billingCase,
    turns: [
      { at: at(20), speaker: 'AGENT', text: "Hi Sarah, I'm Alex. I'm refunding the duplicate charge now, one moment." },
      ...closing.map((text, i) => ({ at: at(60 + i * 30), speaker: 'AGENT' as const, text })),
    ],
  });

  it('is missing when the agent closes without asking', () => {
    const a = analyzeTranscript(
      withClose('Your refund is on its way. Let me know if that works for you! Have a great day.')
    );
    expect(a.confirmedResolution).toBe(false);
    expect(a.confirmation).toBeNull();
    expect(a.findings).toContain(
      'The agent did not check that the problem was solved before closing; their last message [+1:00]: "Your refund is on its way. Let me know if that works for you! Have a great day.".'
    );
  });

  it.each([
    'Does that fix it?',
    'Is everything working now?',
    "Can you confirm it's working on your side?",
    'Did that solve the problem?',
    'Could you refresh the billing page and check whether the second charge is gone?',
    'Are you able to see the refund in your banking app now?',
    'Please confirm the refund is showing on your statement.',
    'All sorted now?',
  ])('is found in %j', (text) => {
    const a = analyzeTranscript(withClose(`The refund is through. ${text}`, 'Thanks Sarah, take care!'));
    expect(a.confirmedResolution).toBe(true);
    expect(a.confirmation?.turnIndex).toBe(1);
  });

  it.each([
    'Is there anything else I can help you with?',
    'Is that right?',
    'Would that help?',
    'Let me know if it works.',
    'Is it ok if I close this chat?',
  ])('is not found in %j', (text) => {
    expect(analyzeTranscript(withClose(`The refund is through. ${text}`)).confirmedResolution).toBe(false);
  });

  it('only counts the agent\u2019s last three turns', () => {
    const a = analyzeTranscript(
      withClose('Does that fix it?', 'Now I am updating the invoice.', 'The invoice is updated.', 'Bye for now.')
    );
    expect(a.confirmedResolution).toBe(false);
  });
});

describe('an agent who never answers', () => {
  const a = analyzeTranscript({
    ...billingCase,
    turns: [
      ...aiChat,
      { at: at(60), speaker: 'CUSTOMER', text: 'Hello? Is anyone there?' },
      { at: at(420), speaker: 'CUSTOMER', text: 'This is ridiculous, I still have two charges.' },
    ],
  });

  it('has no first response, no opening and no context used', () => {
    expect(a.firstResponseSeconds).toBeNull();
    expect(a.opening).toBeNull();
    expect(a.agentTurnCount).toBe(0);
    expect(a.contextItemsAvailable).toBe(4);
    expect(a.contextItemsUsed).toBe(0);
    expect(a.confirmedResolution).toBe(false);
    expect(a.customerRepeated).toBe(false);
  });

  it('reports the unanswered wait since the handoff', () => {
    expect(a.silences).toEqual([{ afterTurnIndex: -1, untilTurnIndex: null, seconds: 420, covered: false }]);
    expect(a.findings[0]).toBe(
      'The agent never replied after the handoff; the customer\u2019s last message [+7:00]: "This is ridiculous, I still have two charges.".'.replace(
        '\u2019',
        "'"
      )
    );
  });

  it('handles an empty transcript', () => {
    const empty = analyzeTranscript({ ...billingCase, turns: [] });
    expect(empty.firstResponseSeconds).toBeNull();
    expect(empty.silences).toEqual([]);
    expect(empty.findings[0]).toBe('The agent never replied after the handoff.');
  });
});

describe('unsorted turns', () => {
  // the good handoff, shuffled
  const order = [9, 2, 5, 0, 7, 4, 1, 8, 3, 6];
  const shuffled: TranscriptInput = { ...good, turns: order.map((i) => good.turns[i]) };
  const a = analyzeTranscript(shuffled);
  const sorted = analyzeTranscript(good);

  it('gives the same analysis as the sorted transcript', () => {
    expect(a.firstResponseSeconds).toBe(sorted.firstResponseSeconds);
    expect(a.opening).toEqual(sorted.opening);
    expect(a.silences).toEqual(sorted.silences);
    expect(a.contextItemsUsed).toBe(sorted.contextItemsUsed);
    expect(a.confirmedResolution).toBe(true);
    expect(a.findings).toEqual(sorted.findings);
  });

  it('reports indices into the turns as given', () => {
    // good.turns[7] (the confirmation) sits at position 4 of the shuffled array
    expect(a.confirmation?.turnIndex).toBe(4);
    expect(a.narration.map((n) => n.turnIndex)).toEqual([5, 9]);
  });

  it('keeps the input order of turns with the same time (stable sort)', () => {
    const b = analyzeTranscript({
      ...billingCase,
      turns: [
        { at: at(30), speaker: 'AGENT', text: "Hi Sarah, I'm Alex, checking order #48213 now." },
        { at: at(30), speaker: 'AGENT', text: 'Does that fix it?' },
      ],
    });
    expect(b.opening?.checks.find((c) => c.code === 'USES_NAME')?.passed).toBe(true);
    expect(b.confirmation?.turnIndex).toBe(1);
  });
});

describe('time to first response', () => {
  it('is the first non-blank agent turn at or after the handoff, in seconds', () => {
    const a = analyzeTranscript({
      ...billingCase,
      handedOffAt: new Date(HANDOFF_MS),
      turns: [
        { at: at(-10), speaker: 'AGENT', text: 'Internal note before the transfer.' },
        { at: at(5), speaker: 'AI', text: 'Connecting you to an agent now.' },
        { at: at(12), speaker: 'AGENT', text: '   ' },
        { at: new Date(HANDOFF_MS + 47_500), speaker: 'AGENT', text: "Hi Sarah, I'm Alex." },
      ],
    });
    expect(a.firstResponseSeconds).toBe(47.5);
    expect(a.findings[0]).toMatch(/^First response 48 s after the handoff \(within the 60 s target\) \[\+0:48\]/);
  });

  it('counts a reply at the handoff instant as 0 s and reads offsets and zone-less times', () => {
    const zero = analyzeTranscript({
      ...billingCase,
      handedOffAt: '2024-05-01T12:00:00+02:00',
      turns: [{ at: '2024-05-01T10:00:00.000Z', speaker: 'AGENT', text: 'Hi Sarah!' }],
    });
    expect(zero.firstResponseSeconds).toBe(0);
    const noZone = analyzeTranscript({
      ...billingCase,
      handedOffAt: '2024-05-01 10:00:00',
      turns: [{ at: '2024-05-01T10:01:30', speaker: 'AGENT', text: 'Hi Sarah!' }],
    });
    expect(noZone.firstResponseSeconds).toBe(90);
  });

  it('says when the first response misses the 60 s target', () => {
    const a = analyzeTranscript({
      ...billingCase,
      turns: [{ at: at(95), speaker: 'AGENT', text: "Hi Sarah, I'm Alex." }],
    });
    expect(a.firstResponseSeconds).toBe(95);
    expect(a.findings[0]).toMatch(/^First response 1 min 35 s after the handoff \(over the 60 s target\)/);
  });
});

describe('context utilisation', () => {
  const ctx = {
    ...billingCase,
    knownFacts: [
      { label: 'order number', value: '#48213' },
      { label: 'email', value: 'sarah.chen@example.com' },
      { label: 'plan', value: 'Pro' },
      { label: 'device', value: 'iPhone 14' },
    ],
  };
  const run = (...agent: string[]): ReturnType<typeof analyzeTranscript> =>
    analyzeTranscript({
      ...ctx,
      turns: agent.map((text, i) => ({ at: at(20 + i * 30), speaker: 'AGENT' as const, text })),
    });

  it('counts facts by value and the issue by its words', () => {
    const a = run("Hi Sarah, I'm Alex. I see the duplicate charge on order 48213.", 'Your Pro plan stays as it is.');
    expect(a.contextItemsAvailable).toBe(5);
    expect(a.contextItemsUsed).toBe(3);
    expect(a.contextItems.map((c) => [c.item, c.used])).toEqual([
      ['order number', true],
      ['email', false],
      ['plan', true],
      ['device', false],
      ['issue', true],
    ]);
    expect(a.findings).toContain('Context used: 3 of 5; not used: email, device.');
  });

  it('counts a clear reference to a fact as known', () => {
    const a = run("Hi Sarah, I'll send the receipt to the email we have on file.", 'I can see your iPhone details too.');
    expect(a.contextItems.find((c) => c.item === 'email')).toMatchObject({ used: true, turnIndex: 0 });
    expect(a.contextItems.find((c) => c.item === 'device')?.used).toBe(true); // "iPhone" is in the value
    expect(a.contextItems.find((c) => c.item === 'issue')?.used).toBe(false);
    expect(a.contextItemsUsed).toBe(2);
  });

  it('does not take a request for a fact as a reference to it', () => {
    const a = run('Can I have your order number please?', 'Could you send me your email?');
    expect(a.contextItems.find((c) => c.item === 'order number')?.used).toBe(false);
    expect(a.contextItems.find((c) => c.item === 'email')?.used).toBe(false);
  });

  it('is 1 available, 0 used with no facts and no acknowledgement', () => {
    const a = analyzeTranscript({
      ...billingCase,
      knownFacts: [],
      turns: [{ at: at(20), speaker: 'AGENT', text: 'Hello! How can I help you today?' }],
    });
    expect(a.contextItemsAvailable).toBe(1);
    expect(a.contextItemsUsed).toBe(0);
  });

  it('ignores malformed facts', () => {
    const a = analyzeTranscript({
      ...billingCase,
      knownFacts: [null, { label: '', value: 'x' }, { label: 'order number', value: '#48213' }] as never,
      turns: [{ at: at(20), speaker: 'AGENT', text: 'Order 48213 has a duplicate charge.' }],
    });
    expect(a.contextItemsAvailable).toBe(2);
    expect(a.contextItemsUsed).toBe(2);
  });
});

describe('invalid input', () => {
  const turn = (t: unknown): TranscriptInput =>
    ({ ...billingCase, turns: [{ at: t, speaker: 'AGENT', text: 'Hi' }] }) as unknown as TranscriptInput;

  it.each([
    ['missing handedOffAt', { ...billingCase, handedOffAt: undefined, turns: [] }, 'handedOffAt', /handedOffAt is missing/],
    ['empty handedOffAt', { ...billingCase, handedOffAt: '', turns: [] }, 'handedOffAt', /missing/],
    ['a word', { ...billingCase, handedOffAt: 'yesterday', turns: [] }, 'handedOffAt', /not a valid time \("yesterday"\)/],
    ['an invalid Date', { ...billingCase, handedOffAt: new Date('nope'), turns: [] }, 'handedOffAt', /invalid Date/],
    ['30 February', { ...billingCase, handedOffAt: '2024-02-30T10:00:00Z', turns: [] }, 'handedOffAt', /not a valid/],
    ['hour 25', { ...billingCase, handedOffAt: '2024-05-01T25:00:00Z', turns: [] }, 'handedOffAt', /not a valid/],
    ['a bad turn time', turn('10 am'), 'turns[0].at', /turns\[0\]\.at is not a valid time/],
    ['a missing turn time', turn(undefined), 'turns[0].at', /turns\[0\]\.at is missing/],
    ['a non-time object', turn({}), 'turns[0].at', /not a valid time \(object\)/],
    ['a null turn', { ...billingCase, turns: [null] }, 'turns[0].at', /not a turn/],
    ['a null input', null, 'handedOffAt', /missing/],
  ])('throws a TranscriptError for %s', (_name, input, field, message) => {
    let error: unknown;
    try {
      analyzeTranscript(input as TranscriptInput);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TranscriptError);
    expect((error as TranscriptError).name).toBe('TranscriptError');
    expect((error as TranscriptError).field).toBe(field);
    expect((error as TranscriptError).message).toMatch(message);
  });

  it('tolerates everything else: odd speakers, non-string text and names, turns not an array', () => {
    const a = analyzeTranscript({
      handedOffAt: HANDOFF,
      customerName: 42,
      issueSummary: null,
      knownFacts: 'none',
      turns: [
        { at: at(10), speaker: 'agent', text: 17 },
        { at: at(20), speaker: 'SUPERVISOR', text: 'hi' },
        { at: at(30), speaker: 'agent', text: 'Hello there, checking now.' },
      ],
    } as unknown as TranscriptInput);
    expect(a.firstResponseSeconds).toBe(30);
    expect(a.contextItemsAvailable).toBe(1);
    const b = analyzeTranscript({ ...billingCase, turns: 'x' } as unknown as TranscriptInput);
    expect(b.firstResponseSeconds).toBeNull();
  });
});

describe('huge transcripts', () => {
  it(`analyses only the first ${MAX_TURNS} turns, quickly`, () => {
    const turns: TranscriptTurn[] = [];
    for (let i = 0; i < 2600; i++) {
      turns.push({
        at: at(10 + i * 20),
        speaker: i % 2 === 0 ? 'AGENT' : 'CUSTOMER',
        text:
          i % 2 === 0
            ? `Thanks Sarah, I'm still checking the duplicate charge on order #48213, about 2 minutes more. ${'Details follow. '.repeat(20)}`
            : `ok, but could you hurry? ${'I really need this sorted. '.repeat(10)}`,
      });
    }
    const started = performance.now();
    const a = analyzeTranscript({ ...billingCase, turns });
    const ms = performance.now() - started;
    expect(a.truncated).toBe(true);
    expect(a.agentTurnCount).toBe(MAX_TURNS / 2);
    expect(a.findings[0]).toBe(`The transcript has 2600 turns; only the first ${MAX_TURNS} were analysed.`);
    expect(ms).toBeLessThan(10_000);
  });

  it('reads the first and last replies even when the agent text is over budget', () => {
    const long = `I'm still checking the duplicate charge on order #48213. ${'Here are the details of what I see. '.repeat(120)}`;
    const turns: TranscriptTurn[] = [
      { at: at(20), speaker: 'AGENT', text: "Hi Sarah, I'm Alex, checking order #48213 now, about 2 minutes." },
      ...Array.from({ length: 80 }, (_, i) => ({ at: at(60 + i * 60), speaker: 'AGENT' as const, text: long })),
      { at: at(6000), speaker: 'AGENT', text: 'The refund is through. Is it showing in your banking app now?' },
    ];
    const a = analyzeTranscript({ ...billingCase, turns });
    expect(a.truncated).toBe(true);
    expect(a.agentTurnCount).toBe(82);
    expect(a.opening?.checks.find((c) => c.code === 'USES_NAME')?.passed).toBe(true);
    expect(a.confirmedResolution).toBe(true);
    expect(a.findings[0]).toMatch(/^The agent's messages are long: \d+ of 82 were not read \(over 200,000 characters in all\); their timings still count\.$/);
  });
});

describe('expectationSeconds', () => {
  it.each([
    ['10 minutes', 'duration', 600],
    ['2-3 minutes', 'duration', 180],
    ['5-minute', 'duration', 300],
    ['30s', 'duration', 30],
    ['5mins', 'duration', 300],
    ['half an hour', 'duration', 1800],
    ['1.5 hours', 'duration', 5400],
    ['the next 10 minutes', 'duration', 600],
    ['a couple of minutes', 'duration', 120],
    ['a few minutes', 'duration', 180],
    ['two more minutes', 'duration', 120],
    ['within the hour', 'duration', 3600],
    ['a moment', 'duration', 60],
    ['one sec', 'duration', 1],
    ['3 business days', 'duration', 259_200],
    ['right now', 'immediate', 0],
    ['by 3pm', 'deadline', Infinity],
  ] as const)('%s (%s) = %s s', (phrase, kind, seconds) => {
    expect(expectationSeconds({ phrase, kind })).toBe(seconds);
  });

  it('gives at least a minute of grace, else a quarter', () => {
    expect(coverageGraceSeconds(60)).toBe(60);
    expect(coverageGraceSeconds(600)).toBe(150);
  });
});
