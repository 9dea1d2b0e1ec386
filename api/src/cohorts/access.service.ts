import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { forbidden, notFound } from '../common/errors/domain-error.js';
import { isUuid } from '../curriculum/curriculum.service.js';
import { Enrollment } from './entities/enrollment.entity.js';

/**
 * Who may see and act on which enrollment (CONTRACT.md, "Authentication and roles"). Roles are
 * checked by the guard; this is the row-level half, which needs the data.
 */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async isSupervisorOf(supervisorId: string, cohortId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM cohort_supervisors WHERE supervisor_id = $1 AND cohort_id = $2`, [
      supervisorId,
      cohortId,
    ]);
    return rows.length > 0;
  }

  async canReadCohort(actor: Actor, cohortId: string): Promise<boolean> {
    switch (actor.role) {
      case 'ADMIN':
      case 'HR':
        return true;
      case 'SUPERVISOR':
        return this.isSupervisorOf(actor.id, cohortId);
      case 'TRAINEE': {
        const rows = await this.dataSource.query(`SELECT 1 FROM enrollments WHERE trainee_id = $1 AND cohort_id = $2`, [actor.id, cohortId]);
        return rows.length > 0;
      }
    }
  }

  async canReadEnrollment(actor: Actor, e: Pick<Enrollment, 'traineeId' | 'cohortId'>): Promise<boolean> {
    switch (actor.role) {
      case 'ADMIN':
      case 'HR':
        return true;
      case 'SUPERVISOR':
        return this.isSupervisorOf(actor.id, e.cohortId);
      case 'TRAINEE':
        return e.traineeId === actor.id;
    }
  }

  /** Loads an enrollment the actor may read, or fails with NOT_FOUND / FORBIDDEN. */
  async readableEnrollment(actor: Actor, enrollmentId: string): Promise<Enrollment> {
    const e = isUuid(enrollmentId) ? await this.dataSource.getRepository(Enrollment).findOneBy({ id: enrollmentId }) : null;
    if (!e) throw notFound('Enrollment');
    if (!(await this.canReadEnrollment(actor, e))) throw forbidden('This enrollment belongs to a cohort you do not have access to.');
    return e;
  }

  /**
   * The actor's own, not withdrawn, enrollment: what a trainee acts on (attempts, observations,
   * role-plays). `doing` finishes the refusal, e.g. "take its activities".
   */
  async ownActiveEnrollment(actor: Actor, enrollmentId: string, doing: string): Promise<Enrollment> {
    const e = isUuid(enrollmentId) ? await this.dataSource.getRepository(Enrollment).findOneBy({ id: enrollmentId }) : null;
    if (!e) throw notFound('Enrollment');
    if (e.traineeId !== actor.id) throw forbidden(`Only the trainee of this enrollment can ${doing}.`);
    if (e.status === 'WITHDRAWN') throw forbidden('This enrollment has been withdrawn.');
    return e;
  }

  /** Sign-offs, reviews, certificates: the cohort's supervisors and admins only. */
  async supervisableEnrollment(actor: Actor, enrollmentId: string): Promise<Enrollment> {
    const e = isUuid(enrollmentId) ? await this.dataSource.getRepository(Enrollment).findOneBy({ id: enrollmentId }) : null;
    if (!e) throw notFound('Enrollment');
    if (actor.role === 'ADMIN') return e;
    if (actor.role === 'SUPERVISOR' && (await this.isSupervisorOf(actor.id, e.cohortId))) return e;
    throw forbidden('Only the supervisors of this cohort (or an admin) can do that.');
  }
}
