// The hand-written SQL each benchmark compares the API with (docs/PERFORMANCE.md): what the same
// answer costs when PostgreSQL does all of it in one statement and nothing sits in between.

const iso = (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** One enrollment's SOLO review metrics in the current certification cycle (as certification.service.ts). */
const soloOf = (enrollment) => `
  SELECT count(*)::int AS reviews,
         avg(extract(epoch FROM r.first_response_at - r.handed_off_at))::float8 AS ttfr,
         (100 * sum(r.context_items_used)::numeric / nullif(sum(r.context_items_available), 0))::float8 AS context_pct,
         (100 * count(*) FILTER (WHERE r.customer_repeated)::numeric / nullif(count(*), 0))::float8 AS repeat_pct,
         avg(r.csat)::float8 AS csat_mean, count(r.csat)::int AS csat_count,
         (100 * count(*) FILTER (WHERE r.resolved)::numeric / nullif(count(*), 0))::float8 AS resolution_pct
    FROM handoff_reviews r
   WHERE r.enrollment_id = ${enrollment}.id AND r.mode = 'SOLO' AND r.handed_off_at >= coalesce(${enrollment}.cycle_started_at, '-infinity')`;

const signOffJson = (s, a, su) =>
  `json_build_object('id', ${s}.id, 'decision', ${s}.decision, 'comment', ${s}.comment, 'signedAt', ${s}.signed_at,
     'activity', json_build_object('key', ${a}.key, 'title', ${a}.title), 'supervisor', json_build_object('id', ${su}.id, 'name', ${su}.name))`;

/**
 * The trainee home (web/app/lib/enrollment.server.ts, query TraineeHome with the EnrollmentDetail
 * fragment) for trainee $1, as one JSON document: every enrollment with its trainee, cohort,
 * program and weeks, each week's activities with progress and latest sign-off, the certification
 * (metrics evaluated against the version's targets, eligibility, certificate), the sign-offs and
 * the speed-reading attempts.
 */
export const DASHBOARD_SQL = `
SELECT coalesce(json_agg(x.doc ORDER BY x.enrolled_at DESC), '[]'::json) AS enrollments FROM (
  SELECT e.enrolled_at, json_build_object(
    'id', e.id, 'status', e.status, 'percentComplete', e.percent_complete, 'enrolledAt', e.enrolled_at, 'currentWeek', e.current_week,
    'trainee', json_build_object('id', u.id, 'name', u.name, 'employeeId', u.employee_id),
    'cohort', json_build_object('id', c.id, 'name', c.name, 'startsOn', c.starts_on, 'timeZone', c.time_zone),
    'program', json_build_object('id', pv.id, 'key', p.key, 'version', pv.version, 'title', pv.title, 'description', pv.description,
       'minSoloHandoffs', pv.min_solo_handoffs,
       'weeks', (SELECT json_agg(json_build_object('number', w.number, 'title', w.title, 'summary', w.summary) ORDER BY w.number)
                   FROM weeks w WHERE w.program_version_id = pv.id)),
    'weeks', (SELECT json_agg(json_build_object('number', w.number, 'unlocked', ew.unlocked_at IS NOT NULL, 'completed', ew.completed_at IS NOT NULL,
        'activities', (SELECT json_agg(json_build_object(
              'status', coalesce(ap.status, 'LOCKED'), 'bestScore', ap.best_score, 'completedAt', ap.completed_at, 'overridden', coalesce(ap.overridden, false),
              'activity', json_build_object('id', a.id, 'key', a.key, 'kind', a.kind, 'title', a.title, 'summary', a.summary, 'minutes', a.minutes,
                                            'weekNumber', a.week_number, 'requiresSignOff', a.requires_sign_off),
              'latestSignOff', (SELECT ${signOffJson('s', 'a', 'su')} FROM sign_offs s JOIN users su ON su.id = s.supervisor_id
                                 WHERE s.enrollment_id = e.id AND s.activity_id = a.id ORDER BY s.signed_at DESC, s.id DESC LIMIT 1)
            ) ORDER BY a.position)
            FROM activities a LEFT JOIN activity_progress ap ON ap.enrollment_id = e.id AND ap.activity_id = a.id
           WHERE a.week_id = w.id)
      ) ORDER BY w.number)
      FROM weeks w LEFT JOIN enrollment_weeks ew ON ew.enrollment_id = e.id AND ew.week_number = w.number
     WHERE w.program_version_id = e.program_version_id),
    'certification', json_build_object(
       'soloHandoffs', solo.reviews,
       'eligible', solo.reviews >= pv.min_solo_handoffs AND done.completed = done.total AND m.all_met,
       'unmet', m.unmet,
       'metrics', m.metrics,
       'certificate', (SELECT json_build_object('id', ct.id, 'code', ct.code, 'issuedAt', ct.issued_at, 'revokedAt', ct.revoked_at)
                         FROM certificates ct WHERE ct.enrollment_id = e.id AND ct.cycle = e.certification_cycle)),
    'signOffs', (SELECT coalesce(json_agg(${signOffJson('s', 'a', 'su')} ORDER BY s.signed_at DESC, s.id DESC), '[]'::json)
                   FROM sign_offs s JOIN activities a ON a.id = s.activity_id JOIN users su ON su.id = s.supervisor_id
                  WHERE s.enrollment_id = e.id),
    'speedReadingAttempts', (SELECT coalesce(json_agg(json_build_object('id', t.id, 'startedAt', t.started_at, 'submittedAt', t.submitted_at,
                                 'score', t.score, 'passed', t.passed,
                                 'durationSeconds', extract(epoch FROM t.submitted_at - t.started_at), 'activity', json_build_object('key', a.key))
                               ORDER BY t.started_at DESC, t.id DESC), '[]'::json)
                               FROM attempts t JOIN activities a ON a.id = t.activity_id
                              WHERE t.enrollment_id = e.id AND a.kind = 'SPEED_READING')
  ) AS doc
  FROM enrollments e
  JOIN users u ON u.id = e.trainee_id
  JOIN cohorts c ON c.id = e.cohort_id
  JOIN program_versions pv ON pv.id = e.program_version_id
  JOIN programs p ON p.id = pv.program_id
  CROSS JOIN LATERAL (${soloOf('e')}) solo
  CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE ap.status = 'COMPLETED') AS completed,
                             (SELECT count(*) FROM activities a WHERE a.program_version_id = e.program_version_id) AS total
                        FROM activity_progress ap WHERE ap.enrollment_id = e.id) done
  CROSS JOIN LATERAL (
    SELECT bool_and(v.met) AS all_met,
           coalesce(json_agg(v.code) FILTER (WHERE NOT v.met), '[]'::json) AS unmet,
           json_agg(json_build_object('code', v.code, 'label', v.code, 'value', v.value, 'threshold', v.threshold, 'comparator', v.comparator,
                                      'met', v.met, 'sampleSize', v.n, 'unit', v.unit)) AS metrics
      FROM (SELECT t->>'code' AS code, t->>'comparator' AS comparator, t->>'unit' AS unit, (t->>'threshold')::float8 AS threshold, val.value, val.n,
                   coalesce(CASE t->>'comparator' WHEN 'LT' THEN val.value < (t->>'threshold')::float8 WHEN 'LTE' THEN val.value <= (t->>'threshold')::float8
                                                  WHEN 'GT' THEN val.value > (t->>'threshold')::float8 WHEN 'GTE' THEN val.value >= (t->>'threshold')::float8 END, false) AS met
              FROM jsonb_array_elements(pv.targets) t
              CROSS JOIN LATERAL (SELECT CASE t->>'code'
                                           WHEN 'TIME_TO_FIRST_RESPONSE' THEN solo.ttfr WHEN 'CONTEXT_UTILIZATION' THEN solo.context_pct
                                           WHEN 'CUSTOMER_REPEAT_RATE' THEN solo.repeat_pct WHEN 'HANDOFF_CSAT' THEN solo.csat_mean
                                           WHEN 'RESOLUTION_RATE' THEN solo.resolution_pct END AS value,
                                         CASE WHEN t->>'code' = 'HANDOFF_CSAT' THEN solo.csat_count ELSE solo.reviews END AS n) val) v) m
  WHERE e.trainee_id = $1
) x`;

/** Certification of every enrollment: one GROUP BY over the SOLO reviews of the current cycle. */
export const CERTIFICATION_SQL = `
  SELECT r.enrollment_id,
         count(*)::int AS reviews,
         avg(extract(epoch FROM r.first_response_at - r.handed_off_at))::float8 AS ttfr,
         (100 * sum(r.context_items_used)::numeric / nullif(sum(r.context_items_available), 0))::float8 AS context_pct,
         (100 * count(*) FILTER (WHERE r.customer_repeated)::numeric / count(*))::float8 AS repeat_pct,
         avg(r.csat)::float8 AS csat_mean,
         count(r.csat)::int AS csat_count,
         (100 * count(*) FILTER (WHERE r.resolved)::numeric / count(*))::float8 AS resolution_pct
    FROM handoff_reviews r JOIN enrollments e ON e.id = r.enrollment_id
   WHERE r.mode = 'SOLO' AND r.handed_off_at >= coalesce(e.cycle_started_at, '-infinity')
   GROUP BY r.enrollment_id`;

const num = (expr) => `round((${expr})::numeric, 2)`;

/**
 * The completions export (exports.service.ts completionsSql + domain/completions-csv.ts) as one
 * SELECT in COMPLETION_COLUMNS order, formatted by PostgreSQL: ISO 8601 UTC timestamps, numbers
 * to two decimals. Used as COPY (…) TO STDOUT WITH (FORMAT csv, HEADER).
 */
export const COMPLETIONS_SELECT = `
  SELECT u.employee_id, u.email, u.name, co.name AS cohort, pv.title AS program, pv.version AS program_version, e.status,
         ${iso('e.enrolled_at')} AS enrolled_at,
         ${iso('w1.completed_at')} AS week1_completed_at, ${iso('w2.completed_at')} AS week2_completed_at, ${iso('w3.completed_at')} AS week3_completed_at,
         ${iso('cert.issued_at')} AS certified_at, cert.code AS certificate_code, ${iso('cert.revoked_at')} AS revoked_at,
         coalesce(ov.n, 0) AS overrides, coalesce(solo.reviews, 0) AS solo_handoffs,
         ${num('solo.ttfr')} AS ttfr_seconds, ${num('solo.context_pct')} AS context_utilization_pct, ${num('solo.repeat_pct')} AS repeat_rate_pct,
         ${num('solo.csat_mean')} AS csat, ${num('solo.resolution_pct')} AS resolution_rate_pct,
         ov.keys AS overridden_activities, e.id AS enrollment_id, e.cohort_id
    FROM enrollments e
    JOIN users u ON u.id = e.trainee_id
    JOIN cohorts co ON co.id = e.cohort_id
    JOIN program_versions pv ON pv.id = e.program_version_id
    LEFT JOIN enrollment_weeks w1 ON w1.enrollment_id = e.id AND w1.week_number = 1
    LEFT JOIN enrollment_weeks w2 ON w2.enrollment_id = e.id AND w2.week_number = 2
    LEFT JOIN enrollment_weeks w3 ON w3.enrollment_id = e.id AND w3.week_number = 3
    LEFT JOIN LATERAL (SELECT c.issued_at, c.code, c.revoked_at FROM certificates c WHERE c.enrollment_id = e.id ORDER BY c.cycle DESC LIMIT 1) cert ON true
    LEFT JOIN LATERAL (SELECT count(*)::int AS n, string_agg(a.key, ';' ORDER BY a.week_number, a.position) AS keys
                         FROM completion_overrides o JOIN activities a ON a.id = o.activity_id WHERE o.enrollment_id = e.id) ov ON true
    CROSS JOIN LATERAL (${soloOf('e')}) solo
   ORDER BY co.starts_on, co.name, co.id, u.name, e.id`;

/** The columns of handoff_reviews an imported CSV row fills (the COPY reference of the import). */
export const IMPORT_COPY_COLUMNS = ['enrollment_id', 'external_id', 'mode', 'handed_off_at', 'first_response_at', 'context_items_available', 'context_items_used', 'customer_repeated', 'csat', 'resolved'];
