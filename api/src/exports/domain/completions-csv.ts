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
