import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { ProgressBar } from '~/components/ProgressBar';
import { YesNo } from '~/components/StatusBadge';
import { ENROLLMENT_STATUS_LABEL, formatCalendarDate, formatDate } from '~/lib/format';
import { requireRole } from '~/lib/session.server';
import type { EnrollmentStatus } from '~/lib/types';
import { hrCohorts, type HrEnrollment } from './hr._index.server';

export const meta: MetaFunction = () => [{ title: 'Cohorts and completions · Baton' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireRole(request, ['HR', 'ADMIN']);
  return { cohorts: await hrCohorts(request, auth) };
}

const STATUSES: EnrollmentStatus[] = ['ACTIVE', 'COMPLETED', 'CERTIFIED', 'WITHDRAWN'];

function StatusCounts({ enrollments, label }: { enrollments: HrEnrollment[]; label: string }) {
  return (
    <dl className="counts" aria-label={label}>
      {STATUSES.map((status) => (
        <div key={status}>
          <dt>{ENROLLMENT_STATUS_LABEL[status]}</dt>
          <dd>{enrollments.filter((e) => e.status === status).length}</dd>
        </div>
      ))}
      <div>
        <dt>All</dt>
        <dd>{enrollments.length}</dd>
      </div>
    </dl>
  );
}

export default function HrHome() {
  const { cohorts } = useLoaderData<typeof loader>();
  const all = cohorts.flatMap((c) => c.enrollments);
  return (
    <>
      <h1>Cohorts and completions</h1>
      <section className="panel" aria-labelledby="totals-heading">
        <h2 id="totals-heading">All enrollments</h2>
        <StatusCounts enrollments={all} label="Enrollments per status, all cohorts" />
      </section>

      <section className="panel" aria-labelledby="export-heading">
        <h2 id="export-heading">Completions export</h2>
        <p>
          One row per enrollment, as CSV for spreadsheets and HR systems:{' '}
          <a href="/hr/completions.csv" download>
            download every enrollment
          </a>
          , or choose a subset.
        </p>
        <form method="get" action="/hr/completions.csv" className="form form--inline">
          <div className="field">
            <label htmlFor="export-cohort">Cohort</label>
            <select id="export-cohort" name="cohort" defaultValue="">
              <option value="">All cohorts</option>
              {cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="export-status">Status</label>
            <select id="export-status" name="status" defaultValue="">
              <option value="">Any status</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {ENROLLMENT_STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="export-from">Enrolled from</label>
            <input id="export-from" name="from" type="date" />
          </div>
          <div className="field">
            <label htmlFor="export-to">Enrolled to</label>
            <input id="export-to" name="to" type="date" />
          </div>
          <button type="submit" className="button">
            Download CSV
          </button>
        </form>
      </section>

      {cohorts.length === 0 ? <p className="panel">No cohort exists yet.</p> : null}
      {cohorts.map((cohort) => (
        <section key={cohort.id} className="panel" aria-labelledby={`hr-cohort-${cohort.id}`}>
          <h2 id={`hr-cohort-${cohort.id}`}>{cohort.name}</h2>
          <p className="muted">
            {cohort.program.title} (version {cohort.program.version}) · starts {formatCalendarDate(cohort.startsOn)} (
            {cohort.timeZone}) · supervisors: {cohort.supervisors.length ? cohort.supervisors.map((s) => s.name).join(', ') : 'none'}
          </p>
          <StatusCounts enrollments={cohort.enrollments} label={`Enrollments per status in ${cohort.name}`} />
          {cohort.enrollments.length === 0 ? (
            <p>No trainee is enrolled yet.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Enrollments of {cohort.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Trainee</th>
                    <th scope="col">Employee ID</th>
                    <th scope="col">Enrolled</th>
                    <th scope="col">Status</th>
                    <th scope="col">Progress</th>
                    <th scope="col">Certified</th>
                  </tr>
                </thead>
                <tbody>
                  {cohort.enrollments.map((e) => (
                    <tr key={e.id}>
                      <th scope="row">
                        {e.trainee.name}
                        <span className="muted small block">{e.trainee.email}</span>
                      </th>
                      <td>{e.trainee.employeeId ?? <span className="muted">none</span>}</td>
                      <td>{formatDate(e.enrolledAt, cohort.timeZone)}</td>
                      <td>{ENROLLMENT_STATUS_LABEL[e.status] ?? e.status}</td>
                      <td className="cell-progress">
                        <ProgressBar value={e.percentComplete} label={`Progress of ${e.trainee.name}`} size="small" />
                      </td>
                      <td>
                        <YesNo value={e.status === 'CERTIFIED'} />
                      </td>
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
