import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { EnrollmentView } from '~/components/EnrollmentView';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { Decision } from '~/components/StatusBadge';
import { formatDateTime } from '~/lib/format';
import { requireRole } from '~/lib/session.server';
import { supervisedEnrollment } from './supervise.enrollments.$id.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.enrollment.trainee.name ?? 'Trainee'} · Baton` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireRole(request, ['SUPERVISOR', 'ADMIN']);
  const enrollment = await supervisedEnrollment(request, auth, params.id ?? '');
  if (!enrollment) throw new Response('There is no enrollment with this id in your cohorts.', { status: 404, statusText: 'Not Found' });
  return { enrollment };
}

export default function SupervisedTrainee() {
  const { enrollment } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/supervise">Your cohorts</Link> <span aria-hidden="true">›</span> {enrollment.cohort.name}
      </p>
      <h1>
        {enrollment.trainee.name}
        {enrollment.trainee.employeeId ? <span className="muted h1-note"> · {enrollment.trainee.employeeId}</span> : null}
      </h1>
      <EnrollmentView enrollment={enrollment} viewer="supervisor" />
      <section className="panel" aria-labelledby="signoffs-heading">
        <h2 id="signoffs-heading">Sign-offs</h2>
        {enrollment.signOffs.length === 0 ? (
          <p>No sign-off recorded yet.</p>
        ) : (
          <ul className="signoffs">
            {enrollment.signOffs.map((s) => (
              <li key={s.id}>
                <Decision decision={s.decision} />
                : {s.activity.title}, by {s.supervisor.name}, {formatDateTime(s.signedAt, enrollment.cohort.timeZone)}
                {s.comment ? <blockquote>{s.comment}</blockquote> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
