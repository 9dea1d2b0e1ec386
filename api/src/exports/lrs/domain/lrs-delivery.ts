// How statements are delivered to a learning record store (docs/decisions/009), pure.

/** Statements per POST; LRSs commonly accept a few hundred, 100 keeps requests small. */
export const LRS_BATCH_SIZE = 100;
/** First retry after about a second, doubling, never more than ten minutes apart. */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 10 * 60_000;
/** A request slower than this counts as a network error and is retried. */
export const LRS_REQUEST_TIMEOUT_MS = 30_000;
/** A claimed batch is not handed to another process for this long (the request's own timeout plus margin). */
export const CLAIM_LEASE_MS = 2 * LRS_REQUEST_TIMEOUT_MS;

/**
 * The wait before attempt `attempts + 1`, after `attempts` failed ones (1, 2, 3…): base·2^(n-1),
 * capped, with "equal jitter" (half fixed, half random) so that processes and batches that failed
 * together do not retry together. A `Retry-After` from the LRS is honoured as a minimum.
 */
export function backoffMs(attempts: number, random: number = Math.random(), retryAfterMs?: number): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  const delay = Math.round(exp / 2 + (exp / 2) * Math.min(1, Math.max(0, random)));
  return retryAfterMs !== undefined ? Math.max(delay, Math.min(retryAfterMs, BACKOFF_CAP_MS)) : delay;
}

export type DeliveryOutcome =
  | { kind: 'sent' }
  /** Worth trying again later: network error, timeout, 5xx, 408, 429. */
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  /** The LRS refused the batch for good (400, 401, 403, 404, 409, 413…): retrying the same bytes will not help. */
  | { kind: 'reject'; error: string };

/** What an HTTP answer from `POST …/statements` means for the batch. */
export function classifyResponse(status: number, body: string, retryAfter?: string | null, now = Date.now()): DeliveryOutcome {
  if (status >= 200 && status < 300) return { kind: 'sent' };
  const error = `HTTP ${status}${body.trim() ? `: ${oneLine(body).slice(0, 300)}` : ''}`;
  if (status >= 500 || status === 429 || status === 408) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    return retryAfterMs === undefined ? { kind: 'retry', error } : { kind: 'retry', error, retryAfterMs };
  }
  return { kind: 'reject', error };
}

/** A thrown fetch (DNS, refused connection, reset, timeout) is always retried. */
export function classifyNetworkError(e: unknown): DeliveryOutcome {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const detail = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
  const what = err?.name === 'TimeoutError' || err?.name === 'AbortError' ? 'timed out' : 'network error';
  return { kind: 'retry', error: `${what}: ${oneLine(String(detail)).slice(0, 300)}` };
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The request headers xAPI 1.0.3 asks for, with HTTP Basic credentials. */
export function lrsHeaders(username: string, password: string): Record<string, string> {
  return {
    Authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`,
    'X-Experience-API-Version': '1.0.3',
    'Content-Type': 'application/json',
  };
}

/** `${base}/statements`, whatever trailing slashes the base has. */
export function statementsEndpoint(base: string): string {
  return `${base.replace(/\/+$/, '')}/statements`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
