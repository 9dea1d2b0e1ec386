import { api } from './api.server';
import type { Auth } from './session.server';
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

/** The trainee's enrollments, the live ones first (a withdrawn one stays visible, last). */
export async function myEnrollments(request: Request, auth: Auth): Promise<EnrollmentDetail[]> {
  const data = await api<{ myEnrollments: EnrollmentDetail[] }>(request, auth, MY_ENROLLMENTS);
  return [...data.myEnrollments].sort((a, b) => Number(a.status === 'WITHDRAWN') - Number(b.status === 'WITHDRAWN'));
}
