import { createCookieSessionStorage, redirect } from '@remix-run/node';
import type { Role, SessionUser } from './types';

const isProduction = process.env.NODE_ENV === 'production';
// Secure cookies are only sent over HTTPS: tie the flag to the address people actually use, so a
// plain-HTTP install (npm start on a laptop) can still sign in while an HTTPS one is protected.
const servedOverHttps = (process.env.BATON_PUBLIC_URL ?? '').startsWith('https://');

function sessionSecret(): string {
  const secret = process.env.SESSION_SECRET;
  if (secret) return secret;
  if (isProduction) {
    throw new Error('SESSION_SECRET must be set when NODE_ENV=production (it signs the session cookie).');
  }
  console.warn('[baton web] SESSION_SECRET is not set: using a development-only constant. Never do this in production.');
  return 'baton-dev-only-session-secret';
}

const storage = createCookieSessionStorage<SessionData>({
  cookie: {
    name: 'baton_session',
    httpOnly: true,
    sameSite: 'lax',
    secure: servedOverHttps,
    path: '/',
    maxAge: 60 * 60 * 12,
    secrets: [sessionSecret()],
  },
});

interface SessionData {
  token: string;
  user: SessionUser;
}

export interface Auth {
  token: string;
  user: SessionUser;
}

/** Where each role starts. */
export const HOME_BY_ROLE: Record<Role, string> = {
  TRAINEE: '/',
  SUPERVISOR: '/supervise',
  HR: '/hr',
  ADMIN: '/admin',
};

function getSession(request: Request) {
  return storage.getSession(request.headers.get('Cookie'));
}

/** The signed-in person, or null. Reads only the cookie: no API call. */
export async function getAuth(request: Request): Promise<Auth | null> {
  const session = await getSession(request);
  const token = session.get('token');
  const user = session.get('user');
  return token && user ? { token, user } : null;
}

/** Only a local path may be a post-login destination (no open redirects). */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return null;
  }
  return value;
}

export function loginRedirect(request: Request, headers?: HeadersInit): Response {
  const url = new URL(request.url);
  const here = url.pathname + url.search;
  const target = here === '/' || here.startsWith('/login') ? '/login' : `/login?redirectTo=${encodeURIComponent(here)}`;
  return redirect(target, { headers });
}

/** The signed-in person; anyone else is sent to /login and comes back here afterwards. */
export async function requireAuth(request: Request): Promise<Auth> {
  const auth = await getAuth(request);
  if (!auth) throw loginRedirect(request);
  return auth;
}

/** The signed-in person if their role is one of `roles`; otherwise a 403 page. */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<Auth> {
  const auth = await requireAuth(request);
  if (!roles.includes(auth.user.role)) {
    throw new Response('This page is not part of your role in Baton.', { status: 403, statusText: 'Forbidden' });
  }
  return auth;
}

export async function createUserSession(request: Request, auth: Auth, redirectTo: string): Promise<Response> {
  const session = await getSession(request);
  session.set('token', auth.token);
  session.set('user', auth.user);
  return redirect(redirectTo, { headers: { 'Set-Cookie': await storage.commitSession(session) } });
}

/** A Set-Cookie header that ends the session. */
export async function destroySessionHeader(request: Request): Promise<string> {
  return storage.destroySession(await getSession(request));
}
