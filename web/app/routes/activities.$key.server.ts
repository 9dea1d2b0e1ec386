import { api, formError, type FormFeedback } from '~/lib/api.server';
import { readAnswers as readAnswerList, timeLimitOf, type Attempt, type AttemptSummary } from '~/lib/attempts';
import { myEnrollments } from '~/lib/enrollment.server';
import type { Auth } from '~/lib/session.server';
import type { Activity, ActivityProgress, EnrollmentDetail, EnrollmentStatus, Program, Week } from '~/lib/types';

export interface ActivityPageData {
  activity: Activity;
  programTitle: string;
  weekTitle: string | null;
  /** The trainee's own progress on it; null for staff, who see the program's description only. */
  progress: ActivityProgress | null;
  /** The trainee's enrollment the activity belongs to; null for staff. */
  enrollmentId: string | null;
  enrollmentStatus: EnrollmentStatus | null;
  timeZone: string;
}

function weekTitleOf(program: { weeks: Pick<Week, 'number' | 'title'>[] }, weekNumber: number): string | null {
  return program.weeks.find((w) => w.number === weekNumber)?.title ?? null;
}

function fromEnrollment(enrollment: EnrollmentDetail, key: string): ActivityPageData | null {
  for (const week of enrollment.weeks) {
    const progress = week.activities.find((p) => p.activity.key === key);
    if (progress) {
      return {
        activity: progress.activity,
        programTitle: enrollment.program.title,
        weekTitle: weekTitleOf(enrollment.program, progress.activity.weekNumber),
        progress,
        enrollmentId: enrollment.id,
        enrollmentStatus: enrollment.status,
        timeZone: enrollment.cohort.timeZone,
      };
    }
  }
  return null;
}

const PROGRAMS = /* GraphQL */ `
  query ProgramActivities {
    programs {
      title
      weeks { number title activities { id key kind title summary minutes weekNumber requiresSignOff } }
    }
  }
`;

/** One activity as the signed-in person sees it: a trainee with their status, staff from the program. */
export async function loadActivity(request: Request, auth: Auth, key: string): Promise<ActivityPageData | null> {
  if (auth.user.role === 'TRAINEE') {
    // Live enrollments come first, so a withdrawn one only answers when nothing else has the key.
    for (const enrollment of await myEnrollments(request, auth)) {
      const found = fromEnrollment(enrollment, key);
      if (found) return found;
    }
    return null;
  }
  const { programs } = await api<{ programs: Pick<Program, 'title' | 'weeks'>[] }>(request, auth, PROGRAMS);
  for (const program of programs) {
    for (const week of program.weeks) {
      const activity = week.activities.find((a) => a.key === key);
      if (activity) {
        return { activity, programTitle: program.title, weekTitle: week.title, progress: null, enrollmentId: null, enrollmentStatus: null, timeZone: 'UTC' };
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Attempts

const ATTEMPT_SUMMARIES = /* GraphQL */ `
  query AttemptSummaries($enrollmentId: ID!, $activityKey: String!) {
    attempts(enrollmentId: $enrollmentId, activityKey: $activityKey) { id startedAt submittedAt score passed durationSeconds }
  }
`;

/** The trainee's attempts at one activity, newest first, without their material. */
export async function attemptSummaries(request: Request, auth: Auth, enrollmentId: string, activityKey: string): Promise<AttemptSummary[]> {
  const data = await api<{ attempts: AttemptSummary[] }>(request, auth, ATTEMPT_SUMMARIES, { enrollmentId, activityKey });
  return data.attempts;
}

export interface SpeedReadingTrend {
  attempts: AttemptSummary[];
  limitSeconds: number;
}

// A drill's time limit is its activity's, and an activity belongs to one published program version,
// which never changes (a changed curriculum is a new version with activities of its own). Every
// attempt's material repeats the limit, so it is read from one attempt once per activity and
// remembered: the trainee home then needs no third API request for it.
const timeLimits = new Map<string, number>();

/**
 * A speed-reading drill's attempts and its time limit (from an attempt's material; 30 s before the
 * first attempt). `known`: the attempts, when the caller already has them (the trainee home).
 */
export async function speedReadingTrend(
  request: Request,
  auth: Auth,
  enrollmentId: string,
  activity: Pick<Activity, 'id' | 'key'>,
  known?: AttemptSummary[],
): Promise<SpeedReadingTrend> {
  const attempts = known ?? (await attemptSummaries(request, auth, enrollmentId, activity.key));
  if (!attempts[0]) return { attempts, limitSeconds: DEFAULT_TIME_LIMIT };
  let limit = timeLimits.get(activity.id);
  if (limit === undefined) {
    const latest = await loadAttempt(request, auth, attempts[0].id);
    limit = (latest && timeLimitOf(latest)) ?? undefined;
    if (limit !== undefined) timeLimits.set(activity.id, limit);
  }
  return { attempts, limitSeconds: limit ?? DEFAULT_TIME_LIMIT };
}

export const DEFAULT_TIME_LIMIT = 30;

const ATTEMPT = /* GraphQL */ `
  query Attempt($id: ID!) {
    attempt(id: $id) {
      id startedAt submittedAt score passed durationSeconds feedback prompt review answers
      activity { key kind title }
    }
  }
`;

/** One attempt with its material, feedback and review; null when there is none with this id. */
export async function loadAttempt(request: Request, auth: Auth, id: string): Promise<Attempt | null> {
  const data = await api<{ attempt: Attempt | null }>(request, auth, ATTEMPT, { id });
  if (!data.attempt) return null;
  return { ...data.attempt, feedback: data.attempt.feedback ?? [], answers: readAnswerList(data.attempt.answers) };
}

const START = /* GraphQL */ `
  mutation StartAttempt($enrollmentId: ID!, $activityKey: String!) {
    startAttempt(enrollmentId: $enrollmentId, activityKey: $activityKey) { id }
  }
`;

/** A plain sentence in front of the API's own message, for the refusals a trainee can meet. */
export function withLead(feedback: FormFeedback, error: unknown, leads: Partial<Record<string, string>>): FormFeedback {
  const code = (error as { code?: unknown } | null)?.code;
  const lead = typeof code === 'string' ? leads[code] : undefined;
  return lead && !feedback.ok ? { ...feedback, message: `${lead} ${feedback.message}` } : feedback;
}

const START_LEADS = {
  FORBIDDEN: 'You cannot start this activity now.',
  RATE_LIMITED: 'Too many starts in a short time; wait a minute, then try again.',
};

export type StartResult = { ok: true; attemptId: string } | { ok: false; feedback: FormFeedback };

/** Starts an attempt (the API keeps the clock); a locked week or a withdrawn enrollment is told beside the form. */
export async function startAttempt(request: Request, auth: Auth, enrollmentId: string, activityKey: string): Promise<StartResult> {
  try {
    const data = await api<{ startAttempt: { id: string } }>(request, auth, START, { enrollmentId, activityKey }, { formCodes: ['FORBIDDEN'] });
    return { ok: true, attemptId: data.startAttempt.id };
  } catch (error) {
    return { ok: false, feedback: withLead(formError(error, [], ['FORBIDDEN']), error, START_LEADS) };
  }
}
