import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { User, type Role } from '../../identity/entities/user.entity.js';
import { forbidden, unauthenticated } from '../errors/domain-error.js';
import { PUBLIC_KEY, requestOf, ROLES_KEY } from './decorators.js';
import { TokenService } from './token.service.js';

/**
 * Global guard: resolves the bearer token to a live, active user on every request (so a
 * deactivated account loses access at once), then checks @Roles. Cohort-level rules are the
 * services' to check, since they need the data.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @InjectRepository(User) private readonly users: Repository<User>,
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
        const claims = this.tokens.verify(match[1]);
        const user = claims ? await this.users.findOneBy({ id: claims.userId }) : null;
        if (user?.active) req.actor = { id: user.id, role: user.role, name: user.name };
        else if (!isPublic) throw unauthenticated('Your session has expired or is not valid. Sign in again.');
      }
    }
    if (isPublic) return true;
    if (!req.actor) throw unauthenticated();
    if (roles && !roles.includes(req.actor.role)) throw forbidden();
    return true;
  }
}
