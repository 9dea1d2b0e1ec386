// The learning records as xAPI 1.0.3 statements (CONTRACT.md, "Exports"), pure.
//
// What becomes a statement, and with which verb:
// | source row                              | actor      | verb                                               | object
// | activity completed (not by override)     | trainee    | ADL completed  http://adlnet.gov/expapi/verbs/completed | the activity
// | submitted attempt that passed / failed   | trainee    | ADL passed / failed                                | the activity, with score, success, duration
// | completion override (admin)              | trainee    | ADL waived     http://adlnet.gov/expapi/verbs/waived    | the activity; reason in result.response
// | sign-off APPROVED                        | supervisor | Activity Streams approve  http://activitystrea.ms/schema/1.0/approve | SubStatement: trainee attempted the activity
// | sign-off CHANGES_REQUESTED               | supervisor | Activity Streams reject   http://activitystrea.ms/schema/1.0/reject  | same; the comment in result.response
// | certificate issued                       | trainee    | earned         http://id.tincanapi.com/verb/earned | the program (course); code and verify URL in result.extensions
//
// - "waived" is the cmi5 / ADL verb for "requirement met by other means than the activity's own
//   criteria", which is exactly an override; as in cmi5 it replaces `completed` for that activity.
// - ADL has no approve/reject verbs; the Activity Streams ones are the registered xAPI verbs for
//   them. The supervisor is the actor (they decided) and the trainee's work is the SubStatement,
//   so an LRS query for the trainee with related_agents=true finds the sign-offs too.
// - `earned` (xAPI vocabulary registry, id.tincanapi.com) on the program keeps "the course is
//   done" separate from ADL `completed`, which here always means one activity.
// - Every statement carries context.registration = the enrollment id (the CSV's enrollment_id), the
//   program as parent activity and the program version and cohort as context extensions.
// - Statement ids are UUIDv5 of the source row (and its time), so the same row always gives the
//   same id and re-importing into an LRS does not duplicate anything.
// - Revoking a certificate does not change its `earned` statement (statements are immutable); the
//   revocation is in the completions CSV (`revoked_at`).
import { createHash } from 'node:crypto';

export const XAPI_VERSION = '1.0.3';

export const VERBS = {
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed' } },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-US': 'failed' } },
  waived: { id: 'http://adlnet.gov/expapi/verbs/waived', display: { 'en-US': 'waived' } },
  attempted: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted' } },
  approved: { id: 'http://activitystrea.ms/schema/1.0/approve', display: { 'en-US': 'approved' } },
  changesRequested: { id: 'http://activitystrea.ms/schema/1.0/reject', display: { 'en-US': 'requested changes to' } },
  earned: { id: 'http://id.tincanapi.com/verb/earned', display: { 'en-US': 'earned' } },
} as const;

const ACTIVITY_TYPES: Record<string, string> = {
  LESSON: 'http://adlnet.gov/expapi/activities/lesson',
  QUIZ: 'http://adlnet.gov/expapi/activities/assessment',
  SPEED_READING: 'http://adlnet.gov/expapi/activities/assessment',
  FIRST_MESSAGE: 'http://adlnet.gov/expapi/activities/assessment',
  ERROR_SPOTTING: 'http://adlnet.gov/expapi/activities/assessment',
  ROLE_PLAY: 'http://adlnet.gov/expapi/activities/simulation',
  SHADOWING: 'http://adlnet.gov/expapi/activities/performance',
  SUPERVISED_HANDOFFS: 'http://adlnet.gov/expapi/activities/performance',
  SOLO_HANDOFFS: 'http://adlnet.gov/expapi/activities/performance',
};
const COURSE_TYPE = 'http://adlnet.gov/expapi/activities/course';
/** cmi5's extension for why a requirement was waived. */
const CMI5_REASON = 'https://w3id.org/xapi/cmi5/result/extensions/reason';

/** Fixed namespace for Baton's statement ids (UUIDv5); never change it, or every id changes. */
export const STATEMENT_ID_NAMESPACE = '6f0b3b4e-6d0c-4c8e-9a57-3b1c2f7e5a10';

export type LearningEventKind = 'COMPLETED' | 'ATTEMPT' | 'OVERRIDE' | 'SIGN_OFF' | 'CERTIFICATE';
type Timestamp = Date | string;

/** One source row of the xAPI export query (snake_case, as PostgreSQL returns it). */
export interface LearningEventRow {
  kind: LearningEventKind;
  /** The row's identity: attempt, sign-off or certificate id, or enrollment/activity for the rest. */
  source_id: string;
  at: Timestamp;
  enrollment_id: string;
  cohort_id: string;
  cohort_name: string;
  trainee_name: string;
  trainee_email: string;
  program_key: string;
  program_title: string;
  program_version: string;
  activity_key: string | null;
  activity_title: string | null;
  activity_summary: string | null;
  activity_kind: string | null;
  started_at: Timestamp | null;
  score: number | string | null;
  passed: boolean | null;
  decision: string | null;
  /** Sign-off comment or override reason. */
  note: string | null;
  supervisor_name: string | null;
  supervisor_email: string | null;
  certificate_code: string | null;
  expires_at: Timestamp | null;
}

export interface XapiAgent {
  objectType: 'Agent';
  name: string;
  mbox: string;
}
export interface XapiActivity {
  objectType: 'Activity';
  id: string;
  definition: { name: Record<string, string>; description?: Record<string, string>; type: string };
}
export interface XapiStatement {
  id: string;
  version: string;
  actor: XapiAgent;
  verb: { id: string; display: Record<string, string> };
  object: XapiActivity | { objectType: 'SubStatement'; actor: XapiAgent; verb: { id: string; display: Record<string, string> }; object: XapiActivity };
  result?: Record<string, unknown>;
  context: Record<string, unknown>;
  timestamp: string;
}

/** Where activity ids and extension keys live: `${publicUrl}/xapi/...`. */
export interface XapiOptions {
  publicUrl: string;
}

export function toStatement(row: LearningEventRow, options: XapiOptions): XapiStatement {
  const base = options.publicUrl.replace(/\/+$/, '');
  const at = toDate(row.at);
  const trainee = agent(row.trainee_name, row.trainee_email);
  const program = programActivity(row, base);
  const context = {
    registration: row.enrollment_id.toLowerCase(),
    platform: 'Baton',
    language: 'en',
    contextActivities: { parent: [program] },
    extensions: {
      [`${base}/xapi/extensions/program-version`]: row.program_version,
      [`${base}/xapi/extensions/cohort`]: { id: row.cohort_id, name: row.cohort_name },
    },
  };
  const statement = (verb: XapiStatement['verb'], actor: XapiAgent, object: XapiStatement['object'], result?: Record<string, unknown>): XapiStatement => ({
    id: statementId(row),
    version: XAPI_VERSION,
    actor,
    verb,
    object,
    ...(result ? { result } : {}),
    // xAPI allows context.platform only when the object is an Activity.
    context: object.objectType === 'Activity' ? context : withoutPlatform(context),
    timestamp: at.toISOString(),
  });

  switch (row.kind) {
    case 'COMPLETED':
      return statement(VERBS.completed, trainee, activity(row, base), { completion: true });
    case 'ATTEMPT': {
      const passed = row.passed === true;
      const result: Record<string, unknown> = { success: passed, completion: passed };
      const score = row.score === null ? null : Number(row.score);
      if (score !== null && Number.isFinite(score)) {
        const raw = Math.min(100, Math.max(0, score));
        result.score = { scaled: Math.round(raw * 100) / 10_000, raw: Math.round(raw * 100) / 100, min: 0, max: 100 };
      }
      if (row.started_at) result.duration = isoDuration(at.getTime() - toDate(row.started_at).getTime());
      return statement(passed ? VERBS.passed : VERBS.failed, trainee, activity(row, base), result);
    }
    case 'OVERRIDE':
      return statement(VERBS.waived, trainee, activity(row, base), {
        success: true,
        completion: true,
        ...(row.note ? { response: row.note, extensions: { [CMI5_REASON]: { 'en-US': row.note } } } : {}),
      });
    case 'SIGN_OFF': {
      const approved = row.decision === 'APPROVED';
      const supervisor = agent(row.supervisor_name ?? 'Supervisor', row.supervisor_email ?? '');
      const work = { objectType: 'SubStatement' as const, actor: trainee, verb: VERBS.attempted, object: activity(row, base) };
      return statement(approved ? VERBS.approved : VERBS.changesRequested, supervisor, work, {
        success: approved,
        ...(row.note ? { response: row.note } : {}),
      });
    }
    case 'CERTIFICATE': {
      const code = row.certificate_code ?? '';
      return statement(VERBS.earned, trainee, program, {
        success: true,
        completion: true,
        extensions: {
          [`${base}/xapi/extensions/certificate`]: {
            code,
            verifyUrl: `${base}/verify/${encodeURIComponent(code)}`,
            ...(row.expires_at ? { expiresAt: toDate(row.expires_at).toISOString() } : {}),
          },
        },
      });
    }
    default: {
      const unreachable: never = row.kind;
      throw new Error(`Unknown learning event ${String(unreachable)}`);
    }
  }
}

/** Stable for the same source row: UUIDv5 of its kind, identity and time. */
export function statementId(row: Pick<LearningEventRow, 'kind' | 'source_id' | 'at'>): string {
  return uuidV5(`${row.kind}:${row.source_id.toLowerCase()}:${toDate(row.at).toISOString()}`, STATEMENT_ID_NAMESPACE);
}

/** RFC 4122 version 5 (SHA-1, name-based) UUID. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error('The namespace must be a UUID.');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** ISO 8601 duration to the hundredth of a second, as xAPI recommends: PT1H2M3.45S. */
export function isoDuration(ms: number): string {
  const hundredths = Math.max(0, Math.round((Number.isFinite(ms) ? ms : 0) / 10));
  const hours = Math.floor(hundredths / 360_000);
  const minutes = Math.floor((hundredths % 360_000) / 6_000);
  const seconds = (hundredths % 6_000) / 100;
  let out = 'PT';
  if (hours) out += `${hours}H`;
  if (minutes) out += `${minutes}M`;
  if (seconds || (!hours && !minutes)) out += `${Number(seconds.toFixed(2))}S`;
  return out;
}

/** The activity id: `${publicUrl}/xapi/activities/<programKey>/<activityKey>`. */
export function activityId(publicUrl: string, programKey: string, activityKey: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/xapi/activities/${encodeURIComponent(programKey)}/${encodeURIComponent(activityKey)}`;
}

function activity(row: LearningEventRow, base: string): XapiActivity {
  const key = row.activity_key ?? 'unknown';
  return {
    objectType: 'Activity',
    id: activityId(base, row.program_key, key),
    definition: {
      name: { 'en-US': row.activity_title ?? key },
      ...(row.activity_summary ? { description: { 'en-US': row.activity_summary } } : {}),
      type: ACTIVITY_TYPES[row.activity_kind ?? ''] ?? 'http://adlnet.gov/expapi/activities/module',
    },
  };
}

function programActivity(row: LearningEventRow, base: string): XapiActivity {
  return {
    objectType: 'Activity',
    id: `${base}/xapi/activities/${encodeURIComponent(row.program_key)}`,
    definition: { name: { 'en-US': row.program_title }, type: COURSE_TYPE },
  };
}

function agent(name: string, email: string): XapiAgent {
  return { objectType: 'Agent', name, mbox: `mailto:${email.trim().toLowerCase()}` };
}

function withoutPlatform<T extends { platform?: string }>(context: T): Omit<T, 'platform'> {
  const { platform: _platform, ...rest } = context;
  return rest;
}

function toDate(value: Timestamp): Date {
  return value instanceof Date ? value : new Date(value);
}
