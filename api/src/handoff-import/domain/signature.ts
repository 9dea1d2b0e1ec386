// The webhook signature (docs/handoff-import.md, "Live feed"), Stripe-like:
//   X-Baton-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with BATON_WEBHOOK_SECRET>
// Several v1 entries may be sent (while rotating secrets); one matching is enough.

import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-baton-signature';
/** A signature older (or further in the future) than this is refused: it may be a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function computeSignature(secret: string, timestamp: number, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The header value a sender puts on a request (used by tests and the docs' example). */
export function signatureHeader(secret: string, body: Buffer | string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

export function verifySignature(
  header: string | undefined,
  body: Buffer,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): SignatureCheck {
  if (!header?.trim()) return { ok: false, reason: 'The X-Baton-Signature header is missing.' };
  let timestamp: number | null = null;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === null || signatures.length === 0) {
    return { ok: false, reason: 'The X-Baton-Signature header must look like t=<unix seconds>,v1=<hex HMAC-SHA256>.' };
  }
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, reason: 'The signature timestamp is more than 5 minutes away from the server clock: sign each request when sending it.' };
  }
  const expected = Buffer.from(computeSignature(secret, timestamp, body), 'hex');
  // Compare every candidate in constant time, without stopping at the first match.
  let matched = false;
  for (const s of signatures) matched = timingSafeEqual(s, expected) || matched;
  return matched ? { ok: true, timestamp } : { ok: false, reason: 'The signature does not match the body: check the secret and sign the exact bytes sent.' };
}
