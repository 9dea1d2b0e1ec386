import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { ActivityConfig, ActivityKind } from '../domain/program-definition.js';
import { ProgramVersion } from './program-version.entity.js';
import { Week } from './week.entity.js';

@Entity({ name: 'activities' })
@Unique('activities_version_key_unique', ['programVersionId', 'key'])
export class Activity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'program_version_id', type: 'uuid' })
  programVersionId: string;

  @ManyToOne(() => ProgramVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_version_id' })
  programVersion: Relation<ProgramVersion>;

  @Index('activities_week_idx')
  @Column({ name: 'week_id', type: 'uuid' })
  weekId: string;

  @ManyToOne(() => Week, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'week_id' })
  week: Relation<Week>;

  @Column({ name: 'week_number', type: 'integer' })
  weekNumber: number;

  /** Order within the week, from the curriculum files. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  kind: ActivityKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'integer' })
  minutes: number;

  @Column({ name: 'requires_sign_off', type: 'boolean' })
  requiresSignOff: boolean;

  @Column({ type: 'jsonb' })
  config: ActivityConfig;
}
