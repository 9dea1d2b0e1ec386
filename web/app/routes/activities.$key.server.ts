import { api } from '~/lib/api.server';
import { myEnrollments } from '~/lib/enrollment.server';
import type { Auth } from '~/lib/session.server';
import type { Activity, ActivityProgress, EnrollmentDetail, Program, Week } from '~/lib/types';

export interface ActivityPageData {
  activity: Activity;
  programTitle: string;
  weekTitle: string | null;
  /** The trainee's own progress on it; null for staff, who see the program's description only. */
  progress: ActivityProgress | null;
  timeZone: string;
}

function weekTitleOf(program: { weeks: Pick<Week, 'number' | 'title'>[] }, weekNumber: number): string | null {
  return program.weeks.find((w) => w.number === weekNumber)?.title ?? null;
}

function fromEnrollment(enrollment: EnrollmentDetail, key: string): ActivityPageData | null {
  for (const week of enrollment.weeks) {
    const progress = week.activities.find((p) => p.activity.key === key);
    if (progress) {
      return {
        activity: progress.activity,
        programTitle: enrollment.program.title,
        weekTitle: weekTitleOf(enrollment.program, progress.activity.weekNumber),
        progress,
        timeZone: enrollment.cohort.timeZone,
      };
    }
  }
  return null;
}

const PROGRAMS = /* GraphQL */ `
  query ProgramActivities {
    programs {
      title
      weeks { number title activities { id key kind title summary minutes weekNumber requiresSignOff } }
    }
  }
`;

/** One activity as the signed-in person sees it: a trainee with their status, staff from the program. */
export async function loadActivity(request: Request, auth: Auth, key: string): Promise<ActivityPageData | null> {
  if (auth.user.role === 'TRAINEE') {
    for (const enrollment of await myEnrollments(request, auth)) {
      const found = fromEnrollment(enrollment, key);
      if (found) return found;
    }
    return null;
  }
  const { programs } = await api<{ programs: Pick<Program, 'title' | 'weeks'>[] }>(request, auth, PROGRAMS);
  for (const program of programs) {
    for (const week of program.weeks) {
      const activity = week.activities.find((a) => a.key === key);
      if (activity) return { activity, programTitle: program.title, weekTitle: week.title, progress: null, timeZone: 'UTC' };
    }
  }
  return null;
}
