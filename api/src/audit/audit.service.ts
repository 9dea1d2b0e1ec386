import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEntry, type AuditAction } from './entities/audit-entry.entity.js';

export interface AuditRecord {
  actorId: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string;
  reason?: string | null;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  /** Always called with the transaction's manager: the entry commits or rolls back with the change. */
  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.insert(AuditEntry, {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      reason: entry.reason ?? null,
      details: (entry.details ?? {}) as never,
    });
  }

  /** Many entries in one statement (a file import records one per enrollment it changed). */
  async recordMany(manager: EntityManager, entries: AuditRecord[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO audit_log (actor_id, action, entity_type, entity_id, reason, details)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
      [
        entries.map((e) => e.actorId),
        entries.map((e) => e.action),
        entries.map((e) => e.entityType),
        entries.map((e) => e.entityId),
        entries.map((e) => e.reason ?? null),
        entries.map((e) => JSON.stringify(e.details ?? {})),
      ],
    );
  }
}
