import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react';
import { CsrfField } from '~/components/CsrfField';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { Field, FormMessage, type ActionFeedback } from '~/components/FormBits';
import { csrfProtected } from '~/lib/csrf.server';
import { ENROLLMENT_STATUS_LABEL, formatCalendarDate } from '~/lib/format';
import { requireRole } from '~/lib/session.server';
import {
  adminEnrollments,
  runEnrollmentAction,
  type AdminCohortOption,
  type AdminEnrollmentRow,
  type EnrollmentActionResult,
  type EnrollmentIntent,
} from './admin.enrollments.server';

export const meta: MetaFunction = () => [{ title: 'Enrollments · Administration · Baton' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireRole(request, ['ADMIN']);
  return adminEnrollments(request, auth);
}

export const action = csrfProtected(async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, ['ADMIN']);
  const result = await runEnrollmentAction(request, auth, await request.formData());
  if (!result) throw new Response('This form is not known to Baton.', { status: 400, statusText: 'Bad Request' });
  return data(result, { status: result.feedback.ok ? 200 : 400 });
});

export default function AdminEnrollments() {
  const { cohorts, filters, rows, total, statuses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as EnrollmentActionResult | undefined;
  const location = useLocation();
  const filtered = !!(filters.cohort || filters.status);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">Administration</Link> › Enrollments
      </p>
      <h1>Enrollments</h1>
      <p className="lead">Withdraw a trainee, or move them to another cohort of the same program with all their progress.</p>

      {result?.feedback.ok ? (
        <p className="notice notice--success" role="status">
          <span aria-hidden="true">✓ </span>
          {result.feedback.message}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="filter-heading">
        <h2 id="filter-heading">Show</h2>
        <Form method="get" className="form form--inline" key={location.search}>
          <div className="field">
            <label htmlFor="filter-cohort">Cohort</label>
            <select id="filter-cohort" name="cohort" defaultValue={filters.cohort}>
              <option value="">Every cohort</option>
              {cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-status">Status</label>
            <select id="filter-status" name="status" defaultValue={filters.status}>
              <option value="">Any status</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {ENROLLMENT_STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--quiet">
            Show
          </button>
          {filtered ? <Link to="/admin/enrollments">Show all</Link> : null}
        </Form>
      </section>

      <section className="panel" aria-labelledby="list-heading">
        <div className="panel__head">
          <h2 id="list-heading">Enrollments</h2>
          <p role="status">
            {rows.length} of {total} shown
          </p>
        </div>
        {rows.length === 0 ? (
          <p className="empty">{total === 0 ? 'No trainee is enrolled yet.' : 'No enrollment matches these filters.'}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Enrollments, by cohort then trainee name</caption>
              <thead>
                <tr>
                  <th scope="col">Trainee</th>
                  <th scope="col">Cohort</th>
                  <th scope="col">Status</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Enrolled</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      {row.trainee.name}
                      <span className="block muted small">{row.trainee.employeeId ?? row.trainee.email}</span>
                    </th>
                    <td>{row.cohort.name}</td>
                    <td>{ENROLLMENT_STATUS_LABEL[row.status]}</td>
                    <td>{Math.round(row.percentComplete)}%</td>
                    <td>{formatCalendarDate(row.enrolledAt.slice(0, 10))}</td>
                    <td>
                      <RowActions row={row} cohorts={cohorts} result={result?.enrollmentId === row.id ? result : undefined} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function RowActions({ row, cohorts, result }: { row: AdminEnrollmentRow; cohorts: AdminCohortOption[]; result: EnrollmentActionResult | undefined }) {
  const navigation = useNavigation();
  const submitting =
    navigation.state === 'submitting' && navigation.formData?.get('enrollmentId') === row.id ? String(navigation.formData.get('intent')) : null;
  const failed = (intent: EnrollmentIntent) => (result && result.intent === intent && !result.feedback.ok ? result : undefined);
  const feedback = (intent: EnrollmentIntent): ActionFeedback | undefined => failed(intent)?.feedback;
  const value = (intent: EnrollmentIntent, field: string) => failed(intent)?.values[field] ?? '';
  // Another cohort of the same program: the enrollment keeps its pinned version and history.
  const targets = cohorts.filter((c) => c.programKey === row.cohort.programKey && c.id !== row.cohort.id);
  const who = row.trainee.name;

  return (
    <>
      {row.status === 'WITHDRAWN' ? null : row.status === 'CERTIFIED' ? (
        <p className="muted small">Certified: revoke the certificate before withdrawing.</p>
      ) : (
        <details open={!!failed('withdraw')}>
          <summary>Withdraw</summary>
          <Form method="post" className="form" key={`withdraw-${row.id}-${result?.at ?? ''}`}>
            <CsrfField />
            <input type="hidden" name="intent" value="withdraw" />
            <input type="hidden" name="enrollmentId" value={row.id} />
            <Field formId={`withdraw-${row.id}`} name="reason" label={`Why is ${who} withdrawn?`} feedback={feedback('withdraw')}>
              {(p) => <input {...p} type="text" required maxLength={2000} defaultValue={value('withdraw', 'reason')} />}
            </Field>
            <FormMessage feedback={feedback('withdraw')} />
            <button type="submit" className="button" disabled={submitting !== null}>
              {submitting === 'withdraw' ? 'Withdrawing…' : `Withdraw ${who}`}
            </button>
          </Form>
        </details>
      )}
      {targets.length === 0 ? (
        <p className="muted small">No other cohort runs this program.</p>
      ) : (
        <details open={!!failed('move')}>
          <summary>Move to cohort</summary>
          <Form method="post" className="form" key={`move-${row.id}-${result?.at ?? ''}`}>
            <CsrfField />
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="enrollmentId" value={row.id} />
            <Field formId={`move-${row.id}`} name="cohortId" label="Move to" feedback={feedback('move')}>
              {(p) => (
                <select {...p} required defaultValue={value('move', 'cohortId')}>
                  <option value="">Choose a cohort</option>
                  {targets.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} (starts {formatCalendarDate(c.startsOn)})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field formId={`move-${row.id}`} name="reason" label="Reason" feedback={feedback('move')}>
              {(p) => <input {...p} type="text" required maxLength={2000} defaultValue={value('move', 'reason')} />}
            </Field>
            <FormMessage feedback={feedback('move')} />
            <button type="submit" className="button" disabled={submitting !== null}>
              {submitting === 'move' ? 'Moving…' : `Move ${who}`}
            </button>
          </Form>
        </details>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
