import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { ProgramVersion } from './program-version.entity.js';

@Entity({ name: 'weeks' })
@Unique('weeks_version_number_unique', ['programVersionId', 'number'])
export class Week {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'program_version_id', type: 'uuid' })
  programVersionId: string;

  @ManyToOne(() => ProgramVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_version_id' })
  programVersion: Relation<ProgramVersion>;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;
}
