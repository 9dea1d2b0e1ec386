import { api } from './api.server';
import type { Auth } from './session.server';
import type { AttemptSummary } from './attempts';
import type { EnrollmentDetail } from './types';

/** The selection behind one enrollment's timeline and certification panel (types.ts: EnrollmentDetail). */
export const ENROLLMENT_DETAIL = /* GraphQL */ `
  fragment EnrollmentDetail on Enrollment {
    id
    status
    percentComplete
    enrolledAt
    currentWeek
    trainee { id name employeeId }
    cohort { id name startsOn timeZone }
    program {
      id key version title description minSoloHandoffs
      weeks { number title summary }
    }
    weeks {
      number unlocked completed
      activities {
        status bestScore completedAt overridden
        activity { id key kind title summary minutes weekNumber requiresSignOff }
        latestSignOff { id decision comment signedAt activity { key title } supervisor { id name } }
      }
    }
    certification {
      eligible unmet soloHandoffs
      metrics { code label value threshold comparator met sampleSize unit }
      certificate { id code issuedAt revokedAt }
    }
    signOffs { id decision comment signedAt activity { key title } supervisor { id name } }
  }
`;

const MY_ENROLLMENTS = /* GraphQL */ `
  query MyEnrollments {
    myEnrollments { ...EnrollmentDetail }
  }
  ${ENROLLMENT_DETAIL}
`;

/**
 * The trainee home: the enrollments and, for the speed-reading trend beside them, the drill's
 * attempts, in one request (the page used to ask for the attempts in a second one).
 */
export const TRAINEE_HOME = /* GraphQL */ `
  query TraineeHome {
    myEnrollments {
      ...EnrollmentDetail
      speedReadingAttempts: attempts(kind: SPEED_READING) { id startedAt submittedAt score passed durationSeconds activity { key } }
    }
  }
  ${ENROLLMENT_DETAIL}
`;

export type HomeEnrollment = EnrollmentDetail & { speedReadingAttempts: (AttemptSummary & { activity: { key: string } })[] };

/** The live enrollments first (a withdrawn one stays visible, last). */
const liveFirst = <T extends { status: string }>(enrollments: T[]): T[] =>
  [...enrollments].sort((a, b) => Number(a.status === 'WITHDRAWN') - Number(b.status === 'WITHDRAWN'));

/** The trainee's enrollments, the live ones first. */
export async function myEnrollments(request: Request, auth: Auth): Promise<EnrollmentDetail[]> {
  return liveFirst((await api<{ myEnrollments: EnrollmentDetail[] }>(request, auth, MY_ENROLLMENTS)).myEnrollments);
}

/** What the trainee home shows: myEnrollments with each one's speed-reading attempts. */
export async function traineeHome(request: Request, auth: Auth): Promise<HomeEnrollment[]> {
  return liveFirst((await api<{ myEnrollments: HomeEnrollment[] }>(request, auth, TRAINEE_HOME)).myEnrollments);
}
