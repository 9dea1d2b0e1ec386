import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from '../../identity/entities/user.entity.js';
import type { Actor } from './actor.js';

export const PUBLIC_KEY = 'baton:public';
export const ROLES_KEY = 'baton:roles';

/** Reachable without a token (login, analyzeOpening, verifyCertificate). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call it; cohort-level checks happen in the service. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export function requestOf(context: ExecutionContext): { headers: Record<string, string | string[] | undefined>; actor?: Actor; ip?: string } {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext().req;
  return context.switchToHttp().getRequest();
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext) => requestOf(context).actor);
