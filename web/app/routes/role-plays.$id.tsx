import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { firstName, formatClock, type PracticeActionData, type RolePlayDetail } from '~/components/practice/model';
import { RolePlayChat } from '~/components/practice/RolePlayChat';
import { RolePlayContext } from '~/components/practice/RolePlayContext';
import { RolePlayStatusBadge } from '~/components/practice/RolePlayPanel';
import { ObserverLiveChecks, RolePlayResult } from '~/components/practice/RolePlayResult';
import { useLiveRolePlay } from '~/components/practice/useLiveRolePlay';
import { csrfProtected } from '~/lib/csrf.server';
import { formatDateTime } from '~/lib/format';
import { requireAuth } from '~/lib/session.server';
import { loadRolePlay, rolePlayAction } from './role-plays.$id.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? titleOf(data.session) : 'Role-play'} · Baton` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const session = await loadRolePlay(request, auth, params.id ?? '');
  if (!session) throw new Response('There is no role-play with this id.', { status: 404, statusText: 'Not Found' });
  return { session };
}

export const action = csrfProtected(async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  return rolePlayAction(request, auth, params.id ?? '', await request.formData());
});

function titleOf(session: RolePlayDetail): string {
  switch (session.yourSide) {
    case 'AGENT':
      return 'Role-play: you take the handoff';
    case 'CUSTOMER':
      return 'Role-play: you play the customer';
    default:
      return `Role-play: ${session.agent.name} takes the handoff`;
  }
}

function statusLine(session: RolePlayDetail): string {
  const agent = firstName(session.agent.name);
  const customer = firstName(session.customer.name);
  if (session.status === 'ENDED') {
    return session.endedAt ? `The session ended at ${formatClock(session.endedAt, session.timeZone)}.` : 'The session has ended.';
  }
  if (session.status === 'INVITED') {
    if (session.yourSide === 'AGENT') return `${session.customer.name} has been invited to play the customer. Open the escalation card when you are both ready.`;
    if (session.yourSide === 'CUSTOMER') return `${agent} has not opened the escalation card yet. Read your brief while you wait; you can write to ${agent} at any time.`;
    return `${customer} has been invited; ${agent} has not opened the escalation card yet.`;
  }
  return session.yourSide === 'CUSTOMER'
    ? `Live: ${agent} has the escalation card and the clock is running.`
    : session.yourSide === 'AGENT'
      ? `Live: talk with ${customer}, who plays the customer.`
      : `Live: ${agent} opened the escalation card.`;
}

/** Whether the form behind an answer is on the page now (its own message shows beside it then). */
function formShown(session: RolePlayDetail, intent: string): boolean {
  const ended = session.status === 'ENDED';
  switch (intent) {
    case 'open-card':
      return session.yourSide === 'AGENT' && !session.card && !ended;
    case 'send':
      return !ended && (session.yourSide === 'CUSTOMER' || (session.yourSide === 'AGENT' && session.cardOpenedAt != null));
    case 'end':
      return !ended && session.yourSide !== 'OBSERVER';
    case 'rate':
      return ended && session.yourSide === 'CUSTOMER' && session.customerRating == null;
    default:
      return false;
  }
}

export default function RolePlayPage() {
  const { session } = useLoaderData<typeof loader>();
  const { messages, connection } = useLiveRolePlay(session);
  // A refusal for a form the page no longer shows (the session moved on meanwhile) is told here.
  const answer = useActionData<typeof action>() as PracticeActionData | undefined;
  const orphan = answer && !answer.feedback.ok && !formShown(session, answer.intent) ? answer.feedback.message : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/role-plays">Role-plays</Link> <span aria-hidden="true">›</span> {session.activity.title}
      </p>
      <h1>{titleOf(session)}</h1>
      <section className="panel rp-status" aria-labelledby="rp-status-heading">
        <h2 id="rp-status-heading" className="visually-hidden">
          About this session
        </h2>
        <dl className="facts">
          <div>
            <dt>Status</dt>
            <dd>
              <RolePlayStatusBadge status={session.status} />
            </dd>
          </div>
          <div>
            <dt>Agent</dt>
            <dd>
              {session.agent.name}
              {session.yourSide === 'AGENT' ? ' (you)' : ''}
            </dd>
          </div>
          <div>
            <dt>Customer played by</dt>
            <dd>
              {session.customer.name}
              {session.yourSide === 'CUSTOMER' ? ' (you)' : ''}
            </dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{formatDateTime(session.createdAt, session.timeZone)}</dd>
          </div>
        </dl>
        <p className="rp-status__line">{statusLine(session)}</p>
        {orphan ? (
          <p className="form-status form-status--error rp-status__error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {orphan}
          </p>
        ) : null}
      </section>

      <RolePlayResult session={session} />
      <ObserverLiveChecks session={session} />

      <div className="rp-grid">
        <RolePlayContext session={session} />
        <RolePlayChat session={session} messages={messages} connection={connection} />
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
