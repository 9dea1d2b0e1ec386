import { api } from '~/lib/api.server';
import { countStatus } from '~/lib/progress';
import type { Auth } from '~/lib/session.server';
import type { ActivityStatus, CohortSummary, EnrollmentStatus, Program, User } from '~/lib/types';

const COHORTS = /* GraphQL */ `
  query SupervisorCohorts {
    cohorts {
      id name startsOn timeZone
      program { title minSoloHandoffs }
      supervisors { id name }
      enrollments {
        id status percentComplete currentWeek
        trainee { id name employeeId }
        weeks { number activities { status } }
        certification { eligible soloHandoffs certificate { code revokedAt } }
      }
    }
  }
`;

interface CohortRow extends CohortSummary {
  program: Pick<Program, 'title' | 'minSoloHandoffs'>;
  supervisors: Pick<User, 'id' | 'name'>[];
  enrollments: {
    id: string;
    status: EnrollmentStatus;
    percentComplete: number;
    currentWeek: number;
    trainee: Pick<User, 'id' | 'name' | 'employeeId'>;
    weeks: { number: number; activities: { status: ActivityStatus }[] }[];
    certification: {
      eligible: boolean;
      soloHandoffs: number;
      certificate: { code: string; revokedAt: string | null } | null;
    };
  }[];
}

export interface TraineeRow {
  enrollmentId: string;
  name: string;
  employeeId: string | null;
  status: EnrollmentStatus;
  percentComplete: number;
  currentWeek: number;
  awaitingSignOff: number;
  soloHandoffs: number;
  eligible: boolean;
  certified: boolean;
}

export interface SupervisedCohort extends CohortSummary {
  programTitle: string;
  minSoloHandoffs: number;
  supervisors: string[];
  trainees: TraineeRow[];
}

/** The cohorts the API lets this person see (a supervisor: their own), one row per trainee. */
export async function supervisedCohorts(request: Request, auth: Auth): Promise<SupervisedCohort[]> {
  const { cohorts } = await api<{ cohorts: CohortRow[] }>(request, auth, COHORTS);
  return cohorts.map((cohort) => ({
    id: cohort.id,
    name: cohort.name,
    startsOn: cohort.startsOn,
    timeZone: cohort.timeZone,
    programTitle: cohort.program.title,
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
        awaitingSignOff: countStatus(e.weeks, 'AWAITING_SIGN_OFF'),
        soloHandoffs: e.certification.soloHandoffs,
        eligible: e.certification.eligible,
        certified: !!e.certification.certificate && !e.certification.certificate.revokedAt,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
}
