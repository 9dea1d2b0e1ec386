import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Enrollment } from '../../cohorts/entities/enrollment.entity.js';
import { ProgramVersion } from '../../curriculum/entities/program-version.entity.js';
import { User } from '../../identity/entities/user.entity.js';

export interface MetricSnapshot {
  code: string;
  value: number | null;
  threshold: number;
  comparator: string;
  unit: string;
  met: boolean;
  sampleSize: number;
}

/**
 * (enrollment, cycle) is unique: concurrent issuing cannot create two certificates for one
 * certification cycle; the loser of the race reads the winner's row.
 */
@Entity({ name: 'certificates' })
@Unique('certificates_enrollment_cycle_unique', ['enrollmentId', 'cycle'])
@Unique('certificates_code_unique', ['code'])
export class Certificate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @ManyToOne(() => Enrollment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment: Relation<Enrollment>;

  @Column({ type: 'integer', default: 1 })
  cycle: number;

  @Column({ type: 'text' })
  code: string;

  @Column({ name: 'issued_at', type: 'timestamptz', default: () => 'now()' })
  issuedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'issued_by', type: 'uuid' })
  issuedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issued_by' })
  issuedBy: Relation<User>;

  @Column({ name: 'trainee_name', type: 'text' })
  traineeName: string;

  @Column({ name: 'program_title', type: 'text' })
  programTitle: string;

  @Column({ name: 'program_version_id', type: 'uuid' })
  programVersionId: string;

  @ManyToOne(() => ProgramVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_version_id' })
  programVersion: Relation<ProgramVersion>;

  @Column({ name: 'metrics_snapshot', type: 'jsonb' })
  metricsSnapshot: MetricSnapshot[];

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason: string | null;
}
