import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export const root = join(import.meta.dirname, '../../..');

/** Builds dist/api when its sources changed (the same rule as `npm start`). */
export async function buildApi(): Promise<void> {
  const { buildIfNeeded } = (await import(join(root, 'scripts/lib.mjs'))) as { buildIfNeeded(o: { web: boolean }): void };
  buildIfNeeded({ web: false });
}

export const ADMIN = { email: 'soak-admin@baton.example', password: `pw-${randomBytes(12).toString('hex')}` };

/**
 * Where one soak scenario keeps its data: a new database on the server named by DATABASE_URL, or
 * an embedded PGlite directory. `query` reads it directly; for PGlite only while no API runs.
 */
export interface SoakDatabase {
  kind: 'postgres' | 'pglite';
  /** The API's environment for this database. */
  env: Record<string, string>;
  dataDir: string;
  url?: string;
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export const serverUrl = process.env.DATABASE_URL;
/** The database kinds a soak runs on: the server when DATABASE_URL is set, and PGlite always. */
export const DATABASE_KINDS = [...(serverUrl ? (['postgres'] as const) : []), 'pglite'] as const;

export async function withPg<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

export async function createDatabase(kind: 'postgres' | 'pglite', label: string): Promise<SoakDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `baton-soak-${label}-`));
  if (kind === 'pglite') {
    const dir = join(dataDir, 'pglite');
    return {
      kind,
      dataDir,
      env: { BATON_DATA_DIR: dataDir },
      async query(sql, params) {
        const db = new PGlite(dir);
        try {
          return (await db.query<any>(sql, params)).rows;
        } finally {
          await db.close();
        }
      },
      async drop() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `baton_soak_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await withPg(serverUrl!, (c) => c.query(`CREATE DATABASE "${name}"`));
  const u = new URL(serverUrl!);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    kind,
    dataDir,
    url,
    env: { BATON_DATA_DIR: dataDir, DATABASE_URL: url },
    query: (sql, params) => withPg(url, async (c) => (await c.query(sql, params)).rows),
    async drop() {
      await withPg(serverUrl!, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ApiProcess {
  base: string;
  pid: number;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  /** kill -9: no shutdown hook, no rollback by the API, sockets dropped by the kernel. */
  kill9(): Promise<void>;
  /** SIGTERM, as an orchestrator stops it. */
  stop(): Promise<void>;
}

/** `node dist/api/main.js`, on a free port, ready once /ready answers 200. */
export async function startApi(db: SoakDatabase, extraEnv: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    API_PORT: String(port),
    API_HOST: '127.0.0.1',
    BATON_DEMO: '0',
    JWT_SECRET: 'soak-test-secret-0123456789abcdef0123456789',
    BATON_ADMIN_EMAIL: ADMIN.email,
    BATON_ADMIN_PASSWORD: ADMIN.password,
    ...db.env,
    ...extraEnv,
  };
  delete env.XAPI_LRS_URL;
  if (!db.env.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, [join(root, 'dist/api/main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    const state = await Promise.race([exited, sleep(200).then(() => null)]);
    if (state) throw new Error(`The API exited (${state.code ?? state.signal}) before it was ready:\n${output}`);
    try {
      if ((await fetch(`${base}/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`The API was not ready within 120 s:\n${output}`);
    }
  }
  return {
    base,
    pid: child.pid!,
    child,
    exited,
    output: () => output,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const done = await Promise.race([exited, sleep(20_000).then(() => null)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function gql<T = any>(base: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

export async function gqlOk<T = any>(base: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const r = await gql<T>(base, query, variables, token);
  if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data;
}

export async function login(base: string, email = ADMIN.email, password = ADMIN.password): Promise<string> {
  const r = await gqlOk<{ login: { token: string } }>(base, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password });
  return r.login.token;
}

/** Runs `f` over `items`, `width` at a time. */
export async function inBatches<T, R>(items: readonly T[], width: number, f: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i], i);
      }
    }),
  );
  return out;
}

/** Trainees enrolled in one cohort through the API; returns their emails and enrollment ids. */
export async function seedTrainees(base: string, token: string, n: number, label: string) {
  const { createCohort } = await gqlOk(
    base,
    `mutation($i: CreateCohortInput!) { createCohort(input: $i) { id } }`,
    { i: { name: `Soak ${label}`, programKey: 'ai-handoff', startsOn: '2026-01-05', timeZone: 'UTC' } },
    token,
  );
  return inBatches(
    Array.from({ length: n }, (_, i) => i),
    6,
    async (i) => {
      const email = `soak-${label}-${i}@example.test`;
      const { createUser } = await gqlOk(
        base,
        `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
        { i: { email, name: `Soak Trainee ${i}`, role: 'TRAINEE', password: 'soak-trainee-password' } },
        token,
      );
      const { enroll } = await gqlOk(base, `mutation($c: ID!, $t: ID!) { enroll(cohortId: $c, traineeId: $t) { id } }`, { c: createCohort.id, t: createUser.id }, token);
      return { email, userId: createUser.id as string, enrollmentId: enroll.id as string };
    },
  );
}

export const HANDOFF_HEADER =
  'conversation_id,agent_email,handed_off_at,first_response_at,csat,resolved,context_items_available,context_items_used,customer_repeated\n';

/** One valid handoff row for `email`, number `i` (distinct conversation ids per prefix). */
export function handoffRow(prefix: string, email: string, i: number): string {
  const at = Date.UTC(2026, 2, 2, 9) + i * 60_000;
  return `${prefix}-${i},${email},${new Date(at).toISOString()},${new Date(at + 25_000).toISOString()},5,yes,4,4,no\n`;
}

export interface ActivityRef {
  key: string;
  kind: string;
  requiresSignOff: boolean;
}

/** The shipped program's activities, as a client reads them. */
export async function programActivities(base: string, token: string): Promise<ActivityRef[]> {
  const { program } = await gqlOk(base, `{ program(key: "ai-handoff") { weeks { activities { key kind requiresSignOff } } } }`, {}, token);
  return program.weeks.flatMap((w: { activities: ActivityRef[] }) => w.activities);
}

/** Completes the activities of the enrollments through admin overrides, across the given APIs in turn. */
export function overrideActivities(apis: { base: string; token: string }[], enrollmentIds: readonly string[], keys: readonly string[]) {
  return inBatches(
    enrollmentIds.flatMap((e) => keys.map((k) => [e, k] as const)),
    8,
    ([e, k], i) =>
      gqlOk(
        apis[i % apis.length].base,
        `mutation($e: ID!, $k: String!) { overrideCompletion(enrollmentId: $e, activityKey: $k, reason: "soak setup") { status } }`,
        { e, k },
        apis[i % apis.length].token,
      ),
  );
}
