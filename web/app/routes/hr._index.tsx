import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { CertificationRates } from '~/components/hr/CertificationRates';
import { Downloads } from '~/components/hr/Downloads';
import { EnrollmentTable } from '~/components/hr/EnrollmentTable';
import { hasAnyFilter } from '~/components/hr/filters';
import { filterFieldId, HrFilterForm } from '~/components/hr/HrFilterForm';
import { StatusCounts } from '~/components/hr/StatusCounts';
import { requireRole } from '~/lib/session.server';
import { filterEnrollments, hrCohorts, parseFilters } from './hr._index.server';

export const meta: MetaFunction = () => [{ title: 'Cohorts and completions · Baton' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireRole(request, ['HR', 'ADMIN']);
  const cohorts = await hrCohorts(request, auth);
  const { values, filters, problems } = parseFilters(
    new URL(request.url),
    cohorts.map((c) => c.id)
  );
  const list = filterEnrollments(cohorts, filters);
  return {
    cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })),
    values,
    filters,
    problems,
    ...list,
  };
}

export default function HrHome() {
  const { cohorts, values, filters, problems, rows, total, rates } = useLoaderData<typeof loader>();
  const location = useLocation();
  const filtered = hasAnyFilter(values);
  const cohortName = cohorts.find((c) => c.id === filters.cohort)?.name ?? null;
  const shownText = `${rows.length} of ${total} ${total === 1 ? 'enrollment' : 'enrollments'} shown`;
  const rateScope = [
    filters.cohort || filters.from || filters.to ? '(for the chosen cohort and enrolment dates;' : '(every enrollment;',
    'the status filter and the search do not apply here)',
  ].join(' ');

  return (
    <>
      <h1>Cohorts and completions</h1>
      <p className="lead">Find any trainee, see why they are or are not certified, and download the records your HR system imports.</p>

      {problems.length > 0 ? (
        <div className="error-summary" role="alert" aria-labelledby="filter-problems-title">
          <h2 id="filter-problems-title">
            <span aria-hidden="true">⚠ </span>
            {problems.length === 1 ? 'One filter could not be used' : `${problems.length} filters could not be used`}
          </h2>
          <p>The list below ignores {problems.length === 1 ? 'it' : 'them'}:</p>
          <ul>
            {problems.map((p) => (
              <li key={p.field}>
                <a href={`#${filterFieldId(p.field)}`}>{p.message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <section className="panel" aria-labelledby="filters-heading">
        <h2 id="filters-heading">Find enrollments</h2>
        <HrFilterForm key={location.search} cohorts={cohorts} values={values} problems={problems} filtered={filtered} />
      </section>

      <section className="panel" aria-labelledby="results-heading">
        <div className="panel__head">
          <h2 id="results-heading">Enrollments</h2>
          <p className="hr-shown" role="status">
            {shownText}
          </p>
        </div>
        <StatusCounts enrollments={rows} label="Enrollments shown, per status" />
        {total === 0 ? (
          <p className="empty">
            {cohorts.length === 0
              ? 'No cohort exists yet. An administrator creates cohorts and enrols trainees; they then appear here.'
              : 'No trainee is enrolled in any cohort yet. An administrator enrols trainees; they then appear here.'}
          </p>
        ) : rows.length === 0 ? (
          <div className="empty-state">
            <p>No enrollment matches these filters.</p>
            <p>
              <Link to="/hr">Clear the filters</Link> to see all {total}.
            </p>
          </div>
        ) : (
          <EnrollmentTable rows={rows} caption={`Enrollments, by cohort then name (dates in UTC, as in the CSV)`} />
        )}
      </section>

      <section className="panel" aria-labelledby="export-heading">
        <h2 id="export-heading">Download</h2>
        <Downloads filters={filters} cohortName={cohortName} shown={rows.length} />
      </section>

      <section className="panel" aria-labelledby="rates-heading">
        <h2 id="rates-heading">Certification rate per cohort</h2>
        <p className="muted small">
          Completed: finished every activity (status Completed or Certified). Certified: holds a certificate now. Each cohort's calendar
          (.ics) lists its weeks and planned sessions, for Outlook, Google or Apple calendars.
        </p>
        {cohorts.length === 0 ? <p className="empty">No cohort exists yet.</p> : <CertificationRates rates={rates} scope={rateScope} />}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
