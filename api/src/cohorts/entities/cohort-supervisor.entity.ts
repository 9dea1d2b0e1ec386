import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../../identity/entities/user.entity.js';
import { Cohort } from './cohort.entity.js';

@Entity({ name: 'cohort_supervisors' })
export class CohortSupervisor {
  @PrimaryColumn({ name: 'cohort_id', type: 'uuid' })
  cohortId: string;

  @Index('cohort_supervisors_supervisor_idx')
  @PrimaryColumn({ name: 'supervisor_id', type: 'uuid' })
  supervisorId: string;

  @ManyToOne(() => Cohort, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort: Relation<Cohort>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supervisor_id' })
  supervisor: Relation<User>;

  @CreateDateColumn({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;
}
