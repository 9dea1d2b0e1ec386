import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * Runs `COPY (…) TO STDOUT` on a PostgreSQL server and hands out its output as it arrives, one
 * chunk per batch (the shape `cursorBatches` has, so both feed the same iterator).
 *
 * Like the cursor export it reads one snapshot (a READ ONLY, REPEATABLE READ transaction on one
 * pooled connection) with JIT off (database-cursor.ts says why). Backpressure is the socket's: the
 * copy stream stops reading from PostgreSQL while the response has not taken the last chunk.
 *
 * A COPY cannot be interrupted by another statement on its own connection, so when the consumer
 * stops early (client gone, error) the connection is destroyed rather than handed back: the server
 * sees it close, ends the COPY and rolls the transaction back, and the pool opens a new one.
 * Not for the embedded PGlite, whose protocol has no COPY TO STDOUT.
 */
export async function* copyOut(dataSource: DataSource, copySql: string): AsyncGenerator<Uint8Array[], void, undefined> {
  const [client, release] = (await (dataSource.driver as PostgresDriver).obtainMasterConnection()) as [pg.PoolClient, (destroy?: boolean) => void];
  let clean = false;
  let copy: ReturnType<typeof copyStreams.to> | undefined;
  try {
    await client.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await client.query('SET LOCAL jit = off');
    // float8 as its shortest exact text, which the metric cells round (sqlMetricCell).
    await client.query('SET LOCAL extra_float_digits = 1');
    copy = client.query(copyStreams.to(copySql));
    for await (const chunk of copy) yield [chunk as Uint8Array];
    await client.query('COMMIT');
    clean = true;
  } finally {
    if (!clean) copy?.destroy();
    release(!clean);
  }
}
