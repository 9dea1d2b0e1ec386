import { prepared } from '../common/database/prepared-statements.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { isUniqueViolation } from '../common/database/pg-errors.js';
import { badInput, conflict, forbidden, notFound } from '../common/errors/domain-error.js';
import { CurriculumService, isUuid } from '../curriculum/curriculum.service.js';
import { User } from '../identity/entities/user.entity.js';
import { ProgressService } from '../progress/progress.service.js';
import { AccessService } from './access.service.js';
import type { CreateCohortInput } from './dto/cohort.model.js';
import { isCalendarDate, isTimeZone } from './domain/calendar.js';
import { CohortSupervisor } from './entities/cohort-supervisor.entity.js';
import { Cohort } from './entities/cohort.entity.js';
import { Enrollment } from './entities/enrollment.entity.js';

/** The columns of an enrollment the graph shows: read as plain rows, since HR lists thousands at once. */
export type EnrollmentRow = Pick<
  Enrollment,
  'id' | 'status' | 'percentComplete' | 'currentWeek' | 'enrolledAt' | 'completedAt' | 'traineeId' | 'cohortId' | 'programVersionId'
>;
export type CohortRow = Pick<Cohort, 'id' | 'name' | 'startsOn' | 'timeZone' | 'programVersionId'>;
export type TraineeRow = Pick<User, 'id' | 'email' | 'name' | 'role' | 'employeeId' | 'active'>;

/** A trainee's enrollment with its cohort and the trainee, which the trainee home always shows. */
export interface HomeEnrollment {
  enrollment: EnrollmentRow;
  cohort: CohortRow;
  trainee: TraineeRow;
}

const ENROLLMENT_COLUMNS = `e.id, e.status, e.percent_complete AS "percentComplete", e.current_week AS "currentWeek",
  e.enrolled_at AS "enrolledAt", e.completed_at AS "completedAt", e.trainee_id AS "traineeId", e.cohort_id AS "cohortId",
  e.program_version_id AS "programVersionId"`;

const COHORT_COLUMNS = `c.id, c.name, c.starts_on::text AS "startsOn", c.time_zone AS "timeZone", c.program_version_id AS "programVersionId"`;

/**
 * A trainee's enrollments with cohort and trainee (enrollment `e`, cohort `c`, trainee `u`): the
 * columns homeEnrollmentOf reads, here and in the trainee home's statement (EnrollmentTimelineService).
 */
export const HOME_ENROLLMENT_COLUMNS = `${ENROLLMENT_COLUMNS},
  c.name AS "cohortName", c.starts_on::text AS "cohortStartsOn", c.time_zone AS "cohortTimeZone",
  c.program_version_id AS "cohortProgramVersionId",
  u.email AS "traineeEmail", u.name AS "traineeName", u.role AS "traineeRole", u.employee_id AS "traineeEmployeeId",
  u.active AS "traineeActive"`;
export const HOME_ENROLLMENT_FROM = `enrollments e JOIN cohorts c ON c.id = e.cohort_id JOIN users u ON u.id = e.trainee_id`;

/** The trainee's enrollments without their timelines (myEnrollments when the home's fields are not asked for). */
const MY_ENROLLMENTS_SQL = prepared(
  `SELECT ${HOME_ENROLLMENT_COLUMNS} FROM ${HOME_ENROLLMENT_FROM} WHERE e.trainee_id = $1 ORDER BY e.enrolled_at DESC`);

/** One row of HOME_ENROLLMENT_COLUMNS as the enrollment, its cohort and its trainee. */
export function homeEnrollmentOf(r: EnrollmentRow & Record<string, unknown>): HomeEnrollment {
  return {
    // toEnrollmentModel reads only the enrollment's own columns of the row.
    enrollment: r,
    cohort: {
      id: r.cohortId,
      name: r.cohortName as string,
      startsOn: r.cohortStartsOn as string,
      timeZone: r.cohortTimeZone as string,
      programVersionId: r.cohortProgramVersionId as string,
    },
    trainee: {
      id: r.traineeId,
      email: r.traineeEmail as string,
      name: r.traineeName as string,
      role: r.traineeRole as User['role'],
      employeeId: r.traineeEmployeeId as string | null,
      active: r.traineeActive as boolean,
    },
  };
}

@Injectable()
export class CohortsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly curriculum: CurriculumService,
    private readonly progress: ProgressService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: CreateCohortInput): Promise<Cohort> {
    const name = input.name.trim();
    if (!name || name.length > 200) throw badInput('Give the cohort a name (at most 200 characters).', { field: 'name' });
    if (!isCalendarDate(input.startsOn)) throw badInput('startsOn must be a calendar date written YYYY-MM-DD.', { field: 'startsOn' });
    const timeZone = input.timeZone?.trim() || 'UTC';
    if (!isTimeZone(timeZone)) throw badInput(`"${timeZone}" is not a time zone name such as Europe/Berlin.`, { field: 'timeZone' });
    const program = await this.curriculum.latestByKey(input.programKey);
    if (!program) throw notFound(`Program "${input.programKey}"`);
    return this.dataSource.transaction(async (m) => {
      const cohort = await m.save(Cohort, m.create(Cohort, { name, startsOn: input.startsOn, timeZone, programVersionId: program.id }));
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'COHORT_CREATED',
        entityType: 'cohort',
        entityId: cohort.id,
        details: { name, programKey: program.key, version: program.version },
      });
      return cohort;
    });
  }

  async assignSupervisor(actor: Actor, cohortId: string, supervisorId: string): Promise<Cohort> {
    const cohort = await this.findCohort(cohortId);
    const supervisor = isUuid(supervisorId) ? await this.dataSource.getRepository(User).findOneBy({ id: supervisorId }) : null;
    if (!supervisor) throw notFound('Supervisor');
    if (supervisor.role !== 'SUPERVISOR') throw badInput(`${supervisor.name} is not a supervisor.`, { field: 'supervisorId' });
    await this.dataSource.transaction((m) => this.assignSupervisorWithin(m, actor, cohort.id, supervisor.id));
    return cohort;
  }

  /** The link and its SUPERVISOR_ASSIGNED entry, in the caller's transaction (assignSupervisor, CSV import). */
  async assignSupervisorWithin(m: EntityManager, actor: Actor, cohortId: string, supervisorId: string, details: Record<string, unknown> = {}) {
    const inserted = await m.query(
      `INSERT INTO cohort_supervisors (cohort_id, supervisor_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING cohort_id`,
      [cohortId, supervisorId],
    );
    if (inserted.length) {
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'SUPERVISOR_ASSIGNED',
        entityType: 'cohort',
        entityId: cohortId,
        details: { supervisorId, ...details },
      });
    }
  }

  async enroll(actor: Actor, cohortId: string, traineeId: string): Promise<Enrollment> {
    const cohort = await this.findCohort(cohortId);
    const trainee = isUuid(traineeId) ? await this.dataSource.getRepository(User).findOneBy({ id: traineeId }) : null;
    if (!trainee) throw notFound('Trainee');
    if (trainee.role !== 'TRAINEE') throw badInput(`${trainee.name} is not a trainee.`, { field: 'traineeId' });
    // Loaded before the transaction: on PGlite, a cache miss inside it would wait for the one connection forever.
    await this.curriculum.versionModels([cohort.programVersionId]);
    try {
      return await this.dataSource.transaction(async (m) => {
        const id = await this.enrollWithin(m, actor, cohort, trainee.id);
        return m.findOneByOrFail(Enrollment, { id });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`${trainee.name} is already enrolled in ${cohort.name}.`);
      throw e;
    }
  }

  /**
   * The enrollment, its first progress and its ENROLLED entry, in the caller's transaction (enroll,
   * CSV import). The cohort's program version must already be in the curriculum cache.
   */
  async enrollWithin(
    m: EntityManager,
    actor: Actor,
    cohort: Pick<Cohort, 'id' | 'programVersionId'>,
    traineeId: string,
    details: Record<string, unknown> = {},
  ): Promise<string> {
    const enrollment = await m.save(Enrollment, m.create(Enrollment, { traineeId, cohortId: cohort.id, programVersionId: cohort.programVersionId }));
    await this.progress.recompute(m, enrollment.id);
    await this.audit.record(m, {
      actorId: actor.id,
      action: 'ENROLLED',
      entityType: 'enrollment',
      entityId: enrollment.id,
      details: { cohortId: cohort.id, traineeId, ...details },
    });
    return enrollment.id;
  }

  /**
   * WITHDRAWN, with the time and the reason in the audit log. The enrollment keeps its history and
   * stays in the exports; attempts are refused from then on. Withdrawing again changes nothing.
   */
  async withdraw(actor: Actor, enrollmentId: string, reason: string): Promise<Enrollment> {
    const why = reasonOf(reason);
    if (!isUuid(enrollmentId)) throw notFound('Enrollment');
    return this.dataSource.transaction(async (m) => {
      await this.progress.lockEnrollment(m, enrollmentId);
      const e = await m.findOneByOrFail(Enrollment, { id: enrollmentId });
      if (e.status === 'WITHDRAWN') return e;
      if (e.status === 'CERTIFIED') {
        throw conflict('This trainee holds a valid certificate. Revoke it first if they should be withdrawn.');
      }
      await m.query(`UPDATE enrollments SET status = 'WITHDRAWN', withdrawn_at = clock_timestamp() WHERE id = $1`, [e.id]);
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'ENROLLMENT_WITHDRAWN',
        entityType: 'enrollment',
        entityId: e.id,
        reason: why,
        details: { cohortId: e.cohortId, traineeId: e.traineeId, previousStatus: e.status },
      });
      return m.findOneByOrFail(Enrollment, { id: e.id });
    });
  }

  /**
   * Moves the enrollment itself to another cohort of the same program (docs/decisions/010): it keeps
   * its pinned program version, attempts, sign-offs, reviews and certificates. Moving it to the
   * cohort it is in changes nothing.
   */
  async move(actor: Actor, enrollmentId: string, cohortId: string, reason: string): Promise<Enrollment> {
    const why = reasonOf(reason);
    const current = isUuid(enrollmentId) ? await this.dataSource.getRepository(Enrollment).findOneBy({ id: enrollmentId }) : null;
    if (!current) throw notFound('Enrollment');
    const target = await this.findCohort(cohortId);
    // The pinned version never changes, so both programs can be read (and cached) before the lock.
    const [pinned, offered] = await this.curriculum.versionModels([current.programVersionId, target.programVersionId]);
    if (current.cohortId !== target.id && pinned.key !== offered.key) {
      throw badInput(`${target.name} runs "${offered.title}", not this enrollment's program "${pinned.title}".`, { field: 'cohortId' });
    }
    try {
      return await this.dataSource.transaction(async (m) => {
        await this.progress.lockEnrollment(m, current.id);
        const e = await m.findOneByOrFail(Enrollment, { id: current.id });
        if (e.cohortId === target.id) return e;
        if (await m.existsBy(Enrollment, { traineeId: e.traineeId, cohortId: target.id })) {
          throw conflict(`This trainee already has an enrollment in ${target.name}.`);
        }
        const from = await m.findOneByOrFail(Cohort, { id: e.cohortId });
        await m.update(Enrollment, { id: e.id }, { cohortId: target.id });
        await this.audit.record(m, {
          actorId: actor.id,
          action: 'ENROLLMENT_MOVED',
          entityType: 'enrollment',
          entityId: e.id,
          reason: why,
          details: { traineeId: e.traineeId, from: { cohortId: from.id, name: from.name }, to: { cohortId: target.id, name: target.name } },
        });
        return m.findOneByOrFail(Enrollment, { id: e.id });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`This trainee already has an enrollment in ${target.name}.`);
      throw e;
    }
  }

  listFor(actor: Actor): Promise<CohortRow[]> {
    const scope =
      actor.role === 'SUPERVISOR'
        ? 'WHERE c.id IN (SELECT cohort_id FROM cohort_supervisors WHERE supervisor_id = $1)'
        : actor.role === 'TRAINEE'
          ? 'WHERE c.id IN (SELECT cohort_id FROM enrollments WHERE trainee_id = $1)'
          : '';
    return this.dataSource.query(`SELECT ${COHORT_COLUMNS} FROM cohorts c ${scope} ORDER BY c.starts_on DESC, c.name`, scope ? [actor.id] : []);
  }

  async getFor(actor: Actor, id: string): Promise<Cohort | null> {
    const cohort = isUuid(id) ? await this.dataSource.getRepository(Cohort).findOneBy({ id }) : null;
    if (!cohort) return null;
    if (!(await this.access.canReadCohort(actor, cohort.id))) throw forbidden('You do not have access to this cohort.');
    return cohort;
  }

  async enrollmentFor(actor: Actor, id: string): Promise<Enrollment | null> {
    const e = isUuid(id) ? await this.dataSource.getRepository(Enrollment).findOneBy({ id }) : null;
    if (!e) return null;
    if (!(await this.access.canReadEnrollment(actor, e))) throw forbidden('This enrollment belongs to a cohort you do not have access to.');
    return e;
  }

  /**
   * The signed-in trainee's enrollments, newest first, each with its cohort and the trainee: one
   * statement where three lookups would cost three (the home page shows all of it).
   */
  async myEnrollments(actor: Actor): Promise<HomeEnrollment[]> {
    const rows: (EnrollmentRow & Record<string, unknown>)[] = await this.dataSource.query(MY_ENROLLMENTS_SQL, [actor.id]);
    return rows.map(homeEnrollmentOf);
  }

  cohortsByIds(ids: readonly string[]): Promise<CohortRow[]> {
    return this.dataSource.query(`SELECT ${COHORT_COLUMNS} FROM cohorts c WHERE c.id = ANY($1::uuid[])`, [[...ids]]);
  }

  supervisorLinks(cohortIds: readonly string[]): Promise<CohortSupervisor[]> {
    return this.dataSource
      .getRepository(CohortSupervisor)
      .find({ where: { cohortId: In([...cohortIds]) }, relations: { supervisor: true }, order: { assignedAt: 'ASC' } });
  }

  /** Enrollments of many cohorts, oldest first; a trainee only ever sees their own. */
  enrollmentsOfCohorts(actor: Actor, cohortIds: readonly string[]): Promise<EnrollmentRow[]> {
    const own = actor.role === 'TRAINEE';
    // The rows carry exactly the selected columns: no entity to build per row.
    return this.dataSource.query(
      `SELECT ${ENROLLMENT_COLUMNS} FROM enrollments e
        WHERE e.cohort_id = ANY($1::uuid[])${own ? ' AND e.trainee_id = $2' : ''}
        ORDER BY e.enrolled_at, e.id`,
      own ? [[...cohortIds], actor.id] : [[...cohortIds]],
    );
  }

  private async findCohort(id: string): Promise<Cohort> {
    const cohort = isUuid(id) ? await this.dataSource.getRepository(Cohort).findOneBy({ id }) : null;
    if (!cohort) throw notFound('Cohort');
    return cohort;
  }
}

/** A reason kept in the audit log: required, and of a size a person writes. */
function reasonOf(reason: string): string {
  const why = reason.trim();
  if (!why) throw badInput('Give a reason; it is kept in the audit log.', { field: 'reason' });
  if (why.length > 2000) throw badInput('Keep the reason under 2,000 characters.', { field: 'reason' });
  return why;
}
