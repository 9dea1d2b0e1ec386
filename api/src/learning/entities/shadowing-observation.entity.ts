import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Enrollment } from '../../cohorts/entities/enrollment.entity.js';
import { Activity } from '../../curriculum/entities/activity.entity.js';

/** One handoff a trainee watched an experienced agent take, logged as they shadow. */
@Entity({ name: 'shadowing_observations' })
@Index('shadowing_observations_enrollment_activity_idx', ['enrollmentId', 'activityId'])
export class ShadowingObservation {
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

  /** When the watched handoff happened. */
  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt: Date;

  @Column({ type: 'text' })
  situation: string;

  @Column({ name: 'did_well', type: 'text' })
  didWell: string;

  @Column({ name: 'would_change', type: 'text' })
  wouldChange: string;

  @Column({ name: 'logged_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  loggedAt: Date;
}
