import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * xAPI statements waiting for, or done with, the push to the LRS (docs/decisions/009). Filled from
 * the same statement builder as GET /exports/xapi.json; the statement id (UUIDv5 of its source row)
 * is the key, so enqueueing the same event twice, from any process, is a no-op.
 * A row is pending (sent_at and failed_at NULL), sent, or failed (gave up after the last attempt or
 * refused by the LRS).
 */
@Entity({ name: 'xapi_outbox' })
@Check('xapi_outbox_attempts_check', `"attempts" >= 0`)
@Check('xapi_outbox_outcome_check', `"sent_at" IS NULL OR "failed_at" IS NULL`)
@Index('xapi_outbox_due_idx', ['nextAttemptAt'], { where: `"sent_at" IS NULL AND "failed_at" IS NULL` })
@Index('xapi_outbox_event_at_idx', ['eventAt'])
export class XapiOutbox {
  @PrimaryColumn({ name: 'statement_id', type: 'uuid' })
  statementId: string;

  @Column({ type: 'jsonb' })
  statement: Record<string, unknown>;

  /** The statement's timestamp: when the learning event happened (the enqueue watermark). */
  @Column({ name: 'event_at', type: 'timestamptz' })
  eventAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Not before this; also the lease of a batch being sent (docs/decisions/009). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
