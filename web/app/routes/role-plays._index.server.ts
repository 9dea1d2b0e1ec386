import type { PracticeActionData, Partner, RolePlaySummary } from '~/components/practice/model';
import { START_ROLE_PLAY_INTENT } from '~/components/practice/model';
import { api } from '~/lib/api.server';
import { myEnrollments } from '~/lib/enrollment.server';
import { PARTNERS, startRolePlayAction, SUMMARY_FIELDS, text } from '~/lib/practice.server';
import type { Auth } from '~/lib/session.server';
import type { EnrollmentDetail } from '~/lib/types';

const MY_ROLE_PLAYS = /* GraphQL */ `
  query MyRolePlays {
    myRolePlaySessions { ${SUMMARY_FIELDS} }
  }
`;

export interface StartableRolePlay {
  enrollmentId: string;
  activityKey: string;
  title: string;
  locked: boolean;
  partners: Partner[];
}

/** The sessions the signed-in person plays in and, for a trainee, the role-plays they can start. */
export async function rolePlayIndex(request: Request, auth: Auth): Promise<{ sessions: RolePlaySummary[]; startable: StartableRolePlay[]; timeZone: string }> {
  const [mine, enrollments] = await Promise.all([
    api<{ myRolePlaySessions: RolePlaySummary[] }>(request, auth, MY_ROLE_PLAYS),
    auth.user.role === 'TRAINEE' ? myEnrollments(request, auth) : Promise.resolve([] as EnrollmentDetail[]),
  ]);
  const live = enrollments.filter((e) => e.status !== 'WITHDRAWN');
  const startable = await Promise.all(
    live.flatMap((e) =>
      e.weeks.flatMap((w) =>
        w.activities
          .filter((p) => p.activity.kind === 'ROLE_PLAY')
          .map(async (p): Promise<StartableRolePlay> => {
            const locked = p.status === 'LOCKED';
            const partners = locked ? [] : (await api<{ rolePlayPartners: Partner[] }>(request, auth, PARTNERS, { enrollmentId: e.id })).rolePlayPartners;
            return { enrollmentId: e.id, activityKey: p.activity.key, title: p.activity.title, locked, partners };
          }),
      ),
    ),
  );
  return { sessions: mine.myRolePlaySessions, startable, timeZone: live[0]?.cohort.timeZone ?? enrollments[0]?.cohort.timeZone ?? 'UTC' };
}

/** Starting a role-play from /role-plays: the form names the activity; the enrollment is the trainee's own. */
export async function startFromIndex(request: Request, auth: Auth, form: FormData): Promise<PracticeActionData> {
  const activityKey = text(form, 'activityKey');
  const enrollment = (await myEnrollments(request, auth)).find(
    (e) => e.status !== 'WITHDRAWN' && e.weeks.some((w) => w.activities.some((p) => p.activity.key === activityKey && p.activity.kind === 'ROLE_PLAY')),
  );
  if (!enrollment) {
    return { intent: START_ROLE_PLAY_INTENT, feedback: { ok: false, message: 'There is no role-play with this key in your program.', field: null }, values: {}, at: Date.now() };
  }
  return startRolePlayAction(request, auth, enrollment.id, activityKey, form);
}

