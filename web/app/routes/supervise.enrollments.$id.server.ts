import { api } from '~/lib/api.server';
import { ENROLLMENT_DETAIL } from '~/lib/enrollment.server';
import type { Auth } from '~/lib/session.server';
import type { EnrollmentDetail } from '~/lib/types';

const ENROLLMENT = /* GraphQL */ `
  query SupervisedEnrollment($id: ID!) {
    enrollment(id: $id) { ...EnrollmentDetail }
  }
  ${ENROLLMENT_DETAIL}
`;

export async function supervisedEnrollment(request: Request, auth: Auth, id: string): Promise<EnrollmentDetail | null> {
  const data = await api<{ enrollment: EnrollmentDetail | null }>(request, auth, ENROLLMENT, { id });
  return data.enrollment;
}
