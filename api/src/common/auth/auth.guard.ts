import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../../identity/entities/user.entity.js';
import { SessionsService, SESSION_NOT_VALID } from '../../identity/sessions.service.js';
import { forbidden, unauthenticated } from '../errors/domain-error.js';
import { PUBLIC_KEY, requestOf, ROLES_KEY, SESSION_IN_STATEMENT_KEY, type AuthenticatedRequest } from './decorators.js';

/**
 * Global guard: resolves the bearer token to an open session of an active user on every request
 * (one statement), so logout, revocation and deactivation take effect at once; then checks
 * @Roles. Cohort-level rules are the services' to check, since they need the data. A handler
 * marked @ChecksSessionInStatement makes that check in its own first statement instead (decision
 * 021): the guard verifies the token and hands its claims on.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const req = requestOf(context);
    if (!req) return true; // field resolvers run inside an already-guarded operation

    if (req.actor === undefined) {
      const claims = this.claimsOf(req);
      if (claims === null && !isPublic) throw unauthenticated(SESSION_NOT_VALID);
      if (claims) {
        const deferred = !isPublic && !roles && this.reflector.getAllAndOverride<boolean>(SESSION_IN_STATEMENT_KEY, targets);
        if (deferred) return true;
        const actor = await this.sessions.actorForClaims(claims);
        if (actor) req.actor = actor;
        else if (!isPublic) throw unauthenticated(SESSION_NOT_VALID);
      }
    }
    if (isPublic) return true;
    if (!req.actor) throw unauthenticated();
    if (roles && !roles.includes(req.actor.role)) throw forbidden();
    return true;
  }

  /** The token's verified claims (kept on the request), null for a bad token, undefined for none. */
  private claimsOf(req: AuthenticatedRequest): AuthenticatedRequest['sessionClaims'] | null {
    if (req.sessionClaims) return req.sessionClaims;
    const header = req.headers?.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
    if (!match) return undefined;
    const claims = this.sessions.claimsOf(match[1]);
    if (claims) req.sessionClaims = claims;
    return claims;
  }
}
