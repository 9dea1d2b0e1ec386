import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { deferSoloReviewTotals, recountSoloReviewTotals } from '../certification/solo-review-totals.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { BATON_CONFIG, type BatonConfig } from '../common/config/config.js';
import { prepared } from '../common/database/prepared-statements.js';
import { CurriculumService } from '../curriculum/curriculum.service.js';
import { ProgressService } from '../progress/progress.service.js';
import type { ScorecardItem } from '../qa/domain/scorecard.js';
import type { HandoffMode } from '../supervision/entities/handoff-review.entity.js';
import { parseRow, toReview, unknownKeys, type HandoffRow, type ReviewValues } from './domain/handoff-row.js';
import { uuidV7s } from './domain/ordered-ids.js';
import type { SourceEvent } from './domain/records.js';

/**
 * Rows validated, matched and written together (one INSERT of unnest arrays). While one batch is
 * written, the next is read and checked: at most two batches are held (docs/decisions/012).
 */
const BATCH_SIZE = 500;
/** At most this many bad rows are listed in a refusal (all are counted). */
export const MAX_REPORTED_ROWS = 1000;
/** Advisory lock key: imports run one at a time, so their enrollment locks never deadlock. */
const IMPORT_LOCK_KEY = 7_240_515_001;
/** How long an import waits for the one before it (polling, without holding a connection). */
const IMPORT_WAIT_MS = 120_000;
const IMPORT_POLL_MS = 200;

export interface ImportOptions {
  /** Mode of rows without a mode of their own (query parameter `mode`). */
  defaultMode: HandoffMode;
  /** Do everything, report what would happen, change nothing. */
  dryRun: boolean;
}

export interface ImportSummary {
  imported: number;
  replaced: number;
  unchanged: number;
  enrollmentsUpdated: number;
  rows: number;
  dryRun: boolean;
  /** Header names (CSV) or keys (JSON) that are not fields of a handoff and were not read. */
  ignoredColumns: string[];
}

export interface RowError {
  line: number;
  reason: string;
}

export type ImportOutcome =
  | { ok: true; summary: ImportSummary }
  | {
      ok: false;
      status: 400 | 403 | 409;
      code: 'BAD_USER_INPUT' | 'FORBIDDEN' | 'CONFLICT';
      message: string;
      rows: RowError[];
      rowsWithProblems: number;
      ignoredColumns: string[];
    };

export type WebhookOutcome =
  | { ok: true; status: 'imported' | 'replaced' | 'unchanged'; reviewId: string }
  | { ok: false; reasons: string[] };

interface Agent {
  enrollmentId: string;
  cohortId: string;
  name: string;
  programVersionId: string;
  /** The program's QA scorecard (pre-filled for a row with a transcript). */
  scorecard: readonly ScorecardItem[];
}
type AgentLookup = { agent: Agent } | { problem: string; forbidden: boolean };

/** A read row whose agent is being looked up (the first rows naming an agent). */
interface Waiting {
  line: number;
  row: HandoffRow;
}

interface Written {
  id: string;
  enrollment_id: string;
  inserted: boolean;
}


/**
 * A time sent as epoch milliseconds (int8). Whole seconds and the milliseconds apart: exact for
 * every year, where a float of seconds or of microseconds would round far from today.
 */
const fromEpochMs = (ms: string) => `(to_timestamp(${ms} / 1000) + (${ms} % 1000) * interval '1 millisecond')`;

/**
 * One multi-row INSERT … ON CONFLICT (enrollment_id, external_id) DO UPDATE for a batch, from one
 * array per column. A review identical to the stored one is left alone (not returned); a changed
 * one is replaced (`inserted` false).
 */
const UPSERT_SQL = `INSERT INTO handoff_reviews AS h (id, enrollment_id, external_id, mode, handed_off_at, first_response_at,
          context_items_available, context_items_used, customer_repeated, csat, resolved, notes,
          scorecard, qa_score, qa_passed, conversation, reviewer_id, recorded_at)
   SELECT v.id, v.enrollment_id, v.external_id, v.mode, ${fromEpochMs('v.handed_off_ms')}, ${fromEpochMs('v.first_response_ms')},
          v.available, v.used,
          v.repeated, v.csat, v.resolved, v.notes, v.scorecard::jsonb, v.qa_score, v.qa_passed, v.conversation::jsonb,
          $15::uuid, clock_timestamp()
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int8[], $5::int8[], $6::int[], $7::int[],
                 $8::boolean[], $9::int[], $10::boolean[], $11::text[], $12::text[], $13::int[], $14::boolean[], $16::text[], $17::uuid[])
          AS v(enrollment_id, external_id, mode, handed_off_ms, first_response_ms, available, used,
               repeated, csat, resolved, notes, scorecard, qa_score, qa_passed, conversation, id)
   ON CONFLICT (enrollment_id, external_id) DO UPDATE SET
          mode = EXCLUDED.mode, handed_off_at = EXCLUDED.handed_off_at, first_response_at = EXCLUDED.first_response_at,
          context_items_available = EXCLUDED.context_items_available, context_items_used = EXCLUDED.context_items_used,
          customer_repeated = EXCLUDED.customer_repeated, csat = EXCLUDED.csat, resolved = EXCLUDED.resolved,
          notes = EXCLUDED.notes, scorecard = EXCLUDED.scorecard, qa_score = EXCLUDED.qa_score,
          qa_passed = EXCLUDED.qa_passed, conversation = EXCLUDED.conversation, reviewer_id = EXCLUDED.reviewer_id,
          recorded_at = EXCLUDED.recorded_at
    WHERE (h.mode, h.handed_off_at, h.first_response_at, h.context_items_available, h.context_items_used,
           h.customer_repeated, h.csat, h.resolved, h.notes, h.scorecard, h.qa_score, h.qa_passed, h.conversation)
          IS DISTINCT FROM
          (EXCLUDED.mode, EXCLUDED.handed_off_at, EXCLUDED.first_response_at, EXCLUDED.context_items_available,
           EXCLUDED.context_items_used, EXCLUDED.customer_repeated, EXCLUDED.csat, EXCLUDED.resolved, EXCLUDED.notes,
           EXCLUDED.scorecard, EXCLUDED.qa_score, EXCLUDED.qa_passed, EXCLUDED.conversation)
   RETURNING h.id, h.enrollment_id, (h.xmax = 0) AS inserted`;

/**
 * A batch's upsert, counted per enrollment in the database (a row per enrollment comes back, not
 * one per review). Prepared: a 100,000-row import runs it 200 times, and PostgreSQL parsed and
 * planned it every time (about 0.45 s of the import's 6 s of database time).
 */
const WRITE_BATCH_SQL = prepared(`WITH written AS (${UPSERT_SQL}) SELECT enrollment_id, count(*) FILTER (WHERE inserted)::int AS imported,
          count(*) FILTER (WHERE NOT inserted)::int AS replaced FROM written GROUP BY enrollment_id`);

/**
 * The reviews of a batch as one array per column of UPSERT_SQL. A row kept until its batch is
 * written costs a few array slots and its own strings, not the objects it was read into: those die
 * young instead of piling up in the old generation while batches wait for the database. Times are
 * epoch milliseconds (fromEpochMs): cheaper to format and to parse than ISO text. New reviews get
 * time-ordered ids (ordered-ids.ts), which keep the primary key's inserts at its right edge.
 */
class ReviewColumns {
  readonly enrollmentIds: string[] = [];
  readonly externalIds: string[] = [];
  readonly modes: string[] = [];
  readonly handedOffMs: number[] = [];
  readonly firstResponseMs: number[] = [];
  readonly available: number[] = [];
  readonly used: number[] = [];
  readonly repeated: boolean[] = [];
  readonly csat: (number | null)[] = [];
  readonly resolved: boolean[] = [];
  readonly notes: (string | null)[] = [];
  readonly scorecards: (string | null)[] = [];
  readonly qaScores: (number | null)[] = [];
  readonly qaPassed: (boolean | null)[] = [];
  readonly conversations: (string | null)[] = [];

  get size(): number {
    return this.externalIds.length;
  }

  add(enrollmentId: string, r: ReviewValues): void {
    this.enrollmentIds.push(enrollmentId);
    this.externalIds.push(r.externalId);
    this.modes.push(r.mode);
    this.handedOffMs.push(r.handedOffAt.getTime());
    this.firstResponseMs.push(r.firstResponseAt.getTime());
    this.available.push(r.contextItemsAvailable);
    this.used.push(r.contextItemsUsed);
    this.repeated.push(r.customerRepeated);
    this.csat.push(r.csat);
    this.resolved.push(r.resolved);
    this.notes.push(r.notes);
    this.scorecards.push(r.scorecard ? JSON.stringify(r.scorecard) : null);
    this.qaScores.push(r.qaScore);
    this.qaPassed.push(r.qaPassed);
    this.conversations.push(r.conversation ? JSON.stringify(r.conversation) : null);
  }

  params(reviewerId: string | null): unknown[] {
    return [
      this.enrollmentIds,
      this.externalIds,
      this.modes,
      this.handedOffMs,
      this.firstResponseMs,
      this.available,
      this.used,
      this.repeated,
      this.csat,
      this.resolved,
      this.notes,
      this.scorecards,
      this.qaScores,
      this.qaPassed,
      reviewerId,
      this.conversations,
      // Only a new review takes its id: a replaced one keeps the one it has.
      uuidV7s(this.size),
    ];
  }
}

/** State of one file's import, kept for the length of its transaction. */
class ImportRun {
  private readonly errors: RowError[] = [];
  errorCount = 0;
  forbiddenCount = 0;
  rows = 0;
  imported = 0;
  replaced = 0;
  unchanged = 0;
  readonly agents = new Map<string, AgentLookup>();
  /** enrollment → conversation → first line: a conversation twice in one file is an error. */
  readonly seen = new Map<string, Map<string, number>>();
  readonly locked = new Set<string>();
  /** Enrollments whose reviews changed, with counts for the audit log. */
  readonly touched = new Map<string, { imported: number; replaced: number }>();
  readonly ignored = new Set<string>();
  /** Rows checked and ready, to be written together. */
  batch = new ReviewColumns();
  /** Rows read whose agent has not been looked up yet. */
  waiting: Waiting[] = [];

  constructor(
    readonly actor: Actor,
    readonly options: ImportOptions,
    /** Cohorts a supervisor may import into; null for an admin. */
    readonly cohorts: Set<string> | null,
  ) {}

  fail(line: number, reason: string, forbidden = false) {
    this.errorCount++;
    if (forbidden) this.forbiddenCount++;
    this.errors.push({ line, reason });
    // Rows waiting for their agent's lookup are checked after later ones: the list is put in line
    // order and cut back to the first MAX_REPORTED_ROWS whenever it reaches twice that.
    if (this.errors.length >= 2 * MAX_REPORTED_ROWS) this.firstErrors();
  }

  /** The first MAX_REPORTED_ROWS bad rows, in line order. */
  firstErrors(): RowError[] {
    this.errors.sort((a, b) => a.line - b.line);
    if (this.errors.length > MAX_REPORTED_ROWS) this.errors.length = MAX_REPORTED_ROWS;
    return this.errors;
  }
}

/**
 * Imports real handoffs as handoff reviews (docs/handoff-import.md): a whole file in one
 * transaction, all or nothing, or one record from the live feed. The rules of a review are
 * recordHandoffReview's (supervision/domain/review-validation.ts) and it is idempotent on the same
 * key, (enrollment, conversation id); progress is recomputed under the enrollment's row lock, once
 * per enrollment whose reviews changed.
 */
@Injectable()
export class HandoffImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly progress: ProgressService,
    private readonly curriculum: CurriculumService,
    private readonly audit: AuditService,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  /**
   * Reads the records as they stream in. Valid rows are written batch by batch inside one
   * transaction while the rest of the file is still being read; once any row is bad, writing stops
   * but reading goes on so that every bad row is reported, and the transaction is rolled back.
   */
  async importFile(actor: Actor, source: AsyncIterable<SourceEvent>, options: ImportOptions): Promise<ImportOutcome> {
    await this.warmCurriculum();
    const cohorts =
      actor.role === 'ADMIN'
        ? null
        : new Set<string>(
            (await this.dataSource.query(`SELECT cohort_id FROM cohort_supervisors WHERE supervisor_id = $1`, [actor.id])).map(
              (r: { cohort_id: string }) => r.cohort_id,
            ),
          );
    const run = new ImportRun(actor, options, cohorts);

    const qr = await this.importTransaction();
    if (!qr) {
      return {
        ok: false,
        status: 409,
        code: 'CONFLICT',
        message: `Another import has been running for over ${IMPORT_WAIT_MS / 60_000} minutes; send the file again once it has finished.`,
        rows: [],
        rowsWithProblems: 0,
        ignoredColumns: [],
      };
    }
    const { maxRows } = this.config.importLimits;
    // While one batch is written, the next is read and checked: Node's work and the database's
    // overlap, and at most two batches are held. Batches reach the database in file order, one
    // statement at a time on the transaction's connection.
    let writing: Promise<void> = Promise.resolve();
    let writeFailure: { error: unknown } | null = null;
    const settle = async () => {
      await writing;
      if (writeFailure) throw writeFailure.error;
    };
    const flushPending = async () => {
      if (run.waiting.length) {
        const waiting = run.waiting;
        run.waiting = [];
        const emails = [...new Set(waiting.map((w) => w.row.agentEmail))].filter((e) => !run.agents.has(e));
        await settle();
        for (const [email, lookup] of await this.lookupAgents(qr.manager, emails, run.cohorts)) run.agents.set(email, lookup);
        for (const w of waiting) this.accept(run, w.line, w.row, run.agents.get(w.row.agentEmail)!);
      }
      const batch = run.batch;
      run.batch = new ReviewColumns();
      await settle();
      // Once the file is known to be refused, only reading and checking go on.
      if (run.errorCount > 0 || batch.size === 0) return;
      const toLock = [...new Set(batch.enrollmentIds)].filter((id) => !run.locked.has(id)).sort();
      toLock.forEach((id) => run.locked.add(id));
      writing = this.write(qr.manager, run, batch, toLock).catch((error: unknown) => void (writeFailure = { error }));
    };
    try {
      for await (const event of source) {
        if (event.kind === 'ignored') {
          event.names.forEach((n) => run.ignored.add(n));
          continue;
        }
        if (event.kind === 'problem' && event.fatal) {
          await flushPending();
          run.fail(event.line, event.problem);
          break;
        }
        if (++run.rows > maxRows) {
          await flushPending();
          run.fail(
            event.line,
            `the file has more than ${maxRows.toLocaleString('en-US')} rows, this server's limit (BATON_IMPORT_MAX_ROWS): split it into several files`,
          );
          break;
        }
        if (event.kind === 'problem') {
          run.fail(event.line, event.problem);
        } else {
          for (const key of unknownKeys(event.fields)) if (run.ignored.size < 50) run.ignored.add(key);
          const parsed = parseRow(event.fields);
          if (!parsed.row) run.fail(event.line, parsed.problems.join('; '));
          else {
            const lookup = run.agents.get(parsed.row.agentEmail);
            if (lookup) this.accept(run, event.line, parsed.row, lookup);
            else run.waiting.push({ line: event.line, row: parsed.row });
          }
        }
        if (run.batch.size + run.waiting.length >= BATCH_SIZE) await flushPending();
      }
      await flushPending();
      await settle();
      const m = qr.manager;

      if (run.errorCount > 0 || run.rows === 0) {
        await qr.rollbackTransaction();
        return this.refusal(run);
      }
      await this.finish(m, run.touched, actor.id, 'import');
      if (options.dryRun) await qr.rollbackTransaction();
      else await qr.commitTransaction();
      return {
        ok: true,
        summary: {
          imported: run.imported,
          replaced: run.replaced,
          unchanged: run.unchanged,
          enrollmentsUpdated: run.touched.size,
          rows: run.rows,
          dryRun: options.dryRun,
          ignoredColumns: [...run.ignored],
        },
      };
    } catch (e) {
      // A batch still being written finishes first: its statement must not follow the ROLLBACK on
      // the same connection.
      await writing;
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await qr.release();
    }
  }

  /**
   * A transaction holding the import lock, or null after waiting IMPORT_WAIT_MS for it. While
   * another import runs, this one polls with a fresh connection each time rather than blocking
   * one, so waiting imports cannot use up the pool. (On the embedded database the single
   * connection already makes imports wait their turn.)
   */
  private async importTransaction() {
    const deadline = Date.now() + IMPORT_WAIT_MS;
    for (;;) {
      const qr = this.dataSource.createQueryRunner();
      await qr.connect();
      try {
        await qr.startTransaction();
        const [{ locked }] = await qr.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [IMPORT_LOCK_KEY]);
        if (locked) {
          // Recounted once in finish(): see certification/solo-review-totals.ts.
          await deferSoloReviewTotals(qr.manager);
          return qr;
        }
        await qr.rollbackTransaction();
      } catch (e) {
        if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
        await qr.release();
        throw e;
      }
      await qr.release();
      if (Date.now() > deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, IMPORT_POLL_MS));
    }
  }

  /** One record of the live feed, in its own transaction. */
  async receive(fields: Record<string, unknown>): Promise<WebhookOutcome> {
    const parsed = parseRow(fields);
    if (!parsed.row) return { ok: false, reasons: parsed.problems };
    const row = parsed.row;
    await this.warmCurriculum();
    return this.dataSource.transaction(async (m) => {
      const lookup = (await this.lookupAgents(m, [row.agentEmail], null)).get(row.agentEmail)!;
      if ('problem' in lookup) return { ok: false, reasons: [lookup.problem] };
      const result = toReview(row, {
        defaultMode: 'SOLO',
        agentName: lookup.agent.name,
        scorecard: lookup.agent.scorecard,
      });
      if (!result.review) return { ok: false, reasons: result.problems };
      const enrollmentId = lookup.agent.enrollmentId;
      await this.progress.lockEnrollment(m, enrollmentId);
      const columns = new ReviewColumns();
      columns.add(enrollmentId, result.review);
      const [written]: Written[] = await m.query(UPSERT_SQL, columns.params(null));
      if (!written) {
        const [existing] = await m.query(`SELECT id FROM handoff_reviews WHERE enrollment_id = $1 AND external_id = $2`, [
          enrollmentId,
          result.review.externalId,
        ]);
        return { ok: true, status: 'unchanged', reviewId: existing.id };
      }
      const counts = written.inserted ? { imported: 1, replaced: 0 } : { imported: 0, replaced: 1 };
      await this.finish(m, new Map([[enrollmentId, counts]]), null, 'webhook', result.review.externalId);
      return { ok: true, status: written.inserted ? 'imported' : 'replaced', reviewId: written.id };
    });
  }

  /** Checks a row whose agent has been looked up; a good one joins the batch while the file is clean. */
  private accept(run: ImportRun, line: number, row: HandoffRow, lookup: AgentLookup): void {
    if ('problem' in lookup) {
      run.fail(line, lookup.problem, lookup.forbidden);
      return;
    }
    const agent = lookup.agent;
    let seen = run.seen.get(agent.enrollmentId);
    if (!seen) run.seen.set(agent.enrollmentId, (seen = new Map()));
    const firstLine = seen.get(row.externalId);
    if (firstLine !== undefined) {
      run.fail(line, `conversation ${row.externalId} of ${row.agentEmail} is already on line ${firstLine}`);
      return;
    }
    seen.set(row.externalId, line);
    const result = toReview(row, { defaultMode: run.options.defaultMode, agentName: agent.name, scorecard: agent.scorecard });
    if (!result.review) run.fail(line, result.problems.join('; '));
    else if (run.errorCount === 0) run.batch.add(agent.enrollmentId, result.review);
  }

  /** Locks the batch's enrollments not locked yet, writes its reviews and tallies them. */
  private async write(m: EntityManager, run: ImportRun, batch: ReviewColumns, toLock: string[]): Promise<void> {
    if (toLock.length) await m.query(`SELECT id FROM enrollments WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [toLock]);
    const written: { enrollment_id: string; imported: number; replaced: number }[] = await m.query(WRITE_BATCH_SQL, batch.params(run.actor.id));
    let changed = 0;
    for (const w of written) {
      const counts = run.touched.get(w.enrollment_id) ?? { imported: 0, replaced: 0 };
      counts.imported += w.imported;
      counts.replaced += w.replaced;
      run.touched.set(w.enrollment_id, counts);
      run.imported += w.imported;
      run.replaced += w.replaced;
      changed += w.imported + w.replaced;
    }
    run.unchanged += batch.size - changed;
  }

  /**
   * The agent's enrollment for each email: their account's one non-withdrawn enrollment. None,
   * several, or (for a supervisor) one in a cohort they do not supervise is a problem of the row.
   */
  private async lookupAgents(m: EntityManager, emails: string[], cohorts: Set<string> | null): Promise<Map<string, AgentLookup>> {
    const rows: {
      email: string;
      name: string;
      enrollment_id: string | null;
      cohort_id: string | null;
      cohort_name: string | null;
      program_version_id: string | null;
    }[] = await m.query(
        `SELECT lower(u.email) AS email, u.name, e.id AS enrollment_id, e.cohort_id, c.name AS cohort_name, e.program_version_id
           FROM users u
           LEFT JOIN enrollments e ON e.trainee_id = u.id AND e.status <> 'WITHDRAWN'
           LEFT JOIN cohorts c ON c.id = e.cohort_id
          WHERE lower(u.email) = ANY($1::text[])
          ORDER BY c.name`,
        [emails],
      );
    const rowsOf = new Map<string, typeof rows>();
    for (const r of rows) rowsOf.set(r.email, [...(rowsOf.get(r.email) ?? []), r]);
    const result = new Map<string, AgentLookup>();
    for (const email of emails) {
      const own = rowsOf.get(email) ?? [];
      const enrollments = own.filter((r) => r.enrollment_id);
      if (own.length === 0) result.set(email, { problem: `no account has the email ${email}`, forbidden: false });
      else if (enrollments.length === 0) result.set(email, { problem: `${email} has no active enrollment`, forbidden: false });
      else if (enrollments.length > 1) {
        result.set(email, {
          problem: `${email} has ${enrollments.length} active enrollments (${enrollments.map((r) => r.cohort_name).join(', ')}), so the handoff cannot be placed`,
          forbidden: false,
        });
      } else {
        const [e] = enrollments;
        if (cohorts && !cohorts.has(e.cohort_id!)) {
          result.set(email, { problem: `${email} is enrolled in ${e.cohort_name}, which you do not supervise`, forbidden: true });
        } else {
          const agent = {
            enrollmentId: e.enrollment_id!,
            cohortId: e.cohort_id!,
            name: e.name,
            programVersionId: e.program_version_id!,
            scorecard: await this.curriculum.scorecardOf(e.program_version_id!),
          };
          result.set(email, { agent });
        }
      }
    }
    return result;
  }

  /**
   * For the enrollments whose reviews changed: an audit entry each, then their progress, set-based
   * (a fixed number of statements however many enrollments the file touched), under their row locks.
   */
  private async finish(
    m: EntityManager,
    touched: Map<string, { imported: number; replaced: number }>,
    actorId: string | null,
    source: 'import' | 'webhook',
    externalId?: string,
  ): Promise<void> {
    const ids = [...touched.keys()].sort();
    await this.audit.recordMany(
      m,
      ids.map((enrollmentId) => ({
        actorId,
        action: 'HANDOFF_REVIEW_RECORDED',
        entityType: 'enrollment',
        entityId: enrollmentId,
        details: { source, ...touched.get(enrollmentId), ...(externalId ? { externalId } : {}) },
      })),
    );
    if (source === 'import') await recountSoloReviewTotals(m, ids);
    await this.progress.recomputeMany(m, ids);
  }

  /**
   * Recomputing progress reads the program from CurriculumService's cache, which loads through
   * its own connection: load it before the transaction takes the connection (the embedded
   * database has only one).
   */
  private async warmCurriculum(): Promise<void> {
    const versions: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT program_version_id AS id FROM enrollments WHERE status <> 'WITHDRAWN'`,
    );
    for (const v of versions) await this.curriculum.activitiesOf(v.id);
  }

  private refusal(run: ImportRun): ImportOutcome {
    const ignoredColumns = [...run.ignored];
    const errors = run.firstErrors();
    if (run.rows === 0 && run.errorCount === 0) {
      return {
        ok: false,
        status: 400,
        code: 'BAD_USER_INPUT',
        message: 'The file holds no handoffs: after the header row (CSV) or inside the array (JSON) there is nothing to import.',
        rows: [],
        rowsWithProblems: 0,
        ignoredColumns,
      };
    }
    const n = run.errorCount;
    const forbidden =
      run.forbiddenCount > 0
        ? ` (${run.forbiddenCount === n ? (n === 1 ? 'it is' : 'all are') : `${run.forbiddenCount.toLocaleString('en-US')} are`} for agents outside the cohorts you supervise)`
        : '';
    const listed = n > errors.length ? ` The first ${errors.length.toLocaleString('en-US')} are listed.` : '';
    return {
      ok: false,
      status: run.forbiddenCount > 0 ? 403 : 400,
      code: run.forbiddenCount > 0 ? 'FORBIDDEN' : 'BAD_USER_INPUT',
      message: `Nothing was imported: ${n.toLocaleString('en-US')} row${n === 1 ? ' has a problem' : 's have problems'}${forbidden}. Fix ${
        n === 1 ? 'it' : 'them'
      } and send the whole file again.${listed}`,
      rows: errors,
      rowsWithProblems: n,
      ignoredColumns,
    };
  }
}
