import type { ActionFunctionArgs } from '@remix-run/node';
import { CSRF_FIELD, CSRF_HEADER } from './csrf';
import { newCsrfSecret, tokens } from './csrf-secret.server';
import { readLeadingField } from './multipart-lead.server';
import { commitSession, getSession, type BatonSession } from './session.server';

// Synchronizer tokens (docs/decisions/013-web-security.md): a secret in the signed session cookie,
// tokens derived from it in every form (and in a header from scripts). Every route action is
// wrapped in csrfProtected; test/e2e/web-security.test.ts posts to each one without a token.

/** A token for this visitor's forms, with the Set-Cookie header when they had no secret yet. */
export async function issueCsrfToken(session: BatonSession): Promise<{ token: string; headers: HeadersInit }> {
  const existing = session.get('csrf');
  if (existing) return { token: tokens.create(existing), headers: {} };
  const secret = newCsrfSecret();
  session.set('csrf', secret);
  return { token: tokens.create(secret), headers: { 'Set-Cookie': await commitSession(session) } };
}

/** The token the request carries, and the request to go on with (a multipart body is replayed). */
async function submittedToken(request: Request): Promise<{ token: string | null; request: Request }> {
  const header = request.headers.get(CSRF_HEADER);
  if (header) return { token: header, request };
  const type = (request.headers.get('Content-Type') ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const value = (await request.clone().formData()).get(CSRF_FIELD);
    return { token: typeof value === 'string' ? value : null, request };
  }
  if (type.startsWith('multipart/form-data')) {
    const { value, request: replayed } = await readLeadingField(request, CSRF_FIELD);
    return { token: value, request: replayed };
  }
  return { token: null, request };
}

function refusal(): Response {
  return new Response('This form has expired or did not come from Baton. Reload the page and send it again.', {
    status: 403,
    statusText: 'Forbidden',
  });
}

/** The request, ready for the action, when it carries a valid token for this session; otherwise a 403 is thrown. */
export async function verifyCsrf(request: Request): Promise<Request> {
  const secret = (await getSession(request)).get('csrf');
  if (!secret) throw refusal();
  const submitted = await submittedToken(request);
  if (!submitted.token || !tokens.verify(secret, submitted.token)) throw refusal();
  return submitted.request;
}

/** Every route's `action` is this: the CSRF check, then the route's own code. */
export function csrfProtected<Args extends ActionFunctionArgs, Result>(action: (args: Args) => Promise<Result>): (args: Args) => Promise<Result> {
  return async (args) => action({ ...args, request: await verifyCsrf(args.request) });
}
