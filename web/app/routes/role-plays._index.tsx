import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { firstName, formatDuration, START_ROLE_PLAY_INTENT, type RolePlaySummary } from '~/components/practice/model';
import { RatingText, RolePlayStatusBadge, StartRolePlayForm } from '~/components/practice/RolePlayPanel';
import { csrfProtected } from '~/lib/csrf.server';
import { formatDateTime } from '~/lib/format';
import { requireAuth, requireRole } from '~/lib/session.server';
import { rolePlayIndex, startFromIndex } from './role-plays._index.server';

export const meta: MetaFunction = () => [{ title: 'Role-plays · Baton' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  return { ...(await rolePlayIndex(request, auth)), role: auth.user.role };
}

export const action = csrfProtected(async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, ['TRAINEE']);
  const form = await request.formData();
  if (form.get('intent') !== START_ROLE_PLAY_INTENT) throw new Response('This form is not known to Baton.', { status: 400, statusText: 'Bad Request' });
  const result = await startFromIndex(request, auth, form);
  return data(result, { status: result.feedback.ok ? 200 : 400 });
});

/** "Amara invited you to play the customer" / "You invited Ben Carter to play the customer". */
function invitation(s: RolePlaySummary): string {
  return s.yourSide === 'CUSTOMER'
    ? `${firstName(s.agent.name)} invited you to play the customer`
    : `You invited ${s.customer.name} to play the customer`;
}

export default function RolePlays() {
  const { sessions, startable, timeZone, role } = useLoaderData<typeof loader>();
  const open = sessions.filter((s) => s.status !== 'ENDED');
  const unrated = sessions.filter((s) => s.status === 'ENDED' && s.yourSide === 'CUSTOMER' && s.customerRating == null);
  const finished = sessions.filter((s) => s.status === 'ENDED');
  return (
    <>
      <h1>Role-plays</h1>
      <p className="lead">
        One of you takes a handoff as the agent with only the escalation card; the other plays the customer from a private brief.
        {role === 'TRAINEE' ? ' Invitations to play the customer appear here.' : ' Trainees of your cohorts can invite you to play the customer; invitations appear here.'}
      </p>

      <section className="panel" aria-labelledby="open-heading">
        <h2 id="open-heading">Open sessions</h2>
        {open.length === 0 && unrated.length === 0 ? (
          <p className="muted">Nothing waiting for you.</p>
        ) : (
          <ul className="rp-invites">
            {[...open, ...unrated].map((s) => (
              <li key={s.id} className="rp-invite">
                <div className="rp-invite__main">
                  <p className="rp-invite__title">
                    <strong>{s.status === 'ENDED' ? `Rate the handoff ${firstName(s.agent.name)} took` : invitation(s)}</strong>
                  </p>
                  <p className="muted small">
                    {s.activity.title} · {s.yourSide === 'CUSTOMER' ? `${s.agent.name} is the agent` : `you are the agent`} · started{' '}
                    {formatDateTime(s.createdAt, timeZone)}
                  </p>
                </div>
                <RolePlayStatusBadge status={s.status} />
                <Link className="button" to={`/role-plays/${encodeURIComponent(s.id)}`}>
                  {s.status === 'ENDED' ? 'Rate it' : 'Open'}
                  <span className="visually-hidden"> the session with {s.yourSide === 'CUSTOMER' ? s.agent.name : s.customer.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {startable.length > 0 ? (
        <section className="panel" aria-labelledby="start-heading">
          <h2 id="start-heading">Start a role-play as the agent</h2>
          {startable.map((a) => (
            <div key={`${a.enrollmentId}-${a.activityKey}`} className="rp-start">
              {startable.length > 1 ? <h3>{a.title}</h3> : <p>{a.title}: invite someone from your cohort to play the customer.</p>}
              {a.locked ? (
                <p className="notice">
                  <span aria-hidden="true">⊘ </span>Locked: this opens once every activity of the week before is completed.{' '}
                  <Link to={`/activities/${encodeURIComponent(a.activityKey)}`}>About the activity</Link>
                </p>
              ) : (
                <StartRolePlayForm partners={a.partners} activityKey={a.activityKey} idPrefix={`start-${a.activityKey}`} />
              )}
            </div>
          ))}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="finished-heading">
        <h2 id="finished-heading">Finished sessions</h2>
        {finished.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <div className="table-wrap">
            <table aria-labelledby="finished-heading">
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Your part</th>
                  <th scope="col">With</th>
                  <th scope="col">First response</th>
                  <th scope="col">Customer rating</th>
                  <th scope="col">
                    <span className="visually-hidden">Session</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {finished.map((s) => {
                  const other = s.yourSide === 'CUSTOMER' ? s.agent.name : s.customer.name;
                  return (
                    <tr key={s.id}>
                      <td>{formatDateTime(s.createdAt, timeZone)}</td>
                      <td>{s.yourSide === 'CUSTOMER' ? 'Customer' : 'Agent'}</td>
                      <td>{other}</td>
                      <td>{s.firstResponseSeconds != null ? formatDuration(s.firstResponseSeconds) : <span className="muted">None</span>}</td>
                      <td>
                        <RatingText rating={s.customerRating} />
                      </td>
                      <td>
                        <Link to={`/role-plays/${encodeURIComponent(s.id)}`}>
                          Review<span className="visually-hidden"> the session with {other}</span>
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
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
