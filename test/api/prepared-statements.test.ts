import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepared, preparedName } from '../../api/src/common/database/prepared-statements.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

// The hot statements (the session check, the trainee home's, the import's batch upsert) are marked `prepared`
// and run as named prepared statements on a PostgreSQL server (docs/PERFORMANCE.md).

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(() => t?.close());

describe('prepared statements', () => {
  it('name a marked statement by its text, and leave others unnamed', () => {
    const sql = prepared('SELECT $1::int AS n');
    expect(preparedName(sql)).toMatch(/^baton_[0-9a-f]{24}$/);
    expect(preparedName(prepared(sql))).toBe(preparedName(sql));
    expect(preparedName('SELECT 1')).toBeUndefined();
  });

  it.skipIf(!process.env.DATABASE_URL)('are prepared once per server connection and give the same answers', async () => {
    const sql = prepared('SELECT $1::int + 1 AS n');
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      expect(await runner.query(sql, [1])).toEqual([{ n: 2 }]);
      expect(await runner.query(sql, [41])).toEqual([{ n: 42 }]);
      expect(await runner.query(`SELECT name FROM pg_prepared_statements WHERE statement = $1`, [sql])).toEqual([{ name: preparedName(sql) }]);
    } finally {
      await runner.release();
    }
  });
});
