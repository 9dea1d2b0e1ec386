// One row of the HR completions export (CONTRACT.md, "Exports"), pure: the SQL row in, the CSV
// record out, and the record as one line of RFC 4180 CSV.

/**
 * The columns, in order. The contract's columns come first, exactly as it lists them; three more
 * follow for joining and auditing: `overridden_activities` (the keys behind `overrides`),
 * `enrollment_id` (also the xAPI `context.registration`) and `cohort_id` (what `?cohort=` takes).
 */
export const COMPLETION_COLUMNS = [
  'employee_id',
  'email',
  'name',
  'cohort',
  'program',
  'program_version',
  'status',
  'enrolled_at',
  'week1_completed_at',
  'week2_completed_at',
  'week3_completed_at',
  'certified_at',
  'certificate_code',
  'revoked_at',
  'overrides',
  'solo_handoffs',
  'ttfr_seconds',
  'context_utilization_pct',
  'repeat_rate_pct',
  'csat',
  'resolution_rate_pct',
  'overridden_activities',
  'enrollment_id',
  'cohort_id',
] as const;
export type CompletionColumn = (typeof COMPLETION_COLUMNS)[number];
export type CompletionRecord = Record<CompletionColumn, string | number | null>;

type Timestamp = Date | string | null | undefined;
type Num = number | string | null | undefined;

/** What the export query selects for one enrollment (snake_case, as PostgreSQL returns it). */
export interface CompletionSourceRow {
  enrollment_id: string;
  cohort_id: string;
  employee_id: string | null;
  email: string;
  name: string;
  cohort: string;
  program: string;
  program_version: string;
  status: string;
  enrolled_at: Timestamp;
  week1_completed_at: Timestamp;
  week2_completed_at: Timestamp;
  week3_completed_at: Timestamp;
  certified_at: Timestamp;
  certificate_code: string | null;
  revoked_at: Timestamp;
  /** Number of activities an admin completed by override (completion_overrides rows). */
  overrides: Num;
  /** Their activity keys, `;`-joined in program order. */
  overridden_activities: string | null;
  solo_handoffs: Num;
  ttfr_seconds: Num;
  context_utilization_pct: Num;
  repeat_rate_pct: Num;
  csat: Num;
  resolution_rate_pct: Num;
}

/**
 * Text cells are neutralised against formula injection; numbers stay numbers (rounded to two
 * decimals), timestamps are ISO 8601 UTC with milliseconds, and nulls become empty cells.
 * `overrides` is a count (parseable as a number); the keys are in `overridden_activities` and the
 * reasons in the audit log and the xAPI export.
 */
export function toCompletionRecord(row: CompletionSourceRow): CompletionRecord {
  return {
    employee_id: text(row.employee_id),
    email: text(row.email),
    name: text(row.name),
    cohort: text(row.cohort),
    program: text(row.program),
    program_version: text(row.program_version),
    status: text(row.status),
    enrolled_at: isoUtc(row.enrolled_at),
    week1_completed_at: isoUtc(row.week1_completed_at),
    week2_completed_at: isoUtc(row.week2_completed_at),
    week3_completed_at: isoUtc(row.week3_completed_at),
    certified_at: isoUtc(row.certified_at),
    certificate_code: text(row.certificate_code),
    revoked_at: isoUtc(row.revoked_at),
    overrides: count(row.overrides),
    solo_handoffs: count(row.solo_handoffs),
    ttfr_seconds: metric(row.ttfr_seconds),
    context_utilization_pct: metric(row.context_utilization_pct),
    repeat_rate_pct: metric(row.repeat_rate_pct),
    csat: metric(row.csat),
    resolution_rate_pct: metric(row.resolution_rate_pct),
    overridden_activities: text(row.overridden_activities),
    enrollment_id: text(row.enrollment_id),
    cohort_id: text(row.cohort_id),
  };
}

// What spreadsheets read as the start of a formula (OWASP "CSV injection"), including the
// full-width forms some of them normalise, plus tab and carriage return.
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** Prefixes a single quote to text a spreadsheet would evaluate as a formula. */
export function neutraliseFormula(value: string): string {
  return value.length > 0 && FORMULA_START.has(value[0]) ? `'${value}` : value;
}

function text(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : neutraliseFormula(String(value));
}

export function isoUtc(value: Timestamp): string | null {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function count(value: Num): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** Two decimals: the metrics' meaningful precision (seconds, percent points, CSAT points). */
export function round2(value: Num): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n)) return null;
  // Shift the decimal point in the decimal text, so 98.755 rounds to 98.76 as a person expects
  // (98.755 * 100 is 9875.4999… in binary floating point).
  const text = String(n);
  const rounded = text.includes('e') ? Math.round(n * 100) / 100 : Number(`${Math.round(Number(`${text}e2`))}e-2`);
  return Object.is(rounded, -0) ? 0 : rounded;
}

const metric = round2;

const NEEDS_QUOTES = /[",\r\n]/;

/** One cell of RFC 4180: quoted, with quotes doubled, only when it holds a quote, comma or line break. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header line of completions.csv (CRLF-terminated). */
export const COMPLETIONS_CSV_HEADER = `${COMPLETION_COLUMNS.join(',')}\r\n`;

/**
 * One record as a CSV line (CRLF-terminated), written out column by column. csv-stringify did this
 * before; at 100,000 rows it allocated more than reading the rows from PostgreSQL did, and the
 * export was slower for it (decision 019). The unit test holds this line to csv-stringify's output
 * for generated records.
 */
export function completionCsvLine(r: CompletionRecord): string {
  let line = csvCell(r[COMPLETION_COLUMNS[0]]);
  for (let i = 1; i < COMPLETION_COLUMNS.length; i++) line += `,${csvCell(r[COMPLETION_COLUMNS[i]])}`;
  return `${line}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// The same rules in SQL, for the export PostgreSQL writes itself (`COPY … TO STDOUT WITH (FORMAT
// csv)`, decision 020). Each helper turns a column expression into the cell text the functions
// above would write, so PostgreSQL's CSV quoting (a quote, comma, CR or LF; never an empty cell,
// which becomes NULL here) gives the same bytes. test/api/exports.test.ts compares both writers.

const sqlLiteral = (s: string) => `'${s.replaceAll("'", "''")}'`;
const SQL_FORMULA_START = [...FORMULA_START].map((c) => (c === '\t' ? `E'\\t'` : c === '\r' ? `E'\\r'` : sqlLiteral(c))).join(', ');

/** text(): the formula prefix; an empty string is an empty cell like NULL (COPY would write `""`). */
export function sqlTextCell(expr: string): string {
  return `CASE WHEN left(${expr}, 1) IN (${SQL_FORMULA_START}) THEN '''' || ${expr} ELSE nullif(${expr}, '') END`;
}

/** isoUtc(): `Date#toISOString()` of a timestamptz (milliseconds truncated, as the driver's Date is). */
export function sqlTimestampCell(expr: string): string {
  return `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * round2() of a float8: its shortest decimal text (what `String(n)` gives, and what PostgreSQL
 * prints with extra_float_digits = 1, which the export sets), rounded half up to two places
 * (the metrics are never negative), trailing zeros dropped as a JavaScript number prints.
 */
export function sqlMetricCell(expr: string): string {
  return `trim_scale(round((${expr})::text::numeric, 2))`;
}

/**
 * PostgreSQL ends CSV records with LF; RFC 4180 (and this export) with CRLF. Returns a function
 * that rewrites each chunk of COPY output in turn: every LF outside a quoted cell gets its CR, and
 * line breaks inside quoted cells are left as they are. A quote toggles the state (`""` inside a
 * cell toggles it twice), which carries over from one chunk to the next.
 */
export function crlfRecords(): (chunk: Uint8Array) => Uint8Array {
  let quoted = false;
  return (chunk) => {
    let q = quoted;
    let breaks = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0x22) q = !q;
      else if (b === 0x0a && !q) breaks++;
    }
    if (breaks === 0) {
      quoted = q;
      return chunk;
    }
    const out = new Uint8Array(chunk.length + breaks);
    q = quoted;
    let o = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0x22) q = !q;
      else if (b === 0x0a && !q) out[o++] = 0x0d;
      out[o++] = b;
    }
    quoted = q;
    return out;
  };
}
