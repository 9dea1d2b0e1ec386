import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Enrollment } from '../../cohorts/entities/enrollment.entity.js';
import { User } from '../../identity/entities/user.entity.js';

export type HandoffMode = 'SUPERVISED' | 'SOLO';

export interface StoredScorecardAnswer {
  key: string;
  passed: boolean;
  note: string | null;
}

/** One real handoff taken by a trainee and its QA review. Re-recording an externalId replaces it. */
@Entity({ name: 'handoff_reviews' })
@Check('handoff_reviews_mode_check', `"mode" IN ('SUPERVISED','SOLO')`)
@Check('handoff_reviews_times_check', `"first_response_at" >= "handed_off_at"`)
@Check('handoff_reviews_context_check', `"context_items_available" >= 0 AND "context_items_used" BETWEEN 0 AND "context_items_available"`)
@Check('handoff_reviews_csat_check', `"csat" IS NULL OR "csat" BETWEEN 1 AND 5`)
@Check('handoff_reviews_qa_score_check', `"qa_score" IS NULL OR "qa_score" BETWEEN 0 AND 100`)
@Unique('handoff_reviews_enrollment_external_unique', ['enrollmentId', 'externalId'])
@Index('handoff_reviews_enrollment_mode_idx', ['enrollmentId', 'mode'])
export class HandoffReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @ManyToOne(() => Enrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment: Relation<Enrollment>;

  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  @Column({ type: 'text' })
  mode: HandoffMode;

  @Column({ name: 'handed_off_at', type: 'timestamptz' })
  handedOffAt: Date;

  @Column({ name: 'first_response_at', type: 'timestamptz' })
  firstResponseAt: Date;

  @Column({ name: 'context_items_available', type: 'integer' })
  contextItemsAvailable: number;

  @Column({ name: 'context_items_used', type: 'integer' })
  contextItemsUsed: number;

  @Column({ name: 'customer_repeated', type: 'boolean' })
  customerRepeated: boolean;

  @Column({ type: 'integer', nullable: true })
  csat: number | null;

  @Column({ type: 'boolean' })
  resolved: boolean;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** The QA scorecard's answers (program's scorecard, qa/domain/scorecard.ts); null when not filled in. */
  @Column({ type: 'jsonb', nullable: true })
  scorecard: StoredScorecardAnswer[] | null;

  /** scoreScorecard's score (0..100) of `scorecard` at the time it was recorded; null without a scorecard. */
  @Column({ name: 'qa_score', type: 'integer', nullable: true })
  qaScore: number | null;

  /** False when a critical item failed, whatever the score; null without a scorecard. */
  @Column({ name: 'qa_passed', type: 'boolean', nullable: true })
  qaPassed: boolean | null;

  /** Imported with the handoff: the escalation context and transcript the pre-filled QA came from. */
  @Column({ type: 'jsonb', nullable: true })
  conversation: Record<string, unknown> | null;

  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer: Relation<User> | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
