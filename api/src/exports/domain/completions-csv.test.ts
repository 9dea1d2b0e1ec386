import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { COMPLETION_COLUMNS, COMPLETIONS_CSV_HEADER, completionCsvLine, neutraliseFormula, round2, toCompletionRecord, type CompletionRecord, type CompletionSourceRow } from './completions-csv.js';

const row = (extra: Partial<CompletionSourceRow> = {}): CompletionSourceRow => ({
  enrollment_id: 'e-1',
  cohort_id: 'c-1',
  employee_id: 'E-7',
  email: 'ana@example.test',
  name: 'Ana Lima',
  cohort: 'March intake',
  program: 'AI Handoff Certification',
  program_version: '1.0.0',
  status: 'CERTIFIED',
  enrolled_at: new Date('2026-03-02T10:00:00Z'),
  week1_completed_at: '2026-03-06T17:00:00+01:00',
  week2_completed_at: null,
  week3_completed_at: null,
  certified_at: new Date('2026-03-20T09:30:00.123Z'),
  certificate_code: 'BTN-AAAA-BBBB-CCCC',
  revoked_at: null,
  overrides: 2,
  overridden_activities: 'w1-a;w2-b',
  solo_handoffs: 20,
  ttfr_seconds: 33.333333,
  context_utilization_pct: 98.75,
  repeat_rate_pct: 5,
  csat: 4.2,
  resolution_rate_pct: 90,
  ...extra,
});

describe('completion records', () => {
  it('starts with the contract columns in the contract order', () => {
    expect(COMPLETION_COLUMNS.slice(0, 21)).toEqual(
      'employee_id, email, name, cohort, program, program_version, status, enrolled_at, week1_completed_at, week2_completed_at, week3_completed_at, certified_at, certificate_code, revoked_at, overrides, solo_handoffs, ttfr_seconds, context_utilization_pct, repeat_rate_pct, csat, resolution_rate_pct'.split(', '),
    );
  });

  it('writes ISO 8601 UTC dates, empty cells for nulls, numbers as rounded numbers', () => {
    const r = toCompletionRecord(row());
    expect(r.enrolled_at).toBe('2026-03-02T10:00:00.000Z');
    expect(r.week1_completed_at).toBe('2026-03-06T16:00:00.000Z');
    expect(r.week2_completed_at).toBeNull();
    expect(r.certified_at).toBe('2026-03-20T09:30:00.123Z');
    expect(r.ttfr_seconds).toBe(33.33);
    expect(r.csat).toBe(4.2);
    expect(r.overrides).toBe(2);
    expect(r.overridden_activities).toBe('w1-a;w2-b');
    expect(Object.keys(r)).toEqual([...COMPLETION_COLUMNS]);
  });

  it('has zero handoffs and empty metrics when there are no SOLO reviews', () => {
    const r = toCompletionRecord(row({ solo_handoffs: null, ttfr_seconds: null, csat: null, overrides: null }));
    expect(r).toMatchObject({ solo_handoffs: 0, ttfr_seconds: null, csat: null, overrides: 0 });
  });

  it('neutralises formulas in text cells only', () => {
    const r = toCompletionRecord(row({ name: '=HYPERLINK("http://x")', employee_id: '-12', email: '@a', cohort: '+1', program: '\tx' }));
    expect(r).toMatchObject({ name: `'=HYPERLINK("http://x")`, employee_id: `'-12`, email: `'@a`, cohort: `'+1`, program: `'\tx` });
    expect(neutraliseFormula('\rX')).toBe(`'\rX`);
    expect(neutraliseFormula('\uFF1D1+1')).toBe(`'\uFF1D1+1`);
    expect(neutraliseFormula('Ana = Lima')).toBe('Ana = Lima');
    expect(neutraliseFormula('')).toBe('');
  });

  it('rounds to two decimals without negative zero', () => {
    expect(round2(98.755)).toBe(98.76);
    expect(round2('4.2')).toBe(4.2);
    expect(round2(-0.001)).toBe(0);
    expect(round2(null)).toBeNull();
    expect(round2(Number.NaN)).toBeNull();
  });
});

describe('completionCsvLine', () => {
  const cell = fc.oneof(
    fc.constant(null),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.string(),
    fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', '=', "'", 'é', '\t') }),
  );
  const record = fc.tuple(...COMPLETION_COLUMNS.map(() => cell)).map((cells) => Object.fromEntries(COMPLETION_COLUMNS.map((c, i) => [c, cells[i]])) as CompletionRecord);

  // csv-stringify quotes a lone \n or \r only when told to (it looks for the whole record delimiter,
  // \r\n); RFC 4180 wants every field with a line break quoted, so the oracle is told to.
  it('writes exactly what csv-stringify writes for the same record (RFC 4180, CRLF)', () => {
    fc.assert(
      fc.property(record, (r) => {
        expect(completionCsvLine(r)).toBe(stringify([r], { columns: [...COMPLETION_COLUMNS], record_delimiter: '\r\n', quoted_match: /[\r\n]/ }));
      }),
      { numRuns: 2000, seed: 2026 },
    );
  });

  it('has the header csv-stringify writes', () => {
    expect(COMPLETIONS_CSV_HEADER).toBe(stringify([], { header: true, columns: [...COMPLETION_COLUMNS], record_delimiter: '\r\n' }));
  });
});
