import { api } from '~/lib/api.server';
import type { Auth } from '~/lib/session.server';
import type { CohortSummary, EnrollmentStatus, Program, User } from '~/lib/types';

const COHORTS = /* GraphQL */ `
  query HrCohorts {
    cohorts {
      id name startsOn timeZone
      program { title version }
      supervisors { id name }
      enrollments {
        id status percentComplete enrolledAt
        trainee { id name email employeeId }
      }
    }
  }
`;

export interface HrEnrollment {
  id: string;
  status: EnrollmentStatus;
  percentComplete: number;
  enrolledAt: string;
  trainee: Pick<User, 'id' | 'name' | 'email' | 'employeeId'>;
}

export interface HrCohort extends CohortSummary {
  program: Pick<Program, 'title' | 'version'>;
  supervisors: Pick<User, 'id' | 'name'>[];
  enrollments: HrEnrollment[];
}

/** Every cohort with its enrollments, trainees in name order. */
export async function hrCohorts(request: Request, auth: Auth): Promise<HrCohort[]> {
  const { cohorts } = await api<{ cohorts: HrCohort[] }>(request, auth, COHORTS);
  return cohorts.map((c) => ({ ...c, enrollments: [...c.enrollments].sort((a, b) => a.trainee.name.localeCompare(b.trainee.name)) }));
}
