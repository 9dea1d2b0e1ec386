import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ProgramVersion } from '../../curriculum/entities/program-version.entity.js';

@Entity({ name: 'cohorts' })
export class Cohort {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** The program version new enrollments of this cohort are pinned to. */
  @Column({ name: 'program_version_id', type: 'uuid' })
  programVersionId: string;

  @ManyToOne(() => ProgramVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_version_id' })
  programVersion: Relation<ProgramVersion>;

  /** Calendar date (YYYY-MM-DD) in the cohort's time zone. */
  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'time_zone', type: 'text', default: 'UTC' })
  timeZone: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
