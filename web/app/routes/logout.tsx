import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { destroySessionHeader } from '~/lib/session.server';

// Signing out is a POST (the header's button); a GET only sends people home.
export async function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect('/login', { headers: { 'Set-Cookie': await destroySessionHeader(request) } });
}

export default function Logout() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
