import { randomBytes } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';

export const EXPORT_BATCH_SIZE = 1000;

/**
 * Reads one query's rows in batches through a server-side cursor, so an export of any size holds
 * one batch in memory. The caller pulls batches (`next`), which is what gives the HTTP response
 * its backpressure: no FETCH is sent until the previous batch has been written out.
 *
 * - On a PostgreSQL server: `DECLARE … NO SCROLL CURSOR` inside a READ ONLY, REPEATABLE READ
 *   transaction on one pooled connection, then `FETCH FORWARD n` until empty. The export sees one
 *   consistent snapshot; other requests use the pool's other connections meanwhile.
 *   (TypeORM's `queryRunner.stream()` would need pg-query-stream, which is not installed.)
 * - On the embedded PGlite (one session for the whole API, docs/decisions/003): the same cursor
 *   `WITH HOLD`, declared outside a transaction. PostgreSQL materialises it when the DECLARE
 *   commits (spilling to temporary files past work_mem, not into Node's memory), and every FETCH
 *   takes the session only for that statement. So a slow download never holds the single session
 *   that every other request needs, which an open transaction would.
 *
 * Always finish with `close()` (the generator's `finally` does), also when the client goes away.
 */
export async function* cursorBatches<T>(
  dataSource: DataSource,
  sql: string,
  params: unknown[],
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<T[], void, undefined> {
  const name = `baton_export_${randomBytes(6).toString('hex')}`;
  if (isSingleSession(dataSource)) yield* heldCursor<T>(dataSource, name, sql, params, batchSize);
  else yield* transactionCursor<T>(dataSource, name, sql, params, batchSize);
}

async function* heldCursor<T>(dataSource: DataSource, name: string, sql: string, params: unknown[], batchSize: number) {
  await dataSource.query(`DECLARE ${name} NO SCROLL CURSOR WITH HOLD FOR ${sql}`, params);
  try {
    for (;;) {
      const rows: T[] = await dataSource.query(`FETCH FORWARD ${batchSize} FROM ${name}`);
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) return;
    }
  } finally {
    await dataSource.query(`CLOSE ${name}`).catch(() => undefined);
  }
}

async function* transactionCursor<T>(dataSource: DataSource, name: string, sql: string, params: unknown[], batchSize: number) {
  const runner: QueryRunner = dataSource.createQueryRunner();
  let open = false;
  try {
    await runner.connect();
    await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    open = true;
    // The export's row estimates (LATERAL aggregates per enrollment) put its cost far past
    // jit_above_cost, and LLVM then spends most of a second compiling before the first row, about
    // half of the whole export of 10,000 enrollments (EXPLAIN in docs/PERFORMANCE.md). The plan is
    // index lookups and a sort, which JIT does not speed up.
    await runner.query('SET LOCAL jit = off');
    await runner.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
    for (;;) {
      const rows: T[] = await runner.query(`FETCH FORWARD ${batchSize} FROM ${name}`);
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) break;
    }
    await runner.query('COMMIT');
    open = false;
  } finally {
    // Early exit (client gone, error): ROLLBACK closes the cursor and ends the snapshot.
    if (open) await runner.query('ROLLBACK').catch(() => undefined);
    await runner.release();
  }
}

/**
 * True for the embedded PGlite pool (a custom `driver` on the DataSource options is how
 * common/database/data-source.ts plugs it in); false for the `pg` pool of a server.
 */
export function isSingleSession(dataSource: DataSource): boolean {
  return Boolean((dataSource.options as { driver?: unknown }).driver);
}
