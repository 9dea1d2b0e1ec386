import { ApiError, graphql } from '~/lib/api.server';
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
