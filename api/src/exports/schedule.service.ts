import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { forbidden, notFound } from '../common/errors/domain-error.js';
import { AccessService } from '../cohorts/access.service.js';
import { Cohort } from '../cohorts/entities/cohort.entity.js';
import { CurriculumService, isUuid } from '../curriculum/curriculum.service.js';
import { planSchedule, renderScheduleIcs } from './domain/cohort-schedule.js';

@Injectable()
export class ScheduleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly curriculum: CurriculumService,
    private readonly access: AccessService,
  ) {}

  /**
   * The cohort's schedule as iCalendar text, for HR, admins, the cohort's supervisors and its
   * enrolled trainees (NOT_FOUND, then FORBIDDEN, as for enrollments).
   */
  async cohortIcs(actor: Actor, cohortId: string): Promise<{ ics: string; cohort: Cohort }> {
    const cohort = isUuid(cohortId) ? await this.dataSource.getRepository(Cohort).findOneBy({ id: cohortId }) : null;
    if (!cohort) throw notFound('Cohort');
    if (!(await this.access.canReadCohort(actor, cohort.id))) throw forbidden('This schedule belongs to a cohort you do not have access to.');
    const [program] = await this.curriculum.versionModels([cohort.programVersionId]);
    const input = {
      cohortId: cohort.id,
      cohortName: cohort.name,
      startsOn: cohort.startsOn,
      timeZone: cohort.timeZone,
      programTitle: program.title,
      weeks: program.weeks.map((w) => ({
        number: w.number,
        title: w.title,
        summary: w.summary,
        activities: w.activities.map((a) => ({ title: a.title, minutes: a.minutes, requiresSignOff: a.requiresSignOff })),
      })),
    };
    return { ics: renderScheduleIcs(input, planSchedule(input)), cohort };
  }
}
