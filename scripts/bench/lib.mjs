// Pieces shared by the benchmark (scripts/bench/run.mjs), its seed (scripts/bench/seed.mjs) and
// `npm run test:100k` (scripts/scale-100k.mjs): the built API as a child process, scratch
// databases on a PostgreSQL server, the API's memory, CSV counting and logins.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { root } from '../lib.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

/** Runs f with one connected client of `url`, and always closes it. */
export async function withPg(url, f) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** The URL of another database on the same server. */
export function databaseUrlFor(serverUrl, name) {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createDatabase(serverUrl, name) {
  await withPg(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  return databaseUrlFor(serverUrl, name);
}

export async function dropDatabase(serverUrl, name) {
  await withPg(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Resident set size of a process in bytes, from /proc/<pid>/status (Linux). */
export function rss(pid) {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Samples a process's RSS every 200 ms until stopped; stop() returns the peak seen. */
export function rssSampler(pid) {
  let peak = rss(pid);
  const timer = setInterval(() => {
    const now = rss(pid);
    if (now > peak) peak = now;
  }, 200);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rss(pid));
    },
  };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 2xx, or throws when `exited` settles first or time runs out. */
export async function waitUntilReady(url, exited, describe, seconds = 180) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const state = await Promise.race([exited, sleep(250).then(() => null)]);
    if (state) throw new Error(`${describe()} exited (${state.code ?? state.signal}) before it was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`${describe()} was not ready within ${seconds} s`);
  }
}

/**
 * Starts `node dist/api/main.js` with `env` and waits for GET /ready. Returns a handle with the
 * process id (for RSS), its base URL and stop().
 */
export async function startApi(env) {
  const port = Number(env.API_PORT);
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(root, 'dist/api/main.js')], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await waitUntilReady(`${base}/ready`, exited, () => `The API:\n${stderr}\n`);
  return { pid: child.pid, base, stop: () => stopChild(child, exited) };
}

export async function stopChild(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const done = await Promise.race([exited, sleep(20_000).then(() => null)]);
  if (!done) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** The environment of a built API on `databaseUrl` (undefined: PGlite in dataDir). */
export function apiEnv({ port, dataDir, databaseUrl, extra = {} }) {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    API_PORT: String(port),
    API_HOST: '127.0.0.1',
    BATON_DATA_DIR: dataDir,
    BATON_DEMO: '0',
    JWT_SECRET: process.env.JWT_SECRET ?? 'bench-only-jwt-secret-0123456789abcdef0123456789',
  };
  // No LRS push and no admin from the caller's environment: only what the script asks for.
  for (const name of ['XAPI_LRS_URL', 'XAPI_LRS_USERNAME', 'XAPI_LRS_PASSWORD', 'BATON_ADMIN_EMAIL', 'BATON_ADMIN_PASSWORD', 'DATABASE_URL']) delete env[name];
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return { ...env, ...extra };
}

/** POSTs one GraphQL operation; returns { json, headers, status }. */
export async function graphql(base, query, variables = {}, token) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { json: await res.json(), headers: res.headers, status: res.status };
}

/** A bearer token from the `login` mutation; waits and retries when the API rate-limits logins. */
export async function login(base, email, password) {
  for (let attempt = 0; ; attempt++) {
    const { json } = await graphql(base, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password });
    const token = json.data?.login?.token;
    if (token) return token;
    const limited = json.errors?.some((e) => e.extensions?.code === 'RATE_LIMITED');
    if (!limited || attempt >= 20) throw new Error(`Login as ${email} failed: ${JSON.stringify(json.errors ?? json)}`);
    await sleep(1000 * (attempt + 1));
  }
}

/** Counts CSV records (CRLF outside quotes) as the bytes stream in; nothing is kept. */
export async function countCsvRecords(body) {
  let records = 0;
  let bytes = 0;
  let quoted = false;
  let last = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0x22) quoted = !quoted;
      else if (b === 0x0a && last === 0x0d && !quoted) records++;
      last = b;
    }
  }
  return { records, bytes };
}

/** The p-th percentile (0–100) of numbers, nearest rank. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values) {
  return percentile(values, 50);
}

/** Runs a script's main(): cleanUp() always runs (also on Ctrl+C); a failure prints and exits 1. */
export async function runScript(main, cleanUp) {
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    await main();
  } catch (e) {
    console.error(`\nFAILED: ${e.stack ?? e}`);
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}
