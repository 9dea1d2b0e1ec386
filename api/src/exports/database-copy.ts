import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { SERVER_POOL_LIMITS } from '../common/database/data-source.js';

/**
 * Runs `COPY (…) TO STDOUT` on a PostgreSQL server and hands out its output as it arrives, one
 * chunk per batch (the shape `cursorBatches` has, so both feed the same iterator).
 *
 * Like the cursor export it reads one snapshot (a READ ONLY, REPEATABLE READ transaction on one
 * pooled connection) with JIT off (database-cursor.ts says why). Backpressure is the socket's: the
 * copy stream stops reading from PostgreSQL while the response has not taken the last chunk.
 *
 * The COPY is one statement for the whole download, however slow the client, so the pool's
 * statement timeout (60 s) is lifted for it. What bounds it instead is the limit a cursor export
 * had between two FETCHes: a consumer that takes no chunk for `stallMs` (the pool's
 * idle-in-transaction timeout) loses the connection, and its next read fails.
 *
 * A COPY cannot be interrupted by another statement on its own connection, so when the consumer
 * stops early (client gone, error, stall) the connection is destroyed rather than handed back: the
 * server sees it close, ends the COPY and rolls the transaction back, and the pool opens a new one.
 * Not for the embedded PGlite, whose protocol has no COPY TO STDOUT.
 */
export async function* copyOut(
  dataSource: DataSource,
  copySql: string,
  { stallMs = SERVER_POOL_LIMITS.idleInTransactionTimeoutMs } = {},
): AsyncGenerator<Uint8Array[], void, undefined> {
  const [client, release] = (await (dataSource.driver as PostgresDriver).obtainMasterConnection()) as [pg.PoolClient, (destroy?: boolean) => void];
  let released = false;
  let copy: ReturnType<typeof copyStreams.to> | undefined;
  const abandon = () => {
    if (released) return;
    released = true;
    copy?.destroy();
    release(true);
  };
  try {
    await client.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await client.query('SET LOCAL jit = off');
    await client.query('SET LOCAL statement_timeout = 0');
    // float8 as its shortest exact text, which the metric cells round (sqlMetricCell).
    await client.query('SET LOCAL extra_float_digits = 1');
    copy = client.query(copyStreams.to(copySql));
    for await (const chunk of copy) {
      const stall = setTimeout(abandon, stallMs);
      try {
        yield [chunk as Uint8Array];
      } finally {
        clearTimeout(stall);
      }
      if (released) throw new Error(`The export was abandoned: its reader took no data for ${Math.round(stallMs / 1000)} s.`);
    }
    await client.query('COMMIT');
    released = true;
    release();
  } finally {
    abandon();
  }
}
