import { GraphQLError, type GraphQLFormattedError } from 'graphql';
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

const INTERNAL_MESSAGE = 'Something went wrong on our side. Please try again; if it keeps happening, tell your administrator.';

/**
 * Turns any error that reaches Apollo into a contract error: a known code, a message a person can
 * act on, and never a stack trace, SQL text or file path.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (e: unknown) => void = (e) => console.error(e),
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    const { code } = toContractCode(original.code);
    const extensions: Record<string, unknown> = { code };
    if (original.details?.unmet) extensions.unmet = original.details.unmet;
    if (original.details?.field) extensions.field = original.details.field;
    if (original.details?.retryAfterSeconds) extensions.retryAfterSeconds = original.details.retryAfterSeconds;
    return { ...base, message: original.message, extensions };
  }

  const httpLike = original as { getStatus?: () => number; message?: string } | undefined;
  if (httpLike && typeof httpLike.getStatus === 'function') {
    const status = httpLike.getStatus();
    const code: ContractErrorCode =
      status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : 'BAD_USER_INPUT';
    if (status < 500) return { ...base, message: httpLike.message ?? formatted.message, extensions: { code } };
  }

  const apolloCode = formatted.extensions?.code;
  if (typeof apolloCode === 'string' && APOLLO_INPUT_CODES.has(apolloCode)) {
    return { ...base, message: stripInternals(formatted.message), extensions: { code: 'BAD_USER_INPUT' } };
  }
  // A GraphQLError raised by graphql-js itself for a bad variable or literal (e.g. a malformed
  // DateTime) has no original error: it is still the caller's input.
  if (error instanceof GraphQLError && !error.originalError && !formatted.path) {
    return { ...base, message: stripInternals(formatted.message), extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (original instanceof GraphQLError && original.extensions?.code === 'BAD_USER_INPUT') {
    return { ...base, message: stripInternals(original.message), extensions: { code: 'BAD_USER_INPUT' } };
  }

  log(original);
  return { ...base, message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function stripInternals(message: string): string {
  // graphql-js messages quote the caller's own input; cap their size so a huge input is not echoed.
  return message.length > 500 ? `${message.slice(0, 500)}…` : message;
}
