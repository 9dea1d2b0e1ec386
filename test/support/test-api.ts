import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, type BatonConfig } from '../../api/src/common/config/config.js';
import { createApi, type StartedApi } from '../../api/src/server.js';
import { openTestDatabase } from './test-database.js';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown }; path?: string[] }[];
}

export interface TestApi {
  api: StartedApi;
  url: string;
  config: BatonConfig;
  dataSource: DataSource;
  /** The server database this file runs on (DATABASE_URL set), or undefined on PGlite. */
  databaseUrl?: string;
  /** Sends a GraphQL operation, with a bearer token when given. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Sends the operation and fails the test on any error. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  login(email: string, password?: string): Promise<string>;
  /** Counts SQL statements sent while `f` runs. */
  countQueries<T>(f: () => Promise<T>): Promise<{ result: T; count: number; statements: string[] }>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct-horse-battery';

/** One API per test file (booting costs seconds), on its own fresh database. */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-test-'));
  const config = loadConfig({ BATON_DATA_DIR: dataDir, BATON_DEMO: '0', ...env });
  const database = await openTestDatabase();
  const api = await createApi(config, { database, logger: false });
  await api.app.listen(0, '127.0.0.1');
  const url = `${await api.app.getUrl()}`.replace('[::1]', '127.0.0.1');
  const dataSource = database.dataSource;

  let counting: string[] | null = null;
  const originalQuery = dataSource.driver.createQueryRunner.bind(dataSource.driver);
  dataSource.driver.createQueryRunner = (mode) => {
    const runner = originalQuery(mode);
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, ...rest: unknown[]) => {
      if (counting && !/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)/i.test(sql.trim())) counting.push(sql);
      return (query as (...a: unknown[]) => unknown)(sql, ...rest);
    }) as typeof runner.query;
    return runner;
  };

  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse;
  };

  const t: TestApi = {
    api,
    url,
    config,
    dataSource,
    databaseUrl: database.url,
    gql: gql as TestApi['gql'],
    async ok(query, variables, token) {
      const r = await gql(query, variables, token);
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
      return r.data as never;
    },
    async login(email, password = TEST_PASSWORD) {
      const r = await t.ok<{ login: { token: string } }>(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
        { e: email, p: password },
      );
      return r.login.token;
    },
    async countQueries(f) {
      counting = [];
      try {
        const result = await f();
        return { result, count: counting.length, statements: counting };
      } finally {
        counting = null;
      }
    },
    async close() {
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
