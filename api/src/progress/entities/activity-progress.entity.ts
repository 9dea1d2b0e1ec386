import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Enrollment } from '../../cohorts/entities/enrollment.entity.js';
import { Activity } from '../../curriculum/entities/activity.entity.js';

export type ActivityStatus = 'LOCKED' | 'AVAILABLE' | 'IN_PROGRESS' | 'AWAITING_SIGN_OFF' | 'COMPLETED';

/**
 * The current state of one activity for one enrollment, written in the same transaction as the
 * event that changes it, so reads are one query. The events (attempts, sign-offs, overrides,
 * handoff reviews) stay the record of why.
 */
@Entity({ name: 'activity_progress' })
@Check('activity_progress_status_check', `"status" IN ('LOCKED','AVAILABLE','IN_PROGRESS','AWAITING_SIGN_OFF','COMPLETED')`)
export class ActivityProgress {
  @PrimaryColumn({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @PrimaryColumn({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @ManyToOne(() => Enrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment: Relation<Enrollment>;

  @ManyToOne(() => Activity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'activity_id' })
  activity: Relation<Activity>;

  @Column({ type: 'text' })
  status: ActivityStatus;

  @Column({ name: 'best_score', type: 'double precision', nullable: true })
  bestScore: number | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  overridden: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
