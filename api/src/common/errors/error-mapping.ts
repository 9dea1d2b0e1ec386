import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { DomainError, ErrorCode } from './domain-error.js';

export type ContractErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'REQUIREMENTS_UNMET'
  | 'RATE_LIMITED';

/** The single place where domain codes become contract codes and HTTP statuses. */
export function toContractCode(code: ErrorCode): { code: ContractErrorCode; httpStatus: number } {
  switch (code) {
    case ErrorCode.Unauthenticated:
      return { code: 'UNAUTHENTICATED', httpStatus: 401 };
    case ErrorCode.Forbidden:
      return { code: 'FORBIDDEN', httpStatus: 403 };
    case ErrorCode.BadInput:
      return { code: 'BAD_USER_INPUT', httpStatus: 400 };
    case ErrorCode.NotFound:
      return { code: 'NOT_FOUND', httpStatus: 404 };
    case ErrorCode.Conflict:
      return { code: 'CONFLICT', httpStatus: 409 };
    case ErrorCode.RequirementsUnmet:
      return { code: 'REQUIREMENTS_UNMET', httpStatus: 422 };
    case ErrorCode.RateLimited:
      return { code: 'RATE_LIMITED', httpStatus: 429 };
    default: {
      const unreachable: never = code;
      throw new Error(`Unmapped error code ${String(unreachable)}`);
    }
  }
}

// Apollo's own codes for requests that never reached a resolver: all of them are the caller's input.
const APOLLO_INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const logger = new Logger('Errors');

/** Logs an unexpected error under a fresh id, which the answer carries so a report can be matched to the log. */
export type ErrorLog = (errorId: string, error: unknown, level: 'error' | 'warn') => void;
const defaultLog: ErrorLog = (errorId, error, level) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (level === 'warn') logger.warn(`[${errorId}] ${text}`);
  else logger.error(`[${errorId}] ${text}`);
};

export const internalMessage = (errorId: string) =>
  `Something went wrong on our side. Please try again; if it keeps happening, tell your administrator and quote error ${errorId}.`;

const DATA_EXCEPTION_MESSAGE =
  'A value you sent cannot be used here (a malformed id, a number or date out of range, or a character such as NUL): check the input and try again.';

/**
 * PostgreSQL's class 22 "data exception" (a malformed uuid, a number out of range, a NUL byte in
 * text) can only come from a value the caller sent that no check stopped first. It is the caller's
 * input, so BAD_USER_INPUT, but logged as a warning: a check belongs before the query.
 */
export function isDataException(e: unknown): boolean {
  const err = e as { driverError?: { code?: unknown }; code?: unknown } | undefined;
  const code = err?.driverError?.code ?? err?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/**
 * Turns any error that reaches Apollo into a contract error: a known code, a message a person can
 * act on, and never a stack trace, SQL text or file path. In production and in tests alike.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, log: ErrorLog = defaultLog): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    const { code } = toContractCode(original.code);
    const extensions: Record<string, unknown> = { code };
    if (original.details?.unmet) extensions.unmet = original.details.unmet;
    if (original.details?.field) extensions.field = original.details.field;
    if (original.details?.retryAfterSeconds) extensions.retryAfterSeconds = original.details.retryAfterSeconds;
    if (original.details?.limit !== undefined) extensions.limit = original.details.limit;
    return { ...base, message: original.message, extensions };
  }

  const httpLike = original as { getStatus?: () => number; message?: string } | undefined;
  if (httpLike && typeof httpLike.getStatus === 'function') {
    const status = httpLike.getStatus();
    if (status < 500) return { ...base, message: capped(httpLike.message ?? formatted.message), extensions: { code: codeForStatus(status) } };
  }

  const apolloCode = formatted.extensions?.code;
  if (typeof apolloCode === 'string' && APOLLO_INPUT_CODES.has(apolloCode)) {
    return { ...base, message: capped(readable(formatted.message)), extensions: { code: 'BAD_USER_INPUT' } };
  }
  // A GraphQLError raised by graphql-js itself for a bad variable or literal (e.g. a malformed
  // DateTime) has no original error: it is still the caller's input.
  if (error instanceof GraphQLError && !error.originalError && !formatted.path) {
    return { ...base, message: capped(formatted.message), extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (original instanceof GraphQLError && original.extensions?.code === 'BAD_USER_INPUT') {
    return { ...base, message: capped(original.message), extensions: { code: 'BAD_USER_INPUT' } };
  }

  const errorId = randomUUID();
  if (isDataException(original)) {
    log(errorId, original, 'warn');
    return { ...base, message: DATA_EXCEPTION_MESSAGE, extensions: { code: 'BAD_USER_INPUT', errorId } };
  }
  log(errorId, original, 'error');
  return { ...base, message: internalMessage(errorId), extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } };
}

export interface HttpErrorAnswer {
  status: number;
  body: { error: { code: ContractErrorCode | 'INTERNAL_SERVER_ERROR'; message: string; errorId?: string } };
}

// body-parser's error types (https://github.com/expressjs/body-parser#errors) that need their own words.
const BODY_ERRORS: Record<string, string> = {
  'entity.too.large': 'The request body is too large',
  'entity.parse.failed': 'The request body is not valid JSON.',
  'charset.unsupported': 'Send the request body in UTF-8.',
  'encoding.unsupported': 'The request body uses a content encoding the API does not accept (send it uncompressed or gzip).',
  'request.aborted': 'The request was cut off before its body arrived.',
};

/**
 * The same mapping for the plain HTTP routes (exports, files, the event stream, body parsing):
 * `{ error: { code, message } }` with the matching status.
 */
export function toHttpError(error: unknown, log: ErrorLog = defaultLog): HttpErrorAnswer {
  if (error instanceof DomainError) {
    const { code, httpStatus } = toContractCode(error.code);
    return { status: httpStatus, body: { error: { code, message: error.message } } };
  }
  const e = error as { getStatus?: () => number; status?: unknown; statusCode?: unknown; message?: unknown } | undefined;
  const status = typeof e?.getStatus === 'function' ? e.getStatus() : typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Nest wraps body-parser's errors in an HttpException; the original, with its type, is the cause.
    const parser = ((e as { cause?: unknown })?.cause ?? e) as { type?: unknown; limit?: unknown } | undefined;
    const known = typeof parser?.type === 'string' ? BODY_ERRORS[parser.type] : undefined;
    let message = known ?? (typeof e?.message === 'string' ? capped(e.message) : 'The request was not valid.');
    if (parser?.type === 'entity.too.large') message = `${known}: the limit is ${formatBytes(Number(parser.limit))}.`;
    return { status, body: { error: { code: codeForStatus(status), message } } };
  }
  const errorId = randomUUID();
  // A 5xx thrown on purpose (an HttpException such as 503 "not ready") keeps its status: a load
  // balancer or a client's retry logic reads it. Its details still go only to the log.
  if (typeof e?.getStatus === 'function' && status > 500 && status < 600) {
    log(errorId, error, 'warn');
    return { status, body: { error: { code: 'INTERNAL_SERVER_ERROR', message: internalMessage(errorId), errorId } } };
  }
  if (isDataException(error)) {
    log(errorId, error, 'warn');
    return { status: 400, body: { error: { code: 'BAD_USER_INPUT', message: DATA_EXCEPTION_MESSAGE } } };
  }
  log(errorId, error, 'error');
  return { status: 500, body: { error: { code: 'INTERNAL_SERVER_ERROR', message: internalMessage(errorId), errorId } } };
}

function codeForStatus(status: number): ContractErrorCode {
  return status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : status === 409 ? 'CONFLICT' : status === 429 ? 'RATE_LIMITED' : 'BAD_USER_INPUT';
}

function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return 'the configured size';
  return n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : `${+(n / 1024).toFixed(1)} KB`;
}

/** graphql-js's words for a document too large or too deep to read, in words a client author acts on. */
function readable(message: string): string {
  const tokens = /Document contains more th\w+ (\d+) tokens/.exec(message);
  if (tokens) return `The query is too long: at most ${Number(tokens[1]).toLocaleString('en-US')} tokens (names, braces, values). Ask for fewer fields, or split the query.`;
  if (/Maximum call stack size exceeded/.test(message)) return 'The query is nested too deeply to read. Ask for fewer nested fields.';
  return message;
}

function capped(message: string): string {
  // graphql-js messages quote the caller's own input; cap their size so a huge input is not echoed.
  return message.length > 500 ? `${message.slice(0, 500)}…` : message;
}
