import { api } from '~/lib/api.server';
import { ENROLLMENT_DETAIL } from '~/lib/enrollment.server';
import type { Auth } from '~/lib/session.server';
import type { EnrollmentDetail, MetricValue, User } from '~/lib/types';

// One trainee's record for HR: the shared enrollment detail (timeline, checklist, sign-offs) plus
// identity, week completion dates and every certificate with the metrics it was issued on.
const ENROLLMENT = /* GraphQL */ `
  query HrEnrollment($id: ID!) {
    enrollment(id: $id) {
      ...EnrollmentDetail
      behindSchedule
      completedAt
      trainee {
        email
        active
      }
      cohort {
        plannedWeek
      }
      weeks {
        completedAt
      }
      certification {
        minSoloHandoffs
      }
      overrides {
        activity {
          key
          title
          weekNumber
        }
        reason
        overriddenAt
        overriddenBy {
          name
        }
      }
      certificates {
        id
        code
        cycle
        issuedAt
        expiresAt
        revokedAt
        expired
        valid
        programTitle
        programVersion
        metricsSnapshot {
          code
          label
          value
          threshold
          comparator
          unit
          met
          sampleSize
        }
      }
    }
  }
  ${ENROLLMENT_DETAIL}
`;

export interface HrCertificateRecord {
  id: string;
  code: string;
  cycle: number;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  expired: boolean;
  valid: boolean;
  programTitle: string;
  programVersion: string;
  metricsSnapshot: MetricValue[];
}

export interface HrEnrollmentDetail extends EnrollmentDetail {
  behindSchedule: boolean;
  completedAt: string | null;
  trainee: EnrollmentDetail['trainee'] & Pick<User, 'email'> & { active: boolean };
  cohort: EnrollmentDetail['cohort'] & { plannedWeek: number };
  weeks: (EnrollmentDetail['weeks'][number] & { completedAt: string | null })[];
  certification: EnrollmentDetail['certification'] & { minSoloHandoffs: number };
  /** Newest cycle first. */
  certificates: HrCertificateRecord[];
  /** Oldest first, with who overrode and why. */
  overrides: { activity: { key: string; title: string; weekNumber: number }; reason: string; overriddenAt: string; overriddenBy: { name: string } }[];
}

export async function hrEnrollment(request: Request, auth: Auth, id: string): Promise<HrEnrollmentDetail | null> {
  const data = await api<{ enrollment: HrEnrollmentDetail | null }>(request, auth, ENROLLMENT, { id });
  return data.enrollment;
}
