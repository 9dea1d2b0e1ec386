import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { badInput, forbidden } from '../common/errors/domain-error.js';
import { AccessService } from '../cohorts/access.service.js';
import { CurriculumService } from '../curriculum/curriculum.service.js';
import { ProgressService } from '../progress/progress.service.js';
import { scoreScorecard } from '../qa/domain/scorecard.js';
import { reviewProblems, scorecardProblems } from './domain/review-validation.js';
import type { HandoffReviewInput, SignOffInput } from './dto/supervision.model.js';
import { HandoffReview } from './entities/handoff-review.entity.js';
import { SignOff } from './entities/sign-off.entity.js';

@Injectable()
export class SupervisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly curriculum: CurriculumService,
    private readonly progress: ProgressService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async signOff(actor: Actor, input: SignOffInput): Promise<SignOff> {
    const enrollment = await this.access.supervisableEnrollment(actor, input.enrollmentId);
    const activity = await this.curriculum.activityByKey(enrollment.programVersionId, input.activityKey);
    if (!activity.requiresSignOff) {
      throw badInput(`"${activity.title}" completes on a passing attempt and takes no sign-off.`, { field: 'activityKey' });
    }
    const comment = input.comment?.trim() || null;
    if (input.decision === 'CHANGES_REQUESTED' && !comment) {
      throw badInput('Say what needs to change: a comment is required when requesting changes.', { field: 'comment' });
    }
    if (comment && comment.length > 5000) throw badInput('Keep the comment under 5,000 characters.', { field: 'comment' });
    return this.dataSource.transaction(async (m) => {
      await this.assertActive(m, enrollment.id);
      const signOff = await m.save(
        SignOff,
        m.create(SignOff, {
          enrollmentId: enrollment.id,
          activityId: activity.id,
          supervisorId: actor.id,
          decision: input.decision,
          comment,
        }),
      );
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'SIGN_OFF',
        entityType: 'enrollment',
        entityId: enrollment.id,
        reason: comment,
        details: { activityKey: activity.key, decision: input.decision, signOffId: signOff.id },
      });
      await this.progress.recompute(m, enrollment.id);
      return m.findOneByOrFail(SignOff, { id: signOff.id });
    });
  }

  /** Idempotent on (enrollment, externalId): recording the same conversation again replaces it. */
  async recordHandoffReview(actor: Actor, input: HandoffReviewInput): Promise<HandoffReview> {
    const enrollment = await this.access.supervisableEnrollment(actor, input.enrollmentId);
    const items = await this.curriculum.scorecardOf(enrollment.programVersionId);
    const answers = input.scorecard ?? null;
    const problems = [...reviewProblems(input), ...(answers ? scorecardProblems(items, answers) : [])];
    if (problems.length) throw badInput(problems.map((p) => p.message).join(' '), { field: problems[0].field });
    const scorecard = answers ? answers.map((a) => ({ key: a.key, passed: a.passed, note: a.note?.trim() || null })) : null;
    const qa = answers ? scoreScorecard(items, answers.map((a) => ({ key: a.key, passed: a.passed }))) : null;
    return this.dataSource.transaction(async (m) => {
      await this.assertActive(m, enrollment.id);
      await m
        .createQueryBuilder()
        .insert()
        .into(HandoffReview)
        .values({
          enrollmentId: enrollment.id,
          externalId: input.externalId.trim(),
          mode: input.mode,
          handedOffAt: input.handedOffAt,
          firstResponseAt: input.firstResponseAt,
          contextItemsAvailable: input.contextItemsAvailable,
          contextItemsUsed: input.contextItemsUsed,
          customerRepeated: input.customerRepeated,
          csat: input.csat ?? null,
          resolved: input.resolved,
          notes: input.notes?.trim() || null,
          scorecard, // jsonb: TypeORM serialises it
          qaScore: qa?.score ?? null,
          qaPassed: qa?.passed ?? null,
          reviewerId: actor.id,
          recordedAt: () => 'clock_timestamp()',
        })
        .orUpdate(
          [
            'mode',
            'handed_off_at',
            'first_response_at',
            'context_items_available',
            'context_items_used',
            'customer_repeated',
            'csat',
            'resolved',
            'notes',
            'scorecard',
            'qa_score',
            'qa_passed',
            'reviewer_id',
            'recorded_at',
          ],
          ['enrollment_id', 'external_id'],
        )
        .execute();
      const review = await m.findOneByOrFail(HandoffReview, { enrollmentId: enrollment.id, externalId: input.externalId.trim() });
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'HANDOFF_REVIEW_RECORDED',
        entityType: 'enrollment',
        entityId: enrollment.id,
        details: { externalId: review.externalId, mode: review.mode, ...(qa ? { qaScore: qa.score, qaPassed: qa.passed } : {}) },
      });
      await this.progress.recompute(m, enrollment.id);
      return review;
    });
  }

  signOffsOf(enrollmentIds: readonly string[]): Promise<SignOff[]> {
    return this.dataSource.getRepository(SignOff).find({ where: { enrollmentId: In([...enrollmentIds]) }, order: { signedAt: 'DESC' } });
  }

  reviewsOf(enrollmentIds: readonly string[]): Promise<HandoffReview[]> {
    return this.dataSource
      .getRepository(HandoffReview)
      .find({ where: { enrollmentId: In([...enrollmentIds]) }, order: { handedOffAt: 'DESC' } });
  }

  /** Locks the enrollment; a withdrawn trainee's record stays as it was (and in the exports). */
  private async assertActive(m: EntityManager, enrollmentId: string): Promise<void> {
    const locked = await this.progress.lockEnrollment(m, enrollmentId);
    if (locked.status === 'WITHDRAWN') throw forbidden('This trainee has been withdrawn; their record can no longer change.');
  }
}
