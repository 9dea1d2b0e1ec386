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

/** Enrollments recomputed per round of statements (bounds the parameter arrays and the memory). */
const RECOMPUTE_CHUNK = 5000;

interface Recomputed {
  enrollment: LockedEnrollment;
  progress: EnrollmentProgress;
  /** The current cycle has a certificate that is not revoked. */
  certified: boolean;
}

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
    const [progress] = await this.recomputeMany(m, [enrollmentId]);
    if (!progress) throw notFound('Enrollment');
    return progress;
  }

  /**
   * Progress of many enrollments at once, in a fixed number of statements however many there are
   * (a file import touches tens of thousands): one row lock statement (in id order, so concurrent
   * callers cannot deadlock), one read per kind of event, grouped by enrollment, and one write per
   * table. Rows whose values did not change are not rewritten. Returns the progress of the
   * enrollments found, in id order.
   */
  async recomputeMany(m: EntityManager, enrollmentIds: readonly string[]): Promise<EnrollmentProgress[]> {
    const ids = [...new Set(enrollmentIds)].sort();
    const results: EnrollmentProgress[] = [];
    for (let i = 0; i < ids.length; i += RECOMPUTE_CHUNK) results.push(...(await this.recomputeChunk(m, ids.slice(i, i + RECOMPUTE_CHUNK))));
    return results;
  }

  private async recomputeChunk(m: EntityManager, ids: string[]): Promise<EnrollmentProgress[]> {
    const enrollments: LockedEnrollment[] = await m.query(
      `SELECT id, program_version_id, enrolled_at, status FROM enrollments WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    if (enrollments.length === 0) return [];
    const [attempts, signOffs, loggedWork, overrides, liveCertificates] = await inOrder([
      () => m.query(
        `SELECT enrollment_id, activity_id, count(*)::int AS started,
                max(score) FILTER (WHERE submitted_at IS NOT NULL) AS best,
                min(submitted_at) FILTER (WHERE passed) AS first_passed,
                max(submitted_at) FILTER (WHERE passed) AS last_passed
           FROM attempts WHERE enrollment_id = ANY($1::uuid[]) GROUP BY enrollment_id, activity_id`,
        [ids],
      ),
      () => m.query(
        `SELECT DISTINCT ON (enrollment_id, activity_id) enrollment_id, activity_id, decision, signed_at
           FROM sign_offs WHERE enrollment_id = ANY($1::uuid[]) ORDER BY enrollment_id, activity_id, signed_at DESC, id DESC`,
        [ids],
      ),
      // Work logged piece by piece, per activity: observations, finished role-plays, and handoff
      // reviews (which belong to the activity of their mode).
      () => m.query(
        `SELECT enrollment_id, activity_id::text AS key, count(*)::int AS n, max(logged_at) AS last_at
           FROM shadowing_observations WHERE enrollment_id = ANY($1::uuid[]) GROUP BY enrollment_id, activity_id
         UNION ALL
         SELECT enrollment_id, activity_id::text, count(*) FILTER (WHERE rated_at IS NOT NULL)::int, max(rated_at)
           FROM role_play_sessions WHERE enrollment_id = ANY($1::uuid[]) GROUP BY enrollment_id, activity_id
         UNION ALL
         SELECT enrollment_id, mode, count(*)::int, max(recorded_at)
           FROM handoff_reviews WHERE enrollment_id = ANY($1::uuid[]) GROUP BY enrollment_id, mode`,
        [ids],
      ),
      () => m.query(`SELECT enrollment_id, activity_id, overridden_at FROM completion_overrides WHERE enrollment_id = ANY($1::uuid[])`, [ids]),
      () =>
        m.query(
          `SELECT e.id FROM certificates c JOIN enrollments e ON e.id = c.enrollment_id AND c.cycle = e.certification_cycle
            WHERE e.id = ANY($1::uuid[]) AND c.revoked_at IS NULL`,
          [ids],
        ),
    ]);
    // enrollment → key → row: looked up 14 times per enrollment, for tens of thousands of them.
    const byEnrollment = <T>(rows: (T & { enrollment_id: string })[], keyOf: (r: T) => string) => {
      const map = new Map<string, Map<string, T>>();
      for (const r of rows) {
        let own = map.get(r.enrollment_id);
        if (!own) map.set(r.enrollment_id, (own = new Map()));
        own.set(keyOf(r), r);
      }
      return (enrollmentId: string) => map.get(enrollmentId) ?? new Map<string, T>();
    };
    const attemptsOf = byEnrollment<{ activity_id: string; started: number; best: number | null; first_passed: Date | null; last_passed: Date | null }>(
      attempts,
      (r) => r.activity_id,
    );
    const signOffsOf = byEnrollment<{ activity_id: string; decision: 'APPROVED' | 'CHANGES_REQUESTED'; signed_at: Date }>(signOffs, (r) => r.activity_id);
    const loggedOf = byEnrollment<{ key: string; n: number; last_at: Date | null }>(loggedWork, (r) => r.key);
    const overridesOf = byEnrollment<{ activity_id: string; overridden_at: Date }>(overrides, (r) => r.activity_id);
    const certified = new Set<string>(liveCertificates.map((r: { id: string }) => r.id));

    const computed: Recomputed[] = [];
    for (const enrollment of enrollments) {
      const activities = await this.curriculum.activitiesOf(enrollment.program_version_id);
      const attemptsBy = attemptsOf(enrollment.id);
      const signOffBy = signOffsOf(enrollment.id);
      const loggedBy = loggedOf(enrollment.id);
      const overrideBy = overridesOf(enrollment.id);
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
          override: ov ? { at: toDate(ov.overridden_at)! } : null,
        };
      });
      computed.push({ enrollment, progress: computeProgress(toDate(enrollment.enrolled_at)!, events), certified: certified.has(enrollment.id) });
    }
    await this.store(m, computed);
    return computed.map((c) => c.progress);
  }

  /** Three statements for any number of enrollments; rows whose values are unchanged are left alone. */
  private async store(m: EntityManager, computed: Recomputed[]) {
    const activities = computed.flatMap(({ enrollment, progress }) => progress.activities.map((a) => ({ id: enrollment.id, a })));
    if (activities.length) {
      await m.query(
        `INSERT INTO activity_progress AS p (enrollment_id, activity_id, status, best_score, completed_at, overridden, updated_at)
         SELECT v.*, now() FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::float8[], $5::timestamptz[], $6::boolean[])
                AS v(enrollment_id, activity_id, status, best_score, completed_at, overridden)
         ON CONFLICT (enrollment_id, activity_id) DO UPDATE SET
                status = EXCLUDED.status, best_score = EXCLUDED.best_score, completed_at = EXCLUDED.completed_at,
                overridden = EXCLUDED.overridden, updated_at = EXCLUDED.updated_at
          WHERE (p.status, p.best_score, p.completed_at, p.overridden)
                IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.best_score, EXCLUDED.completed_at, EXCLUDED.overridden)`,
        [
          activities.map((x) => x.id),
          activities.map((x) => x.a.activityId),
          activities.map((x) => x.a.status),
          activities.map((x) => x.a.bestScore),
          activities.map((x) => x.a.completedAt?.toISOString() ?? null),
          activities.map((x) => x.a.overridden),
        ],
      );
    }
    const weeks = computed.flatMap(({ enrollment, progress }) => progress.weeks.map((w) => ({ id: enrollment.id, w })));
    if (weeks.length) {
      await m.query(
        `INSERT INTO enrollment_weeks AS w (enrollment_id, week_number, unlocked_at, completed_at)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::timestamptz[])
         ON CONFLICT (enrollment_id, week_number) DO UPDATE SET unlocked_at = EXCLUDED.unlocked_at, completed_at = EXCLUDED.completed_at
          WHERE (w.unlocked_at, w.completed_at) IS DISTINCT FROM (EXCLUDED.unlocked_at, EXCLUDED.completed_at)`,
        [
          weeks.map((x) => x.id),
          weeks.map((x) => x.w.number),
          weeks.map((x) => x.w.unlockedAt?.toISOString() ?? null),
          weeks.map((x) => x.w.completedAt?.toISOString() ?? null),
        ],
      );
    }
    const statusOf = ({ enrollment, progress, certified }: Recomputed) =>
      enrollment.status === 'WITHDRAWN' ? 'WITHDRAWN' : certified ? 'CERTIFIED' : progress.allCompleted ? 'COMPLETED' : 'ACTIVE';
    await m.query(
      `UPDATE enrollments e SET status = v.status, percent_complete = v.percent_complete, current_week = v.current_week, completed_at = v.completed_at
         FROM unnest($1::uuid[], $2::text[], $3::float8[], $4::int[], $5::timestamptz[]) AS v(id, status, percent_complete, current_week, completed_at)
        WHERE e.id = v.id
          AND (e.status, e.percent_complete, e.current_week, e.completed_at)
              IS DISTINCT FROM (v.status, v.percent_complete, v.current_week, v.completed_at)`,
      [
        computed.map((c) => c.enrollment.id),
        computed.map(statusOf),
        computed.map((c) => c.progress.percentComplete),
        computed.map((c) => c.progress.currentWeek),
        computed.map((c) => c.progress.completedAt?.toISOString() ?? null),
      ],
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
