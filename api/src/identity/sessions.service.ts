import { prepared } from '../common/database/prepared-statements.js';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { TokenService } from '../common/auth/token.service.js';
import type { User } from './entities/user.entity.js';

/** Server-side sessions behind the bearer tokens (docs/decisions/014-access-controls.md). */
/** Token, session and account in one statement, on every authenticated request. */
const ACTOR_SQL = prepared(`
  SELECT u.id, u.role, u.name FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`);

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

  /**
   * The actor behind a bearer token, or null when the token is invalid, its session is revoked or
   * expired, or the account is inactive: one statement per request checks all of it.
   */
  async actorFor(token: string): Promise<Actor | null> {
    const claims = this.tokens.verify(token);
    if (!claims) return null;
    const [row]: { id: string; role: Actor['role']; name: string }[] = await this.dataSource.query(
      ACTOR_SQL,
      [claims.sessionId, claims.userId],
    );
    return row ? { id: row.id, role: row.role, name: row.name, sessionId: claims.sessionId } : null;
  }

  /** Ends one session; true when it was still open. */
  async revoke(sessionId: string): Promise<boolean> {
    const [, affected] = await this.dataSource.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
    return affected > 0;
  }
}
