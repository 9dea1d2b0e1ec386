import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Enrollment } from '../../cohorts/entities/enrollment.entity.js';
import { Activity } from '../../curriculum/entities/activity.entity.js';
import { User } from '../../identity/entities/user.entity.js';

/** An admin's decision that an activity counts as completed, with the reason (also audit-logged). */
@Entity({ name: 'completion_overrides' })
export class CompletionOverride {
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
  reason: string;

  @Column({ name: 'overridden_by', type: 'uuid' })
  overriddenById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'overridden_by' })
  overriddenBy: Relation<User>;

  @Column({ name: 'overridden_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  overriddenAt: Date;
}
