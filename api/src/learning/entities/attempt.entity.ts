import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Enrollment } from '../../cohorts/entities/enrollment.entity.js';
import { Activity } from '../../curriculum/entities/activity.entity.js';

export interface AttemptAnswer {
  questionKey: string;
  value: string;
}

/** Every attempt is kept; the best one counts. The server's clock is the only clock. */
@Entity({ name: 'attempts' })
@Index('attempts_enrollment_activity_idx', ['enrollmentId', 'activityId'])
export class Attempt {
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

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'double precision', nullable: true })
  score: number | null;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  /** What was put in front of the trainee (drawn card, shuffled order…), fixed at start. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  prompt: Record<string, unknown>;

  /** Server-only material to grade with (answer key, drawn order); never sent to the trainee. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  secret: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  answers: AttemptAnswer[] | null;

  /** Shown after submission: explanations, the answer key, the model answer. */
  @Column({ type: 'jsonb', nullable: true })
  review: Record<string, unknown> | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  feedback: string[];
}
