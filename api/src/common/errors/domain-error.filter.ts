import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toHttpError } from './error-mapping.js';

/**
 * Every error on the plain HTTP routes (exports, certificate files, live events, health, and the
 * body parser's refusals) becomes `{ error: { code, message } }` with the status the contract names;
 * an unexpected one is a 500 with a generic message and an error id, its details only in the log.
 * GraphQL errors are left to formatGraphQLError.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') throw error; // resolvers: Apollo's formatError maps it
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const { status, body } = toHttpError(error);
    // A stream that already started can only be cut: clients see an incomplete download.
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // A request to /graphql refused before Apollo saw it (too large, not JSON) still gets a GraphQL-shaped answer.
    if (http.getRequest<Request>().path === '/graphql') {
      const { code, message, errorId } = body.error;
      res.status(status).json({ errors: [{ message, extensions: { code, ...(errorId ? { errorId } : {}) } }] });
      return;
    }
    res.status(status).json(body);
  }
}
