import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { badInput, forbidden } from '../common/errors/domain-error.js';
import { AccessService } from '../cohorts/access.service.js';
import { CurriculumService } from '../curriculum/curriculum.service.js';
import { ActivityProgress } from '../progress/entities/activity-progress.entity.js';
import { ProgressService } from '../progress/progress.service.js';
import { observationProblems, type ObservationInput } from './domain/shadowing.js';
import { ShadowingObservation } from './entities/shadowing-observation.entity.js';

@Injectable()
export class ShadowingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly curriculum: CurriculumService,
    private readonly progress: ProgressService,
    private readonly access: AccessService,
  ) {}

  async log(actor: Actor, enrollmentId: string, activityKey: string, input: ObservationInput): Promise<ShadowingObservation> {
    const enrollment = await this.access.ownActiveEnrollment(actor, enrollmentId, 'log what they watched');
    const activity = await this.curriculum.activityByKey(enrollment.programVersionId, activityKey);
    if (activity.kind !== 'SHADOWING') throw badInput(`"${activity.title}" is not a shadowing activity.`, { field: 'activityKey' });
    return this.dataSource.transaction(async (m) => {
      await this.progress.lockEnrollment(m, enrollment.id);
      const [{ now }] = await m.query(`SELECT clock_timestamp() AS now`);
      const problems = observationProblems(input, new Date(now));
      if (problems.length) throw badInput(problems.map((p) => p.message).join(' '), { field: problems[0].field });
      const state = await m.findOneBy(ActivityProgress, { enrollmentId: enrollment.id, activityId: activity.id });
      if (!state || state.status === 'LOCKED') throw forbidden(`Week ${activity.weekNumber} is locked.`);
      const saved = await m.save(
        ShadowingObservation,
        m.create(ShadowingObservation, {
          enrollmentId: enrollment.id,
          activityId: activity.id,
          observedAt: input.observedAt,
          situation: input.situation.trim(),
          didWell: input.didWell.trim(),
          wouldChange: input.wouldChange.trim(),
        }),
      );
      await this.progress.recompute(m, enrollment.id);
      return m.findOneByOrFail(ShadowingObservation, { id: saved.id });
    });
  }

  /** Observations of one shadowing activity, oldest first, for whoever may read the enrollment. */
  async list(actor: Actor, enrollmentId: string, activityKey: string): Promise<ShadowingObservation[]> {
    const enrollment = await this.access.readableEnrollment(actor, enrollmentId);
    const activity = await this.curriculum.activityByKey(enrollment.programVersionId, activityKey);
    return this.dataSource
      .getRepository(ShadowingObservation)
      .find({ where: { enrollmentId: enrollment.id, activityId: activity.id }, order: { observedAt: 'ASC', loggedAt: 'ASC' } });
  }
}
