import { EXPORT_PARAMS } from '~/components/hr/filters';
import { apiEndpoint } from '~/lib/api.server';
import { requireRole, sessionEndedRedirect } from '~/lib/session.server';

// The HR downloads are resource routes (no UI) that stream one of the API's HTTP exports through
// with the session's token, so the browser never holds the token. The body is passed on as it
// arrives (no buffering); filters pass through unchanged and the API checks them.

function plain(message: string, status: number): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** The API's refusal as one sentence: its `{ error: { message } }` body, or the text it sent. */
async function upstreamMessage(upstream: Response): Promise<string> {
  const text = (await upstream.text().catch(() => '')).slice(0, 2000);
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown }; message?: unknown })?.error?.message;
    if (typeof message === 'string' && message) return message;
  } catch {
    // not JSON: use the text as it is
  }
  return text.slice(0, 500);
}

export interface ExportProxy {
  /** Path on the API, e.g. `/exports/completions.csv`. */
  path: string;
  accept: string;
  /** Used when the API names no type or file. */
  contentType: string;
  disposition: string;
  /** "the completions export", for messages. */
  what: string;
  /** Pass the export filters (cohort, status, from, to) through. */
  filters: boolean;
  cacheControl?: string;
}

export async function proxyExport(request: Request, options: ExportProxy): Promise<Response> {
  const auth = await requireRole(request, ['HR', 'ADMIN']);
  const target = apiEndpoint(options.path);
  if (options.filters) {
    const query = new URL(request.url).searchParams;
    for (const name of EXPORT_PARAMS) {
      const value = query.get(name);
      if (value) target.searchParams.set(name, value);
    }
  }

  let upstream: Response;
  try {
    upstream = await fetch(target, { headers: { Authorization: `Bearer ${auth.token}`, Accept: options.accept }, signal: request.signal });
  } catch {
    return plain('The Baton API is not reachable right now. Try again in a minute.', 503);
  }
  if (upstream.status === 401) {
    await upstream.body?.cancel();
    throw await sessionEndedRedirect(request);
  }
  if (!upstream.ok || !upstream.body) {
    const detail = await upstreamMessage(upstream);
    if (upstream.status === 404) return plain(detail || `${capitalise(options.what)} is not available from the API.`, 404);
    if (upstream.status === 400) return plain(detail || `The filters of ${options.what} could not be used.`, 400);
    if (upstream.status === 403) return plain(detail || `${capitalise(options.what)} is not part of your role.`, 403);
    return plain(detail || `${capitalise(options.what)} failed (HTTP ${upstream.status}).`, upstream.status >= 500 ? 502 : upstream.status);
  }
  return new Response(upstream.body, {
    status: 200,
    headers: {
      'Content-Type': upstream.headers.get('Content-Type') ?? options.contentType,
      'Content-Disposition': upstream.headers.get('Content-Disposition') ?? options.disposition,
      'Cache-Control': options.cacheControl ?? 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
