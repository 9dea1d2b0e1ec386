import { describe, expect, it } from 'vitest';
import { computeSignature, signatureHeader, verifySignature } from './signature.js';

const secret = 'whsec_0123456789abcdef0123456789abcdef';
const body = Buffer.from('{"conversation_id":"c1"}');
const now = 1_772_445_600;

describe('webhook signatures', () => {
  it('matches the documented example (openssl dgst -sha256 -hmac)', () => {
    // printf '%s' '1772445600.{"conversation_id":"c1"}' | openssl dgst -sha256 -hmac "$secret"
    expect(computeSignature(secret, now, body)).toBe('91cdc752ce3819a46f2242eca5a7256d9cc2701c6ffb6f44642025c34d7ba392');
    expect(signatureHeader(secret, body, now)).toBe(`t=${now},v1=${computeSignature(secret, now, body)}`);
  });

  it('accepts a fresh, matching signature, also among several v1 entries', () => {
    expect(verifySignature(signatureHeader(secret, body, now), body, secret, now + 299)).toEqual({ ok: true, timestamp: now });
    const header = `t=${now}, v1=${'0'.repeat(64)}, v1=${computeSignature(secret, now, body)}`;
    expect(verifySignature(header, body, secret, now).ok).toBe(true);
  });

  it('refuses a missing, malformed, wrong, altered, stale or future signature', () => {
    const reason = (h: string | undefined, b = body, at = now) => {
      const r = verifySignature(h, b, secret, at);
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason(undefined)).toMatch(/missing/);
    expect(reason('sha256=abc')).toMatch(/must look like/);
    expect(reason(`t=${now},v1=${'a'.repeat(64)}`)).toMatch(/does not match/);
    expect(reason(signatureHeader('another-secret-of-at-least-32-chars!!', body, now))).toMatch(/does not match/);
    expect(reason(signatureHeader(secret, body, now), Buffer.from('{"conversation_id":"c2"}'))).toMatch(/does not match/);
    expect(reason(signatureHeader(secret, body, now - 301))).toMatch(/5 minutes/);
    expect(reason(signatureHeader(secret, body, now + 301))).toMatch(/5 minutes/);
  });
});
