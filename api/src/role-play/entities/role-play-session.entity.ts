import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Enrollment } from '../../cohorts/entities/enrollment.entity.js';
import { Activity } from '../../curriculum/entities/activity.entity.js';
import { User } from '../../identity/entities/user.entity.js';

export type RolePlayStatus = 'INVITED' | 'LIVE' | 'ENDED';

/**
 * A live role-play: the agent (the enrollment's trainee) takes a handoff from a partner who plays
 * the customer from a private brief. The server's clock measures the agent's first response from
 * the moment they open the escalation card.
 */
@Entity({ name: 'role_play_sessions' })
@Index('role_play_sessions_enrollment_idx', ['enrollmentId'])
@Index('role_play_sessions_customer_idx', ['customerId'])
@Check('role_play_sessions_status_check', `"status" IN ('INVITED','LIVE','ENDED')`)
@Check('role_play_sessions_rating_check', `"customer_rating" IS NULL OR "customer_rating" BETWEEN 1 AND 5`)
@Check('role_play_sessions_partner_check', `"customer_id" <> "agent_id"`)
export class RolePlaySession {
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

  @Column({ name: 'agent_id', type: 'uuid' })
  agentId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agent_id' })
  agent: Relation<User>;

  /** Another trainee of the cohort, or one of its supervisors. */
  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer: Relation<User>;

  @Column({ name: 'brief_key', type: 'text' })
  briefKey: string;

  @Column({ type: 'text', default: 'INVITED' })
  status: RolePlayStatus;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ name: 'card_opened_at', type: 'timestamptz', nullable: true })
  cardOpenedAt: Date | null;

  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'customer_rating', type: 'integer', nullable: true })
  customerRating: number | null;

  @Column({ name: 'rated_at', type: 'timestamptz', nullable: true })
  ratedAt: Date | null;

  /** The opening-message grader on the agent's first message. */
  @Column({ name: 'opening_score', type: 'integer', nullable: true })
  openingScore: number | null;

  @Column({ name: 'opening_checks', type: 'jsonb', nullable: true })
  openingChecks: { code: string; passed: boolean; message: string }[] | null;
}
