import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error.js';

/**
 * Failed sign-ins allowed per account and per address within a window (fixed, from the first
 * failure). docs/decisions/014-access-controls.md explains the numbers.
 */
export const LOGIN_LIMITS = {
  account: { failures: 10, windowSeconds: 15 * 60 },
  address: { failures: 100, windowSeconds: 60 * 60 },
} as const;

type Scope = keyof typeof LOGIN_LIMITS;

/**
 * Counts failed sign-ins with rate-limiter-flexible's PostgreSQL store, in the `login_throttle`
 * table, so every API process on one database shares the counts (PGlite included, through the
 * same DataSource).
 */
@Injectable()
export class LoginThrottle {
  private readonly limiters: Record<Scope, RateLimiterPostgres>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    // The library sends pg-style query objects; TypeORM's runner works on both the server and PGlite.
    const store = {
      async query(q: { text: string; values?: unknown[] }) {
        const runner = dataSource.createQueryRunner();
        try {
          const r = await runner.query(q.text, q.values, true);
          // PGlite reports 0 affected rows for a SELECT: count the rows returned when there are any.
          const rows = r.records ?? [];
          return { rows, rowCount: rows.length || (r.affected ?? 0) };
        } finally {
          await runner.release();
        }
      },
    };
    const limiter = (scope: Scope) =>
      new RateLimiterPostgres({
        storeClient: store,
        storeType: 'pool',
        tableName: 'login_throttle',
        tableCreated: true, // by the AccessControls migration
        keyPrefix: scope,
        points: LOGIN_LIMITS[scope].failures,
        duration: LOGIN_LIMITS[scope].windowSeconds,
      });
    this.limiters = { account: limiter('account'), address: limiter('address') };
  }

  /** Refuses with RATE_LIMITED, saying when to retry, once either count has reached its limit. */
  async assertAllowed(email: string, address: string | undefined): Promise<void> {
    const [account, byAddress] = await Promise.all([
      this.limiters.account.get(accountKey(email)),
      address ? this.limiters.address.get(address) : null,
    ]);
    const blocked = [
      byAddress && byAddress.consumedPoints >= LOGIN_LIMITS.address.failures ? byAddress : null,
      account && account.consumedPoints >= LOGIN_LIMITS.account.failures ? account : null,
    ].filter((r): r is RateLimiterRes => r !== null);
    if (!blocked.length) return;
    const waitMs = Math.max(...blocked.map((r) => r.msBeforeNext));
    throw rateLimited(waitMs);
  }

  async failed(email: string, address: string | undefined): Promise<void> {
    await Promise.all([
      consume(this.limiters.account, accountKey(email)),
      address ? consume(this.limiters.address, address) : undefined,
    ]);
  }

  /** A successful sign-in clears the account's count (not the address's: one person's success says nothing about the rest). */
  async succeeded(email: string): Promise<void> {
    await this.limiters.account.delete(accountKey(email));
  }
}

// Hashed: the table never holds the email addresses people mistyped.
const accountKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

async function consume(limiter: RateLimiterPostgres, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    // Over the limit is still counted; only a store failure is an error.
    if (e instanceof Error) throw e;
  }
}

export function rateLimited(waitMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const at = new Date(Date.now() + seconds * 1000).toISOString().slice(11, 16);
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new DomainError(ErrorCode.RateLimited, `Too many failed sign-ins. Try again in ${wait} (after ${at} UTC).`, {
    retryAfterSeconds: seconds,
  });
}
