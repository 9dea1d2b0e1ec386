import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  backoffMs,
  classifyNetworkError,
  classifyResponse,
  lrsHeaders,
  parseRetryAfter,
  statementsEndpoint,
} from './lrs-delivery.js';

describe('LRS delivery rules', () => {
  it('backs off exponentially from one second, with jitter, up to the cap', () => {
    expect(backoffMs(1, 0)).toBe(500);
    expect(backoffMs(1, 1)).toBe(1000);
    expect(backoffMs(2, 1)).toBe(2000);
    expect(backoffMs(3, 0.5)).toBe(3000);
    expect(backoffMs(40, 1)).toBe(BACKOFF_CAP_MS);
    for (let i = 0; i < 50; i++) {
      const d = backoffMs(4);
      expect(d).toBeGreaterThanOrEqual(4000);
      expect(d).toBeLessThanOrEqual(8000);
    }
  });

  it('honours Retry-After as a minimum, within the cap', () => {
    expect(backoffMs(1, 0, 30_000)).toBe(30_000);
    expect(backoffMs(1, 0, 10 ** 9)).toBe(BACKOFF_CAP_MS);
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('retries network errors, 5xx, 408 and 429; rejects other 4xx; counts 2xx as sent', () => {
    expect(classifyResponse(200, '["id"]').kind).toBe('sent');
    expect(classifyResponse(204, '').kind).toBe('sent');
    expect(classifyResponse(503, 'down', '5')).toEqual({ kind: 'retry', error: 'HTTP 503: down', retryAfterMs: 5000 });
    expect(classifyResponse(429, '').kind).toBe('retry');
    expect(classifyResponse(408, '').kind).toBe('retry');
    expect(classifyResponse(400, 'bad\nstatement')).toEqual({ kind: 'reject', error: 'HTTP 400: bad statement' });
    expect(classifyResponse(401, '').kind).toBe('reject');
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(classifyNetworkError(refused)).toEqual({ kind: 'retry', error: 'network error: ECONNREFUSED' });
    expect((classifyNetworkError(Object.assign(new Error('t'), { name: 'TimeoutError' })) as { error: string }).error).toMatch(/^timed out/);
  });

  it('sends xAPI 1.0.3 with Basic credentials to <base>/statements', () => {
    expect(lrsHeaders('key', 'sécret')).toEqual({
      Authorization: `Basic ${Buffer.from('key:sécret').toString('base64')}`,
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
    });
    expect(statementsEndpoint('https://lrs.example.com/xapi/')).toBe('https://lrs.example.com/xapi/statements');
  });
});
