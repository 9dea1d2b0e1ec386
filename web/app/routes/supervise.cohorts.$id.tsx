import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { CohortMetrics } from '~/components/supervision/CohortMetrics';
import { formatDayRange } from '~/components/supervision/format';
import { cellKind, HeatMap, HeatMapLegend } from '~/components/supervision/HeatMap';
import { formatCalendarDate } from '~/lib/format';
import { requireRole } from '~/lib/session.server';
import { cohortMap } from './supervise.cohorts.$id.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.cohort.name ?? 'Cohort'} · Supervision · Baton` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireRole(request, ['SUPERVISOR', 'ADMIN']);
  const cohort = await cohortMap(request, auth, params.id ?? '');
  if (!cohort) throw new Response('There is no cohort with this id.', { status: 404, statusText: 'Not Found' });
  return { cohort };
}

export default function CohortProgress() {
  const { cohort } = useLoaderData<typeof loader>();
  const { trainees } = cohort;
  const lastWeek = cohort.schedule.at(-1)?.number ?? 3;
  const counts = {
    awaiting: trainees.reduce((n, t) => n + Object.values(t.cells).filter((c) => cellKind(c) === 'awaiting').length, 0),
    behind: trainees.filter((t) => t.behindSchedule).length,
    ready: trainees.filter((t) => t.eligible && !t.certificate).length,
    certified: trainees.filter((t) => t.certificate && !t.certificate.revokedAt).length,
  };
  const calendar =
    cohort.plannedWeek <= 0
      ? `Starts ${formatCalendarDate(cohort.startsOn)}`
      : cohort.plannedWeek > lastWeek
        ? `Past week ${lastWeek}: the planned ${lastWeek} weeks are over`
        : `Week ${cohort.plannedWeek} of ${lastWeek}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/supervise">Supervision</Link> <span aria-hidden="true">›</span> <span aria-current="page">{cohort.name}</span>
      </nav>
      <h1>{cohort.name}</h1>
      <p className="muted">
        {cohort.programTitle} (version {cohort.programVersion}) · time zone {cohort.timeZone} · supervisors:{' '}
        {cohort.supervisors.length ? cohort.supervisors.join(', ') : 'none'}
      </p>

      <dl className="counts">
        <div>
          <dt>Trainees</dt>
          <dd>{trainees.length}</dd>
        </div>
        <div>
          <dt>Calendar</dt>
          <dd className="counts__text">{calendar}</dd>
        </div>
        <div>
          <dt>Awaiting sign-off</dt>
          <dd>{counts.awaiting}</dd>
        </div>
        <div>
          <dt>Behind schedule</dt>
          <dd>{counts.behind}</dd>
        </div>
        <div>
          <dt>Ready for a certificate</dt>
          <dd>{counts.ready}</dd>
        </div>
        <div>
          <dt>Certified</dt>
          <dd>{counts.certified}</dd>
        </div>
      </dl>

      <section className="panel" aria-labelledby="schedule-heading">
        <h2 id="schedule-heading">Planned weeks</h2>
        <ol className="schedule">
          {cohort.schedule.map((w) => {
            const now = w.number === cohort.plannedWeek;
            const behindHere = trainees.filter((t) => t.behindSchedule && t.currentWeek === w.number).length;
            return (
              <li key={w.number} className={now ? 'schedule__week schedule__week--now' : 'schedule__week'} aria-current={now ? 'date' : undefined}>
                <strong>
                  Week {w.number}
                  {w.title ? `: ${w.title}` : ''}
                </strong>
                <span className="block">{formatDayRange(w.startsOn, w.endsOn)}</span>
                {now ? <span className="tag">The calendar is here</span> : null}
                {behindHere > 0 ? (
                  <span className="block small">
                    <span aria-hidden="true">⚠ </span>
                    {behindHere} {behindHere === 1 ? 'trainee is' : 'trainees are'} still in this week, behind the calendar
                  </span>
                ) : null}
              </li>
            );
          })}
        </ol>
        <p className="small muted">
          Dates are calendar days in {cohort.timeZone}. A trainee is behind schedule when the calendar has moved past the week they are in
          and they have not finished.
        </p>
      </section>

      <section className="panel" aria-labelledby="map-heading">
        <h2 id="map-heading">Progress map</h2>
        {trainees.length === 0 ? (
          <p>No trainee is enrolled in this cohort yet.</p>
        ) : (
          <>
            <HeatMapLegend />
            <HeatMap cohortName={cohort.name} weeks={cohort.weeks} schedule={cohort.schedule} plannedWeek={cohort.plannedWeek} trainees={trainees} />
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="metrics-heading">
        <h2 id="metrics-heading">Handoff metrics against target</h2>
        {trainees.length === 0 ? <p>No trainee is enrolled in this cohort yet.</p> : <CohortMetrics trainees={trainees} cohortName={cohort.name} />}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
