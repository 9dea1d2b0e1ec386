import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BATON_CONFIG, type BatonConfig, type LrsConfig } from '../../common/config/config.js';
import type { XapiStatement } from '../domain/xapi-statements.js';
import { ExportsService } from '../exports.service.js';
import {
  backoffMs,
  CLAIM_LEASE_MS,
  classifyNetworkError,
  classifyResponse,
  LRS_BATCH_SIZE,
  LRS_REQUEST_TIMEOUT_MS,
  lrsHeaders,
  statementsEndpoint,
  type DeliveryOutcome,
} from './domain/lrs-delivery.js';

/** Rows per INSERT when filling the outbox. */
const ENQUEUE_CHUNK = 500;
/**
 * Each look for new statements starts this far before the newest one already queued, so an event
 * whose transaction committed a little after a later one is still picked up (the insert ignores
 * what is already there).
 */
export const ENQUEUE_LOOKBACK = '5 minutes';
/** Batches sent per round at most, so one round never runs unbounded. */
const MAX_BATCHES_PER_ROUND = 50;

export interface LrsStatus {
  configured: boolean;
  pending: number;
  sent: number;
  failed: number;
  lastError: string | null;
  lastSentAt: Date | null;
}

interface ClaimedRow {
  statement_id: string;
  statement: XapiStatement;
  attempts: number;
  event_at: Date | string;
}

/**
 * The optional push of xAPI statements to a learning record store (docs/decisions/009-xapi-lrs-push.md).
 *
 * When XAPI_LRS_URL is set, every API process runs one round every XAPI_LRS_INTERVAL_MS, off any
 * request: (1) queue the statements of events newer than the outbox's watermark, built by the very
 * query and builder behind GET /exports/xapi.json, with ON CONFLICT DO NOTHING; (2) send due rows in
 * batches of 100. Rows are claimed with `FOR UPDATE SKIP LOCKED` in a short transaction that also
 * pushes their next_attempt_at out by a lease, so no two processes send the same row and no
 * transaction (nor PGlite's single session) is held while the LRS answers.
 */
@Injectable()
export class LrsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LRS');
  private readonly lrs?: LrsConfig;
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private readonly stop = new AbortController();
  /** The first round of each process queues from the beginning (catching up whatever was missed). */
  private caughtUp = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BATON_CONFIG) config: BatonConfig,
    private readonly exportsService: ExportsService,
  ) {
    this.lrs = config.lrs;
  }

  onApplicationBootstrap(): void {
    if (!this.lrs) return;
    this.timer = setInterval(() => void this.runRound(), this.lrs.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stop.abort();
    await this.round;
  }

  /** One round unless one is still running (a slow LRS never stacks rounds up). */
  runRound(): Promise<void> {
    if (!this.lrs || this.stop.signal.aborted) return Promise.resolve();
    this.round ??= (async () => {
      try {
        await this.enqueue();
        for (let i = 0; i < MAX_BATCHES_PER_ROUND && !this.stop.signal.aborted; i++) {
          if ((await this.sendDueBatch()) === 0) break;
        }
      } catch (e) {
        if (!this.stop.signal.aborted) this.logger.error('xAPI push round failed', e as Error);
      } finally {
        this.round = undefined;
      }
    })();
    return this.round;
  }

  async status(): Promise<LrsStatus> {
    const [counts] = await this.dataSource.query(`
      SELECT count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL)::int AS pending,
             count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent,
             count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed,
             max(sent_at) AS last_sent_at
        FROM xapi_outbox`);
    // The latest error among the statements not delivered (pending with retries, or failed).
    const [error] = await this.dataSource.query(`
      SELECT last_error FROM xapi_outbox
       WHERE sent_at IS NULL AND last_error IS NOT NULL
       ORDER BY last_attempt_at DESC NULLS LAST LIMIT 1`);
    return {
      configured: !!this.lrs,
      pending: counts.pending,
      sent: counts.sent,
      failed: counts.failed,
      lastError: error?.last_error ?? null,
      lastSentAt: counts.last_sent_at ? new Date(counts.last_sent_at) : null,
    };
  }

  /** Queues the statements of the events since the watermark; returns how many were new. */
  async enqueue(): Promise<number> {
    let since: Date | undefined;
    if (this.caughtUp) {
      const [row] = await this.dataSource.query(`SELECT max(event_at) - interval '${ENQUEUE_LOOKBACK}' AS since FROM xapi_outbox`);
      since = row?.since ? new Date(row.since) : undefined;
    }
    const statements = await this.exportsService.statements({}, since);
    let added = 0;
    let chunk: XapiStatement[] = [];
    const flush = async () => {
      if (!chunk.length) return;
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO xapi_outbox (statement_id, statement, event_at)
         SELECT (s->>'id')::uuid, s, (s->>'timestamp')::timestamptz FROM jsonb_array_elements($1::jsonb) AS s
         ON CONFLICT (statement_id) DO NOTHING
         RETURNING statement_id`,
        [JSON.stringify(chunk)],
      );
      added += inserted.length;
      chunk = [];
    };
    try {
      for await (const s of statements) {
        chunk.push(s);
        if (chunk.length >= ENQUEUE_CHUNK) await flush();
      }
      await flush();
    } finally {
      await statements.return?.();
    }
    this.caughtUp = true;
    return added;
  }

  /** Claims up to one batch of due rows, sends it and records the outcome; returns the batch size. */
  async sendDueBatch(): Promise<number> {
    const lrs = this.lrs;
    if (!lrs) return 0;
    const claimed = await this.dataSource.transaction(async (m) => {
      const rows: ClaimedRow[] = await m.query(
        `SELECT statement_id, statement, attempts, event_at FROM xapi_outbox
          WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
          ORDER BY next_attempt_at, event_at, statement_id
          LIMIT ${LRS_BATCH_SIZE}
          FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length) {
        // The lease: another process skips these until it ends (a crash mid-send retries them then).
        await m.query(
          `UPDATE xapi_outbox SET next_attempt_at = now() + $2 * interval '1 millisecond', last_attempt_at = now()
            WHERE statement_id = ANY($1::uuid[])`,
          [rows.map((r) => r.statement_id), CLAIM_LEASE_MS],
        );
      }
      return rows;
    });
    if (!claimed.length) return 0;
    claimed.sort((a, b) => new Date(a.event_at).getTime() - new Date(b.event_at).getTime() || a.statement_id.localeCompare(b.statement_id));

    const outcome = await this.post(lrs, claimed.map((r) => (typeof r.statement === 'string' ? JSON.parse(r.statement) : r.statement)));
    await this.record(lrs, claimed, outcome);
    return claimed.length;
  }

  private async post(lrs: LrsConfig, statements: XapiStatement[]): Promise<DeliveryOutcome> {
    try {
      const res = await fetch(statementsEndpoint(lrs.url), {
        method: 'POST',
        headers: lrsHeaders(lrs.username, lrs.password),
        body: JSON.stringify(statements),
        signal: AbortSignal.any([AbortSignal.timeout(LRS_REQUEST_TIMEOUT_MS), this.stop.signal]),
      });
      const body = await res.text().catch(() => '');
      return classifyResponse(res.status, res.ok ? '' : body, res.headers.get('retry-after'));
    } catch (e) {
      return classifyNetworkError(e);
    }
  }

  private async record(lrs: LrsConfig, rows: ClaimedRow[], outcome: DeliveryOutcome): Promise<void> {
    const ids = rows.map((r) => r.statement_id);
    if (outcome.kind === 'sent') {
      await this.dataSource.query(
        `UPDATE xapi_outbox SET sent_at = now(), attempts = attempts + 1 WHERE statement_id = ANY($1::uuid[]) AND sent_at IS NULL`,
        [ids],
      );
      return;
    }
    // One delay per batch (rows claimed together mostly share their attempt count).
    const plan = rows.map((r) => {
      const attempts = r.attempts + 1;
      const giveUp = outcome.kind === 'reject' || attempts >= lrs.maxAttempts;
      return {
        id: r.statement_id,
        failed: giveUp,
        delay_ms: giveUp ? 0 : backoffMs(attempts, Math.random(), outcome.kind === 'retry' ? outcome.retryAfterMs : undefined),
      };
    });
    await this.dataSource.query(
      `UPDATE xapi_outbox o
          SET attempts = o.attempts + 1,
              last_error = $2,
              failed_at = CASE WHEN p.failed THEN now() END,
              next_attempt_at = CASE WHEN p.failed THEN o.next_attempt_at ELSE now() + p.delay_ms * interval '1 millisecond' END
         FROM jsonb_to_recordset($1::jsonb) AS p(id uuid, failed boolean, delay_ms bigint)
        WHERE o.statement_id = p.id AND o.sent_at IS NULL AND o.failed_at IS NULL`,
      [JSON.stringify(plan), outcome.error],
    );
    const gaveUp = plan.filter((p) => p.failed).length;
    if (gaveUp) this.logger.warn(`LRS: ${gaveUp} statement(s) kept as failed: ${outcome.error}`);
    else this.logger.warn(`LRS: ${rows.length} statement(s) will be retried: ${outcome.error}`);
  }
}
