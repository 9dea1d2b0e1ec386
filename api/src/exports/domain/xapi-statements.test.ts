import validateStatementModule from '@learninglocker/xapi-validation';
import { describe, expect, it } from 'vitest';
import { isoDuration, statementId, toStatement, uuidV5, VERBS, type LearningEventRow } from './xapi-statements.js';

// The package is CommonJS with an ES-style default export.
const validateStatement = ((validateStatementModule as unknown as { default?: unknown }).default ?? validateStatementModule) as (s: unknown) => unknown[];

const base: LearningEventRow = {
  kind: 'COMPLETED',
  source_id: '11111111-1111-4111-8111-111111111111/22222222-2222-4222-8222-222222222222',
  at: new Date('2026-03-02T10:00:00Z'),
  enrollment_id: '11111111-1111-4111-8111-111111111111',
  cohort_id: '33333333-3333-4333-8333-333333333333',
  cohort_name: 'March intake',
  trainee_name: 'Ana Lima',
  trainee_email: 'Ana@Example.test',
  program_key: 'ai-handoff',
  program_title: 'AI Handoff Certification',
  program_version: '1.0.0',
  activity_key: 'w1-why-handoffs',
  activity_title: 'Why handoffs matter',
  activity_summary: 'What customers expect.',
  activity_kind: 'LESSON',
  started_at: null,
  score: null,
  passed: null,
  decision: null,
  note: null,
  supervisor_name: null,
  supervisor_email: null,
  certificate_code: null,
  expires_at: null,
};
const options = { publicUrl: 'https://baton.example.com/' };

describe('xAPI statements', () => {
  it('makes a valid `completed` statement about the activity, by the trainee, in the enrollment registration', () => {
    const s = toStatement(base, options);
    expect(validateStatement(s)).toEqual([]);
    expect(s).toMatchObject({
      version: '1.0.3',
      actor: { objectType: 'Agent', name: 'Ana Lima', mbox: 'mailto:ana@example.test' },
      verb: VERBS.completed,
      object: { id: 'https://baton.example.com/xapi/activities/ai-handoff/w1-why-handoffs', definition: { type: 'http://adlnet.gov/expapi/activities/lesson' } },
      context: { registration: base.enrollment_id, contextActivities: { parent: [{ id: 'https://baton.example.com/xapi/activities/ai-handoff' }] } },
      timestamp: '2026-03-02T10:00:00.000Z',
    });
  });

  it('gives attempts a verdict, a scaled score and an ISO 8601 duration', () => {
    const passed = toStatement({ ...base, kind: 'ATTEMPT', source_id: 'a-1', started_at: '2026-03-02T09:58:47.5Z', score: 85, passed: true }, options);
    expect(validateStatement(passed)).toEqual([]);
    expect(passed.verb).toEqual(VERBS.passed);
    expect(passed.result).toEqual({ success: true, completion: true, score: { scaled: 0.85, raw: 85, min: 0, max: 100 }, duration: 'PT1M12.5S' });
    const failed = toStatement({ ...base, kind: 'ATTEMPT', source_id: 'a-2', started_at: base.at, score: 40, passed: false }, options);
    expect(validateStatement(failed)).toEqual([]);
    expect(failed.verb).toEqual(VERBS.failed);
    expect(failed.result).toMatchObject({ success: false, score: { scaled: 0.4 }, duration: 'PT0S' });
  });

  it('reports an override as waived with its reason', () => {
    const s = toStatement({ ...base, kind: 'OVERRIDE', note: 'Done at the previous employer' }, options);
    expect(validateStatement(s)).toEqual([]);
    expect(s.verb.id).toBe('http://adlnet.gov/expapi/verbs/waived');
    expect(s.result).toMatchObject({ success: true, completion: true, response: 'Done at the previous employer' });
  });

  it('makes the supervisor the actor of a sign-off, about the trainee’s work', () => {
    for (const [decision, verb] of [['APPROVED', VERBS.approved], ['CHANGES_REQUESTED', VERBS.changesRequested]] as const) {
      const s = toStatement({ ...base, kind: 'SIGN_OFF', source_id: `so-${decision}`, decision, note: 'Narrate more.', supervisor_name: 'Maya', supervisor_email: 'maya@example.test' }, options);
      expect(validateStatement(s), decision).toEqual([]);
      expect(s.actor.mbox).toBe('mailto:maya@example.test');
      expect(s.verb).toEqual(verb);
      expect(s.object).toMatchObject({ objectType: 'SubStatement', actor: { mbox: 'mailto:ana@example.test' }, verb: VERBS.attempted });
      expect(s.result).toMatchObject({ success: decision === 'APPROVED', response: 'Narrate more.' });
      expect(s.context).not.toHaveProperty('platform');
    }
  });

  it('reports a certificate as earned on the program, with its code and verify URL', () => {
    const s = toStatement({ ...base, kind: 'CERTIFICATE', source_id: 'c-1', activity_key: null, activity_title: null, activity_kind: null, certificate_code: 'BTN-AAAA-BBBB-CCCC', expires_at: '2027-03-02T10:00:00Z' }, options);
    expect(validateStatement(s)).toEqual([]);
    expect(s.verb.id).toBe('http://id.tincanapi.com/verb/earned');
    expect(s.object).toMatchObject({ id: 'https://baton.example.com/xapi/activities/ai-handoff', definition: { type: 'http://adlnet.gov/expapi/activities/course' } });
    expect(JSON.stringify(s.result)).toContain('https://baton.example.com/verify/BTN-AAAA-BBBB-CCCC');
  });

  it('derives the same id from the same row, and a different one from another row or time', () => {
    const id = statementId(base);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(statementId({ ...base, at: '2026-03-02T10:00:00.000Z' })).toBe(id);
    expect(statementId({ ...base, source_id: 'other' })).not.toBe(id);
    expect(statementId({ ...base, at: new Date('2026-03-02T10:00:01Z') })).not.toBe(id);
    expect(statementId({ ...base, kind: 'OVERRIDE' })).not.toBe(id);
  });

  it('implements UUIDv5 (RFC 4122 test vector)', () => {
    // uuid v5 of "www.example.com" in the DNS namespace
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('writes durations to the hundredth of a second', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(29_994)).toBe('PT29.99S');
    expect(isoDuration(3_723_450)).toBe('PT1H2M3.45S');
    expect(isoDuration(3_600_000)).toBe('PT1H');
    expect(isoDuration(-5)).toBe('PT0S');
  });
});
