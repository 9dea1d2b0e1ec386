import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiEndpoint } from '~/lib/api.server';
import { destroySessionHeader, loginRedirect, requireRole } from '~/lib/session.server';

// A resource route (no UI): streams the API's completions export through with the session's token,
// so the browser never holds the token. Filters pass through unchanged.
const FILTERS = ['cohort', 'status', 'from', 'to'] as const;

function plain(message: string, status: number): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireRole(request, ['HR', 'ADMIN']);
  const target = apiEndpoint('/exports/completions.csv');
  const query = new URL(request.url).searchParams;
  for (const name of FILTERS) {
    const value = query.get(name);
    if (value) target.searchParams.set(name, value);
  }

  let upstream: Response;
  try {
    upstream = await fetch(target, { headers: { Authorization: `Bearer ${auth.token}`, Accept: 'text/csv' }, signal: request.signal });
  } catch {
    return plain('The Baton API is not reachable right now. Try again in a minute.', 503);
  }
  if (upstream.status === 401) {
    await upstream.body?.cancel();
    throw loginRedirect(request, { 'Set-Cookie': await destroySessionHeader(request) });
  }
  if (!upstream.ok || !upstream.body) {
    const detail = (await upstream.text().catch(() => '')).slice(0, 500);
    if (upstream.status === 404) return plain('The completions export is not available from the API yet.', 404);
    return plain(detail || `The export failed (HTTP ${upstream.status}).`, upstream.status >= 500 ? 502 : upstream.status);
  }
  return new Response(upstream.body, {
    status: 200,
    headers: {
      'Content-Type': upstream.headers.get('Content-Type') ?? 'text/csv; charset=utf-8',
      'Content-Disposition': upstream.headers.get('Content-Disposition') ?? 'attachment; filename="completions.csv"',
      'Cache-Control': 'no-store',
    },
  });
}
