import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CsrfField } from '~/components/CsrfField';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { Field, FormMessage, type ActionFeedback } from '~/components/FormBits';
import { csrfProtected } from '~/lib/csrf.server';
import { formatCalendarDate, ROLE_LABEL } from '~/lib/format';
import { requireRole } from '~/lib/session.server';
import type { Role } from '~/lib/types';
import { adminData, runAdminAction, type Intent } from './admin._index.server';

export const meta: MetaFunction = () => [{ title: 'Administration · Baton' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireRole(request, ['ADMIN']);
  // Node's list of zone names leaves out UTC itself, the API's default.
  return { ...(await adminData(request, auth)), timeZones: ['UTC', ...Intl.supportedValuesOf('timeZone')] };
}

export const action = csrfProtected(async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, ['ADMIN']);
  const result = await runAdminAction(request, auth, await request.formData());
  if (!result) throw new Response('This form is not known to Baton.', { status: 400, statusText: 'Bad Request' });
  return data(result, { status: result.feedback.ok ? 200 : 400 });
});

const ROLES: Role[] = ['TRAINEE', 'SUPERVISOR', 'HR', 'ADMIN'];

export default function Admin() {
  const { programs, cohorts, users, timeZones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null;

  const feedback = (intent: Intent) => (result?.intent === intent ? result.feedback : undefined);
  const value = (intent: Intent, field: string, fallback = '') =>
    result?.intent === intent && !result.feedback.ok ? (result.values[field] ?? fallback) : fallback;
  // A new key after each success clears that form (with JavaScript; without it the page is new anyway).
  const formKey = (intent: Intent) => (result?.intent === intent && result.feedback.ok ? `${intent}-${result.at}` : intent);
  const submit = (intent: Intent, label: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className="button" disabled={busyIntent === intent}>
        {busyIntent === intent ? 'Saving…' : label}
      </button>
    </>
  );

  const supervisors = users.filter((u) => u.role === 'SUPERVISOR');
  const trainees = users.filter((u) => u.role === 'TRAINEE');

  return (
    <>
      <h1>Administration</h1>
      <nav className="panel" aria-labelledby="more-heading">
        <h2 id="more-heading">Provisioning</h2>
        <ul>
          <li>
            <Link to="/admin/import">Import users from a CSV file</Link>: create or update many accounts and enrol trainees at once.
          </li>
          <li>
            <Link to="/admin/enrollments">Enrollments</Link>: withdraw a trainee, or move them to another cohort with their progress.
          </li>
        </ul>
      </nav>
      <div className="grid-2">
        <section className="panel" aria-labelledby="new-user-heading">
          <h2 id="new-user-heading">Create a user</h2>
          <Form method="post" className="form" key={formKey('createUser')}>
            <CsrfField />
            <Field formId="user" name="name" label="Full name" feedback={feedback('createUser')}>
              {(p) => <input {...p} type="text" autoComplete="off" required defaultValue={value('createUser', 'name')} />}
            </Field>
            <Field formId="user" name="email" label="Email address" feedback={feedback('createUser')}>
              {(p) => <input {...p} type="email" autoComplete="off" required defaultValue={value('createUser', 'email')} />}
            </Field>
            <Field formId="user" name="role" label="Role" feedback={feedback('createUser')}>
              {(p) => (
                <select {...p} required defaultValue={value('createUser', 'role', 'TRAINEE')}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field formId="user" name="employeeId" label="Employee ID (optional)" hint="The ID your HR system uses; it appears in exports." feedback={feedback('createUser')}>
              {(p) => <input {...p} type="text" autoComplete="off" defaultValue={value('createUser', 'employeeId')} />}
            </Field>
            <Field formId="user" name="password" label="Starting password" feedback={feedback('createUser')}>
              {(p) => <input {...p} type="password" autoComplete="new-password" required />}
            </Field>
            <FormMessage feedback={feedback('createUser')} />
            {submit('createUser', 'Create user')}
          </Form>
        </section>

        <section className="panel" aria-labelledby="new-cohort-heading">
          <h2 id="new-cohort-heading">Create a cohort</h2>
          <Form method="post" className="form" key={formKey('createCohort')}>
            <CsrfField />
            <Field formId="cohort" name="name" label="Cohort name" feedback={feedback('createCohort')}>
              {(p) => <input {...p} type="text" autoComplete="off" required defaultValue={value('createCohort', 'name')} />}
            </Field>
            <Field formId="cohort" name="programKey" label="Program" feedback={feedback('createCohort')}>
              {(p) => (
                <select {...p} required defaultValue={value('createCohort', 'programKey', programs[0]?.key ?? '')}>
                  {programs.length === 0 ? <option value="">No program is published</option> : null}
                  {programs.map((program) => (
                    <option key={program.key} value={program.key}>
                      {program.title} (version {program.version})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field formId="cohort" name="startsOn" label="Start date" feedback={feedback('createCohort')}>
              {(p) => <input {...p} type="date" required defaultValue={value('createCohort', 'startsOn')} />}
            </Field>
            <Field
              formId="cohort"
              name="timeZone"
              label="Time zone"
              hint="Where the cohort works, as a zone name such as Europe/Berlin; sessions are planned in it."
              feedback={feedback('createCohort')}
            >
              {(p) => (
                <>
                  <input {...p} type="text" list="time-zones" autoComplete="off" required defaultValue={value('createCohort', 'timeZone', 'UTC')} />
                  <datalist id="time-zones">
                    {timeZones.map((zone) => (
                      <option key={zone} value={zone} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
            <FormMessage feedback={feedback('createCohort')} />
            {submit('createCohort', 'Create cohort')}
          </Form>
        </section>

        <section className="panel" aria-labelledby="assign-heading">
          <h2 id="assign-heading">Assign a supervisor</h2>
          <Form method="post" className="form" key={formKey('assignSupervisor')}>
            <CsrfField />
            <CohortSelect formId="assign" cohorts={cohorts} feedback={feedback('assignSupervisor')} selected={value('assignSupervisor', 'cohortId')} />
            <Field formId="assign" name="supervisorId" label="Supervisor" feedback={feedback('assignSupervisor')}>
              {(p) => (
                <select {...p} required defaultValue={value('assignSupervisor', 'supervisorId')}>
                  <option value="">Choose a supervisor</option>
                  {supervisors.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name} ({u.email})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <FormMessage feedback={feedback('assignSupervisor')} />
            {submit('assignSupervisor', 'Assign supervisor')}
          </Form>
        </section>

        <section className="panel" aria-labelledby="enrol-heading">
          <h2 id="enrol-heading">Enrol a trainee</h2>
          <Form method="post" className="form" key={formKey('enroll')}>
            <CsrfField />
            <CohortSelect formId="enrol" cohorts={cohorts} feedback={feedback('enroll')} selected={value('enroll', 'cohortId')} />
            <Field formId="enrol" name="traineeId" label="Trainee" feedback={feedback('enroll')}>
              {(p) => (
                <select {...p} required defaultValue={value('enroll', 'traineeId')}>
                  <option value="">Choose a trainee</option>
                  {trainees.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name} ({u.employeeId ?? u.email})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <FormMessage feedback={feedback('enroll')} />
            {submit('enroll', 'Enrol trainee')}
          </Form>
        </section>
      </div>

      <section className="panel" aria-labelledby="cohorts-heading">
        <h2 id="cohorts-heading">Cohorts ({cohorts.length})</h2>
        {cohorts.length === 0 ? (
          <p>No cohort yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Program</th>
                  <th scope="col">Starts</th>
                  <th scope="col">Time zone</th>
                  <th scope="col">Supervisors</th>
                  <th scope="col">Trainees</th>
                </tr>
              </thead>
              <tbody>
                {cohorts.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.name}</th>
                    <td>
                      {c.program.title} <span className="muted">(v{c.program.version})</span>
                    </td>
                    <td>{formatCalendarDate(c.startsOn)}</td>
                    <td>{c.timeZone}</td>
                    <td>{c.supervisors.length ? c.supervisors.map((s) => s.name).join(', ') : <span className="muted">none</span>}</td>
                    <td>
                      <Link to={`/admin/enrollments?cohort=${c.id}`}>{c.enrollments.length}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="users-heading">
        <h2 id="users-heading">Users ({users.length})</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Employee ID</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.name}</th>
                  <td>{u.email}</td>
                  <td>{ROLE_LABEL[u.role] ?? u.role}</td>
                  <td>{u.employeeId ?? <span className="muted">none</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function CohortSelect({
  formId,
  cohorts,
  feedback,
  selected,
}: {
  formId: string;
  cohorts: { id: string; name: string }[];
  feedback: ActionFeedback | undefined;
  selected: string;
}) {
  return (
    <Field formId={formId} name="cohortId" label="Cohort" feedback={feedback}>
      {(p) => (
        <select {...p} required defaultValue={selected}>
          <option value="">Choose a cohort</option>
          {cohorts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
