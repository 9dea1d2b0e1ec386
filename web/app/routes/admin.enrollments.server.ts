import { api, formError, type FormFeedback } from '~/lib/api.server';
import type { Auth } from '~/lib/session.server';
import type { EnrollmentStatus, User } from '~/lib/types';

const ENROLLMENTS = /* GraphQL */ `
  query AdminEnrollments {
    cohorts {
      id name startsOn
      program { key title }
      enrollments { id status percentComplete enrolledAt trainee { id name email employeeId } }
    }
  }
`;

export const STATUSES: EnrollmentStatus[] = ['ACTIVE', 'COMPLETED', 'CERTIFIED', 'WITHDRAWN'];

export interface AdminCohortOption {
  id: string;
  name: string;
  startsOn: string;
  programKey: string;
  programTitle: string;
}

export interface AdminEnrollmentRow {
  id: string;
  status: EnrollmentStatus;
  percentComplete: number;
  enrolledAt: string;
  trainee: Pick<User, 'id' | 'name' | 'email' | 'employeeId'>;
  cohort: AdminCohortOption;
}

interface Loaded {
  cohorts: {
    id: string;
    name: string;
    startsOn: string;
    program: { key: string; title: string };
    enrollments: Omit<AdminEnrollmentRow, 'cohort'>[];
  }[];
}

export interface EnrollmentFilters {
  cohort: string;
  status: EnrollmentStatus | '';
}

/** Every enrollment, by cohort (newest first) then trainee name, with the chosen filters applied. */
export async function adminEnrollments(request: Request, auth: Auth) {
  const { cohorts } = await api<Loaded>(request, auth, ENROLLMENTS);
  const options: AdminCohortOption[] = cohorts
    .map((c) => ({ id: c.id, name: c.name, startsOn: c.startsOn, programKey: c.program.key, programTitle: c.program.title }))
    .sort((a, b) => b.startsOn.localeCompare(a.startsOn) || a.name.localeCompare(b.name));
  const url = new URL(request.url);
  const cohortParam = url.searchParams.get('cohort') ?? '';
  const statusParam = (url.searchParams.get('status') ?? '').toUpperCase();
  // Unknown values are dropped rather than answered with an empty list.
  const filters: EnrollmentFilters = {
    cohort: options.some((c) => c.id === cohortParam) ? cohortParam : '',
    status: STATUSES.includes(statusParam as EnrollmentStatus) ? (statusParam as EnrollmentStatus) : '',
  };
  const byId = new Map(options.map((c) => [c.id, c]));
  const all: AdminEnrollmentRow[] = cohorts.flatMap((c) => c.enrollments.map((e) => ({ ...e, cohort: byId.get(c.id)! })));
  const order = new Map(options.map((c, i) => [c.id, i]));
  const rows = all
    .filter((r) => (!filters.cohort || r.cohort.id === filters.cohort) && (!filters.status || r.status === filters.status))
    .sort((a, b) => order.get(a.cohort.id)! - order.get(b.cohort.id)! || a.trainee.name.localeCompare(b.trainee.name));
  return { cohorts: options, filters, rows, total: all.length, statuses: STATUSES };
}

export type EnrollmentIntent = 'withdraw' | 'move';

export interface EnrollmentActionResult {
  intent: EnrollmentIntent;
  enrollmentId: string;
  feedback: FormFeedback;
  /** What was typed, to fill the row's form again after an error. */
  values: Record<string, string>;
  at: number;
}

const WITHDRAW = /* GraphQL */ `
  mutation WithdrawEnrollment($enrollmentId: ID!, $reason: String!) {
    withdrawEnrollment(enrollmentId: $enrollmentId, reason: $reason) { id status trainee { name } cohort { name } }
  }
`;
const MOVE = /* GraphQL */ `
  mutation MoveEnrollment($enrollmentId: ID!, $cohortId: ID!, $reason: String!) {
    moveEnrollment(enrollmentId: $enrollmentId, cohortId: $cohortId, reason: $reason) { id trainee { name } cohort { name } }
  }
`;

type Moved = { trainee: { name: string }; cohort: { name: string } };

/** Withdraws or moves one enrollment; the message goes beside that enrollment's form. */
export async function runEnrollmentAction(request: Request, auth: Auth, form: FormData): Promise<EnrollmentActionResult | null> {
  const sent = String(form.get('intent') ?? '');
  if (sent !== 'withdraw' && sent !== 'move') return null;
  const intent: EnrollmentIntent = sent;
  const enrollmentId = String(form.get('enrollmentId') ?? '');
  const values = { reason: String(form.get('reason') ?? '').trim(), cohortId: String(form.get('cohortId') ?? '') };
  const done = (feedback: FormFeedback): EnrollmentActionResult => ({ intent, enrollmentId, feedback, values: feedback.ok ? {} : values, at: Date.now() });

  if (!values.reason) return done({ ok: false, field: 'reason', message: 'Give a reason; it is kept in the audit log.' });
  if (intent === 'move' && !values.cohortId) return done({ ok: false, field: 'cohortId', message: 'Choose the cohort to move to.' });
  try {
    if (intent === 'withdraw') {
      const { withdrawEnrollment: e } = await api<{ withdrawEnrollment: Moved }>(request, auth, WITHDRAW, { enrollmentId, reason: values.reason });
      return done({ ok: true, field: null, message: `Withdrew ${e.trainee.name} from ${e.cohort.name}.` });
    }
    const { moveEnrollment: e } = await api<{ moveEnrollment: Moved }>(request, auth, MOVE, {
      enrollmentId,
      cohortId: values.cohortId,
      reason: values.reason,
    });
    return done({ ok: true, field: null, message: `Moved ${e.trainee.name} to ${e.cohort.name}, with all their progress.` });
  } catch (error) {
    return done(formError(error, ['reason', 'cohortId']));
  }
}
