import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

const root = join(import.meta.dirname, '../../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface RunningBaton {
  webUrl: string;
  apiUrl: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts Baton exactly as `npm start` does (scripts/start.mjs, built code), on free ports, with a
 * fresh data dir and demo data; on the server named by DATABASE_URL it uses a new database that
 * is dropped afterwards.
 */
export async function startBaton(): Promise<RunningBaton> {
  const [webPort, apiPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (process.env.DATABASE_URL) {
    const name = `baton_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(webPort),
    API_PORT: String(apiPort),
    BATON_DATA_DIR: dataDir,
    BATON_DEMO: '1',
    BATON_PUBLIC_URL: `http://localhost:${webPort}`,
  };
  delete env.DATABASE_URL;
  delete env.BATON_API_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;

  const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Baton did not start in time:\n${output}`)), 150_000);
    const check = setInterval(() => {
      if (output.includes('Baton is running')) {
        clearTimeout(timer);
        clearInterval(check);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearTimeout(timer);
      clearInterval(check);
      reject(new Error(`Baton exited (${code}) before it was ready:\n${output}`));
    });
  });

  return {
    webUrl: `http://localhost:${webPort}`,
    apiUrl: `http://127.0.0.1:${apiPort}/graphql`,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid!, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      }
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

if (!hasChromium) {
  console.warn('Browser tests need Chromium at /usr/bin/chromium (apt-get install -y chromium) or CHROMIUM_PATH; they were not run.');
}

/**
 * Baton with the demo data and one browser for the test file (call it inside the file's describe):
 * started before its tests, stopped after them.
 */
export function useDemoBaton(): { readonly baton: RunningBaton; readonly browser: Browser } {
  const running = {} as { baton: RunningBaton; browser: Browser };
  beforeAll(async () => {
    running.baton = await startBaton();
    running.browser = await launchBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.baton?.stop();
  });
  return running;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Every demo account's password (api/src/demo/demo-seed.ts). */
export const DEMO_PASSWORD = 'handoff-demo-2026';

/** Signs in through the login form in a new page of `context`, and waits for the home page. */
export async function signInOn(context: BrowserContext, webUrl: string, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await context.newPage();
  try {
    await page.goto(`${webUrl}/login`);
    await page.getByLabel(/email/i).fill(email);
    await page.getByLabel(/password/i).fill(password);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    // After a client-side navigation the URL changes before React has put the next page in place,
    // and the load state is still the login page's: wait for the login form itself to go.
    await page.getByRole('heading', { name: 'Sign in to Baton' }).waitFor({ state: 'detached' });
    await page.waitForLoadState('networkidle');
    return page;
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Signs in in a fresh browser context; close it with `page.context().close()`. */
export async function signIn(
  browser: Browser,
  webUrl: string,
  email: string,
  { password = DEMO_PASSWORD, context = {} }: { password?: string; context?: BrowserContextOptions } = {},
): Promise<Page> {
  return signInOn(await browser.newContext(context), webUrl, email, password);
}
