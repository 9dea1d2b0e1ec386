import { createCookieSessionStorage, redirect, type Session } from '@remix-run/node';
import { readWebConfig } from '../../server/config.mjs';
import { newCsrfSecret } from './csrf-secret.server';
import type { Role, SessionUser } from './types';

// The same reading of the environment as the web server's at start (which refuses to start on a
// bad one): production means a Secure cookie, except on a loopback address (docs/decisions/013).
const config = readWebConfig(process.env);

/** The Secure flag of Baton's cookies. */
export const cookieSecure = config.cookieSecure;

/** The secret signing Baton's cookies; a fixed one outside production only (production requires SESSION_SECRET). */
export const cookieSecret: string = config.sessionSecret ?? devSecret();

function devSecret(): string {
  console.warn('[baton web] SESSION_SECRET is not set: using a development-only constant. Never do this in production.');
  return 'baton-dev-only-session-secret';
}

const storage = createCookieSessionStorage<SessionData>({
  cookie: {
    name: 'baton_session',
    httpOnly: true,
    // Lax, not Strict: people follow links into Baton from mail and chat and must arrive signed in.
    // Cross-site posts are refused by the CSRF token and the server's Origin check instead.
    sameSite: 'lax',
    secure: cookieSecure,
    path: '/',
    maxAge: 60 * 60 * 12,
    secrets: [cookieSecret],
  },
});

interface SessionData {
  token: string;
  user: SessionUser;
  /** The CSRF secret (web/app/lib/csrf.server.ts); anonymous visitors have one too, for the login form. */
  csrf: string;
}

export type BatonSession = Session<SessionData>;

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

export function getSession(request: Request): Promise<BatonSession> {
  return storage.getSession(request.headers.get('Cookie'));
}

export function commitSession(session: BatonSession): Promise<string> {
  return storage.commitSession(session);
}

/** The signed-in person, or null. Reads only the cookie: no API call. */
export async function getAuth(request: Request): Promise<Auth | null> {
  return authOf(await getSession(request));
}

/** The signed-in person of a session already read, or null. */
export function authOf(session: BatonSession): Auth | null {
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

/** The query parameter telling the login page that the API ended the session (see sessionEndedRedirect). */
export const SESSION_ENDED_PARAM = 'ended';

export function loginRedirect(request: Request, headers?: HeadersInit, { sessionEnded = false } = {}): Response {
  const url = new URL(request.url);
  const here = url.pathname + url.search;
  const query = new URLSearchParams();
  if (here !== '/' && !here.startsWith('/login')) query.set('redirectTo', here);
  if (sessionEnded) query.set(SESSION_ENDED_PARAM, '1');
  const search = query.toString();
  return redirect(search ? `/login?${search}` : '/login', { headers });
}

/**
 * The API no longer accepts the session's token (signed out elsewhere, expired, account
 * deactivated): forget it and send the person to sign in again, saying why.
 */
export async function sessionEndedRedirect(request: Request): Promise<Response> {
  return loginRedirect(request, { 'Set-Cookie': await destroySessionHeader(request) }, { sessionEnded: true });
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
  // A new CSRF secret for the signed-in session: tokens handed out before signing in stop working.
  // Set here rather than by the next page, so that pages after sign-in need not rewrite the cookie.
  session.set('csrf', newCsrfSecret());
  return redirect(redirectTo, { headers: { 'Set-Cookie': await storage.commitSession(session) } });
}

/** A Set-Cookie header that ends the session. */
export async function destroySessionHeader(request: Request): Promise<string> {
  return storage.destroySession(await getSession(request));
}
