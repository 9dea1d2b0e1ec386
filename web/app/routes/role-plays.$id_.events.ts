import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiEndpoint } from '~/lib/api.server';
import { getAuth } from '~/lib/session.server';

// A resource route (no UI): the role-play's live updates (docs/decisions/008). The browser's
// EventSource connects here, same origin, with its session cookie; this asks the API's event stream
// with the session's token and pipes the body through unchanged, so the browser never holds the
// token. When the browser goes away the request's signal aborts, and with it the upstream fetch.
// Refusals are plain HTTP errors: an EventSource gives up on them instead of retrying.

function plain(message: string, status: number): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  if (!auth) return plain('Sign in to follow this role-play.', 401);
  const id = params.id ?? '';
  const headers: Record<string, string> = { Authorization: `Bearer ${auth.token}`, Accept: 'text/event-stream' };
  const lastEventId = request.headers.get('Last-Event-ID');
  if (lastEventId && /^\d{1,18}$/.test(lastEventId)) headers['Last-Event-ID'] = lastEventId;

  let upstream: Response;
  try {
    upstream = await fetch(apiEndpoint(`/role-plays/${encodeURIComponent(id)}/events`), { headers, signal: request.signal });
  } catch {
    return plain('The Baton API is not reachable right now.', 503);
  }
  if (!upstream.ok || !upstream.body) {
    await upstream.body?.cancel().catch(() => {});
    const status = upstream.status === 401 ? 401 : upstream.status === 403 || upstream.status === 404 ? upstream.status : 502;
    return plain(status === 502 ? `The live updates failed (HTTP ${upstream.status}).` : 'This role-play is not available to you.', status);
  }
  return new Response(upstream.body, {
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform also keeps the web server's compression from buffering the stream.
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}
