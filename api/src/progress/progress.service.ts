import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { inOrder } from '../common/database/in-order.js';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { badInput, notFound } from '../common/errors/domain-error.js';
import { CurriculumService, isUuid } from '../curriculum/curriculum.service.js';
import { computeProgress, type ActivityEvents, type EnrollmentProgress } from './domain/progress-rules.js';
import { ActivityProgress } from './entities/activity-progress.entity.js';
import { CompletionOverride } from './entities/completion-override.entity.js';
import { EnrollmentWeek } from './entities/enrollment-week.entity.js';

interface LockedEnrollment {
  id: string;
  program_version_id: string;
  enrolled_at: Date;
  status: string;
}

/**
 * Keeps each enrollment's progress rows in step with its events. Every service that records an
 * event calls `recompute` with its own transaction's manager, so the event and the progress it
 * implies commit together (or not at all), and a row lock on the enrollment serialises
 * concurrent events for the same trainee.
 */
@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly curriculum: CurriculumService,
    private readonly audit: AuditService,
  ) {}

  /** Takes the enrollment's row lock for the rest of the transaction and returns the row. */
  async lockEnrollment(m: EntityManager, enrollmentId: string): Promise<LockedEnrollment> {
    // Not a uuid: no such enrollment (PostgreSQL would refuse the cast as an internal error).
    if (!isUuid(enrollmentId)) throw notFound('Enrollment');
    const [row] = await m.query(
      `SELECT id, program_version_id, enrolled_at, status FROM enrollments WHERE id = $1 FOR UPDATE`,
      [enrollmentId],
    );
    if (!row) throw notFound('Enrollment');
    return row;
  }

  async recompute(m: EntityManager, enrollmentId: string): Promise<EnrollmentProgress> {
    const enrollment = await this.lockEnrollment(m, enrollmentId);
    const activities = await this.curriculum.activitiesOf(enrollment.program_version_id);

    const [attempts, signOffs, loggedWork, overrides, liveCertificate] = await inOrder([
      () => m.query(
        `SELECT activity_id, count(*)::int AS started,
                max(score) FILTER (WHERE submitted_at IS NOT NULL) AS best,
                min(submitted_at) FILTER (WHERE passed) AS first_passed,
                max(submitted_at) FILTER (WHERE passed) AS last_passed
           FROM attempts WHERE enrollment_id = $1 GROUP BY activity_id`,
        [enrollmentId],
      ),
      () => m.query(
        `SELECT DISTINCT ON (activity_id) activity_id, decision, signed_at
           FROM sign_offs WHERE enrollment_id = $1 ORDER BY activity_id, signed_at DESC, id DESC`,
        [enrollmentId],
      ),
      // Work logged piece by piece, per activity: observations, finished role-plays, and handoff
      // reviews (which belong to the activity of their mode).
      () => m.query(
        `SELECT activity_id::text AS key, count(*)::int AS n, max(logged_at) AS last_at
           FROM shadowing_observations WHERE enrollment_id = $1 GROUP BY activity_id
         UNION ALL
         SELECT activity_id::text, count(*) FILTER (WHERE rated_at IS NOT NULL)::int, max(rated_at)
           FROM role_play_sessions WHERE enrollment_id = $1 GROUP BY activity_id
         UNION ALL
         SELECT mode, count(*)::int, max(recorded_at)
           FROM handoff_reviews WHERE enrollment_id = $1 GROUP BY mode`,
        [enrollmentId],
      ),
      () => m.query(`SELECT activity_id, overridden_at FROM completion_overrides WHERE enrollment_id = $1`, [enrollmentId]),
      () =>
        m.query(
          `SELECT 1 FROM certificates c JOIN enrollments e ON e.id = c.enrollment_id AND c.cycle = e.certification_cycle
            WHERE e.id = $1 AND c.revoked_at IS NULL`,
          [enrollmentId],
        ),
    ]);

    const attemptsBy = new Map<string, { started: number; best: number | null; first_passed: Date | null; last_passed: Date | null }>(
      attempts.map((r: { activity_id: string }) => [r.activity_id, r]),
    );
    const signOffBy = new Map<string, { decision: 'APPROVED' | 'CHANGES_REQUESTED'; signed_at: Date }>(
      signOffs.map((r: { activity_id: string }) => [r.activity_id, r]),
    );
    const loggedBy = new Map<string, { n: number; last_at: Date | null }>(loggedWork.map((r: { key: string }) => [r.key, r]));
    const overrideBy = new Map<string, Date>(
      overrides.map((r: { activity_id: string; overridden_at: Date }) => [r.activity_id, r.overridden_at]),
    );

    const events: ActivityEvents[] = activities.map((a) => {
      const at = attemptsBy.get(a.id);
      const so = signOffBy.get(a.id);
      const logKey = a.kind === 'SOLO_HANDOFFS' ? 'SOLO' : a.kind === 'SUPERVISED_HANDOFFS' ? 'SUPERVISED' : a.id;
      const logged = loggedBy.get(logKey);
      const ov = overrideBy.get(a.id);
      return {
        activityId: a.id,
        weekNumber: a.weekNumber,
        kind: a.kind,
        requiresSignOff: a.requiresSignOff,
        attemptsStarted: at?.started ?? 0,
        bestScore: at?.best ?? null,
        firstPassedAt: toDate(at?.first_passed),
        lastPassedAt: toDate(at?.last_passed),
        loggedWork: logged?.n ?? 0,
        lastLoggedWorkAt: toDate(logged?.last_at),
        requiredWork: requiredWorkOf(a.kind, a.config.minimumCount),
        latestSignOff: so ? { decision: so.decision, signedAt: toDate(so.signed_at)! } : null,
        override: ov ? { at: toDate(ov)! } : null,
      };
    });

    const progress = computeProgress(toDate(enrollment.enrolled_at)!, events);
    await this.store(m, enrollment, progress, liveCertificate.length > 0);
    return progress;
  }

  private async store(m: EntityManager, enrollment: LockedEnrollment, p: EnrollmentProgress, certified: boolean) {
    if (p.activities.length) {
      await m
        .createQueryBuilder()
        .insert()
        .into(ActivityProgress)
        .values(
          p.activities.map((a) => ({
            enrollmentId: enrollment.id,
            activityId: a.activityId,
            status: a.status,
            bestScore: a.bestScore,
            completedAt: a.completedAt,
            overridden: a.overridden,
            updatedAt: () => 'now()',
          })),
        )
        .orUpdate(['status', 'best_score', 'completed_at', 'overridden', 'updated_at'], ['enrollment_id', 'activity_id'])
        .execute();
    }
    if (p.weeks.length) {
      await m
        .createQueryBuilder()
        .insert()
        .into(EnrollmentWeek)
        .values(p.weeks.map((w) => ({ enrollmentId: enrollment.id, weekNumber: w.number, unlockedAt: w.unlockedAt, completedAt: w.completedAt })))
        .orUpdate(['unlocked_at', 'completed_at'], ['enrollment_id', 'week_number'])
        .execute();
    }
    const status =
      enrollment.status === 'WITHDRAWN' ? 'WITHDRAWN' : certified ? 'CERTIFIED' : p.allCompleted ? 'COMPLETED' : 'ACTIVE';
    await m.query(
      `UPDATE enrollments SET status = $2, percent_complete = $3, current_week = $4, completed_at = $5 WHERE id = $1`,
      [enrollment.id, status, p.percentComplete, p.currentWeek, p.completedAt],
    );
  }

  async overrideCompletion(actor: Actor, enrollmentId: string, activityKey: string, reason: string): Promise<ActivityProgress> {
    const why = reason.trim();
    if (!why) throw badInput('Give a reason for the override; it is kept in the audit log and the exports.', { field: 'reason' });
    if (why.length > 2000) throw badInput('Keep the reason under 2,000 characters.', { field: 'reason' });
    return this.dataSource.transaction(async (m) => {
      const enrollment = await this.lockEnrollment(m, enrollmentId);
      const activity = await this.curriculum.activityByKey(enrollment.program_version_id, activityKey);
      const inserted = await m.query(
        `INSERT INTO completion_overrides (enrollment_id, activity_id, reason, overridden_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (enrollment_id, activity_id) DO NOTHING RETURNING overridden_at`,
        [enrollmentId, activity.id, why, actor.id],
      );
      if (inserted.length) {
        await this.audit.record(m, {
          actorId: actor.id,
          action: 'OVERRIDE_COMPLETION',
          entityType: 'enrollment',
          entityId: enrollmentId,
          reason: why,
          details: { activityKey },
        });
      }
      await this.recompute(m, enrollmentId);
      return m.findOneByOrFail(ActivityProgress, { enrollmentId, activityId: activity.id });
    });
  }

  /** Progress rows of many enrollments in one query. */
  activityRows(enrollmentIds: readonly string[]): Promise<ActivityProgress[]> {
    if (enrollmentIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ActivityProgress).createQueryBuilder('p').where('p.enrollment_id IN (:...ids)', { ids: enrollmentIds }).getMany();
  }

  /** Admin overrides of many enrollments, oldest first, with their reasons. */
  overridesOf(enrollmentIds: readonly string[]): Promise<CompletionOverride[]> {
    if (enrollmentIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(CompletionOverride)
      .createQueryBuilder('o')
      .where('o.enrollment_id IN (:...ids)', { ids: enrollmentIds })
      .orderBy('o.overridden_at', 'ASC')
      .getMany();
  }

  weekRows(enrollmentIds: readonly string[]): Promise<EnrollmentWeek[]> {
    if (enrollmentIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(EnrollmentWeek).createQueryBuilder('w').where('w.enrollment_id IN (:...ids)', { ids: enrollmentIds }).getMany();
  }
}

/**
 * Logged work needed before the trainee's part is done: the curriculum's minimum of shadowing
 * observations; one finished role-play (or the minimum set); for handoffs, the contract's "at
 * least one review of that mode" (the minimum there is the certification's, not the sign-off's).
 */
function requiredWorkOf(kind: string, minimumCount: number | undefined): number {
  if (kind === 'SHADOWING' || kind === 'ROLE_PLAY') return Math.max(1, minimumCount ?? 1);
  return 1;
}

function toDate(v: Date | string | null | undefined): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(v);
}
