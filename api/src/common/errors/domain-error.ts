// One error model for the whole API: services throw DomainError with a code; the GraphQL layer
// maps codes to the contract's extension codes in one place (graphql-errors.ts).
export enum ErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  BadInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  RequirementsUnmet = 'REQUIREMENTS_UNMET',
  RateLimited = 'RATE_LIMITED',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const unauthenticated = (message = 'Sign in to continue.') =>
  new DomainError(ErrorCode.Unauthenticated, message);
export const forbidden = (message = 'You do not have access to this.') =>
  new DomainError(ErrorCode.Forbidden, message);
export const badInput = (message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.BadInput, message, details);
export const notFound = (what: string) => new DomainError(ErrorCode.NotFound, `${what} was not found.`);
export const conflict = (message: string) => new DomainError(ErrorCode.Conflict, message);
export const requirementsUnmet = (message: string, unmet: string[]) =>
  new DomainError(ErrorCode.RequirementsUnmet, message, { unmet });
