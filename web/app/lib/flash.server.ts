import { createCookie, redirect } from '@remix-run/node';
import { cookieSecret, cookieSecure } from './session.server';

/**
 * One-time messages after a form succeeded ("Signed off Shadowing for Ben Carter."): the action
 * redirects with the message in a short-lived signed cookie, the next page shows it once and clears
 * it. Works with and without JavaScript (plain POST → redirect → GET).
 */
export interface Flash {
  message: string;
  /** An optional link that belongs to the message, such as the public page of a new certificate. */
  link?: { href: string; text: string };
}

const cookie = createCookie('baton_flash', {
  httpOnly: true,
  sameSite: 'lax',
  secure: cookieSecure,
  path: '/',
  maxAge: 60,
  secrets: [cookieSecret],
});

function isFlash(value: unknown): value is Flash {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (typeof v.message !== 'string') return false;
  if (v.link === undefined) return true;
  const link = v.link as Record<string, unknown> | null;
  return !!link && typeof link.href === 'string' && link.href.startsWith('/') && typeof link.text === 'string';
}

/** A redirect that shows `flash` on the page it leads to. */
export async function redirectWithFlash(to: string, flash: Flash): Promise<Response> {
  return redirect(to, { headers: { 'Set-Cookie': await cookie.serialize(flash) } });
}

/**
 * The pending message, if any, and the headers that clear it: a loader returns them with
 * `data(…, { headers })`.
 */
export async function takeFlash(request: Request): Promise<{ flash: Flash | null; headers: HeadersInit }> {
  const value: unknown = await cookie.parse(request.headers.get('Cookie'));
  if (value == null || value === '') return { flash: null, headers: {} };
  return {
    flash: isFlash(value) ? value : null,
    headers: { 'Set-Cookie': await cookie.serialize('', { maxAge: 0 }) },
  };
}
