import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, hasChromium, launchBrowser, signIn, startBaton, type RunningBaton } from './support/baton-process.js';

// The web app's own protections (docs/decisions/013-web-security.md), through Baton started as
// `npm start` starts it: cookie flags, the CSRF token on every route action, the cross-site
// check, the security headers, and forms that work with and without JavaScript.

const root = join(import.meta.dirname, '../..');
const CSRF_REFUSAL = /expired or did not come from Baton/;
const ADMIN = 'admin@baton.example';
const TRAINEE = 'amara.diallo@baton.example';
const SUPERVISOR = 'maya.okafor@baton.example';

let baton: RunningBaton;

/** A visitor without a browser: keeps cookies, never follows redirects. */
class Visitor {
  readonly cookies = new Map<string, string>();
  constructor(private readonly headers: Record<string, string> = {}) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(new URL(path, baton.webUrl), {
      ...init,
      redirect: 'manual',
      headers: { ...this.headers, ...(init.headers as Record<string, string>), Cookie: this.cookieHeader() },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || !value) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** A CSRF token from a page's forms (every page has at least the sign-in or sign-out form's). */
  async token(path = '/login'): Promise<string> {
    const html = await (await this.request(path)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`No CSRF token on ${path}`);
    return token;
  }

  async post(path: string, fields: Record<string, string>, init: RequestInit = {}): Promise<Response> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(fields), ...init });
  }

  async signIn(email: string): Promise<this> {
    const response = await this.post('/login', { _csrf: await this.token('/login'), email, password: DEMO_PASSWORD });
    expect(response.status, `sign-in of ${email}`).toBe(302);
    return this;
  }
}

async function signedIn(email: string): Promise<Visitor> {
  return new Visitor().signIn(email);
}

/** Every route module in web/app/routes whose source exports an action, by Remix route id. */
function routeFilesWithAction(): string[] {
  const dir = join(root, 'web/app/routes');
  return readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f) && !f.includes('.server.'))
    .filter((f) => /^export\s+(const|async\s+function|function|let)\s+action\b|^export\s*\{[^}]*\baction\b/m.test(readFileSync(join(dir, f), 'utf8')))
    .map((f) => `routes/${f.replace(/\.tsx?$/, '')}`);
}

interface BuiltRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { action?: unknown };
}

/** The URL of a route of the built app, with `x` for each parameter. */
function urlOf(routes: Record<string, BuiltRoute>, id: string): string {
  const parts: string[] = [];
  for (let r: BuiltRoute | undefined = routes[id]; r; r = r.parentId ? routes[r.parentId] : undefined) if (r.path) parts.unshift(r.path);
  const path = `/${parts.join('/')}`.replace(/:\w+/g, 'x');
  return routes[id].index ? `${path}?index` : path;
}

/**
 * Who may use each action, for the check that a request WITH a token gets through; a new action
 * must be added here (the enumeration below fails until it is).
 */
const USED_BY: Record<string, { as: string | null; kind: 'form' | 'multipart' | 'json' }> = {
  'routes/login': { as: null, kind: 'form' },
  'routes/logout': { as: TRAINEE, kind: 'form' },
  'routes/activities.$key': { as: TRAINEE, kind: 'form' },
  'routes/activities.$key_.attempts.$attemptId': { as: TRAINEE, kind: 'form' },
  'routes/api.analyze-opening': { as: TRAINEE, kind: 'json' },
  'routes/role-plays._index': { as: TRAINEE, kind: 'form' },
  'routes/role-plays.$id': { as: TRAINEE, kind: 'form' },
  'routes/admin._index': { as: ADMIN, kind: 'form' },
  'routes/admin.enrollments': { as: ADMIN, kind: 'form' },
  'routes/admin.import': { as: ADMIN, kind: 'multipart' },
  'routes/supervise._index': { as: SUPERVISOR, kind: 'form' },
  'routes/supervise.enrollments.$id': { as: SUPERVISOR, kind: 'form' },
  'routes/supervise.import': { as: SUPERVISOR, kind: 'multipart' },
};

/** A POST in the shape the route's own form sends, with `token` (or none) as its first field. */
function body(kind: 'form' | 'multipart' | 'json', token: string | null): RequestInit {
  if (kind === 'json') {
    return {
      headers: { 'Content-Type': 'application/json', ...(token ? { 'X-CSRF-Token': token } : {}) },
      body: JSON.stringify({ message: 'Hi Sam, I see your refund is late.', context: { customerName: 'Sam', agentName: null, issueSummary: 'Late refund', knownFacts: [] } }),
    };
  }
  const fields: [string, string][] = [...(token ? [['_csrf', token] as [string, string]] : []), ['intent', 'check'], ['csv', 'email,name\n']];
  if (kind === 'form') return { body: new URLSearchParams(fields) };
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  return { body: form };
}

beforeAll(async () => {
  baton = await startBaton();
});
afterAll(async () => {
  await baton?.stop();
});

describe('CSRF protection of every route action', () => {
  let routes: Record<string, BuiltRoute>;
  let withAction: string[];
  const visitors = new Map<string | null, Visitor>();
  const visitor = async (as: string | null) => {
    if (!visitors.has(as)) visitors.set(as, as ? await signedIn(as) : new Visitor());
    return visitors.get(as)!;
  };

  beforeAll(async () => {
    routes = (await import(pathToFileURL(join(root, 'build/server/index.js')).href)).routes;
    withAction = Object.values(routes)
      .filter((r) => typeof r.module.action === 'function')
      .map((r) => r.id)
      .sort();
  });

  it('finds the actions in the source and in the build alike, and knows who uses each', () => {
    expect(withAction.length).toBeGreaterThanOrEqual(13);
    expect(withAction).toEqual(routeFilesWithAction().sort());
    expect(withAction.filter((id) => !USED_BY[id])).toEqual([]);
  });

  it('refuses a POST without a token, or with another session’s token, to each of them (403)', async () => {
    const stranger = await new Visitor().token('/login');
    for (const id of withAction) {
      const { as, kind } = USED_BY[id];
      const url = urlOf(routes, id);
      const anonymous = await new Visitor().request(url, { method: 'POST', ...body(kind, null) });
      expect(anonymous.status, `${id}: anonymous, no token`).toBe(403);
      const v = await visitor(as);
      for (const token of [null, stranger, 'forged-token']) {
        const response = await v.request(url, { method: 'POST', ...body(kind, token) });
        expect(response.status, `${id}: ${as ?? 'anonymous'} with token ${token}`).toBe(403);
        expect(await response.text()).toMatch(CSRF_REFUSAL);
      }
      // The same through Remix's data requests, which forms use when JavaScript runs.
      const data = await v.request(url.replace(/(\?index)?$/, '.data$1'), { method: 'POST', ...body(kind, null) });
      expect(data.status, `${id}: data request without a token`).toBe(403);
    }
  });

  it('lets each of them run with the token of the page (the action answers, not the CSRF check)', async () => {
    for (const id of withAction) {
      const { as, kind } = USED_BY[id];
      if (id === 'routes/logout') continue; // below, with its effect
      const v = await visitor(as);
      const response = await v.request(urlOf(routes, id), { method: 'POST', ...body(kind, await v.token(as ? '/guide' : '/login')) });
      const text = await response.text();
      expect(text, id).not.toMatch(CSRF_REFUSAL);
      expect(response.status, `${id}: ${text.slice(0, 200)}`).not.toBe(403);
      expect(response.status, id).toBeLessThan(500);
    }
  });

  it('signs in only with the token, and a new token is needed after signing in', async () => {
    const v = new Visitor();
    const before = await v.token('/login');
    const response = await v.post('/login', { _csrf: before, email: ADMIN, password: DEMO_PASSWORD });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/admin');
    // The pre-login token belonged to the anonymous secret, which signing in replaced.
    const stale = await v.post('/admin?index', { _csrf: before, intent: 'createCohort' });
    expect(stale.status).toBe(403);
    const fresh = await v.post('/admin?index', { _csrf: await v.token('/admin'), intent: 'nothing-known' });
    expect(fresh.status).toBe(400);
  });

  it('signs out with the token: the API revokes the token, so the old cookie is sent to sign in again with a message', async () => {
    const v = await signedIn(SUPERVISOR);
    const stolenCookie = v.cookieHeader();
    const out = await v.post('/logout', { _csrf: await v.token('/supervise') });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('/login');
    expect(v.cookies.has('baton_session')).toBe(false);

    // Someone who kept a copy of the cookie: the API no longer accepts its token.
    const replay = await fetch(new URL('/supervise', baton.webUrl), { headers: { Cookie: stolenCookie }, redirect: 'manual' });
    expect(replay.status).toBe(302);
    const location = replay.headers.get('location') ?? '';
    expect(location).toMatch(/^\/login\?/);
    expect(new URL(location, baton.webUrl).searchParams.get('ended')).toBe('1');
    expect(replay.headers.getSetCookie().join('\n')).toMatch(/baton_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
    const page = await (await fetch(new URL(location, baton.webUrl))).text();
    expect(page).toMatch(/Your session has ended/);
  });

  it('refuses a state-changing request another site made, even with a valid token', async () => {
    const v = await signedIn(ADMIN);
    const token = await v.token('/admin');
    for (const headers of [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'same-site' }, { Origin: 'null' }]) {
      const response = await v.post('/admin?index', { _csrf: token, intent: 'nothing-known' }, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.text()).toMatch(/came from another site/);
    }
    const same = await v.post('/admin?index', { _csrf: token, intent: 'nothing-known' }, { headers: { Origin: baton.webUrl, 'Sec-Fetch-Site': 'same-origin' } });
    expect(same.status).toBe(400);
  });
});

describe('cookies and headers', () => {
  it('marks the session cookie HttpOnly and SameSite=Lax; not Secure for `npm start` on localhost', async () => {
    const response = await new Visitor().request('/login');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('baton_session='));
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).not.toMatch(/; Secure/i);
  });

  it('sends a CSP whose nonce is on every inline script, new for each response, and the other headers', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const response = await new Visitor().request('/login');
      const csp = response.headers.get('content-security-policy') ?? '';
      const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, csp).toBeTruthy();
      nonces.add(nonce!);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.filter((s) => !s.includes(`nonce="${nonce}"`))).toEqual([]);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      expect(response.headers.get('strict-transport-security')).toBeNull();
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
    expect(nonces.size).toBe(2);
  });

  it('sends them on files and resource routes too', async () => {
    const v = await signedIn(ADMIN);
    const csv = await v.request('/admin/import/template.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await (await v.request('/admin')).text();
    const asset = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
    const file = await v.request(asset!);
    expect(file.status).toBe(200);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('x-frame-options')).toBe('DENY');
  });
});

/** The web server alone (web/server/index.mjs) with `env`, in front of this file's API. */
async function startWebServer(env: Record<string, string>): Promise<{ url: string; stop: () => void; exit: Promise<{ code: number | null; output: string }> }> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
  const child = spawn(process.execPath, [join(root, 'web/server/index.mjs'), join(root, 'build/server/index.js')], {
    cwd: root,
    env: { PATH: process.env.PATH, PORT: String(port), BATON_API_URL: baton.apiUrl, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exit = new Promise<{ code: number | null; output: string }>((resolve) => child.once('exit', (code) => resolve({ code, output })));
  await Promise.race([
    new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (output.includes('[baton web] http://')) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
      void exit.then(() => clearInterval(timer));
    }),
    exit,
  ]);
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM'), exit };
}

describe('the web server in production', () => {
  const secret = 'e2e-session-secret-of-forty-characters!!';

  it('marks cookies Secure and sends HSTS when the public address is https', async () => {
    const web = await startWebServer({ NODE_ENV: 'production', SESSION_SECRET: secret, BATON_PUBLIC_URL: 'https://baton.example.test' });
    try {
      const response = await fetch(`${web.url}/login`);
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('baton_session='));
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
      expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
      // As through the HTTPS proxy: the browser's Origin is the public address, and the proxy
      // passes the public host on (Remix compares them too).
      const token = /name="_csrf" value="([^"]+)"/.exec(await response.text())![1];
      const login = await fetch(`${web.url}/login`, {
        method: 'POST',
        headers: { Cookie: cookie!.split(';')[0], Origin: 'https://baton.example.test', 'X-Forwarded-Host': 'baton.example.test' },
        body: new URLSearchParams({ _csrf: token, email: ADMIN, password: DEMO_PASSWORD }),
        redirect: 'manual',
      });
      expect(login.status).toBe(302);
    } finally {
      web.stop();
    }
  });

  it('does not mark them Secure in development', async () => {
    const web = await startWebServer({ NODE_ENV: 'development' });
    try {
      const cookie = (await fetch(`${web.url}/login`)).headers.getSetCookie().find((c) => c.startsWith('baton_session='));
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).not.toMatch(/; Secure/i);
    } finally {
      web.stop();
    }
  });

  it('refuses to start on a plain-http network address, saying what to do', async () => {
    const web = await startWebServer({ NODE_ENV: 'production', SESSION_SECRET: secret, BATON_PUBLIC_URL: 'http://baton.company.internal' });
    const { code, output } = await web.exit;
    expect(code).toBe(2);
    expect(output).toMatch(/BATON_PUBLIC_URL is http:\/\/baton\.company\.internal/);
    expect(output).toMatch(/BATON_ALLOW_INSECURE_HTTP=1/);
  });
});

describe.runIf(hasChromium)('forms in the browser', () => {
  let browser: Browser;
  let attacker: Server;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    attacker?.close();
  });

  /** Records Content-Security-Policy violations the page reports. */
  function cspViolations(page: Page): string[] {
    const seen: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
    });
    return seen;
  }

  async function createCohort(page: Page, name: string): Promise<void> {
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Create a cohort' }) });
    await form.getByLabel('Cohort name').fill(name);
    await form.getByLabel('Start date').fill('2027-01-11');
    await form.getByRole('button', { name: /create cohort/i }).click();
    // With JavaScript the form posts by fetch and the page revalidates in place: no load state
    // changes, so wait for the new cohort itself (it fails the test if it never appears).
    await page.locator('select option', { hasText: name }).first().waitFor({ state: 'attached' });
    expect(await page.locator('select option', { hasText: name }).count()).toBeGreaterThan(0);
  }

  it('with JavaScript: signs in, creates a cohort and signs out, with no CSP violation', async () => {
    const context = await browser.newContext();
    const violations: string[] = [];
    context.on('page', (p) => violations.push(...cspViolations(p)));
    const page = await context.newPage();
    const seen = cspViolations(page);
    try {
      await page.goto(`${baton.webUrl}/login`);
      await page.getByLabel(/email/i).fill(ADMIN);
      await page.getByLabel(/password/i).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /sign in/i }).click();
      await page.waitForURL((url) => url.pathname === '/admin');
      // Hydrated: Remix's client router is running.
      expect(await page.evaluate('typeof window.__remixRouter')).toBe('object');
      await createCohort(page, `JS cohort ${Date.now().toString(36)}`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      expect(seen).toEqual([]);
    } finally {
      await context.close();
    }
    expect(violations).toEqual([]);
  });

  it('with JavaScript: the first-message drill checks the draft live through the token header', async () => {
    const page = await signIn(browser, baton.webUrl, TRAINEE);
    const seen = cspViolations(page);
    try {
      const analyzed = page.waitForResponse((r) => r.url().endsWith('/api/analyze-opening') && r.request().method() === 'POST');
      await page.goto(`${baton.webUrl}/activities/w1-first-message-drill`);
      await page.getByRole('button', { name: /start/i }).click();
      await page.waitForURL(/\/attempts\/[^/]+$/);
      await page.getByLabel(/Your first message to/).pressSequentially('Hi, I can see the refund has not arrived yet.', { delay: 5 });
      const response = await analyzed;
      expect(response.request().headers()['x-csrf-token']).toBeTruthy();
      expect(response.status()).toBe(200);
      expect(seen).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('without JavaScript: signs in, creates a cohort, uploads a file, signs out', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${baton.webUrl}/login`);
      await page.getByLabel(/email/i).fill(ADMIN);
      await page.getByLabel(/password/i).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /sign in/i }).click();
      await page.waitForURL((url) => url.pathname === '/admin');
      await createCohort(page, `No-JS cohort ${Date.now().toString(36)}`);

      await page.goto(`${baton.webUrl}/admin/import`);
      await page.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from('email,name,employee_id,role,cohort\nnot-an-email,X,,TRAINEE,\n') });
      await page.getByRole('button', { name: 'Check the file' }).click();
      await page.getByRole('heading', { name: /Nothing was imported/ }).waitFor();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
    } finally {
      await context.close();
    }
  });

  it("refuses a form another site's page posts on a signed-in admin's behalf", async () => {
    const name = `Forged cohort ${Date.now().toString(36)}`;
    // 127.0.0.1 is another site than localhost for the browser.
    attacker = createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end(`<form method="post" action="${baton.webUrl}/admin?index"><input name="intent" value="createCohort"><input name="name" value="${name}"><input name="startsOn" value="2027-02-01"></form><script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    const page = await signIn(browser, baton.webUrl, ADMIN);
    try {
      const refused = page.waitForResponse((r) => r.url().startsWith(`${baton.webUrl}/admin`) && r.request().method() === 'POST');
      await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
      expect((await refused).status()).toBe(403);
      await page.goto(`${baton.webUrl}/admin`);
      expect(await page.locator('select option', { hasText: name }).count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});

describe('sign-in throttling through the web app', () => {
  it('counts failures per client address, which the web app forwards to the API', async () => {
    // Failures from one address, spread over accounts so no account's own limit is reached.
    const from = (address: string) => new Visitor({ 'X-Forwarded-For': address });
    const noisy = from('203.0.113.7');
    const token = await noisy.token('/login');
    let last: Response | undefined;
    for (let i = 0; i < 101 && last?.status !== 429; i++) {
      last = await noisy.post('/login', { _csrf: token, email: `nobody.${i}@example.test`, password: 'wrong-password-123' });
    }
    expect(last?.status).toBe(429);
    expect(await last!.text()).toMatch(/Too many failed sign-ins\. Try again in \d+ minutes/);
    // The right password from that address waits too; another address is not affected.
    const blocked = await noisy.post('/login', { _csrf: token, email: ADMIN, password: DEMO_PASSWORD });
    expect(blocked.status).toBe(429);
    await from('203.0.113.8').signIn(ADMIN);
  });

  it.runIf(hasChromium)('shows the pause on the login page, in the API’s words', async () => {
    const browser = await launchBrowser();
    const page = await browser.newPage();
    try {
      await page.goto(`${baton.webUrl}/login`);
      for (let i = 0; i < 11; i++) {
        await page.getByLabel(/email/i).fill('luis.fernandez@baton.example');
        await page.getByLabel(/password/i).fill(`not-the-password-${i}`);
        // Each attempt's answer is awaited: the alert of the one before is still on the page.
        await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/login')),
          page.getByRole('button', { name: /sign in/i }).click(),
        ]);
        await page.waitForLoadState('networkidle');
        if (/Too many/.test((await page.getByRole('alert').textContent()) ?? '')) break;
      }
      const alert = (await page.getByRole('alert').textContent()) ?? '';
      expect(alert).toMatch(/Sign-in is paused\. Too many failed sign-ins\. Try again in \d+ minutes/);
    } finally {
      await browser.close();
    }
  });
});
