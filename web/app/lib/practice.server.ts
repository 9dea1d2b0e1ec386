import { data, redirect } from '@remix-run/node';
import {
  DEFAULT_SHADOWING_MINIMUM,
  LOG_OBSERVATION_INTENT,
  START_ROLE_PLAY_INTENT,
  type Partner,
  type PracticeActionData,
  type RolePlayPanelData,
  type RolePlaySummary,
  type ShadowingData,
  type ShadowingObservation,
} from '~/components/practice/model';
import { api, formError, type FormFeedback } from './api.server';
import type { Auth } from './session.server';
import { zonedLocalToUtcIso } from './zoned-time';
import type { ActivityKind, EnrollmentDetail } from './types';

// Server side of the practice activities that are not attempts: shadowing observations and live
// role-plays. The activity page calls loadPractice (loader) and runPracticeAction (action); the
// supervisor's trainee page calls supervisedPractice. The /role-plays pages keep their own requests
// in routes/role-plays.*.server.ts and share the pieces exported here.

/** A plain sentence in front of the API's message for the refusals a trainee can meet. */
export function withLead(feedback: FormFeedback, error: unknown, leads: Partial<Record<string, string>>): FormFeedback {
  const code = (error as { code?: unknown } | null)?.code;
  const lead = typeof code === 'string' ? leads[code] : undefined;
  return lead && !feedback.ok ? { ...feedback, message: `${lead} ${feedback.message}` } : feedback;
}

export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

// ---------------------------------------------------------------------------------------------
// Shadowing

const OBSERVATIONS = /* GraphQL */ `
  query ShadowingObservations($enrollmentId: ID!, $activityKey: String!) {
    shadowingObservations(enrollmentId: $enrollmentId, activityKey: $activityKey) {
      id observedAt situation didWell wouldChange loggedAt
    }
  }
`;

/** The observations logged for one shadowing activity, oldest first (trainee or supervisor). */
export async function loadShadowing(
  request: Request,
  auth: Auth,
  enrollmentId: string,
  activityKey: string,
  timeZone = 'UTC',
): Promise<ShadowingData> {
  const result = await api<{ shadowingObservations: ShadowingObservation[] }>(request, auth, OBSERVATIONS, { enrollmentId, activityKey });
  return { enrollmentId, activityKey, observations: result.shadowingObservations, minimum: DEFAULT_SHADOWING_MINIMUM, timeZone };
}

const LOG_OBSERVATION = /* GraphQL */ `
  mutation LogShadowingObservation($input: ShadowingObservationInput!) {
    logShadowingObservation(input: $input) { id }
  }
`;

export const OBSERVATION_FIELDS = ['observedAt', 'situation', 'didWell', 'wouldChange'] as const;
const OBSERVATION_TEXT_MAX = 2000;
const FIELD_WORDS: Record<(typeof OBSERVATION_FIELDS)[number], string> = {
  observedAt: 'Give the date and time of the handoff you watched.',
  situation: 'Describe the situation.',
  didWell: 'Describe what the agent did well.',
  wouldChange: 'Describe what you would do differently.',
};

/**
 * The shadowing form's action: logs one observation. The date-time field is read in the cohort's
 * zone. Answers the form's feedback (an error beside the field the API named, or success).
 */
export async function logObservationAction(
  request: Request,
  auth: Auth,
  enrollmentId: string,
  activityKey: string,
  form: FormData,
  timeZone = 'UTC',
): Promise<PracticeActionData> {
  const values = Object.fromEntries(OBSERVATION_FIELDS.map((f) => [f, text(form, f)]));
  const answer = (feedback: FormFeedback): PracticeActionData => ({
    intent: LOG_OBSERVATION_INTENT,
    feedback,
    values: feedback.ok ? {} : values,
    at: Date.now(),
  });
  const observedAt = zonedLocalToUtcIso(values.observedAt, timeZone);
  if (!observedAt) return answer({ ok: false, message: FIELD_WORDS.observedAt, field: 'observedAt' });
  for (const field of ['situation', 'didWell', 'wouldChange'] as const) {
    const value = values[field].trim();
    if (!value) return answer({ ok: false, message: FIELD_WORDS[field], field });
    if ([...value].length > OBSERVATION_TEXT_MAX) {
      return answer({ ok: false, message: `Keep this under ${OBSERVATION_TEXT_MAX} characters.`, field });
    }
  }
  try {
    await api(
      request,
      auth,
      LOG_OBSERVATION,
      {
        input: {
          enrollmentId,
          activityKey,
          observedAt,
          situation: values.situation.trim(),
          didWell: values.didWell.trim(),
          wouldChange: values.wouldChange.trim(),
        },
      },
      { formCodes: ['FORBIDDEN'] },
    );
  } catch (error) {
    return answer(withLead(formError(error, OBSERVATION_FIELDS, ['FORBIDDEN']), error, { FORBIDDEN: 'You cannot log observations for this activity now.' }));
  }
  return answer({ ok: true, message: 'Observation logged.', field: null });
}

// ---------------------------------------------------------------------------------------------
// Role-play: lists and starting one

export const SUMMARY_FIELDS = /* GraphQL */ `
  id status yourSide createdAt cardOpenedAt endedAt firstResponseSeconds openingScore customerRating
  activity { key title } agent { id name } customer { id name }
`;

const ENROLLMENT_ROLE_PLAYS = /* GraphQL */ `
  query EnrollmentRolePlays($enrollmentId: ID!) {
    rolePlaySessions(enrollmentId: $enrollmentId) { ${SUMMARY_FIELDS} }
  }
`;

export const PARTNERS = /* GraphQL */ `
  query RolePlayPartners($enrollmentId: ID!) {
    rolePlayPartners(enrollmentId: $enrollmentId) { id name role }
  }
`;

/**
 * The trainee's role-play activity: their sessions as the agent and, unless `readOnly` (a
 * supervisor looking on), who can play the customer.
 */
export async function loadRolePlayPanel(
  request: Request,
  auth: Auth,
  enrollmentId: string,
  activityKey: string,
  { timeZone = 'UTC', readOnly = false }: { timeZone?: string; readOnly?: boolean } = {},
): Promise<RolePlayPanelData> {
  const [sessions, partners] = await Promise.all([
    api<{ rolePlaySessions: RolePlaySummary[] }>(request, auth, ENROLLMENT_ROLE_PLAYS, { enrollmentId }),
    readOnly ? Promise.resolve({ rolePlayPartners: [] as Partner[] }) : api<{ rolePlayPartners: Partner[] }>(request, auth, PARTNERS, { enrollmentId }),
  ]);
  return {
    enrollmentId,
    activityKey,
    sessions: sessions.rolePlaySessions.filter((s) => s.activity.key === activityKey),
    partners: partners.rolePlayPartners,
    timeZone,
  };
}

const START_ROLE_PLAY = /* GraphQL */ `
  mutation StartRolePlay($enrollmentId: ID!, $activityKey: String!, $partnerId: ID!) {
    startRolePlay(enrollmentId: $enrollmentId, activityKey: $activityKey, partnerId: $partnerId) { id }
  }
`;

/**
 * The start form's action: invites the chosen partner and sends the trainee to the live page
 * (a thrown redirect), or answers the form's feedback.
 */
export async function startRolePlayAction(
  request: Request,
  auth: Auth,
  enrollmentId: string,
  activityKey: string,
  form: FormData,
): Promise<PracticeActionData> {
  const partnerId = text(form, 'partnerId');
  const answer = (feedback: FormFeedback): PracticeActionData => ({
    intent: START_ROLE_PLAY_INTENT,
    feedback,
    values: { partnerId, activityKey },
    at: Date.now(),
  });
  if (!partnerId) return answer({ ok: false, message: 'Choose who plays the customer.', field: 'partnerId' });
  let id: string;
  try {
    const result = await api<{ startRolePlay: { id: string } }>(request, auth, START_ROLE_PLAY, { enrollmentId, activityKey, partnerId }, { formCodes: ['FORBIDDEN'] });
    id = result.startRolePlay.id;
  } catch (error) {
    return answer(withLead(formError(error, ['partnerId'], ['FORBIDDEN']), error, { FORBIDDEN: 'You cannot start a role-play now.' }));
  }
  throw redirect(`/role-plays/${encodeURIComponent(id)}`);
}

// ---------------------------------------------------------------------------------------------
// The activity page

export type PracticeData = { kind: 'SHADOWING'; shadowing: ShadowingData } | { kind: 'ROLE_PLAY'; rolePlay: RolePlayPanelData };

export interface PracticeContext {
  activity: { key: string; kind: ActivityKind };
  enrollmentId: string | null;
  timeZone: string;
}

/** What the activity page's loader adds for a trainee's SHADOWING or ROLE_PLAY activity; null otherwise. */
export async function loadPractice(request: Request, auth: Auth, found: PracticeContext): Promise<PracticeData | null> {
  if (!found.enrollmentId) return null;
  if (found.activity.kind === 'SHADOWING') {
    return { kind: 'SHADOWING', shadowing: await loadShadowing(request, auth, found.enrollmentId, found.activity.key, found.timeZone) };
  }
  if (found.activity.kind === 'ROLE_PLAY') {
    return {
      kind: 'ROLE_PLAY',
      rolePlay: await loadRolePlayPanel(request, auth, found.enrollmentId, found.activity.key, { timeZone: found.timeZone }),
    };
  }
  return null;
}

/**
 * The activity page's action for the practice forms: null when the form's `intent` is not one of
 * theirs; otherwise the answer for the form (with a 400 status on a refusal). Starting a role-play
 * throws a redirect to its live page.
 */
export async function runPracticeAction(request: Request, auth: Auth, found: PracticeContext, form: FormData) {
  const intent = form.get('intent');
  if (!found.enrollmentId) return null;
  let result: PracticeActionData;
  if (intent === LOG_OBSERVATION_INTENT && found.activity.kind === 'SHADOWING') {
    result = await logObservationAction(request, auth, found.enrollmentId, found.activity.key, form, found.timeZone);
  } else if (intent === START_ROLE_PLAY_INTENT && found.activity.kind === 'ROLE_PLAY') {
    result = await startRolePlayAction(request, auth, found.enrollmentId, found.activity.key, form);
  } else {
    return null;
  }
  return data(result, { status: result.feedback.ok ? 200 : 400 });
}

// ---------------------------------------------------------------------------------------------
// The supervisor's view of a trainee

export interface SupervisedPractice {
  shadowing: (ShadowingData & { title: string })[];
  rolePlays: (RolePlayPanelData & { title: string })[];
}

/** Every shadowing log and role-play list of one enrollment, read-only, for its supervisor. */
export async function supervisedPractice(request: Request, auth: Auth, enrollment: EnrollmentDetail): Promise<SupervisedPractice> {
  const activities = enrollment.weeks.flatMap((w) => w.activities.map((p) => p.activity));
  const timeZone = enrollment.cohort.timeZone;
  const [shadowing, rolePlays] = await Promise.all([
    Promise.all(
      activities
        .filter((a) => a.kind === 'SHADOWING')
        .map(async (a) => ({ ...(await loadShadowing(request, auth, enrollment.id, a.key, timeZone)), title: a.title })),
    ),
    Promise.all(
      activities
        .filter((a) => a.kind === 'ROLE_PLAY')
        .map(async (a) => ({ ...(await loadRolePlayPanel(request, auth, enrollment.id, a.key, { timeZone, readOnly: true })), title: a.title })),
    ),
  ]);
  return { shadowing, rolePlays };
}
