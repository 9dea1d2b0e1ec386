import { scorecardField, scorecardNoteField } from '~/components/supervision/HandoffReviewForm';
import type { HandoffReview } from '~/components/supervision/types';
import { utcToZonedLocal } from '~/lib/zoned-time';
import type { Evidence, HandoffMode, RolePlaySummary, ShadowingObservation, SignOffCase, SupervisedEnrollmentDetail } from '~/components/supervision/types';
import { api } from '~/lib/api.server';
import { ENROLLMENT_DETAIL } from '~/lib/enrollment.server';
import { allActivities } from '~/lib/progress';
import type { Auth } from '~/lib/session.server';
import type { ActivityProgress } from '~/lib/types';

const ENROLLMENT = /* GraphQL */ `
  query SupervisedEnrollment($id: ID!) {
    enrollment(id: $id) {
      ...EnrollmentDetail
      behindSchedule
      cohort { plannedWeek }
      program { scorecard { key question critical } }
      handoffReviews {
        id externalId mode handedOffAt firstResponseAt contextItemsAvailable contextItemsUsed
        customerRepeated csat resolved notes
        scorecard { key passed note } qaScore qaPassed conversation
      }
      certificates { code cycle issuedAt expiresAt revokedAt expired }
    }
  }
  ${ENROLLMENT_DETAIL}
`;

const OBSERVATIONS = /* GraphQL */ `
  query ShadowingEvidence($enrollmentId: ID!, $activityKey: String!) {
    shadowingObservations(enrollmentId: $enrollmentId, activityKey: $activityKey) {
      id observedAt loggedAt situation didWell wouldChange
    }
  }
`;

const ROLE_PLAYS = /* GraphQL */ `
  query RolePlayEvidence($enrollmentId: ID!) {
    rolePlaySessions(enrollmentId: $enrollmentId) {
      id status createdAt endedAt firstResponseSeconds openingScore customerRating
      activity { key title }
      customer { name }
    }
  }
`;

export async function supervisedEnrollment(request: Request, auth: Auth, id: string): Promise<SupervisedEnrollmentDetail | null> {
  const data = await api<{ enrollment: SupervisedEnrollmentDetail | null }>(request, auth, ENROLLMENT, { id });
  return data.enrollment;
}

/**
 * Activities a supervisor decides now: those awaiting sign-off, and those sent back with changes
 * requested (the trainee's turn, but the supervisor may still approve after talking it through).
 */
export function needsDecision(progress: ActivityProgress): boolean {
  if (!progress.activity.requiresSignOff) return false;
  if (progress.status === 'AWAITING_SIGN_OFF') return true;
  return progress.status === 'IN_PROGRESS' && progress.latestSignOff?.decision === 'CHANGES_REQUESTED';
}

const HANDOFF_MODE: Partial<Record<string, HandoffMode>> = { SOLO_HANDOFFS: 'SOLO', SUPERVISED_HANDOFFS: 'SUPERVISED' };

/** Each pending decision with the trainee's work behind it, fetched only for the kinds that have some. */
export async function signOffCases(request: Request, auth: Auth, enrollment: SupervisedEnrollmentDetail): Promise<SignOffCase[]> {
  const pending = allActivities([...enrollment.weeks].sort((a, b) => a.number - b.number)).filter(needsDecision);
  let rolePlays: Promise<RolePlaySummary[]> | null = null;
  const sessions = () =>
    (rolePlays ??= api<{ rolePlaySessions: RolePlaySummary[] }>(request, auth, ROLE_PLAYS, { enrollmentId: enrollment.id }).then(
      (d) => d.rolePlaySessions,
    ));

  return Promise.all(
    pending.map(async (progress): Promise<SignOffCase> => {
      const { activity } = progress;
      let evidence: Evidence = { kind: 'NONE' };
      const mode = HANDOFF_MODE[activity.kind];
      if (activity.kind === 'SHADOWING') {
        const { shadowingObservations } = await api<{ shadowingObservations: ShadowingObservation[] }>(request, auth, OBSERVATIONS, {
          enrollmentId: enrollment.id,
          activityKey: activity.key,
        });
        evidence = { kind: 'SHADOWING', observations: shadowingObservations };
      } else if (activity.kind === 'ROLE_PLAY') {
        evidence = { kind: 'ROLE_PLAY', sessions: (await sessions()).filter((s) => s.activity.key === activity.key) };
      } else if (mode) {
        evidence = { kind: 'HANDOFFS', mode, reviews: enrollment.handoffReviews.filter((r) => r.mode === mode) };
      }
      return {
        key: activity.key,
        title: activity.title,
        kind: activity.kind,
        weekNumber: activity.weekNumber,
        status: progress.status,
        latestSignOff: progress.latestSignOff,
        evidence,
      };
    }),
  );
}

/**
 * The review form's values for correcting a recorded review: the same conversation id replaces it,
 * so the reviewer confirms or corrects what the import pre-filled. Times in the cohort's zone.
 */
export function correctionValues(review: HandoffReview, timeZone: string): Record<string, string> {
  const values: Record<string, string> = {
    externalId: review.externalId,
    mode: review.mode,
    handedOffAt: utcToZonedLocal(review.handedOffAt, timeZone) ?? '',
    firstResponseAt: utcToZonedLocal(review.firstResponseAt, timeZone) ?? '',
    contextItemsAvailable: String(review.contextItemsAvailable),
    contextItemsUsed: String(review.contextItemsUsed),
    customerRepeated: review.customerRepeated ? 'on' : '',
    csat: review.csat === null ? '' : String(review.csat),
    resolved: review.resolved ? 'on' : '',
    notes: review.notes ?? '',
  };
  for (const answer of review.scorecard ?? []) {
    values[scorecardField(answer.key)] = answer.passed ? 'pass' : 'fail';
    if (answer.note) values[scorecardNoteField(answer.key)] = answer.note;
  }
  return values;
}
