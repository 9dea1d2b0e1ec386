import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { escapeLiteral } from 'pg';
import { DataSource } from 'typeorm';
import { soloMetricsSql } from '../certification/certification.service.js';
import { BATON_CONFIG, type BatonConfig } from '../common/config/config.js';
import { badInput } from '../common/errors/domain-error.js';
import { copyOut } from './database-copy.js';
import { cursorBatches, isSingleSession } from './database-cursor.js';
import { COMPLETION_COLUMNS, completionCsvLine, crlfRecords, sqlMetricCell, sqlTextCell, sqlTimestampCell, toCompletionRecord, type CompletionColumn, type CompletionSourceRow } from './domain/completions-csv.js';
import { containsPattern, parseExportFilters, type ExportFilters } from './domain/export-filters.js';
import { toStatement, type LearningEventRow, type XapiStatement } from './domain/xapi-statements.js';

/**
 * The enrollments an export covers, as a WHERE clause over `enrollments e` and its parameters.
 * With `inline`, the values are written into the clause as quoted literals instead (pg's
 * escapeLiteral), for COPY, which takes no parameters.
 */
function enrollmentWhere(filters: ExportFilters, { inline = false } = {}): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: string) => {
    if (inline) {
      conditions.push(sql(escapeLiteral(value)));
      return;
    }
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filters.cohortId) add((p) => `e.cohort_id = ${p}::uuid`, filters.cohortId);
  if (filters.status) add((p) => `e.status = ${p}`, filters.status);
  if (filters.enrolledFrom) add((p) => `e.enrolled_at >= ${p}::timestamptz`, filters.enrolledFrom.toISOString());
  if (filters.enrolledBefore) add((p) => `e.enrolled_at < ${p}::timestamptz`, filters.enrolledBefore.toISOString());
  if (filters.enrolledUntil) add((p) => `e.enrolled_at <= ${p}::timestamptz`, filters.enrolledUntil.toISOString());
  if (filters.search) {
    add(
      (p) =>
        `EXISTS (SELECT 1 FROM users su WHERE su.id = e.trainee_id AND (su.name ILIKE ${p} OR su.email ILIKE ${p} OR su.employee_id ILIKE ${p}))`,
      containsPattern(filters.search),
    );
  }
  return { where: conditions.length ? conditions.join(' AND ') : 'true', params };
}

/** The source row of each CSV record (CompletionSourceRow), which the Node writer formats. */
const COMPLETION_SOURCE_SELECT = `e.id AS enrollment_id, e.cohort_id, u.employee_id, u.email, u.name,
           co.name AS cohort, pv.title AS program, pv.version AS program_version, e.status, e.enrolled_at,
           w1.completed_at AS week1_completed_at, w2.completed_at AS week2_completed_at, w3.completed_at AS week3_completed_at,
           cert.issued_at AS certified_at, cert.code AS certificate_code, cert.revoked_at,
           coalesce(ov.n, 0) AS overrides, ov.keys AS overridden_activities,
           coalesce(solo.reviews, 0) AS solo_handoffs, solo.ttfr AS ttfr_seconds, solo.context_pct AS context_utilization_pct,
           solo.repeat_pct AS repeat_rate_pct, solo.csat_mean AS csat, solo.resolution_pct AS resolution_rate_pct`;

/**
 * The CSV cells themselves, in COMPLETION_COLUMNS order, for PostgreSQL's own CSV writer: the same
 * expressions as COMPLETION_SOURCE_SELECT, formatted by the SQL twins of the Node writer's rules.
 */
const COMPLETION_CELLS: Record<CompletionColumn, string> = {
  employee_id: sqlTextCell('u.employee_id'),
  email: sqlTextCell('u.email'),
  name: sqlTextCell('u.name'),
  cohort: sqlTextCell('co.name'),
  program: sqlTextCell('pv.title'),
  program_version: sqlTextCell('pv.version'),
  status: sqlTextCell('e.status::text'),
  enrolled_at: sqlTimestampCell('e.enrolled_at'),
  week1_completed_at: sqlTimestampCell('w1.completed_at'),
  week2_completed_at: sqlTimestampCell('w2.completed_at'),
  week3_completed_at: sqlTimestampCell('w3.completed_at'),
  certified_at: sqlTimestampCell('cert.issued_at'),
  certificate_code: sqlTextCell('cert.code'),
  revoked_at: sqlTimestampCell('cert.revoked_at'),
  overrides: 'coalesce(ov.n, 0)',
  solo_handoffs: 'coalesce(solo.reviews, 0)',
  ttfr_seconds: sqlMetricCell('solo.ttfr'),
  context_utilization_pct: sqlMetricCell('solo.context_pct'),
  repeat_rate_pct: sqlMetricCell('solo.repeat_pct'),
  csat: sqlMetricCell('solo.csat_mean'),
  resolution_rate_pct: sqlMetricCell('solo.resolution_pct'),
  overridden_activities: sqlTextCell('ov.keys'),
  enrollment_id: sqlTextCell('e.id::text'),
  cohort_id: sqlTextCell('e.cohort_id::text'),
};
const COMPLETION_CSV_SELECT = COMPLETION_COLUMNS.map((c) => COMPLETION_CELLS[c]).join(',\n           ');

/**
 * One row per enrollment in one statement: the trainee, cohort and program version; the week
 * completion dates (enrollment_weeks); the latest certificate (highest cycle); the overrides; and
 * the SOLO review metrics from the certification's own aggregate, run per enrollment as a LATERAL
 * subquery on the (enrollment_id, mode) index, so the plan starts returning rows at once.
 */
function completionsSql(where: string, select: string = COMPLETION_SOURCE_SELECT): string {
  return `
    SELECT ${select}
      FROM enrollments e
      JOIN users u ON u.id = e.trainee_id
      JOIN cohorts co ON co.id = e.cohort_id
      JOIN program_versions pv ON pv.id = e.program_version_id
      LEFT JOIN enrollment_weeks w1 ON w1.enrollment_id = e.id AND w1.week_number = 1
      LEFT JOIN enrollment_weeks w2 ON w2.enrollment_id = e.id AND w2.week_number = 2
      LEFT JOIN enrollment_weeks w3 ON w3.enrollment_id = e.id AND w3.week_number = 3
      LEFT JOIN LATERAL (
        SELECT c.issued_at, c.code, c.revoked_at FROM certificates c WHERE c.enrollment_id = e.id ORDER BY c.cycle DESC LIMIT 1
      ) cert ON true
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS n, string_agg(a.key, ';' ORDER BY a.week_number, a.position) AS keys
          FROM completion_overrides o JOIN activities a ON a.id = o.activity_id
         WHERE o.enrollment_id = e.id
      ) ov ON true
      LEFT JOIN LATERAL (SELECT ${soloMetricsSql('t')} FROM solo_review_totals t WHERE t.enrollment_id = e.id) solo ON true
     WHERE ${where}
     ORDER BY co.starts_on, co.name, co.id, u.name, e.id`;
}

/**
 * Every learning event of the selected enrollments that becomes an xAPI statement (see
 * domain/xapi-statements.ts for the verbs), oldest first, with what the statement needs joined in.
 */
function learningEventsSql(where: string, since?: string): string {
  // With a watermark (the LRS outbox, exports/lrs), each source keeps only its events at or after it.
  const from = (column: string) => (since ? ` AND ${column} >= ${since}::timestamptz` : '');
  return `
    WITH sel AS (SELECT e.id FROM enrollments e WHERE ${where}),
    events AS (
      SELECT 'COMPLETED' AS kind, ap.enrollment_id::text || '/' || ap.activity_id::text AS source_id, ap.completed_at AS at,
             ap.enrollment_id, ap.activity_id, NULL::timestamptz AS started_at, ap.best_score AS score, NULL::boolean AS passed,
             NULL::text AS decision, NULL::text AS note, NULL::uuid AS supervisor_id, NULL::text AS certificate_code, NULL::timestamptz AS expires_at
        FROM activity_progress ap JOIN sel ON sel.id = ap.enrollment_id
       WHERE ap.status = 'COMPLETED' AND NOT ap.overridden AND ap.completed_at IS NOT NULL${from('ap.completed_at')}
      UNION ALL
      SELECT 'ATTEMPT', t.id::text, t.submitted_at, t.enrollment_id, t.activity_id, t.started_at, t.score, t.passed,
             NULL, NULL, NULL, NULL, NULL
        FROM attempts t JOIN sel ON sel.id = t.enrollment_id
       WHERE t.submitted_at IS NOT NULL AND t.passed IS NOT NULL${from('t.submitted_at')}
      UNION ALL
      SELECT 'OVERRIDE', o.enrollment_id::text || '/' || o.activity_id::text, o.overridden_at, o.enrollment_id, o.activity_id, NULL, NULL, NULL,
             NULL, o.reason, NULL, NULL, NULL
        FROM completion_overrides o JOIN sel ON sel.id = o.enrollment_id
       WHERE true${from('o.overridden_at')}
      UNION ALL
      SELECT 'SIGN_OFF', s.id::text, s.signed_at, s.enrollment_id, s.activity_id, NULL, NULL, NULL,
             s.decision, s.comment, s.supervisor_id, NULL, NULL
        FROM sign_offs s JOIN sel ON sel.id = s.enrollment_id
       WHERE true${from('s.signed_at')}
      UNION ALL
      SELECT 'CERTIFICATE', c.id::text, c.issued_at, c.enrollment_id, NULL, NULL, NULL, NULL,
             NULL, NULL, NULL, c.code, c.expires_at
        FROM certificates c JOIN sel ON sel.id = c.enrollment_id
       WHERE true${from('c.issued_at')}
    )
    SELECT ev.kind, ev.source_id, ev.at, ev.enrollment_id, e.cohort_id, co.name AS cohort_name,
           u.name AS trainee_name, u.email AS trainee_email,
           p.key AS program_key, pv.title AS program_title, pv.version AS program_version,
           a.key AS activity_key, a.title AS activity_title, a.summary AS activity_summary, a.kind AS activity_kind,
           ev.started_at, ev.score, ev.passed, ev.decision, ev.note,
           sup.name AS supervisor_name, sup.email AS supervisor_email, ev.certificate_code, ev.expires_at
      FROM events ev
      JOIN enrollments e ON e.id = ev.enrollment_id
      JOIN users u ON u.id = e.trainee_id
      JOIN cohorts co ON co.id = e.cohort_id
      JOIN program_versions pv ON pv.id = e.program_version_id
      JOIN programs p ON p.id = pv.program_id
      LEFT JOIN activities a ON a.id = ev.activity_id
      LEFT JOIN users sup ON sup.id = ev.supervisor_id
     ORDER BY ev.at, ev.kind, ev.source_id`;
}

/**
 * The HR exports (CONTRACT.md, "Exports"). Both read through a database cursor in batches and
 * hand out async iterables, which the controller pipes into the response with backpressure.
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  /** Parses the query parameters; a bad one is BAD_USER_INPUT naming it. */
  filtersFrom(query: Record<string, unknown>): ExportFilters {
    const { filters, problems } = parseExportFilters(query);
    if (problems.length) {
      throw badInput(problems.map((p) => p.message).join(' '), { field: problems[0].parameter, parameters: problems.map((p) => p.parameter) });
    }
    return filters;
  }

  /**
   * completions.csv without its header: written by PostgreSQL on a server, by Node on the embedded
   * PGlite (the two functions below). The first chunk is read before this returns, so a database
   * failure still becomes an ordinary error response rather than a cut-off file.
   */
  async completionsCsv(filters: ExportFilters): Promise<AsyncIterableIterator<string | Uint8Array>> {
    return isSingleSession(this.dataSource) ? completionsCsvFromRows(this.dataSource, filters) : completionsCsvFromCopy(this.dataSource, filters);
  }

  /**
   * The xAPI statements, oldest first. `since` (the LRS outbox's watermark) keeps only the events
   * recorded at or after it; the statements themselves are the same as in the full export.
   */
  async statements(filters: ExportFilters, since?: Date): Promise<AsyncIterableIterator<XapiStatement>> {
    const { where, params } = enrollmentWhere(filters);
    let sinceParam: string | undefined;
    if (since) {
      params.push(since.toISOString());
      sinceParam = `$${params.length}`;
    }
    const options = { publicUrl: this.config.publicUrl };
    return primed(cursorBatches<LearningEventRow>(this.dataSource, learningEventsSql(where, sinceParam), params), (row) => toStatement(row, options));
  }
}

/**
 * completions.csv written by Node from the cursor's rows (toCompletionRecord, completionCsvLine),
 * each batch as pieces of CSV_PIECE_ROWS lines (small enough to stay out of V8's large-object
 * space, large enough to make few writes): the export on the embedded PGlite, and the reference
 * the COPY export is tested against.
 */
export function completionsCsvFromRows(dataSource: DataSource, filters: ExportFilters): Promise<AsyncIterableIterator<string>> {
  const { where, params } = enrollmentWhere(filters);
  return primed(csvPieces(cursorBatches<CompletionSourceRow>(dataSource, completionsSql(where), params)), (piece: string) => piece);
}

/**
 * completions.csv written by PostgreSQL (decision 020): COPY of the cells' query, its LF record
 * ends turned into CRLF. Node only passes bytes along, so a 100,000-row export allocates no row
 * objects and no strings, and the API's memory stays flat however long the file.
 */
export function completionsCsvFromCopy(dataSource: DataSource, filters: ExportFilters): Promise<AsyncIterableIterator<Uint8Array>> {
  const { where } = enrollmentWhere(filters, { inline: true });
  const toCrlf = crlfRecords();
  return primed(copyOut(dataSource, `COPY (${completionsSql(where, COMPLETION_CSV_SELECT)}) TO STDOUT WITH (FORMAT csv)`), toCrlf);
}

const CSV_PIECE_ROWS = 200;

/** Each batch of rows as CSV text, in pieces; returning it returns the cursor's batches. */
async function* csvPieces(batches: AsyncGenerator<CompletionSourceRow[], void, undefined>): AsyncGenerator<string[], void, undefined> {
  for await (const rows of batches) {
    const pieces: string[] = [];
    for (let i = 0; i < rows.length; i += CSV_PIECE_ROWS) {
      let piece = '';
      for (let j = i; j < Math.min(i + CSV_PIECE_ROWS, rows.length); j++) piece += completionCsvLine(toCompletionRecord(rows[j]));
      pieces.push(piece);
    }
    yield pieces;
  }
}

/**
 * Starts the batches (the first FETCH happens now), then hands out each mapped row as it is
 * pulled. An explicit iterator rather than a generator: `return()` must close the cursor even when
 * the consumer gives up before its first `next()`, which a generator that never started would skip.
 */
async function primed<R, T>(batches: AsyncGenerator<R[], void, undefined>, map: (row: R) => T): Promise<AsyncIterableIterator<T>> {
  const first = await batches.next();
  let buffer: R[] = first.done ? [] : first.value;
  let index = 0;
  let done = first.done === true;
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    async next(): Promise<IteratorResult<T>> {
      while (index >= buffer.length) {
        if (done) return { done: true, value: undefined };
        const r = await batches.next();
        if (r.done) done = true;
        else [buffer, index] = [r.value, 0];
      }
      return { done: false, value: map(buffer[index++]) };
    },
    async return(): Promise<IteratorResult<T>> {
      done = true;
      buffer = [];
      await batches.return(undefined);
      return { done: true, value: undefined };
    },
  };
  return iterator;
}
