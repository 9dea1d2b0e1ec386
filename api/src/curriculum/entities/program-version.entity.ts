import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { MetricTargetDefinition, ProgramDefinition } from '../domain/program-definition.js';
import { Program } from './program.entity.js';

/**
 * One published version of a program, identified by the hash of its curriculum files. Published
 * once and never updated: enrollments are pinned to it.
 */
@Entity({ name: 'program_versions' })
@Unique('program_versions_hash_unique', ['programId', 'contentHash'])
export class ProgramVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id' })
  program: Relation<Program>;

  @Column({ type: 'text' })
  version: string;

  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'min_solo_handoffs', type: 'integer' })
  minSoloHandoffs: number;

  @Column({ name: 'validity_months', type: 'integer' })
  validityMonths: number;

  @Column({ type: 'jsonb' })
  targets: MetricTargetDefinition[];

  /** The whole validated definition, drill material included. */
  @Column({ type: 'jsonb' })
  content: ProgramDefinition;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}
