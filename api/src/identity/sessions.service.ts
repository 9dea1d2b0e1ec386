import { prepared } from '../common/database/prepared-statements.js';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor, SessionClaims } from '../common/auth/actor.js';
import type { AuthenticatedRequest } from '../common/auth/decorators.js';
import { TokenService } from '../common/auth/token.service.js';
import { unauthenticated } from '../common/errors/domain-error.js';
import type { User } from './entities/user.entity.js';

/** Server-side sessions behind the bearer tokens (docs/decisions/014-access-controls.md). */

export const SESSION_NOT_VALID = 'Your session has expired or is not valid. Sign in again.';

/**
 * Token, session and account in one statement: the actor (id, role, name) behind an open,
 * unexpired session ($1) of an active user ($2), or no row. A handler that checks the session in
 * its own statement (decision 021) builds on this text, so both checks are the same.
 */
export const SESSION_ACTOR_SQL = `
  SELECT u.id, u.role, u.name FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`;

const ACTOR_SQL = prepared(SESSION_ACTOR_SQL);

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
  ) {}

  /** Records a new session and returns its token; expired sessions are pruned in the same statement. */
  async open(user: Pick<User, 'id' | 'role' | 'name'>): Promise<string> {
    const sessionId = randomUUID();
    const { token, expiresAt } = this.tokens.sign({ id: user.id, role: user.role, name: user.name }, sessionId);
    await this.dataSource.query(
      `WITH pruned AS (DELETE FROM sessions WHERE expires_at < now())
       INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, $3)`,
      [sessionId, user.id, expiresAt],
    );
    return token;
  }

  /** The token's subject and session when it verifies (signature, expiry, claims); null otherwise. */
  claimsOf(token: string): SessionClaims | null {
    return this.tokens.verify(token);
  }

  /**
   * The actor behind a bearer token, or null when the token is invalid, its session is revoked or
   * expired, or the account is inactive: one statement per request checks all of it.
   */
  async actorFor(token: string): Promise<Actor | null> {
    const claims = this.tokens.verify(token);
    return claims ? this.actorForClaims(claims) : null;
  }

  /** The actor behind verified claims, when their session is open and the account active. */
  async actorForClaims(claims: SessionClaims): Promise<Actor | null> {
    const [row]: { id: string; role: Actor['role']; name: string }[] = await this.dataSource.query(
      ACTOR_SQL,
      [claims.sessionId, claims.userId],
    );
    return row ? sessionActor(row, claims) : null;
  }

  /**
   * The request's actor. For a handler marked @ChecksSessionInStatement that did not check the
   * session in its own statement, this is where the check happens (UNAUTHENTICATED when it fails).
   */
  async actorOf(req: AuthenticatedRequest): Promise<Actor> {
    if (req.actor) return req.actor;
    const actor = req.sessionClaims ? await this.actorForClaims(req.sessionClaims) : null;
    if (!actor) throw unauthenticated(SESSION_NOT_VALID);
    return (req.actor = actor);
  }

  /** Ends one session; true when it was still open. */
  async revoke(sessionId: string): Promise<boolean> {
    const [, affected] = await this.dataSource.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
    return affected > 0;
  }
}

/** The actor from a row of SESSION_ACTOR_SQL's columns, for the session in `claims`. */
export function sessionActor(row: { id: string; role: Actor['role']; name: string }, claims: SessionClaims): Actor {
  return { id: row.id, role: row.role, name: row.name, sessionId: claims.sessionId };
}
