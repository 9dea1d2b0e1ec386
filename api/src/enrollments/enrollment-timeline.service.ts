import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { STATUS_SQL, type StatusRow } from '../certification/certification.service.js';
import { hydrate } from '../common/database/hydrate.js';
import { prepared } from '../common/database/prepared-statements.js';
import { User } from '../identity/entities/user.entity.js';
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
const TIMELINE_SQL = `
  SELECT e.id AS enrollment_id,
         coalesce((SELECT jsonb_agg(to_jsonb(p)) FROM activity_progress p WHERE p.enrollment_id = e.id), '[]') AS activities,
         coalesce((SELECT jsonb_agg(to_jsonb(w)) FROM enrollment_weeks w WHERE w.enrollment_id = e.id), '[]') AS weeks,
         coalesce((SELECT jsonb_agg(to_jsonb(s) ORDER BY s.signed_at DESC, s.id DESC) FROM sign_offs s WHERE s.enrollment_id = e.id), '[]') AS sign_offs,
         coalesce((SELECT jsonb_agg(jsonb_build_object('id', u.id, 'email', u.email, 'name', u.name, 'role', u.role,
                                               'employee_id', u.employee_id, 'active', u.active)) FROM users u
                    WHERE u.id IN (SELECT s.supervisor_id FROM sign_offs s WHERE s.enrollment_id = e.id)), '[]') AS supervisors,
         coalesce((SELECT jsonb_agg(jsonb_build_object('id', t.id, 'enrollment_id', t.enrollment_id, 'activity_id', t.activity_id,
                                               'started_at', t.started_at, 'submitted_at', t.submitted_at, 'score', t.score,
                                               'passed', t.passed, 'kind', a.kind) ORDER BY t.started_at DESC, t.id DESC)
                     FROM attempts t JOIN activities a ON a.id = t.activity_id WHERE t.enrollment_id = e.id), '[]') AS attempts
    FROM unnest($1::uuid[]) AS e(id)`;

/** The trainee home's timelines and certification status in one statement (timelinesWithStatus). */
const TIMELINE_WITH_STATUS_SQL = prepared(`
  SELECT t.*, s.reviews, s.ttfr, s.context_pct, s.repeat_pct, s.csat_mean, s.csat_count, s.resolution_pct, s.percent_complete, s.certificate
    FROM (${TIMELINE_SQL}) t LEFT JOIN (${STATUS_SQL}) s ON s.enrollment_id = t.enrollment_id`);

@Injectable()
export class EnrollmentTimelineService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async timelines(enrollmentIds: readonly string[]): Promise<EnrollmentTimeline[]> {
    if (enrollmentIds.length === 0) return [];
    const rows: TimelineRow[] = await this.dataSource.query(TIMELINE_SQL, [[...enrollmentIds]]);
    return rows.map((r) => this.timelineOf(r));
  }

  /**
   * The timelines and the certification status rows (CertificationService.statusFromRows) of the
   * same enrollments, in one statement: the trainee home shows both, and each statement costs a
   * round trip to the server.
   */
  async timelinesWithStatus(enrollmentIds: readonly string[]): Promise<{ timelines: EnrollmentTimeline[]; statusRows: StatusRow[] }> {
    if (enrollmentIds.length === 0) return { timelines: [], statusRows: [] };
    const rows: (TimelineRow & StatusRow)[] = await this.dataSource.query(TIMELINE_WITH_STATUS_SQL, [[...enrollmentIds]]);
    return { timelines: rows.map((r) => this.timelineOf(r)), statusRows: rows };
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
