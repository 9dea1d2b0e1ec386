import type { MapCell, MapTrainee, MapWeek, PlannedWeek } from '~/components/supervision/types';
import { api } from '~/lib/api.server';
import type { Auth } from '~/lib/session.server';
import type { ActivityKind, ActivityStatus, CohortSummary, EnrollmentStatus, MetricValue, SignOffDecision, User } from '~/lib/types';

const COHORT = /* GraphQL */ `
  query SupervisedCohort($id: ID!) {
    cohort(id: $id) {
      id name startsOn timeZone plannedWeek
      schedule { number startsOn endsOn }
      supervisors { id name }
      program {
        title version minSoloHandoffs
        weeks { number title activities { key title kind } }
      }
      enrollments {
        id status percentComplete currentWeek behindSchedule
        trainee { id name employeeId }
        weeks {
          number
          activities {
            status overridden
            activity { key title kind requiresSignOff weekNumber }
            latestSignOff { decision }
          }
        }
        certification {
          eligible soloHandoffs minSoloHandoffs
          metrics { code label value threshold comparator unit met sampleSize }
          certificate { code revokedAt }
        }
      }
    }
  }
`;

interface CohortData extends CohortSummary {
  plannedWeek: number;
  schedule: PlannedWeek[];
  supervisors: Pick<User, 'id' | 'name'>[];
  program: {
    title: string;
    version: string;
    minSoloHandoffs: number;
    weeks: { number: number; title: string; activities: { key: string; title: string; kind: ActivityKind }[] }[];
  };
  enrollments: {
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
        overridden: boolean;
        activity: { key: string; title: string; kind: ActivityKind; requiresSignOff: boolean; weekNumber: number };
        latestSignOff: { decision: SignOffDecision } | null;
      }[];
    }[];
    certification: {
      eligible: boolean;
      soloHandoffs: number;
      minSoloHandoffs: number;
      metrics: MetricValue[];
      certificate: { code: string; revokedAt: string | null } | null;
    };
  }[];
}

export interface CohortMap extends CohortSummary {
  plannedWeek: number;
  schedule: (PlannedWeek & { title: string })[];
  supervisors: string[];
  programTitle: string;
  programVersion: string;
  weeks: MapWeek[];
  trainees: MapTrainee[];
}

/** The cohort, its calendar, and each trainee's activities and metrics; null when there is no such cohort. */
export async function cohortMap(request: Request, auth: Auth, id: string): Promise<CohortMap | null> {
  const { cohort } = await api<{ cohort: CohortData | null }>(request, auth, COHORT, { id });
  if (!cohort) return null;

  // Columns: the cohort's program, plus any activity an enrollment pinned to another version has.
  const weeks: MapWeek[] = [...cohort.program.weeks]
    .sort((a, b) => a.number - b.number)
    .map((w) => ({ number: w.number, title: w.title, activities: w.activities.map((a) => ({ key: a.key, title: a.title, kind: a.kind })) }));
  const known = new Set(weeks.flatMap((w) => w.activities.map((a) => a.key)));
  for (const e of cohort.enrollments) {
    for (const p of e.weeks.flatMap((w) => w.activities)) {
      if (known.has(p.activity.key)) continue;
      known.add(p.activity.key);
      let week = weeks.find((w) => w.number === p.activity.weekNumber);
      if (!week) {
        week = { number: p.activity.weekNumber, title: '', activities: [] };
        weeks.push(week);
        weeks.sort((a, b) => a.number - b.number);
      }
      week.activities.push({ key: p.activity.key, title: p.activity.title, kind: p.activity.kind });
    }
  }
  const titles = new Map(cohort.program.weeks.map((w) => [w.number, w.title]));

  return {
    id: cohort.id,
    name: cohort.name,
    startsOn: cohort.startsOn,
    timeZone: cohort.timeZone,
    plannedWeek: cohort.plannedWeek,
    schedule: [...cohort.schedule].sort((a, b) => a.number - b.number).map((w) => ({ ...w, title: titles.get(w.number) ?? '' })),
    supervisors: cohort.supervisors.map((s) => s.name),
    programTitle: cohort.program.title,
    programVersion: cohort.program.version,
    weeks,
    trainees: cohort.enrollments
      .map((e): MapTrainee => {
        const cells: Record<string, MapCell> = {};
        for (const p of e.weeks.flatMap((w) => w.activities)) {
          cells[p.activity.key] = {
            key: p.activity.key,
            status: p.status,
            overridden: p.overridden,
            requiresSignOff: p.activity.requiresSignOff,
            latestDecision: p.latestSignOff?.decision ?? null,
          };
        }
        return {
          enrollmentId: e.id,
          name: e.trainee.name,
          employeeId: e.trainee.employeeId,
          status: e.status,
          percentComplete: e.percentComplete,
          currentWeek: e.currentWeek,
          behindSchedule: e.behindSchedule,
          cells,
          metrics: e.certification.metrics,
          soloHandoffs: e.certification.soloHandoffs,
          minSoloHandoffs: e.certification.minSoloHandoffs,
          eligible: e.certification.eligible,
          certificate: e.certification.certificate,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
