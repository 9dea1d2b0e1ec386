import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import type { Actor } from '../common/auth/actor.js';
import { hashPassword } from '../common/auth/password.js';
import { isUniqueViolation } from '../common/database/pg-errors.js';
import { badInput, conflict } from '../common/errors/domain-error.js';
import { CurriculumService } from '../curriculum/curriculum.service.js';
import { User } from '../identity/entities/user.entity.js';
import { initialPassword } from './domain/initial-password.js';
import { planUserImport, type ImportPlan, type ImportWorld } from './domain/user-import-plan.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, readUserCsv, sortErrors, type ImportError, type UserRow } from './domain/user-rows.js';
import type { InitialCredentialModel, UserImportResultModel } from './dto/user-import.model.js';

/** Passwords hashed at once: scrypt runs on libuv's pool of four threads, and logins need some too. */
const HASH_CONCURRENCY = 2;
const INSERT_CHUNK = 500;

interface Secret {
  password: string;
  hash: string;
}

/**
 * Accounts and enrolments from a CSV file (docs/decisions/010-provisioning.md): checked as a whole,
 * then applied in one transaction, or not at all.
 */
@Injectable()
export class ProvisioningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly curriculum: CurriculumService,
    private readonly audit: AuditService,
  ) {}

  async importUsers(actor: Actor, csv: string, dryRun: boolean): Promise<UserImportResultModel> {
    if (Buffer.byteLength(csv, 'utf8') > MAX_IMPORT_BYTES) {
      throw badInput(`The file is larger than ${MAX_IMPORT_BYTES / 1024} KiB. Split it into smaller files and import each.`, { field: 'csv' });
    }
    const file = readUserCsv(csv);
    if (file.dataRows > MAX_IMPORT_ROWS) {
      throw badInput(`The file has ${file.dataRows.toLocaleString('en')} rows; one import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en')}. Split it.`, {
        field: 'csv',
      });
    }

    // Checked first without locks, so a bad file or a dry run costs no lock and no password hashing.
    const checked = planUserImport(file.rows, await this.world(this.dataSource.manager, file.rows, false));
    const errors = sortErrors([...file.errors, ...checked.errors]);
    if (errors.length) return refused(errors, dryRun);
    if (dryRun) return { ...checked.counts, dryRun: true, applied: false, errors: [], credentials: [] };

    // Hashing is slow on purpose, so it happens before the transaction; so does loading the
    // programs the new enrollments need (the curriculum cache reads outside the transaction).
    const secrets = await this.secretsFor(checked.rows.filter((p) => p.outcome === 'CREATE').map((p) => p.row.emailKey));
    const versionIds = new Set(checked.rows.flatMap((p) => (p.enrollIn ? [p.enrollIn.programVersionId] : [])));
    await this.curriculum.versionModels([...versionIds]);

    try {
      return await this.dataSource.transaction(async (m) => {
        // Planned again under the locks: what is written is what the locked rows say.
        const plan = planUserImport(file.rows, await this.world(m, file.rows, true));
        if (plan.errors.length) return refused(plan.errors, false);
        const unprepared =
          plan.rows.some((p) => p.outcome === 'CREATE' && !secrets.has(p.row.emailKey)) ||
          plan.rows.some((p) => p.enrollIn && !versionIds.has(p.enrollIn.programVersionId));
        if (unprepared) throw conflict('Accounts or cohorts named in the file changed during the import. Import the file again: it is safe to repeat.');
        const credentials = await this.apply(m, actor, plan, secrets);
        return { ...plan.counts, dryRun: false, applied: true, errors: [], credentials };
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw conflict('Some of these accounts or enrollments were created by someone else at the same time. Import the file again: it is safe to repeat.');
      }
      throw e;
    }
  }

  /** What the database holds about the file's accounts and cohorts; with `lock`, their rows stay locked until the transaction ends. */
  private async world(q: EntityManager, rows: readonly UserRow[], lock: boolean): Promise<ImportWorld> {
    const forUpdate = lock ? ' FOR UPDATE' : '';
    const emails = [...new Set(rows.map((r) => r.emailKey))];
    const employeeIds = [...new Set(rows.flatMap((r) => (r.employeeId ? [r.employeeId] : [])))];
    const cohortValues = [...new Set(rows.flatMap((r) => (r.cohort ? [r.cohort.toLowerCase()] : [])))];

    // The active admins are locked first (every import locks them, in id order): two imports then
    // run one after the other instead of deadlocking on each other's rows, and cannot each demote
    // one of the last two administrators.
    const admins: { id: string }[] = await q.query(`SELECT id FROM users WHERE role = 'ADMIN' AND active ORDER BY id${forUpdate}`);
    const users: { id: string; email: string; name: string; role: User['role']; employee_id: string | null; active: boolean }[] = emails.length
      ? await q.query(`SELECT id, email, name, role, employee_id, active FROM users WHERE lower(email) = ANY($1::text[]) ORDER BY id${forUpdate}`, [emails])
      : [];
    const userIds = users.map((u) => u.id);
    const owners: { employee_id: string; email: string }[] = employeeIds.length
      ? await q.query(`SELECT employee_id, lower(email) AS email FROM users WHERE employee_id = ANY($1::text[])`, [employeeIds])
      : [];
    const cohorts: { id: string; name: string; program_version_id: string; key: string }[] = cohortValues.length
      ? await q.query(
          `SELECT c.id, c.name, c.program_version_id, p.key
             FROM cohorts c JOIN program_versions v ON v.id = c.program_version_id JOIN programs p ON p.id = v.program_id
            WHERE c.id::text = ANY($1::text[]) OR lower(trim(c.name)) = ANY($1::text[])`,
          [cohortValues],
        )
      : [];
    const enrollments: { trainee_id: string; cohort_id: string; cohort_name: string; key: string; status: string }[] = userIds.length
      ? await q.query(
          `SELECT e.trainee_id, e.cohort_id, c.name AS cohort_name, p.key, e.status
             FROM enrollments e JOIN cohorts c ON c.id = e.cohort_id
             JOIN program_versions v ON v.id = e.program_version_id JOIN programs p ON p.id = v.program_id
            WHERE e.trainee_id = ANY($1::uuid[])`,
          [userIds],
        )
      : [];
    const links: { supervisor_id: string; cohort_id: string }[] = userIds.length
      ? await q.query(`SELECT supervisor_id, cohort_id FROM cohort_supervisors WHERE supervisor_id = ANY($1::uuid[])`, [userIds])
      : [];

    const employeeIdOwners = new Map<string, string[]>();
    for (const o of owners) employeeIdOwners.set(o.employee_id, [...(employeeIdOwners.get(o.employee_id) ?? []), o.email]);
    return {
      usersByEmail: new Map(
        users.map((u) => [u.email.toLowerCase(), { id: u.id, email: u.email, name: u.name, role: u.role, employeeId: u.employee_id, active: u.active }]),
      ),
      employeeIdOwners,
      cohorts: cohorts.map((c) => ({ id: c.id, name: c.name, programVersionId: c.program_version_id, programKey: c.key })),
      enrollments: enrollments.map((e) => ({
        traineeId: e.trainee_id,
        cohortId: e.cohort_id,
        cohortName: e.cohort_name,
        programKey: e.key,
        status: e.status,
      })),
      supervisorLinks: new Set(links.map((l) => `${l.supervisor_id}:${l.cohort_id}`)),
      activeAdminIds: admins.map((a) => a.id),
    };
  }

  private async secretsFor(emailKeys: string[]): Promise<Map<string, Secret>> {
    const secrets = new Map<string, Secret>();
    let next = 0;
    const worker = async () => {
      while (next < emailKeys.length) {
        const key = emailKeys[next++];
        const password = initialPassword();
        secrets.set(key, { password, hash: await hashPassword(password) });
      }
    };
    await Promise.all(Array.from({ length: HASH_CONCURRENCY }, worker));
    return secrets;
  }

  /** Writes the plan with the transaction's manager; returns the new accounts' passwords in file order. */
  private async apply(m: EntityManager, actor: Actor, plan: ImportPlan, secrets: Map<string, Secret>): Promise<InitialCredentialModel[]> {
    const source = { source: 'csv-import' };
    const userIds = new Map<string, string>();
    for (const p of plan.rows) if (p.existing) userIds.set(p.row.emailKey, p.existing.id);

    const creates = plan.rows.filter((p) => p.outcome === 'CREATE');
    for (let i = 0; i < creates.length; i += INSERT_CHUNK) {
      const chunk = creates.slice(i, i + INSERT_CHUNK);
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(User)
        .values(
          chunk.map((p) => ({
            email: p.row.email,
            name: p.row.name,
            role: p.row.role,
            employeeId: p.employeeId,
            passwordHash: secrets.get(p.row.emailKey)!.hash,
          })),
        )
        .returning(['id', 'email'])
        .execute();
      for (const row of inserted.raw as { id: string; email: string }[]) userIds.set(row.email.toLowerCase(), row.id);
    }
    for (const p of creates) {
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'USER_CREATED',
        entityType: 'user',
        entityId: userIds.get(p.row.emailKey)!,
        details: { email: p.row.email, role: p.row.role, ...source },
      });
    }

    for (const p of plan.rows) {
      if (p.outcome !== 'UPDATE') continue;
      await m.query(`UPDATE users SET name = $2, role = $3, employee_id = $4 WHERE id = $1`, [p.existing!.id, p.row.name, p.row.role, p.employeeId]);
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'USER_UPDATED',
        entityType: 'user',
        entityId: p.existing!.id,
        details: { email: p.existing!.email, changes: p.changes, ...source },
      });
    }

    for (const p of plan.rows) {
      const userId = userIds.get(p.row.emailKey)!;
      if (p.enrollIn) await this.cohorts.enrollWithin(m, actor, p.enrollIn, userId, source);
      if (p.superviseIn) await this.cohorts.assignSupervisorWithin(m, actor, p.superviseIn.id, userId, source);
    }

    return creates.map((p) => ({ email: p.row.email, name: p.row.name, initialPassword: secrets.get(p.row.emailKey)!.password }));
  }
}

function refused(errors: ImportError[], dryRun: boolean): UserImportResultModel {
  return { dryRun, applied: false, created: 0, updated: 0, unchanged: 0, enrolled: 0, supervisorsAssigned: 0, errors, credentials: [] };
}
