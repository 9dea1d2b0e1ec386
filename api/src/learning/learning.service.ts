import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { badInput, conflict, DomainError, ErrorCode, forbidden, notFound } from '../common/errors/domain-error.js';
import { AccessService } from '../cohorts/access.service.js';
import { Enrollment } from '../cohorts/entities/enrollment.entity.js';
import { CurriculumService, isUuid } from '../curriculum/curriculum.service.js';
import type { ActivityDefinition, ActivityKind } from '../curriculum/domain/program-definition.js';
import type { Activity } from '../curriculum/entities/activity.entity.js';
import { ActivityProgress } from '../progress/entities/activity-progress.entity.js';
import { ProgressService } from '../progress/progress.service.js';
import { AnswerError, gradeAttempt, prepareAttempt, type AttemptAnswer } from './domain/activity-graders.js';
import { Attempt } from './entities/attempt.entity.js';

const MAX_ANSWERS = 200;
const MAX_ANSWER_LENGTH = 20_000;

@Injectable()
export class LearningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly curriculum: CurriculumService,
    private readonly progress: ProgressService,
    private readonly access: AccessService,
  ) {}

  async start(actor: Actor, enrollmentId: string, activityKey: string): Promise<Attempt> {
    const enrollment = await this.access.ownActiveEnrollment(actor, enrollmentId, 'take its activities');
    const activity = await this.curriculum.activityByKey(enrollment.programVersionId, activityKey);
    const version = await this.curriculum.versionRow(enrollment.programVersionId);
    const prepared = this.run(() => prepareAttempt(this.definitionOf(activity), version.content, randomUUID()));
    return this.dataSource.transaction(async (m) => {
      await this.progress.lockEnrollment(m, enrollment.id);
      const state = await m.findOneBy(ActivityProgress, { enrollmentId: enrollment.id, activityId: activity.id });
      if (!state || state.status === 'LOCKED') {
        throw forbidden(`Week ${activity.weekNumber} is locked: finish every activity of week ${activity.weekNumber - 1} first.`);
      }
      const attempt = await m.save(
        Attempt,
        m.create(Attempt, {
          enrollmentId: enrollment.id,
          activityId: activity.id,
          prompt: prepared.prompt,
          secret: prepared.secret,
          startedAt: () => 'clock_timestamp()',
        } as never),
      );
      await this.progress.recompute(m, enrollment.id);
      return m.findOneByOrFail(Attempt, { id: (attempt as Attempt).id });
    });
  }

  async submit(actor: Actor, attemptId: string, answers: AttemptAnswer[]): Promise<Attempt> {
    if (answers.length > MAX_ANSWERS) throw badInput(`Send at most ${MAX_ANSWERS} answers.`);
    if (answers.some((a) => a.value.length > MAX_ANSWER_LENGTH || a.questionKey.length > 200)) {
      throw badInput(`An answer can be at most ${MAX_ANSWER_LENGTH.toLocaleString('en')} characters.`);
    }
    const found = isUuid(attemptId) ? await this.dataSource.getRepository(Attempt).findOneBy({ id: attemptId }) : null;
    if (!found) throw notFound('Attempt');
    const enrollment = await this.dataSource.getRepository(Enrollment).findOneByOrFail({ id: found.enrollmentId });
    if (enrollment.traineeId !== actor.id) throw forbidden('You can only submit your own attempts.');
    const activity = await this.curriculum.activityById(found.activityId);
    if (!activity) throw notFound('Activity');
    const version = await this.curriculum.versionRow(enrollment.programVersionId);

    return this.dataSource.transaction(async (m) => {
      await this.progress.lockEnrollment(m, enrollment.id);
      if (enrollment.status === 'WITHDRAWN') throw forbidden('This enrollment has been withdrawn.');
      const [row] = await m.query(
        `SELECT submitted_at, extract(epoch FROM clock_timestamp() - started_at)::float8 AS elapsed FROM attempts WHERE id = $1 FOR UPDATE`,
        [found.id],
      );
      if (row.submitted_at) throw conflict('This attempt was already submitted. Start a new attempt to try again.');
      const result = this.run(() =>
        gradeAttempt(this.definitionOf(activity), version.content, { prompt: found.prompt, secret: found.secret }, answers, row.elapsed),
      );
      await m.query(
        `UPDATE attempts SET submitted_at = clock_timestamp(), answers = $2, score = $3, passed = $4, feedback = $5, review = $6 WHERE id = $1`,
        [found.id, JSON.stringify(answers), result.score, result.passed, JSON.stringify(result.feedback), JSON.stringify(result.review ?? null)],
      );
      await this.progress.recompute(m, enrollment.id);
      return m.findOneByOrFail(Attempt, { id: found.id });
    });
  }

  /** One attempt, for whoever may read its enrollment. */
  async attemptFor(actor: Actor, attemptId: string): Promise<Attempt | null> {
    const attempt = isUuid(attemptId) ? await this.dataSource.getRepository(Attempt).findOneBy({ id: attemptId }) : null;
    if (!attempt) return null;
    await this.access.readableEnrollment(actor, attempt.enrollmentId);
    return attempt;
  }

  /** The actor's attempts at one activity of one enrollment, newest first. */
  async attemptsOf(actor: Actor, enrollmentId: string, activityKey: string): Promise<Attempt[]> {
    const enrollment = await this.access.readableEnrollment(actor, enrollmentId);
    const activity = await this.curriculum.activityByKey(enrollment.programVersionId, activityKey);
    return this.dataSource
      .getRepository(Attempt)
      .find({ where: { enrollmentId: enrollment.id, activityId: activity.id }, order: { startedAt: 'DESC' } });
  }

  /**
   * The attempts of these enrollments at activities of one kind, newest first, with their material
   * (prompt, answers, review), in one statement (Enrollment.attempts when the material is asked
   * for; without it the enrollment's timeline carries them). Whoever may read the enrollment may
   * read its attempts, and the parent field that produced the enrollments has checked that already.
   */
  attemptsOfKind(enrollmentIds: readonly string[], kind: ActivityKind): Promise<Attempt[]> {
    return this.dataSource
      .getRepository(Attempt)
      .createQueryBuilder('t')
      .innerJoin('t.activity', 'a')
      .where('t.enrollmentId IN (:...ids)', { ids: [...enrollmentIds] })
      .andWhere('a.kind = :kind', { kind })
      .orderBy('t.startedAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .getMany();
  }

  private definitionOf(a: Activity): ActivityDefinition {
    return {
      key: a.key,
      kind: a.kind,
      title: a.title,
      summary: a.summary,
      requiresSignOff: a.requiresSignOff,
      minutes: a.minutes,
      config: a.config,
    };
  }

  /** Graders speak AnswerError for the trainee's mistakes; that is the contract's BAD_USER_INPUT. */
  private run<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof AnswerError) throw new DomainError(ErrorCode.BadInput, e.message);
      throw e;
    }
  }
}
