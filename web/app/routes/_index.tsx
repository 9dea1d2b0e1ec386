import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { EnrollmentView } from '~/components/EnrollmentView';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { myEnrollments } from '~/lib/enrollment.server';
import { HOME_BY_ROLE, requireAuth } from '~/lib/session.server';

export const meta: MetaFunction = () => [{ title: 'My training · Baton' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (auth.user.role !== 'TRAINEE') throw redirect(HOME_BY_ROLE[auth.user.role] ?? '/login');
  return { name: auth.user.name, enrollments: await myEnrollments(request, auth) };
}

export default function TraineeHome() {
  const { name, enrollments } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Your training, {name}</h1>
      {enrollments.length === 0 ? (
        <section className="panel">
          <p>You are not enrolled in a cohort yet. Your administrator enrols you; this page then shows your three weeks.</p>
          <p>
            Meanwhile, read the <Link to="/guide">desk card</Link>: the whole handoff on one page.
          </p>
        </section>
      ) : (
        enrollments.map((enrollment) => (
          <EnrollmentView key={enrollment.id} enrollment={enrollment} viewer="trainee" />
        ))
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
