import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { DurationTrend } from '~/components/activities/DurationTrend';
import { EnrollmentView } from '~/components/EnrollmentView';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { traineeHome } from '~/lib/enrollment.server';
import { formatSeconds, personalBest } from '~/lib/attempts';
import { HOME_BY_ROLE, requireAuth } from '~/lib/session.server';
import { drillPanels, type DrillPanel } from './_index.server';

export const meta: MetaFunction = () => [{ title: 'My training · Baton' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (auth.user.role !== 'TRAINEE') throw redirect(HOME_BY_ROLE[auth.user.role] ?? '/login');
  const enrollments = await traineeHome(request, auth);
  const drills = await drillPanels(request, auth, enrollments);
  // The attempts travel to the page as the drill panels; not twice.
  return { name: auth.user.name, enrollments: enrollments.map(({ speedReadingAttempts: _, ...e }) => e), drills };
}

export default function TraineeHome() {
  const { name, enrollments, drills } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Your training, {name}</h1>
      {enrollments.length === 0 ? (
        <section className="panel">
          <p>You are not enrolled in a cohort yet. Your administrator enrols you; this page then shows your three weeks.</p>
          <p>
            Meanwhile, read the <Link to="/guide">desk card</Link>: the whole handoff on one page.
          </p>
        </section>
      ) : (
        enrollments.map((enrollment) => (
          <EnrollmentView key={enrollment.id} enrollment={enrollment} viewer="trainee">
            {drills[enrollment.id] ? (
              <DrillsPanel drill={drills[enrollment.id]} headingId={`drills-${enrollment.id}`} timeZone={enrollment.cohort.timeZone} />
            ) : null}
          </EnrollmentView>
        ))
      )}
    </>
  );
}

/** The trainee's speed-reading times at a glance: personal best and the trend against the target. */
function DrillsPanel({ drill, headingId, timeZone }: { drill: DrillPanel; headingId: string; timeZone: string }) {
  const best = personalBest(drill.attempts);
  return (
    <section className="panel drills" aria-labelledby={headingId}>
      <h2 id={headingId}>Your drills</h2>
      <h3>
        <Link to={`/activities/${encodeURIComponent(drill.key)}`}>{drill.title}</Link>
      </h3>
      <p>
        Personal best:{' '}
        <strong>
          {best?.durationSeconds != null ? formatSeconds(best.durationSeconds, drill.limitSeconds) : 'no passing attempt yet'}
        </strong>{' '}
        · target under {drill.limitSeconds} s
      </p>
      <DurationTrend attempts={drill.attempts} limitSeconds={drill.limitSeconds} timeZone={timeZone} idPrefix={`${headingId}-trend`} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
