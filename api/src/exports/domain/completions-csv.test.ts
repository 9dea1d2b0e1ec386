import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { COMPLETION_COLUMNS, COMPLETIONS_CSV_HEADER, completionCsvLine, crlfRecords, neutraliseFormula, round2, toCompletionRecord, type CompletionRecord, type CompletionSourceRow } from './completions-csv.js';

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

describe('crlfRecords', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const text = (parts: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(parts));

  it('ends each record with CRLF and leaves line breaks inside quoted cells alone', () => {
    const toCrlf = crlfRecords();
    expect(text([toCrlf(utf8('a,"b\nc",d\n"say ""hi""",e\n'))])).toBe('a,"b\nc",d\r\n"say ""hi""",e\r\n');
  });

  it('carries a quoted cell over a chunk boundary', () => {
    const toCrlf = crlfRecords();
    expect(text([toCrlf(utf8('x,"one\n')), toCrlf(utf8('two""\n')), toCrlf(utf8('three"\ny\n'))])).toBe('x,"one\ntwo""\nthree"\r\ny\r\n');
  });

  it('turns what PostgreSQL writes (LF records) into what the Node writer writes, however the bytes are split', () => {
    const cellText = fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', 'é') });
    const records = fc.array(fc.array(fc.oneof(fc.constant(null), cellText), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(records, fc.array(fc.nat(), { maxLength: 5 }), (rows, cuts) => {
        const expected = rows.map((cells) => stringify([cells], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ })).join('');
        const lf = rows.map((cells) => stringify([cells], { record_delimiter: '\n', quoted_match: /[\r\n]/ })).join('');
        const bytes = utf8(lf);
        const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((start, i) => bytes.subarray(start, i < at.length ? at[i] : bytes.length));
        const toCrlf = crlfRecords();
        expect(text(chunks.map(toCrlf))).toBe(expected);
      }),
      { numRuns: 1000, seed: 2026 },
    );
  });
});
