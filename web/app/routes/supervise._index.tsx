import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { CsrfField } from '~/components/CsrfField';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { FormMessage } from '~/components/FormBits';
import { ProgressBar } from '~/components/ProgressBar';
import { YesNo } from '~/components/StatusBadge';
import { UnmetList } from '~/components/supervision/CertificateActions';
import { FlashMessage } from '~/components/supervision/FlashMessage';
import { activityAnchor } from '~/components/supervision/SignOffCaseView';
import { csrfProtected } from '~/lib/csrf.server';
import { ACTIVITY_KIND_LABEL, ENROLLMENT_STATUS_LABEL, formatCalendarDate, formatDateTime } from '~/lib/format';
import { takeFlash } from '~/lib/flash.server';
import { requireRole } from '~/lib/session.server';
import { runSupervisionAction } from '~/lib/supervision.server';
import { supervisionQueue, type CohortCard } from './supervise._index.server';

export const meta: MetaFunction = () => [{ title: 'Supervision · Baton' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireRole(request, ['SUPERVISOR', 'ADMIN']);
  const [queue, { flash, headers }] = await Promise.all([supervisionQueue(request, auth), takeFlash(request)]);
  return data({ ...queue, flash, isAdmin: auth.user.role === 'ADMIN' }, { headers });
}

/** The queue's only form: issue a certificate. Anything else belongs to the trainee page. */
export const action = csrfProtected(async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, ['SUPERVISOR', 'ADMIN']);
  const form = await request.formData();
  if (form.get('intent') !== 'issueCertificate') throw new Response('This form is not one Baton knows.', { status: 400, statusText: 'Bad Request' });
  form.delete('returnTo');
  const result = await runSupervisionAction(request, auth, form, '/supervise');
  if (!result) throw new Response('Choose whose certificate to issue.', { status: 400, statusText: 'Bad Request' });
  return result;
});

const traineeHref = (enrollmentId: string, hash = '') => `/supervise/enrollments/${encodeURIComponent(enrollmentId)}${hash ? `#${hash}` : ''}`;

export default function SupervisionQueue() {
  const { awaiting, eligible, behind, cohorts, flash, isAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const oneCohort = cohorts.length === 1;
  // A refusal for someone no longer in the list (say, another supervisor issued it meanwhile).
  const orphan =
    result && !result.feedback.ok && !eligible.some((e) => e.enrollmentId === result.enrollmentId) ? result : undefined;

  return (
    <>
      <h1>Supervision</h1>
      <FlashMessage flash={flash} />
      <p>
        <Link to="/supervise/import" className="button button--quiet">
          Import handoffs
        </Link>{' '}
        <span className="muted small">Record many QA-reviewed handoffs at once from a help-desk export (CSV or JSON).</span>
      </p>
      {cohorts.length === 0 ? (
        <p className="panel">
          {isAdmin ? 'There is no cohort yet.' : 'You are not assigned to a cohort yet. An administrator assigns supervisors to cohorts.'}
        </p>
      ) : (
        <p className="lead">
          What needs you now across {oneCohort ? `your cohort, ${cohorts[0].name}` : `${cohorts.length} cohorts`}: sign-offs first, then
          certificates, then anyone falling behind.
        </p>
      )}

      <section className="panel" aria-labelledby="awaiting-heading">
        <h2 id="awaiting-heading">Waiting for sign-off ({awaiting.length})</h2>
        {awaiting.length === 0 ? (
          <p className="empty">
            <span aria-hidden="true">✓ </span>Nothing is waiting for a sign-off.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="queue">
              <caption className="visually-hidden">Activities waiting for sign-off, longest waiting first</caption>
              <thead>
                <tr>
                  <th scope="col">Trainee</th>
                  <th scope="col">Activity</th>
                  <th scope="col">Waiting since</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {awaiting.map((item) => {
                  const rowId = `awaiting-${item.enrollmentId}-${item.activityKey}`;
                  return (
                    <tr key={rowId}>
                      <th scope="row" id={rowId}>
                        {item.traineeName}
                        {oneCohort ? null : <span className="block small muted">{item.cohortName}</span>}
                      </th>
                      <td>
                        {item.activityTitle}
                        <span className="block small muted">
                          Week {item.weekNumber} · {ACTIVITY_KIND_LABEL[item.kind] ?? item.kind}
                          {item.resubmitted ? ' · resubmitted after changes' : ''}
                        </span>
                      </td>
                      <td>
                        {item.since ? (
                          <time dateTime={item.since}>{formatDateTime(item.since, item.timeZone)}</time>
                        ) : (
                          <span className="muted">not known</span>
                        )}
                      </td>
                      <td>
                        <Link to={traineeHref(item.enrollmentId, activityAnchor(item.activityKey))} aria-describedby={rowId} className="button button--quiet">
                          Review and decide<span className="visually-hidden">: {item.activityTitle}</span>
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {awaiting.length > 0 ? <p className="small muted">“Waiting since” is when the latest piece of work was handed in.</p> : null}
      </section>

      <section className="panel" aria-labelledby="eligible-heading">
        <h2 id="eligible-heading">Ready for a certificate ({eligible.length})</h2>
        {orphan ? (
          <div className="queue-problem">
            <FormMessage feedback={orphan.feedback} />
            <UnmetList items={orphan.unmet} />
          </div>
        ) : null}
        {eligible.length === 0 ? (
          <p className="empty">No trainee is waiting for a certificate: nobody meets every requirement without one.</p>
        ) : (
          <div className="table-wrap">
            <table className="queue">
              <caption className="visually-hidden">Trainees who meet every requirement and have no certificate yet</caption>
              <thead>
                <tr>
                  <th scope="col">Trainee</th>
                  <th scope="col">Requirements</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {eligible.map((item) => {
                  const rowId = `eligible-${item.enrollmentId}`;
                  const mine = result?.intent === 'issueCertificate' && result.enrollmentId === item.enrollmentId ? result : undefined;
                  return (
                    <tr key={item.enrollmentId}>
                      <th scope="row" id={rowId}>
                        {item.traineeName}
                        {oneCohort ? null : <span className="block small muted">{item.cohortName}</span>}
                      </th>
                      <td>
                        <YesNo value yes="All met" />: every activity completed, {item.soloHandoffs} solo handoffs reviewed (at least{' '}
                        {item.minSoloHandoffs}), every metric on target.
                      </td>
                      <td>
                        <Form method="post" className="inline-form">
                          <CsrfField />
                          <input type="hidden" name="intent" value="issueCertificate" />
                          <input type="hidden" name="enrollmentId" value={item.enrollmentId} />
                          <button type="submit" className="button" aria-describedby={rowId}>
                            Issue certificate
                          </button>
                        </Form>
                        <FormMessage feedback={mine?.feedback} />
                        <UnmetList items={mine?.unmet ?? []} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="behind-heading">
        <h2 id="behind-heading">Behind schedule ({behind.length})</h2>
        {behind.length === 0 ? (
          <p className="empty">
            <span aria-hidden="true">✓ </span>Every trainee is where the cohort's calendar expects.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="queue">
              <caption className="visually-hidden">Trainees whose current week is behind the cohort's calendar, furthest behind first</caption>
              <thead>
                <tr>
                  <th scope="col">Trainee</th>
                  <th scope="col">Where they are</th>
                  <th scope="col">Progress</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {behind.map((item) => {
                  const rowId = `behind-${item.enrollmentId}`;
                  return (
                    <tr key={item.enrollmentId}>
                      <th scope="row" id={rowId}>
                        {item.traineeName}
                        {oneCohort ? null : <span className="block small muted">{item.cohortName}</span>}
                      </th>
                      <td>
                        <span className="flag flag--behind">
                          <span aria-hidden="true">⚠ </span>Week {item.currentWeek}
                        </span>{' '}
                        while the calendar is in week {item.plannedWeek}
                        {item.awaitingSignOff > 0 ? (
                          <span className="block small muted">
                            {item.awaitingSignOff} {item.awaitingSignOff === 1 ? 'activity waits' : 'activities wait'} for your sign-off
                          </span>
                        ) : null}
                      </td>
                      <td className="cell-progress">
                        <ProgressBar value={item.percentComplete} label={`Progress of ${item.traineeName}`} size="small" />
                      </td>
                      <td>
                        <Link to={traineeHref(item.enrollmentId)} aria-describedby={rowId} className="button button--quiet">
                          Open the record
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {cohorts.length > 0 ? (
        <section aria-labelledby="cohorts-heading">
          <h2 id="cohorts-heading">{isAdmin ? 'Cohorts' : 'Your cohorts'} ({cohorts.length})</h2>
          {cohorts.map((cohort) => (
            <CohortPanel key={cohort.id} cohort={cohort} />
          ))}
        </section>
      ) : null}
    </>
  );
}

function CohortPanel({ cohort }: { cohort: CohortCard }) {
  const headingId = `cohort-${cohort.id}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__head">
        <h3 id={headingId}>{cohort.name}</h3>
        <Link to={`/supervise/cohorts/${encodeURIComponent(cohort.id)}`} className="button button--quiet">
          Progress map<span className="visually-hidden"> of {cohort.name}</span>
        </Link>
      </div>
      <p className="muted">
        {cohort.programTitle} · starts {formatCalendarDate(cohort.startsOn)} ({cohort.timeZone}) ·{' '}
        {cohort.plannedWeek > 0 ? `calendar in week ${Math.min(cohort.plannedWeek, cohort.weeks)} of ${cohort.weeks}` : 'not started yet'} ·
        supervisors: {cohort.supervisors.length ? cohort.supervisors.join(', ') : 'none'}
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
                <th scope="col">Certification</th>
              </tr>
            </thead>
            <tbody>
              {cohort.trainees.map((t) => (
                <tr key={t.enrollmentId}>
                  <th scope="row">
                    <Link to={traineeHref(t.enrollmentId)}>{t.name}</Link>
                    {t.employeeId ? <span className="muted small block">{t.employeeId}</span> : null}
                  </th>
                  <td>{ENROLLMENT_STATUS_LABEL[t.status] ?? t.status}</td>
                  <td className="cell-progress">
                    <ProgressBar value={t.percentComplete} label={`Progress of ${t.name}`} size="small" />
                  </td>
                  <td>
                    Week {t.currentWeek}
                    {t.behindSchedule ? (
                      <span className="block flag flag--behind">
                        <span aria-hidden="true">⚠ </span>Behind
                      </span>
                    ) : null}
                  </td>
                  <td>{t.awaitingSignOff > 0 ? <strong>{t.awaitingSignOff}</strong> : '0'}</td>
                  <td>
                    {t.soloHandoffs} of {cohort.minSoloHandoffs}
                  </td>
                  <td>{t.certified ? <YesNo value yes="Certified" /> : t.eligible ? <YesNo value yes="Ready" /> : <YesNo value={false} no="Not yet" />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
