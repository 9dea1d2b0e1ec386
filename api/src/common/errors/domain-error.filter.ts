import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './domain-error.js';
import { toContractCode } from './error-mapping.js';

/**
 * Domain errors on the plain HTTP routes (exports, live events, health) become the status and code
 * the contract names; GraphQL errors are left to formatGraphQLError.
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost) {
    if (host.getType() !== 'http') return error;
    const { code, httpStatus } = toContractCode(error.code);
    host.switchToHttp().getResponse<Response>().status(httpStatus).json({ error: { code, message: error.message } });
  }
}
