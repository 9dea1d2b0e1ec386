import http from 'node:http';
import https from 'node:https';
import { sessionEndedRedirect, type Auth } from './session.server';

/** Error codes of the API (CONTRACT.md) plus two of the web's own for a missing or broken API. */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'REQUIREMENTS_UNMET'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

const KNOWN_CODES = new Set<string>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'REQUIREMENTS_UNMET',
  'RATE_LIMITED',
]);

/** Codes a person fixes by changing what they sent: shown next to the form. */
const FORM_CODES = new Set<ApiErrorCode>(['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND', 'REQUIREMENTS_UNMET', 'RATE_LIMITED']);

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: ApiErrorCode,
    /** The input field the API blamed, when it said so (extensions.field) or the message names one. */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLErrorShape {
  message?: string;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export function apiUrl(): string {
  return process.env.BATON_API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? '4000'}/graphql`;
}

/** Another HTTP path on the API's server, e.g. `/exports/completions.csv`. */
export function apiEndpoint(path: string): URL {
  return new URL(path, apiUrl());
}

function fieldOf(error: GraphQLErrorShape): string | null {
  const named = error.extensions?.field;
  if (typeof named === 'string' && named) return named.split('.').pop() ?? named;
  // graphql-js variable coercion: 'Variable "$input" got invalid value … at "input.email"; …'
  const at = error.message?.match(/at "(?:[\w$]+\.)*(\w+)"/);
  return at ? at[1] : null;
}

function toApiError(error: GraphQLErrorShape): ApiError {
  const raw = error.extensions?.code;
  if (raw && KNOWN_CODES.has(raw)) {
    return new ApiError(error.message || 'The request was refused.', raw as ApiErrorCode, fieldOf(error));
  }
  // Anything else is a fault on our side (a query the API does not know, an internal error): keep
  // the detail in the server log, show people a plain sentence.
  console.error(`[baton web] API error ${raw ?? '(no code)'}: ${error.message ?? ''}`);
  return new ApiError('The Baton API could not complete this request.', 'INTERNAL');
}

export interface GraphqlOptions {
  /**
   * The address of the person the request is made for (the load context's clientAddress), sent as
   * X-Forwarded-For so the API throttles per person rather than per web server.
   */
  clientAddress?: string;
}

const API_TIMEOUT_MS = 20_000;

// Every page makes its API requests through these kept-alive connections. node:http rather than
// fetch: this is the web server's hottest path (two or three requests per page), and fetch's
// Request/Response/stream machinery cost about three times the CPU of a plain request here.
const agents = {
  'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
};

interface RawAnswer {
  status: number;
  body: string;
}

/** POSTs `payload` to the API's GraphQL endpoint; rejects only when no answer came (refused, reset, timed out). */
function post(payload: string, headers: Record<string, string>): Promise<RawAnswer> {
  const url = new URL(apiUrl());
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: 'POST',
        agent: agents[url.protocol as keyof typeof agents],
        timeout: API_TIMEOUT_MS,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(payload)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // `timeout` is for an idle socket: no answer for that long ends the request.
    req.on('timeout', () => req.destroy(new Error('The API did not answer in time')));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * One GraphQL request to the API. Resolves to `data`; any GraphQL error becomes an ApiError carrying
 * `extensions.code`. Used directly only where no session exists yet (login, public pages).
 */
export async function graphql<T>(
  query: string,
  variables?: Record<string, unknown>,
  token?: string | null,
  { clientAddress }: GraphqlOptions = {},
): Promise<T> {
  let answer: RawAnswer;
  try {
    answer = await post(JSON.stringify({ query, variables }), {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(clientAddress ? { 'X-Forwarded-For': clientAddress } : {}),
    });
  } catch {
    throw new ApiError('The Baton API is not reachable right now. Try again in a minute.', 'UNAVAILABLE');
  }

  let body: { data?: T | null; errors?: GraphQLErrorShape[] };
  try {
    body = JSON.parse(answer.body) as typeof body;
  } catch {
    throw new ApiError(`The Baton API answered with HTTP ${answer.status} and no GraphQL body.`, 'UNAVAILABLE');
  }
  if (body.errors?.length) throw toApiError(body.errors[0]);
  if (answer.status < 200 || answer.status >= 300 || body.data == null) {
    throw new ApiError(`The Baton API answered with HTTP ${answer.status}.`, 'INTERNAL');
  }
  return body.data;
}

export interface ApiOptions {
  /**
   * Codes the caller shows beside its form instead of as an error page (with formError and the
   * same list), e.g. FORBIDDEN when starting an activity of a week that is still locked.
   */
  formCodes?: readonly ApiErrorCode[];
}

/**
 * A GraphQL request on behalf of the signed-in person. Errors nobody can fix on the page become
 * responses: UNAUTHENTICATED ends the session and redirects to /login, FORBIDDEN is a 403 page,
 * NOT_FOUND a 404 page (when reading), an unreachable API a 503 page. Errors about the input
 * (BAD_USER_INPUT, CONFLICT, REQUIREMENTS_UNMET, RATE_LIMITED, NOT_FOUND in an action) are
 * rethrown for the action to show with `formError`.
 */
export async function api<T>(
  request: Request,
  auth: Auth,
  query: string,
  variables?: Record<string, unknown>,
  options: ApiOptions = {},
): Promise<T> {
  try {
    return await graphql<T>(query, variables, auth.token);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (options.formCodes?.includes(error.code)) throw error;
    switch (error.code) {
      case 'UNAUTHENTICATED':
        throw await sessionEndedRedirect(request);
      case 'FORBIDDEN':
        throw new Response(error.message, { status: 403, statusText: 'Forbidden' });
      case 'NOT_FOUND':
        // Reading a page about something missing is a 404 page; in an action the missing thing is
        // one the form named (a cohort, a program), so the message goes beside the form.
        if (request.method === 'GET' || request.method === 'HEAD') {
          throw new Response(error.message, { status: 404, statusText: 'Not Found' });
        }
        throw error;
      case 'UNAVAILABLE':
        throw new Response(error.message, { status: 503, statusText: 'Service Unavailable' });
      case 'INTERNAL':
        throw new Response(error.message, { status: 502, statusText: 'Bad Gateway' });
      default:
        throw error;
    }
  }
}

/** What an action tells its form: success, or an error beside one field or the form as a whole. */
export interface FormFeedback {
  ok: boolean;
  message: string;
  field: string | null;
}

/**
 * The message to show beside a form for errors a person can fix (plus `alsoCodes`, the ones the
 * request kept with ApiOptions.formCodes); anything else is rethrown.
 * The API's field is kept only when it is one of the form's `fields`, otherwise the message
 * belongs to the form as a whole.
 */
export function formError(error: unknown, fields: readonly string[] = [], alsoCodes: readonly ApiErrorCode[] = []): FormFeedback {
  if (error instanceof ApiError && (FORM_CODES.has(error.code) || alsoCodes.includes(error.code))) {
    return { ok: false, message: error.message, field: error.field && fields.includes(error.field) ? error.field : null };
  }
  throw error;
}
