import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Enrollment } from '../../cohorts/entities/enrollment.entity.js';
import { Activity } from '../../curriculum/entities/activity.entity.js';
import { User } from '../../identity/entities/user.entity.js';

export type SignOffDecision = 'APPROVED' | 'CHANGES_REQUESTED';

/** Append-only: the latest sign-off for an (enrollment, activity) decides. */
@Entity({ name: 'sign_offs' })
@Check('sign_offs_decision_check', `"decision" IN ('APPROVED','CHANGES_REQUESTED')`)
// A request for changes without a comment leaves the trainee guessing.
@Check('sign_offs_comment_check', `"decision" = 'APPROVED' OR length(btrim(coalesce("comment", ''))) > 0`)
@Index('sign_offs_enrollment_activity_idx', ['enrollmentId', 'activityId', 'signedAt'])
export class SignOff {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @ManyToOne(() => Enrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment: Relation<Enrollment>;

  @Column({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @ManyToOne(() => Activity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'activity_id' })
  activity: Relation<Activity>;

  @Column({ name: 'supervisor_id', type: 'uuid' })
  supervisorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supervisor_id' })
  supervisor: Relation<User>;

  @Column({ type: 'text' })
  decision: SignOffDecision;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'signed_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  signedAt: Date;
}
