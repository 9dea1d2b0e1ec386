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

  /** Many entries in a few statements (a file import records one per enrollment it changed). */
  async recordMany(manager: EntityManager, entries: AuditRecord[]): Promise<void> {
    // 7 parameters a row: chunks stay far below PostgreSQL's 65,535 parameters per statement.
    for (let i = 0; i < entries.length; i += 5000) {
      const chunk = entries.slice(i, i + 5000);
      await manager.insert(
        AuditEntry,
        chunk.map((entry) => ({
          actorId: entry.actorId,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId,
          reason: entry.reason ?? null,
          details: (entry.details ?? {}) as never,
        })),
      );
    }
  }
}
