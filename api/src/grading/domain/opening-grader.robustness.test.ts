import { describe, expect, it } from 'vitest';
import { analyzeOpening } from './opening-grader.js';

// The grader runs on whatever people type. Whatever the words, it answers with ten checks and
// never throws: a seeded mix of the tricky vocabulary (hyphenated times, numbers, apologies,
// punctuation) stands in for the messages it has never seen.
const VOCABULARY = [
  'Hi', 'Sarah', 'Chen', "I'm", 'Alex', 'after-hours', 'same-day', '24-hour', 'half', 'an', 'hour', 'a', 'few', 'minutes',
  'sorry', 'apologies', 'bot', 'assistant', 'AI', 'order', '#12345', 'number', 'email', '?', '!', ';', '—', ',', '.',
  'let', 'me', 'check', "I'll", 'refund', 'charged', 'twice', 'how', 'can', 'help', 'you', 'explain', 'what', 'happened',
  'within', 'the', 'next', 'by', 'tomorrow', '3pm', '2-3', 'business', 'days', 'ago', 'per', 'minute', '/', 'min', '🙂',
  'García', 'Ms.', 'ms', '30s', '1h', '"quoted"', "'", '(', ')', 'couple', 'of', 'seconds', 'right', 'now', 'no', 'need',
];

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('opening grader robustness', () => {
  it('answers every generated message with ten checks and never throws', () => {
    const rand = seeded(20261125);
    const context = {
      customerName: 'Sarah Chen',
      agentName: 'Alex',
      issueSummary: 'After-hours outage; charged twice for the same-day delivery.',
      knownFacts: [{ label: 'order number', value: '#12345' }, { label: 'email', value: 'sarah@example.com' }],
    };
    for (let i = 0; i < 3000; i++) {
      const length = 1 + Math.floor(rand() * 40);
      const message = Array.from({ length }, () => VOCABULARY[Math.floor(rand() * VOCABULARY.length)]).join(rand() < 0.8 ? ' ' : '');
      const result = analyzeOpening(message, context);
      expect(result.checks, message).toHaveLength(10);
    }
  });

  it('grades names and words that are also members of Object.prototype', () => {
    for (const w of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
      const r = analyzeOpening(`Hi ${w}, I'm ${w}. ${w}'s ${w}s: I'm checking it now.`, { customerName: w, agentName: w, issueSummary: w, knownFacts: [{ label: w, value: w }] });
      expect(r.checks, w).toHaveLength(10);
    }
  });

  it('handles hyphenated words that end in a time unit', () => {
    const r = analyzeOpening("Hi Marcus, I'm Amara. I've read your chat about the after-hours technical failure; I'm checking it now and it will take about two minutes.", {
      customerName: 'Marcus Lee',
      agentName: 'Amara',
      issueSummary: 'After-hours technical failure; needs engineering logs.',
    });
    expect(r.checks.find((c) => c.code === 'SETS_TIME_EXPECTATION')?.passed).toBe(true);
  });
});

describe('asking for a known fact with "can I have"', () => {
  const context = {
    customerName: 'Priya Raman',
    agentName: 'Alex',
    issueSummary: 'Charged twice for the April subscription.',
    knownFacts: [{ label: 'order number', value: '#48213' }],
  };
  const knownInfo = (message: string) => analyzeOpening(message, context).checks.find((c) => c.code === 'NO_KNOWN_INFO_REQUEST')!.passed;

  it('is a request, while "I have your order number" states it', () => {
    expect(knownInfo("Hi Priya, I'm Alex. Can I have your order number so I can check the double charge?")).toBe(false);
    expect(knownInfo("Hi Priya, I'm Alex. Could I have your order number, please?")).toBe(false);
    expect(knownInfo("Hi Priya, I'm Alex. I have your order number #48213 here and I'm checking the double charge now.")).toBe(true);
  });
});
