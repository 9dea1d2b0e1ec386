import { QueryFailedError } from 'typeorm';

function pgCode(e: unknown): string | undefined {
  if (e instanceof QueryFailedError) return (e.driverError as { code?: string } | undefined)?.code;
  return (e as { code?: string } | undefined)?.code;
}

export const isUniqueViolation = (e: unknown) => pgCode(e) === '23505';
export const isCheckViolation = (e: unknown) => pgCode(e) === '23514';
