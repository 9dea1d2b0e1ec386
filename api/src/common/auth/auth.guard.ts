import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../../identity/entities/user.entity.js';
import { SessionsService } from '../../identity/sessions.service.js';
import { forbidden, unauthenticated } from '../errors/domain-error.js';
import { PUBLIC_KEY, requestOf, ROLES_KEY } from './decorators.js';

/**
 * Global guard: resolves the bearer token to an open session of an active user on every request
 * (one statement), so logout, revocation and deactivation take effect at once; then checks
 * @Roles. Cohort-level rules are the services' to check, since they need the data.
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
      const header = req.headers?.authorization;
      const value = Array.isArray(header) ? header[0] : header;
      const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
      if (match) {
        const actor = await this.sessions.actorFor(match[1]);
        if (actor) req.actor = actor;
        else if (!isPublic) throw unauthenticated('Your session has expired or is not valid. Sign in again.');
      }
    }
    if (isPublic) return true;
    if (!req.actor) throw unauthenticated();
    if (roles && !roles.includes(req.actor.role)) throw forbidden();
    return true;
  }
}
