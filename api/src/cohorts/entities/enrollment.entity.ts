import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { ProgramVersion } from '../../curriculum/entities/program-version.entity.js';
import { User } from '../../identity/entities/user.entity.js';
import { Cohort } from './cohort.entity.js';

export type EnrollmentStatus = 'ACTIVE' | 'COMPLETED' | 'CERTIFIED' | 'WITHDRAWN';

@Entity({ name: 'enrollments' })
@Check('enrollments_status_check', `"status" IN ('ACTIVE','COMPLETED','CERTIFIED','WITHDRAWN')`)
@Check('enrollments_percent_check', `"percent_complete" >= 0 AND "percent_complete" <= 100`)
@Unique('enrollments_trainee_cohort_unique', ['traineeId', 'cohortId'])
export class Enrollment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('enrollments_trainee_idx')
  @Column({ name: 'trainee_id', type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trainee_id' })
  trainee: Relation<User>;

  @Index('enrollments_cohort_idx')
  @Column({ name: 'cohort_id', type: 'uuid' })
  cohortId: string;

  @ManyToOne(() => Cohort, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cohort_id' })
  cohort: Relation<Cohort>;

  /** Pinned at enrolment: a later curriculum change never moves a trainee's goalposts. */
  @Column({ name: 'program_version_id', type: 'uuid' })
  programVersionId: string;

  @ManyToOne(() => ProgramVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_version_id' })
  programVersion: Relation<ProgramVersion>;

  @Column({ type: 'text', default: 'ACTIVE' })
  status: EnrollmentStatus;

  /** Kept with the progress rows in the same transaction as every event that changes them. */
  @Column({ name: 'percent_complete', type: 'double precision', default: 0 })
  percentComplete: number;

  @Column({ name: 'current_week', type: 'integer', default: 1 })
  currentWeek: number;

  @Column({ name: 'enrolled_at', type: 'timestamptz', default: () => 'now()' })
  enrolledAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  /**
   * Recertification opens a new cycle on the same history: its certificate needs solo handoffs
   * taken since the cycle started; earlier certificates and their snapshots stay.
   */
  @Column({ name: 'certification_cycle', type: 'integer', default: 1 })
  certificationCycle: number;

  @Column({ name: 'cycle_started_at', type: 'timestamptz', nullable: true })
  cycleStartedAt: Date | null;
}
