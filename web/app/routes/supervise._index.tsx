import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { ProgressBar } from '~/components/ProgressBar';
import { YesNo } from '~/components/StatusBadge';
import { ENROLLMENT_STATUS_LABEL, formatCalendarDate } from '~/lib/format';
import { requireRole } from '~/lib/session.server';
import { supervisedCohorts } from './supervise._index.server';

export const meta: MetaFunction = () => [{ title: 'My cohorts · Baton' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireRole(request, ['SUPERVISOR', 'ADMIN']);
  return { cohorts: await supervisedCohorts(request, auth) };
}

export default function SupervisorHome() {
  const { cohorts } = useLoaderData<typeof loader>();
  const waiting = cohorts.reduce((sum, c) => sum + c.trainees.reduce((s, t) => s + t.awaitingSignOff, 0), 0);
  return (
    <>
      <h1>Your cohorts</h1>
      {cohorts.length === 0 ? (
        <p className="panel">You are not assigned to a cohort yet. An administrator assigns supervisors to cohorts.</p>
      ) : (
        <p className="lead">
          {waiting === 0
            ? 'No activity is waiting for your sign-off.'
            : `${waiting} ${waiting === 1 ? 'activity is' : 'activities are'} waiting for your sign-off.`}
        </p>
      )}
      {cohorts.map((cohort) => (
        <section key={cohort.id} className="panel" aria-labelledby={`cohort-${cohort.id}`}>
          <h2 id={`cohort-${cohort.id}`}>{cohort.name}</h2>
          <p className="muted">
            {cohort.programTitle} · starts {formatCalendarDate(cohort.startsOn)} ({cohort.timeZone}) · supervisors:{' '}
            {cohort.supervisors.length ? cohort.supervisors.join(', ') : 'none'}
          </p>
          {cohort.trainees.length === 0 ? (
            <p>No trainee is enrolled yet.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Trainees of {cohort.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Trainee</th>
                    <th scope="col">Status</th>
                    <th scope="col">Progress</th>
                    <th scope="col">Current week</th>
                    <th scope="col">Awaiting sign-off</th>
                    <th scope="col">Solo handoffs</th>
                    <th scope="col">Eligible to certify</th>
                  </tr>
                </thead>
                <tbody>
                  {cohort.trainees.map((t) => (
                    <tr key={t.enrollmentId}>
                      <th scope="row">
                        <Link to={`/supervise/enrollments/${encodeURIComponent(t.enrollmentId)}`}>{t.name}</Link>
                        {t.employeeId ? <span className="muted small block">{t.employeeId}</span> : null}
                      </th>
                      <td>{ENROLLMENT_STATUS_LABEL[t.status] ?? t.status}</td>
                      <td className="cell-progress">
                        <ProgressBar value={t.percentComplete} label={`Progress of ${t.name}`} size="small" />
                      </td>
                      <td>Week {t.currentWeek}</td>
                      <td>{t.awaitingSignOff > 0 ? <strong>{t.awaitingSignOff}</strong> : '0'}</td>
                      <td>
                        {t.soloHandoffs} of {cohort.minSoloHandoffs}
                      </td>
                      <td>{t.certified ? <YesNo value yes="Certified" /> : <YesNo value={t.eligible} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
