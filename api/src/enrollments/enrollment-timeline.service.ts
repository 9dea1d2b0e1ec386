import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { statusColumns, statusJoins, type StatusRow } from '../certification/certification.service.js';
import { HOME_ENROLLMENT_COLUMNS, HOME_ENROLLMENT_FROM, homeEnrollmentOf, type EnrollmentRow, type HomeEnrollment } from '../cohorts/cohorts.service.js';
import type { Actor, SessionClaims } from '../common/auth/actor.js';
import { hydrate } from '../common/database/hydrate.js';
import { prepared } from '../common/database/prepared-statements.js';
import { User } from '../identity/entities/user.entity.js';
import { SESSION_ACTOR_SQL, sessionActor } from '../identity/sessions.service.js';
import { Attempt } from '../learning/entities/attempt.entity.js';
import { ActivityProgress } from '../progress/entities/activity-progress.entity.js';
import { EnrollmentWeek } from '../progress/entities/enrollment-week.entity.js';
import { SignOff } from '../supervision/entities/sign-off.entity.js';

/** What the trainee's timeline shows of one enrollment, beside the program it is pinned to. */
export interface EnrollmentTimeline {
  enrollmentId: string;
  activities: ActivityProgress[];
  weeks: EnrollmentWeek[];
  /** Newest first: the first one per activity decides it. */
  signOffs: SignOff[];
  /** The supervisors who signed them: the public fields only, never credentials. */
  supervisors: User[];
  /** Every attempt, newest first, without its material (prompt, answers, review), and its activity's kind. */
  attempts: { kind: string; attempt: Attempt }[];
}

interface TimelineRow {
  enrollment_id: string;
  activities: Record<string, unknown>[];
  weeks: Record<string, unknown>[];
  sign_offs: Record<string, unknown>[];
  supervisors: Record<string, unknown>[];
  attempts: (Record<string, unknown> & { kind: string })[];
}

/**
 * One statement for the timelines of many enrollments. The home page asks for the progress of
 * every activity, the weeks, the sign-offs with who gave them and (for the speed-reading trend)
 * every attempt's summary; five finds would cost five statements (and a sixth for the supervisors) per request,
 * however the rows are batched. On a 2-core host every statement's round trip (two system calls
 * each way) is a visible share of a home request.
 */
/**
 * The timeline of enrollment `e` as TimelineRow's columns (but enrollment_id). json, not jsonb:
 * the rows only travel to Node, and building binary jsonb to print it as text again made the
 * trainee home's statement about a fifth dearer (0.39 → 0.32 ms per execution in pgbench).
 */
const timelineColumns = (e: string) => `
  coalesce((SELECT json_agg(p) FROM activity_progress p WHERE p.enrollment_id = ${e}.id), '[]') AS activities,
  coalesce((SELECT json_agg(w) FROM enrollment_weeks w WHERE w.enrollment_id = ${e}.id), '[]') AS weeks,
  coalesce((SELECT json_agg(s ORDER BY s.signed_at DESC, s.id DESC) FROM sign_offs s WHERE s.enrollment_id = ${e}.id), '[]') AS sign_offs,
  coalesce((SELECT json_agg(json_build_object('id', su.id, 'email', su.email, 'name', su.name, 'role', su.role,
                                        'employee_id', su.employee_id, 'active', su.active)) FROM users su
             WHERE su.id IN (SELECT s.supervisor_id FROM sign_offs s WHERE s.enrollment_id = ${e}.id)), '[]') AS supervisors,
  coalesce((SELECT json_agg(json_build_object('id', t.id, 'enrollment_id', t.enrollment_id, 'activity_id', t.activity_id,
                                        'started_at', t.started_at, 'submitted_at', t.submitted_at, 'score', t.score,
                                        'passed', t.passed, 'kind', a.kind) ORDER BY t.started_at DESC, t.id DESC)
              FROM attempts t JOIN activities a ON a.id = t.activity_id WHERE t.enrollment_id = ${e}.id), '[]') AS attempts`;

const TIMELINE_SQL = `SELECT e.id AS enrollment_id, ${timelineColumns('e')} FROM unnest($1::uuid[]) AS e(id)`;

/**
 * The trainee home in one statement: the trainee's enrollments with cohort and trainee
 * (CohortsService's columns), each enrollment's timeline and its certification status row
 * (CertificationService.statusFromRows). It was two statements (the enrollments, then the
 * timelines of their ids), and the second, keyed by an array, was planned afresh on every
 * execution: a generic plan estimates `unnest($1)` at 10 rows against a custom plan's 1, so
 * PostgreSQL never settled on it (0.7–0.9 ms of planning in its ~2.2 ms per home request). Keyed by
 * the trainee, the generic plan's estimate is the custom one's, and from the sixth execution on a
 * connection it is only executed.
 *
 * The request's session check is the first part of the same statement (decision 021): the
 * enrollments are those of the actor behind an open session ($1) of an active user ($2), joined
 * to it, so no row at all means the session is not valid, and one row without an enrollment means
 * a valid session with nothing to show. The guard's own statement would be a second round trip
 * for every home page.
 */
const HOME_SQL = prepared(`
  WITH actor AS (${SESSION_ACTOR_SQL})
  SELECT a.id AS actor_id, a.role AS actor_role, a.name AS actor_name, h.*
    FROM actor a LEFT JOIN LATERAL (
      SELECT ${HOME_ENROLLMENT_COLUMNS}, e.id AS enrollment_id, e.enrolled_at AS home_order, ${timelineColumns('e')}, ${statusColumns('e')}
        FROM ${HOME_ENROLLMENT_FROM} ${statusJoins('e')}
       WHERE e.trainee_id = a.id) h ON true
   ORDER BY h.home_order DESC`);

interface HomeActorRow {
  actor_id: string;
  actor_role: Actor['role'];
  actor_name: string;
  enrollment_id: string | null;
}

/** The trainee home's enrollments with what their pages show of each, from one statement. */
export interface TraineeHomeRows {
  /** Who the session belongs to; null when it is not an open session of an active account. */
  actor: Actor | null;
  enrollments: HomeEnrollment[];
  timelines: EnrollmentTimeline[];
  statusRows: StatusRow[];
}

@Injectable()
export class EnrollmentTimelineService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async timelines(enrollmentIds: readonly string[]): Promise<EnrollmentTimeline[]> {
    if (enrollmentIds.length === 0) return [];
    const rows: TimelineRow[] = await this.dataSource.query(TIMELINE_SQL, [[...enrollmentIds]]);
    return rows.map((r) => this.timelineOf(r));
  }

  /**
   * The enrollments of the session's trainee, newest first, with their timelines and certification
   * status rows, and the session's actor; the statement checks the session as the guard would.
   */
  async home(session: SessionClaims): Promise<TraineeHomeRows> {
    const rows: (HomeActorRow & TimelineRow & StatusRow & EnrollmentRow & Record<string, unknown>)[] = await this.dataSource.query(HOME_SQL, [
      session.sessionId,
      session.userId,
    ]);
    if (rows.length === 0) return { actor: null, enrollments: [], timelines: [], statusRows: [] };
    const actor = sessionActor({ id: rows[0].actor_id, role: rows[0].actor_role, name: rows[0].actor_name }, session);
    const enrolled = rows.filter((r) => r.enrollment_id !== null);
    return { actor, enrollments: enrolled.map(homeEnrollmentOf), timelines: enrolled.map((r) => this.timelineOf(r)), statusRows: enrolled };
  }

  private timelineOf(r: TimelineRow): EnrollmentTimeline {
    const ds = this.dataSource;
    return {
      enrollmentId: r.enrollment_id,
      activities: r.activities.map((raw) => hydrate(ds, ActivityProgress, raw)),
      weeks: r.weeks.map((raw) => hydrate(ds, EnrollmentWeek, raw)),
      signOffs: r.sign_offs.map((raw) => hydrate(ds, SignOff, raw)),
      supervisors: r.supervisors.map((raw) => hydrate(ds, User, raw)),
      attempts: r.attempts.map((raw) => ({ kind: raw.kind, attempt: hydrate(ds, Attempt, raw) })),
    };
  }
}
