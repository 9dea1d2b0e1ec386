import { ApiError, apiEndpoint, graphql } from '~/lib/api.server';
import type { Certificate } from '~/lib/types';

const VERIFY = /* GraphQL */ `
  query VerifyCertificate($code: String!) {
    verifyCertificate(code: $code) { id code issuedAt revokedAt traineeName programTitle }
  }
`;

/** Public look-up: no session, no token. Null when no certificate has this code. */
export async function verifyCertificate(code: string): Promise<Certificate | null> {
  try {
    const data = await graphql<{ verifyCertificate: Certificate | null }>(VERIFY, { code });
    return data.verifyCertificate;
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT') return null;
      if (error.code === 'RATE_LIMITED') throw new Response(error.message, { status: 429, statusText: 'Too Many Requests' });
      throw new Response(error.message, { status: 503, statusText: 'Service Unavailable' });
    }
    throw error;
  }
}

export type CertificateFile = 'certificate.pdf' | 'credential.json';

/** The web addresses of a certificate's files (the proxies below). */
export function certificateFileHref(code: string, file: CertificateFile): string {
  return `/verify/${encodeURIComponent(code)}/${file}`;
}

function plain(message: string, status: number): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/**
 * GET /verify/:code/certificate.pdf and /verify/:code/credential.json: public, no session. The
 * API's file is streamed through as it arrives (no buffering), with its type and file name.
 */
export async function proxyCertificateFile(request: Request, code: string | undefined, file: CertificateFile): Promise<Response> {
  const trimmed = (code ?? '').trim();
  if (!trimmed) return plain('No certificate code was given.', 404);
  let upstream: Response;
  try {
    upstream = await fetch(apiEndpoint(`/certificates/${encodeURIComponent(trimmed)}/${file}`), {
      headers: { Accept: file === 'certificate.pdf' ? 'application/pdf' : 'application/ld+json, application/json' },
      signal: request.signal,
    });
  } catch {
    return plain('The Baton API is not reachable right now. Try again in a minute.', 503);
  }
  if (!upstream.ok || !upstream.body) {
    await upstream.body?.cancel();
    if (upstream.status === 404) return plain(`No certificate has the code ${trimmed}. Check the code for typing mistakes.`, 404);
    if (upstream.status === 429) return plain('Too many requests. Try again in a minute.', 429);
    return plain(`The certificate file could not be produced (HTTP ${upstream.status}).`, 502);
  }
  const headers = new Headers({
    'Content-Type': upstream.headers.get('Content-Type') ?? (file === 'certificate.pdf' ? 'application/pdf' : 'application/ld+json; charset=utf-8'),
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  const disposition = upstream.headers.get('Content-Disposition');
  if (disposition) headers.set('Content-Disposition', disposition);
  if (file === 'credential.json') headers.set('Access-Control-Allow-Origin', '*');
  return new Response(upstream.body, { status: 200, headers });
}
