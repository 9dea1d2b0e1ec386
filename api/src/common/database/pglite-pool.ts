import type { PGlite } from '@electric-sql/pglite';
import { EventEmitter } from 'node:events';

/**
 * A pg-compatible Pool over one PGlite instance, handed to TypeORM as its `driver`.
 *
 * PGlite is a single session. A pool that hands the same session to every caller at once (as the
 * typeorm-pglite package does) lets one request's statements land inside another request's open
 * transaction. Here each `connect` takes the session exclusively until TypeORM releases it: a pool
 * of size one, which is exactly what PGlite is. See docs/decisions/003-embedded-postgres.md.
 */
export function createPGlitePoolDriver(db: PGlite) {
  let busy = false;
  const waiting: Array<() => void> = [];

  const acquire = () =>
    new Promise<void>((resolve) => {
      if (!busy) {
        busy = true;
        resolve();
      } else waiting.push(resolve);
    });
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else busy = false;
  };

  class PGliteClient extends EventEmitter {
    async query(sql: string, params?: unknown[]) {
      const hasParams = Array.isArray(params) && params.length > 0;
      if (hasParams) {
        const r = await db.query<Record<string, unknown>>(sql, params as unknown[]);
        return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length, command: commandOf(sql), fields: r.fields };
      }
      const results = await db.exec(sql);
      const last = results[results.length - 1] ?? { rows: [], affectedRows: 0, fields: [] };
      return { rows: last.rows, rowCount: last.affectedRows ?? last.rows.length, command: commandOf(sql), fields: last.fields };
    }
  }

  class Pool extends EventEmitter {
    connect(callback: (err: Error | null, client: PGliteClient | null, done: (err?: Error) => void) => void) {
      acquire().then(() => {
        let released = false;
        callback(null, new PGliteClient(), () => {
          if (released) return;
          released = true;
          release();
        });
      }, (err: Error) => callback(err, null, () => undefined));
    }
    async query(sql: string, params?: unknown[]) {
      await acquire();
      try {
        return await new PGliteClient().query(sql, params);
      } finally {
        release();
      }
    }
    end(callback?: (err: Error | null) => void) {
      // The PGlite instance belongs to whoever created it; closing it is theirs to do.
      callback?.(null);
      return Promise.resolve();
    }
  }

  return { Pool };
}

function commandOf(sql: string): string {
  const m = /^\s*(?:--[^\n]*\n\s*)*(\w+)/.exec(sql);
  return (m?.[1] ?? '').toUpperCase();
}
