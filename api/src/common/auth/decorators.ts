import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from '../../identity/entities/user.entity.js';
import type { Actor, SessionClaims } from './actor.js';

export const PUBLIC_KEY = 'baton:public';
export const ROLES_KEY = 'baton:roles';
export const SESSION_IN_STATEMENT_KEY = 'baton:session-in-statement';

/** Reachable without a token (login, analyzeOpening, verifyCertificate). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call it; cohort-level checks happen in the service. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * The handler checks the session itself, in the same statement as its own read (decision 021):
 * the guard only verifies the token and leaves its claims on the request. Such a handler must
 * reach the data through SessionsService.actorOf(req) or a statement built on SESSION_ACTOR_SQL.
 * Not for handlers with @Roles or @Public: the guard checks those in full.
 */
export const ChecksSessionInStatement = () => SetMetadata(SESSION_IN_STATEMENT_KEY, true);

/** What the guard leaves on a request: the checked actor, and the verified claims of its token. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
  sessionClaims?: SessionClaims;
  ip?: string;
}

export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext().req;
  return context.switchToHttp().getRequest();
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext) => requestOf(context).actor);
