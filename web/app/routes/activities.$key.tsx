import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { Decision, StatusBadge } from '~/components/StatusBadge';
import { ACTIVITY_KIND_LABEL, formatDateTime, formatScore } from '~/lib/format';
import { HOME_BY_ROLE, requireAuth } from '~/lib/session.server';
import type { ActivityProgress } from '~/lib/types';
import { loadActivity } from './activities.$key.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.activity.title ?? 'Activity'} · Baton` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const found = await loadActivity(request, auth, params.key ?? '');
  if (!found) throw new Response('There is no activity with this key in your program.', { status: 404, statusText: 'Not Found' });
  return { ...found, home: HOME_BY_ROLE[auth.user.role] ?? '/' };
}

const STATUS_HELP: Record<ActivityProgress['status'], string> = {
  LOCKED: 'This activity opens when every activity of the week before is completed.',
  AVAILABLE: 'You can start this activity now.',
  IN_PROGRESS: 'You have started this activity.',
  AWAITING_SIGN_OFF: 'Your part is done. Your supervisor reviews it and signs it off.',
  COMPLETED: 'You have completed this activity.',
};

export default function ActivityPage() {
  const { activity, programTitle, weekTitle, progress, timeZone, home } = useLoaderData<typeof loader>();
  const signOff = progress?.latestSignOff ?? null;
  return (
    <>
      <p className="breadcrumb">
        <Link to={home}>{progress ? 'Your training' : 'Back'}</Link> <span aria-hidden="true">›</span> Week {activity.weekNumber}
      </p>
      <h1>{activity.title}</h1>
      <section className="panel" aria-labelledby="about-heading">
        <h2 id="about-heading" className="visually-hidden">
          About this activity
        </h2>
        <p className="lead">{activity.summary}</p>
        <dl className="facts">
          <div>
            <dt>Week</dt>
            <dd>
              Week {activity.weekNumber}
              {weekTitle ? `: ${weekTitle}` : ''}
            </dd>
          </div>
          <div>
            <dt>Kind</dt>
            <dd>{ACTIVITY_KIND_LABEL[activity.kind] ?? activity.kind}</dd>
          </div>
          <div>
            <dt>Time</dt>
            <dd>About {activity.minutes} minutes</dd>
          </div>
          <div>
            <dt>Sign-off</dt>
            <dd>{activity.requiresSignOff ? 'A supervisor signs it off' : 'Not needed'}</dd>
          </div>
          <div>
            <dt>Program</dt>
            <dd>{programTitle}</dd>
          </div>
        </dl>
      </section>

      {progress ? (
        <section className="panel" aria-labelledby="status-heading">
          <h2 id="status-heading">Your status</h2>
          <p>
            <StatusBadge status={progress.status} overridden={progress.overridden} />
          </p>
          <p>{STATUS_HELP[progress.status]}</p>
          {progress.overridden ? <p>An administrator marked this activity completed.</p> : null}
          <dl className="facts">
            <div>
              <dt>Best score</dt>
              <dd>{progress.bestScore != null ? formatScore(progress.bestScore) : 'No attempt scored yet'}</dd>
            </div>
            <div>
              <dt>Completed</dt>
              <dd>{progress.completedAt ? formatDateTime(progress.completedAt, timeZone) : 'Not yet'}</dd>
            </div>
          </dl>

          <h3>Latest sign-off</h3>
          {signOff ? (
            <div className={signOff.decision === 'APPROVED' ? 'notice notice--success' : 'notice notice--warning'}>
              <p>
                <Decision decision={signOff.decision} />{' '}
                by {signOff.supervisor.name} on {formatDateTime(signOff.signedAt, timeZone)}
              </p>
              {signOff.comment ? <blockquote>{signOff.comment}</blockquote> : null}
            </div>
          ) : (
            <p className="muted">{activity.requiresSignOff ? 'No sign-off yet.' : 'This activity does not need a sign-off.'}</p>
          )}
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
