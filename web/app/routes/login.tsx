import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { CsrfField } from '~/components/CsrfField';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { csrfProtected } from '~/lib/csrf.server';
import { createUserSession, getAuth, HOME_BY_ROLE, safeRedirectPath, SESSION_ENDED_PARAM } from '~/lib/session.server';
import { logIn } from './login.server';

export const meta: MetaFunction = () => [{ title: 'Sign in · Baton' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  if (auth) throw redirect(HOME_BY_ROLE[auth.user.role] ?? '/');
  return { sessionEnded: new URL(request.url).searchParams.get(SESSION_ENDED_PARAM) === '1' };
}

export const action = csrfProtected(async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const email = String(form.get('email') ?? '').trim();
  const password = String(form.get('password') ?? '');
  if (!email || !password) {
    return data({ error: 'Enter both your email address and your password.', rateLimited: false, email }, { status: 400 });
  }
  const result = await logIn(email, password, context.clientAddress);
  if (!result.ok) {
    return data({ error: result.message, rateLimited: result.rateLimited, email }, { status: result.rateLimited ? 429 : 400 });
  }
  const target = safeRedirectPath(form.get('redirectTo')) ?? HOME_BY_ROLE[result.auth.user.role] ?? '/';
  return createUserSession(request, result.auth, target);
});

export default function Login() {
  const { sessionEnded } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const error = actionData?.error;
  return (
    <section className="panel panel--narrow" aria-labelledby="login-heading">
      <h1 id="login-heading">Sign in to Baton</h1>
      {sessionEnded && !actionData ? (
        <p className="form-status" role="status">
          Your session has ended: you signed out elsewhere, it expired, or your account was changed. Sign in again to go on.
        </p>
      ) : null}
      <Form method="post" className="form">
        <CsrfField />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <div className="field">
          <label htmlFor="login-email">Email address</label>
          <input
            id="login-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={actionData?.email ?? ''}
            aria-describedby={error ? 'login-error' : undefined}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-describedby={error ? 'login-error' : undefined}
            aria-invalid={error ? true : undefined}
          />
        </div>
        {error ? (
          <p id="login-error" className="form-status form-status--error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {/* The API's own words say when to try again ("… try again in 15 minutes"). */}
            {actionData?.rateLimited ? <strong>Sign-in is paused. </strong> : null}
            {error}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
