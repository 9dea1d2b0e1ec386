import { latestOf } from '~/components/supervision/format';
import type { HandoffMode, PlannedWeek } from '~/components/supervision/types';
import { api } from '~/lib/api.server';
import { countStatus } from '~/lib/progress';
import type { Auth } from '~/lib/session.server';
import type { ActivityKind, ActivityStatus, CohortSummary, EnrollmentStatus, Program, SignOffDecision, User } from '~/lib/types';

const QUEUE = /* GraphQL */ `
  query SupervisionQueue {
    cohorts {
      id name startsOn timeZone plannedWeek
      schedule { number startsOn endsOn }
      program { title minSoloHandoffs }
      supervisors { id name }
      enrollments {
        id status percentComplete currentWeek behindSchedule
        trainee { id name employeeId }
        weeks {
          number
          activities {
            status
            activity { key title kind weekNumber requiresSignOff }
            latestSignOff { decision signedAt }
          }
        }
        certification { eligible unmet soloHandoffs minSoloHandoffs certificate { code issuedAt revokedAt } }
        handoffReviews { mode handedOffAt }
      }
    }
  }
`;

interface QueueEnrollment {
  id: string;
  status: EnrollmentStatus;
  percentComplete: number;
  currentWeek: number;
  behindSchedule: boolean;
  trainee: Pick<User, 'id' | 'name' | 'employeeId'>;
  weeks: {
    number: number;
    activities: {
      status: ActivityStatus;
      activity: { key: string; title: string; kind: ActivityKind; weekNumber: number; requiresSignOff: boolean };
      latestSignOff: { decision: SignOffDecision; signedAt: string } | null;
    }[];
  }[];
  certification: {
    eligible: boolean;
    unmet: string[];
    soloHandoffs: number;
    minSoloHandoffs: number;
    certificate: { code: string; issuedAt: string; revokedAt: string | null } | null;
  };
  handoffReviews: { mode: HandoffMode; handedOffAt: string }[];
}

interface QueueCohort extends CohortSummary {
  plannedWeek: number;
  schedule: PlannedWeek[];
  program: Pick<Program, 'title' | 'minSoloHandoffs'>;
  supervisors: Pick<User, 'id' | 'name'>[];
  enrollments: QueueEnrollment[];
}

/** An activity waiting for a supervisor's sign-off. */
export interface AwaitingItem {
  enrollmentId: string;
  traineeName: string;
  cohortName: string;
  timeZone: string;
  activityKey: string;
  activityTitle: string;
  kind: ActivityKind;
  weekNumber: number;
  /** Resubmitted after a request for changes. */
  resubmitted: boolean;
  /** When the work now waiting was handed in, as far as the API tells (see `workHandedInAt`). */
  since: string | null;
}

export interface EligibleItem {
  enrollmentId: string;
  traineeName: string;
  cohortName: string;
  soloHandoffs: number;
  minSoloHandoffs: number;
}

export interface BehindItem {
  enrollmentId: string;
  traineeName: string;
  cohortName: string;
  currentWeek: number;
  plannedWeek: number;
  percentComplete: number;
  awaitingSignOff: number;
}

export interface TraineeRow {
  enrollmentId: string;
  name: string;
  employeeId: string | null;
  status: EnrollmentStatus;
  percentComplete: number;
  currentWeek: number;
  behindSchedule: boolean;
  awaitingSignOff: number;
  soloHandoffs: number;
  eligible: boolean;
  certified: boolean;
}

export interface CohortCard extends CohortSummary {
  programTitle: string;
  plannedWeek: number;
  weeks: number;
  minSoloHandoffs: number;
  supervisors: string[];
  trainees: TraineeRow[];
}

export interface Queue {
  awaiting: AwaitingItem[];
  eligible: EligibleItem[];
  behind: BehindItem[];
  cohorts: CohortCard[];
}

const byName = <T extends { traineeName: string }>(a: T, b: T) => a.traineeName.localeCompare(b.traineeName);

/** The work across the cohorts the API lets this person see (a supervisor: their own). */
export async function supervisionQueue(request: Request, auth: Auth): Promise<Queue> {
  const { cohorts } = await api<{ cohorts: QueueCohort[] }>(request, auth, QUEUE);
  const awaiting: AwaitingItem[] = [];
  const eligible: EligibleItem[] = [];
  const behind: BehindItem[] = [];
  const handoffTimes = new Map<string, QueueEnrollment['handoffReviews']>();

  for (const cohort of cohorts) {
    for (const e of cohort.enrollments) {
      if (e.status === 'WITHDRAWN') continue;
      handoffTimes.set(e.id, e.handoffReviews);
      for (const week of e.weeks) {
        for (const p of week.activities) {
          if (p.status !== 'AWAITING_SIGN_OFF') continue;
          awaiting.push({
            enrollmentId: e.id,
            traineeName: e.trainee.name,
            cohortName: cohort.name,
            timeZone: cohort.timeZone,
            activityKey: p.activity.key,
            activityTitle: p.activity.title,
            kind: p.activity.kind,
            weekNumber: p.activity.weekNumber,
            resubmitted: p.latestSignOff?.decision === 'CHANGES_REQUESTED',
            since: null,
          });
        }
      }
      if (e.certification.eligible && !e.certification.certificate) {
        eligible.push({
          enrollmentId: e.id,
          traineeName: e.trainee.name,
          cohortName: cohort.name,
          soloHandoffs: e.certification.soloHandoffs,
          minSoloHandoffs: e.certification.minSoloHandoffs,
        });
      }
      if (e.behindSchedule) {
        behind.push({
          enrollmentId: e.id,
          traineeName: e.trainee.name,
          cohortName: cohort.name,
          currentWeek: e.currentWeek,
          plannedWeek: cohort.plannedWeek,
          percentComplete: e.percentComplete,
          awaitingSignOff: countStatus(e.weeks, 'AWAITING_SIGN_OFF'),
        });
      }
    }
  }

  await workHandedInAt(request, auth, awaiting, handoffTimes);
  awaiting.sort((a, b) => (a.since && b.since ? a.since.localeCompare(b.since) : a.since ? -1 : b.since ? 1 : 0) || byName(a, b));

  return {
    awaiting,
    eligible: eligible.sort(byName),
    behind: behind.sort((a, b) => b.plannedWeek - b.currentWeek - (a.plannedWeek - a.currentWeek) || byName(a, b)),
    cohorts: cohorts
      .map((cohort) => ({
        id: cohort.id,
        name: cohort.name,
        startsOn: cohort.startsOn,
        timeZone: cohort.timeZone,
        programTitle: cohort.program.title,
        plannedWeek: cohort.plannedWeek,
        weeks: cohort.schedule.length,
        minSoloHandoffs: cohort.program.minSoloHandoffs,
        supervisors: cohort.supervisors.map((s) => s.name),
        trainees: cohort.enrollments
          .map((e) => ({
            enrollmentId: e.id,
            name: e.trainee.name,
            employeeId: e.trainee.employeeId,
            status: e.status,
            percentComplete: e.percentComplete,
            currentWeek: e.currentWeek,
            behindSchedule: e.behindSchedule,
            awaitingSignOff: countStatus(e.weeks, 'AWAITING_SIGN_OFF'),
            soloHandoffs: e.certification.soloHandoffs,
            eligible: e.certification.eligible,
            certified: !!e.certification.certificate && !e.certification.certificate.revokedAt,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      }))
      .sort((a, b) => b.startsOn.localeCompare(a.startsOn) || a.name.localeCompare(b.name)),
  };
}

const MODE_OF: Partial<Record<ActivityKind, HandoffMode>> = { SOLO_HANDOFFS: 'SOLO', SUPERVISED_HANDOFFS: 'SUPERVISED' };

/**
 * Fills `since` for each waiting activity. The API has no "awaiting since" on ActivityProgress, so
 * this takes the latest work the trainee handed in: the last shadowing observation logged, the
 * last role-play that ended, or the last reviewed handoff of that mode (its handoff time: reviews do
 * not expose when they were recorded). All shadowing and role-play look-ups go in one request.
 */
async function workHandedInAt(
  request: Request,
  auth: Auth,
  items: AwaitingItem[],
  handoffTimes: Map<string, QueueEnrollment['handoffReviews']>,
): Promise<void> {
  const declarations: string[] = [];
  const selections: string[] = [];
  const variables: Record<string, string> = {};
  items.forEach((item, i) => {
    const mode = MODE_OF[item.kind];
    if (mode) {
      item.since = latestOf((handoffTimes.get(item.enrollmentId) ?? []).filter((r) => r.mode === mode).map((r) => r.handedOffAt));
    } else if (item.kind === 'SHADOWING') {
      declarations.push(`$e${i}: ID!, $k${i}: String!`);
      selections.push(`w${i}: shadowingObservations(enrollmentId: $e${i}, activityKey: $k${i}) { loggedAt }`);
      variables[`e${i}`] = item.enrollmentId;
      variables[`k${i}`] = item.activityKey;
    } else if (item.kind === 'ROLE_PLAY') {
      declarations.push(`$e${i}: ID!`);
      selections.push(`w${i}: rolePlaySessions(enrollmentId: $e${i}) { endedAt activity { key } }`);
      variables[`e${i}`] = item.enrollmentId;
    }
  });
  if (selections.length === 0) return;

  let work: Record<string, { loggedAt?: string; endedAt?: string | null; activity?: { key: string } }[]>;
  try {
    work = await api(request, auth, `query WorkHandedIn(${declarations.join(', ')}) { ${selections.join(' ')} }`, variables);
  } catch (error) {
    // The dates are a nicety: the queue is still right without them.
    if (!(error instanceof Response)) console.error('[baton web] could not read when work was handed in', error);
    return;
  }
  items.forEach((item, i) => {
    const rows = work[`w${i}`];
    if (!rows) return;
    item.since =
      item.kind === 'SHADOWING'
        ? latestOf(rows.map((r) => r.loggedAt))
        : latestOf(rows.filter((r) => r.activity?.key === item.activityKey).map((r) => r.endedAt));
  });
}
