import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditAction =
  | 'SIGN_OFF'
  | 'OVERRIDE_COMPLETION'
  | 'CERTIFICATE_ISSUED'
  | 'CERTIFICATE_REVOKED'
  | 'RECERTIFICATION_STARTED'
  | 'USER_CREATED'
  | 'USER_UPDATED'
  | 'COHORT_CREATED'
  | 'SUPERVISOR_ASSIGNED'
  | 'ENROLLED'
  | 'ENROLLMENT_WITHDRAWN'
  | 'ENROLLMENT_MOVED'
  | 'HANDOFF_REVIEW_RECORDED';

/** Append-only at the database level: a trigger refuses UPDATE and DELETE. */
@Entity({ name: 'audit_log' })
@Index('audit_log_entity_idx', ['entityType', 'entityId'])
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;
}
