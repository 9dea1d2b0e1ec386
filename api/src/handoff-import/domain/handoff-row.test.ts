import { describe, expect, it } from 'vitest';
import { readFacts, readTimestamp, readTranscript } from './fields.js';
import { checkHeader, parseRow, toReview, type HandoffRow } from './handoff-row.js';

const csvRow = {
  conversation_id: 'conv-1',
  agent_email: ' Dev.Patel@Baton.example ',
  handed_off_at: '2026-03-02T10:00:00Z',
  first_response_at: '2026-03-02T10:00:40Z',
  csat: '5',
  resolved: 'yes',
  known_facts: 'order number=#48213; email=priya@example.com',
  context_items_used: '3',
  customer_repeated: 'no',
};

const ok = (fields: Record<string, unknown>): HandoffRow => {
  const r = parseRow(fields);
  expect(r.problems).toEqual([]);
  return r.row!;
};
const problems = (fields: Record<string, unknown>) => parseRow(fields).problems;

describe('reading the fields of a row', () => {
  it('reads a CSV row of strings', () => {
    const row = ok(csvRow);
    expect(row).toMatchObject({
      externalId: 'conv-1',
      agentEmail: 'dev.patel@baton.example',
      csat: 5,
      resolved: true,
      customerRepeated: false,
      contextItemsUsed: 3,
      contextItemsAvailable: null,
      transcript: null,
      mode: null,
    });
    expect(row.knownFacts).toEqual([
      { label: 'order number', value: '#48213' },
      { label: 'email', value: 'priya@example.com' },
    ]);
    expect(row.firstResponseAt!.toISOString()).toBe('2026-03-02T10:00:40.000Z');
  });

  it('reads typed JSON values the same way', () => {
    const row = ok({ ...csvRow, csat: 4, resolved: false, customer_repeated: true, context_items_used: 2, known_facts: [{ label: 'plan', value: 'Premium' }] });
    expect(row).toMatchObject({ csat: 4, resolved: false, customerRepeated: true, contextItemsUsed: 2 });
    expect(row.knownFacts).toEqual([{ label: 'plan', value: 'Premium' }]);
  });

  it('accepts every spelling of resolved and an empty CSAT', () => {
    for (const [v, expected] of [['true', true], ['FALSE', false], ['Yes', true], ['no', false], ['1', true], ['0', false], [1, true], [false, false]] as const) {
      expect(ok({ ...csvRow, resolved: v }).resolved).toBe(expected);
    }
    expect(ok({ ...csvRow, csat: '' }).csat).toBeNull();
    expect(ok({ ...csvRow, csat: null }).csat).toBeNull();
  });

  it('reports every problem of a row, each naming its column', () => {
    expect(
      problems({ conversation_id: '', agent_email: 'nobody', handed_off_at: '2026-03-02 10:00', resolved: 'maybe', csat: '7', first_response_at: 'soon', context_items_used: '-1' }),
    ).toEqual([
      'conversation_id is required',
      'agent_email "nobody" is not an email address',
      'handed_off_at "2026-03-02 10:00" has no time zone: add Z for UTC or an offset such as +01:00',
      'first_response_at "soon" is not an ISO 8601 time such as 2026-03-02T10:00:00Z',
      'csat must be a whole number from 1 to 5, or empty when the customer did not answer; got "7"',
      'resolved must be true or false (also yes/no or 1/0), got "maybe"',
      'context_items_used must be a whole number from 0 to 10,000, got "-1"',
      'customer_repeated is required when the row has no transcript',
    ]);
  });

  it('needs first_response_at, context_items_used and customer_repeated without a transcript, and not with one', () => {
    expect(problems({ ...csvRow, first_response_at: '', context_items_used: '', customer_repeated: '' })).toEqual([
      'first_response_at is required',
      'context_items_used is required when the row has no transcript',
      'customer_repeated is required when the row has no transcript',
    ]);
    const transcript = JSON.stringify([{ at: '2026-03-02T10:00:30Z', speaker: 'AGENT', text: 'Hi' }]);
    expect(problems({ ...csvRow, first_response_at: '', context_items_used: '', customer_repeated: '', transcript, issue_summary: 'x', customer_name: 'Priya' })).toEqual([]);
    expect(problems({ ...csvRow, transcript })).toEqual(['issue_summary is required with a transcript', 'customer_name is required with a transcript']);
    // an empty list is no transcript
    expect(problems({ ...csvRow, transcript: '[]' })).toEqual([]);
    expect(problems({ ...csvRow, context_items_used: '', transcript: [] })).toEqual(['context_items_used is required when the row has no transcript']);
  });
});

describe('times, facts and transcripts', () => {
  it('reads ISO 8601 with any zone and refuses impossible dates', () => {
    expect(readTimestamp('2026-03-02T11:00:00+01:00').toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(readTimestamp('2026-03-02T11:00:00+0100').toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(readTimestamp('2026-03-02 05:30-04:30').toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(readTimestamp('2026-03-02T10:00:00.123456Z').toISOString()).toBe('2026-03-02T10:00:00.123Z');
    expect(() => readTimestamp('2026-02-30T10:00:00Z')).toThrow(/not a real date/);
    expect(() => readTimestamp('2026-03-02T24:00:00Z')).toThrow(/not a real date/);
    expect(() => readTimestamp('1772445600')).toThrow(/ISO 8601/);
  });

  it('reads facts as JSON or label=value pairs', () => {
    expect(readFacts('[{"label":"plan","value":"Premium"}]')).toEqual([{ label: 'plan', value: 'Premium' }]);
    expect(readFacts('{"plan":"Premium"}')).toEqual([{ label: 'plan', value: 'Premium' }]);
    expect(readFacts(' plan = Premium ;; order=#1; ')).toEqual([
      { label: 'plan', value: 'Premium' },
      { label: 'order', value: '#1' },
    ]);
    expect(readFacts('url=https://x.example/?a=b')).toEqual([{ label: 'url', value: 'https://x.example/?a=b' }]);
    expect(() => readFacts('just words')).toThrow(/not label=value/);
    expect(() => readFacts('=x')).toThrow(/empty label/);
    expect(() => readFacts('[{"label":"x"}]')).toThrow(/needs a text value/);
    expect(() => readFacts('[oops')).toThrow(/not valid JSON/);
  });

  it('reads a transcript and names the bad turn', () => {
    const turns = readTranscript('[{"at":"2026-03-02T10:00:05Z","speaker":"agent","text":"Hi Priya"}]');
    expect(turns).toEqual([{ at: new Date('2026-03-02T10:00:05Z'), speaker: 'AGENT', text: 'Hi Priya' }]);
    expect(() => readTranscript([{ at: '2026-03-02T10:00:05Z', speaker: 'BOT', text: '' }])).toThrow(/turn 1: speaker must be CUSTOMER, AI or AGENT/);
    expect(() => readTranscript([{}, { at: 'x', speaker: 'AI', text: '' }])).toThrow(/turn 1: at must be an ISO 8601 time/);
    expect(() => readTranscript('hello')).toThrow(/JSON array of turns/);
  });
});

describe('the header row', () => {
  it('normalises names, ignores unknown columns and lists missing ones', () => {
    const h = checkHeader(['\uFEFFConversation ID', 'agent-email', 'HANDED_OFF_AT', 'first_response_at', 'resolved', 'Tags']);
    expect(h.problems).toEqual([]);
    expect(h.columns).toEqual(['conversation_id', 'agent_email', 'handed_off_at', 'first_response_at', 'resolved', null]);
    expect(h.ignored).toEqual(['Tags']);
    expect(checkHeader(['conversation_id', 'email']).problems[0]).toMatch(/lacks the required columns agent_email, handed_off_at, resolved/);
    expect(checkHeader(['conversation_id', 'agent_email', 'handed_off_at', 'resolved', 'csat', 'CSAT']).problems).toEqual([
      'the column csat appears twice',
      'the file needs a first_response_at column, or a transcript column to take it from',
    ]);
  });
});

describe('turning a row into a review', () => {
  const context = { defaultMode: 'SOLO' as const, agentName: 'Dev Patel' };

  it('takes the explicit columns and counts the facts + 1 as available context', () => {
    const r = toReview(ok(csvRow), context);
    expect(r.problems).toEqual([]);
    expect(r.review).toMatchObject({ mode: 'SOLO', contextItemsAvailable: 3, contextItemsUsed: 3, customerRepeated: false, csat: 5, notes: null });
    expect(toReview(ok({ ...csvRow, mode: 'supervised' }), context).review?.mode).toBe('SUPERVISED');
  });

  it('applies the rules of recordHandoffReview in the import’s own words', () => {
    expect(toReview(ok({ ...csvRow, first_response_at: '2026-03-02T09:59:59Z' }), context).problems).toEqual([
      'first_response_at cannot be before handed_off_at',
    ]);
    expect(toReview(ok({ ...csvRow, context_items_used: '4' }), context).problems).toEqual([
      'context_items_used (4) must be between 0 and context_items_available (3, the known facts + 1)',
    ]);
  });

  const transcriptRow = {
    conversation_id: 'conv-t',
    agent_email: 'dev.patel@baton.example',
    handed_off_at: '2026-03-02T10:00:00Z',
    resolved: 'true',
    customer_name: 'Priya Raman',
    issue_summary: 'Charged twice for the April Premium subscription; wants the duplicate refunded.',
    known_facts: [
      { label: 'order number', value: '#48213' },
      { label: 'email', value: 'priya.raman@example.com' },
    ],
    transcript: [
      { at: '2026-03-02T09:58:00Z', speaker: 'CUSTOMER', text: 'I was charged twice for April.' },
      { at: '2026-03-02T09:59:30Z', speaker: 'AI', text: 'Connecting you with a person now.' },
      { at: '2026-03-02T10:00:25Z', speaker: 'AGENT', text: "Hi Priya, I'm Dev. Can you give me your order number?" },
      { at: '2026-03-02T10:01:00Z', speaker: 'CUSTOMER', text: 'It is #48213, I already gave it.' },
      { at: '2026-03-02T10:01:30Z', speaker: 'AGENT', text: "Thanks. I'm refunding the duplicate April charge now, it takes 2 minutes." },
    ],
  };

  it('fills first response, context and repeats from the transcript analyzer', () => {
    const r = toReview(ok(transcriptRow), context);
    expect(r.problems).toEqual([]);
    expect(r.review!.firstResponseAt.toISOString()).toBe('2026-03-02T10:00:25.000Z');
    expect(r.review!.contextItemsAvailable).toBe(3);
    expect(r.review!.customerRepeated).toBe(true); // asked for the order number the AI had
    expect(r.review!.contextItemsUsed).toBeGreaterThanOrEqual(1);
    expect(r.review!.notes).toMatch(/order number/);
  });

  it('lets explicit columns win over the analyzer', () => {
    const r = toReview(ok({ ...transcriptRow, first_response_at: '2026-03-02T10:00:10Z', context_items_used: 0, customer_repeated: false, notes: 'QA: fine' }), context);
    expect(r.review).toMatchObject({ contextItemsUsed: 0, customerRepeated: false, notes: 'QA: fine' });
    expect(r.review!.firstResponseAt.toISOString()).toBe('2026-03-02T10:00:10.000Z');
  });

  it('needs first_response_at when the agent never replied', () => {
    const row = ok({ ...transcriptRow, transcript: transcriptRow.transcript.filter((t) => t.speaker !== 'AGENT') });
    expect(toReview(row, context).problems).toEqual(['first_response_at is required: the transcript has no agent reply after handed_off_at']);
  });
});
