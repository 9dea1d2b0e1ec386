import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { csrfProtected } from '~/lib/csrf.server';
import { destroySessionHeader, getAuth } from '~/lib/session.server';
import { revokeToken } from './login.server';

// Signing out is a POST (the header's button); a GET only sends people home.
export async function loader() {
  return redirect('/');
}

export const action = csrfProtected(async function action({ request }: ActionFunctionArgs) {
  // The token stops working on the API too, not only in this browser.
  const auth = await getAuth(request);
  if (auth) await revokeToken(auth.token);
  return redirect('/login', { headers: { 'Set-Cookie': await destroySessionHeader(request) } });
});

export default function Logout() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
