import type { HomeEnrollment } from '~/lib/enrollment.server';
import type { Auth } from '~/lib/session.server';
import { DEFAULT_TIME_LIMIT, speedReadingTrend, type SpeedReadingTrend } from './activities.$key.server';

export interface DrillPanel extends SpeedReadingTrend {
  key: string;
  title: string;
}

/** For each live enrollment, its open speed-reading drill with the trainee's times (keyed by enrollment id). */
export async function drillPanels(request: Request, auth: Auth, enrollments: HomeEnrollment[]): Promise<Record<string, DrillPanel>> {
  const entries = await Promise.all(
    enrollments
      .filter((e) => e.status !== 'WITHDRAWN')
      .map(async (e) => {
        const drill = e.weeks.flatMap((w) => w.activities).find((p) => p.activity.kind === 'SPEED_READING' && p.status !== 'LOCKED');
        if (!drill) return null;
        // The attempts came with the enrollment (TRAINEE_HOME); a drill not started yet has none.
        const attempts = e.speedReadingAttempts
          .filter((a) => a.activity.key === drill.activity.key)
          .map(({ id, startedAt, submittedAt, score, passed, durationSeconds }) => ({ id, startedAt, submittedAt, score, passed, durationSeconds }));
        const trend: SpeedReadingTrend =
          drill.status === 'AVAILABLE' ? { attempts: [], limitSeconds: DEFAULT_TIME_LIMIT } : await speedReadingTrend(request, auth, e.id, drill.activity, attempts);
        return [e.id, { key: drill.activity.key, title: drill.activity.title, ...trend }] as const;
      }),
  );
  return Object.fromEntries(entries.filter((entry) => entry !== null));
}
