import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoBaton, DEMO_PASSWORD, hasChromium, signIn as signInAs } from './support/baton-process.js';

// Through the real web app and API, started as `npm start` starts them, with the demo data.
describe.runIf(hasChromium)('Baton in the browser', () => {
  const demo = useDemoBaton();

  function signIn(email: string): Promise<Page> {
    return signInAs(demo.browser, demo.baton.webUrl, email, { password: DEMO_PASSWORD });
  }

  it('a trainee sees the three weeks, the next thing to do and the certification checklist', async () => {
    const page = await signIn('amara.diallo@baton.example');
    try {
      expect(new URL(page.url()).pathname).toBe('/');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/Amara Diallo/);
      const main = (await page.getByRole('main').textContent()) ?? '';
      expect(main).toMatch(/Week 1/);
      expect(main).toMatch(/Week 2/);
      expect(main).toMatch(/Week 3/);
      expect(main).toMatch(/Next thing to do/i);
      expect(main).toMatch(/Time to first response/);
      expect(main).toMatch(/Resolution rate/);
      expect(main).toMatch(/0 of 20|0 so far/);
      await page.getByRole('link', { name: 'Speed-reading drill' }).first().click();
      await page.waitForURL(/\/activities\/w1-speed-reading$/);
    } finally {
      await page.context().close();
    }
  });

  it('a wrong password keeps the person on the login page with a message', async () => {
    const context = await demo.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${demo.baton.webUrl}/login`);
      await page.getByLabel(/email/i).fill('amara.diallo@baton.example');
      await page.getByLabel(/password/i).fill('not-the-password');
      await page.getByRole('button', { name: /sign in/i }).click();
      // With JavaScript the form posts by fetch: the load state is already idle, so wait for the answer itself.
      await page.getByRole('alert').filter({ hasText: /do not match/i }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.close();
    }
  });

  it('a supervisor sees their cohort and who waits for a sign-off, and opens a trainee', async () => {
    const page = await signIn('maya.okafor@baton.example');
    try {
      expect(new URL(page.url()).pathname).toBe('/supervise');
      const main = (await page.getByRole('main').textContent()) ?? '';
      expect(main).toMatch(/November intake/);
      expect(main).not.toMatch(/December intake/);
      expect(main).toMatch(/Ben Carter/);
      expect(main).toMatch(/Farah Haddad/);
      await page.getByRole('link', { name: 'Elena Rossi' }).click();
      await page.waitForURL(/\/supervise\/enrollments\//);
      // Waits for the trainee's page to render, then reads it.
      await page.getByRole('main').getByText(/Every requirement is met/).waitFor();
      expect((await page.getByRole('main').textContent()) ?? '').toMatch(/Elena Rossi[\s\S]*Solo handoffs reviewed: 22 \(at least 20 needed\)/);
    } finally {
      await page.context().close();
    }
  });

  it('HR sees every cohort and enrollment', async () => {
    const page = await signIn('hana.sato@baton.example');
    try {
      expect(new URL(page.url()).pathname).toBe('/hr');
      const main = (await page.getByRole('main').textContent()) ?? '';
      expect(main).toMatch(/November intake/);
      expect(main).toMatch(/December intake/);
      expect(main).toMatch(/E-1046/);
      expect(main).toMatch(/Certified/);
    } finally {
      await page.context().close();
    }
  });

  it('an admin creates a trainee and a cohort, assigns a supervisor and enrols the trainee, who can then sign in', async () => {
    const page = await signIn('admin@baton.example');
    const stamp = Date.now().toString(36);
    try {
      expect(new URL(page.url()).pathname).toBe('/admin');
      const userForm = page.locator('section', { has: page.getByRole('heading', { name: 'Create a user' }) });
      await userForm.getByLabel('Full name').fill(`Kai Test ${stamp}`);
      await userForm.getByLabel('Email address').fill(`kai.${stamp}@example.test`);
      await userForm.getByLabel('Role').selectOption('TRAINEE');
      await userForm.getByLabel(/Employee ID/).fill(`E-${stamp}`);
      await userForm.getByLabel('Starting password').fill(DEMO_PASSWORD);
      await userForm.getByRole('button', { name: /create user/i }).click();
      await page.waitForLoadState('networkidle');

      const cohortForm = page.locator('section', { has: page.getByRole('heading', { name: 'Create a cohort' }) });
      await cohortForm.getByLabel('Cohort name').fill(`E2E cohort ${stamp}`);
      await cohortForm.getByLabel('Start date').fill('2026-12-07');
      await cohortForm.getByRole('button', { name: /create cohort/i }).click();
      await page.waitForLoadState('networkidle');

      const assign = page.locator('section', { has: page.getByRole('heading', { name: 'Assign a supervisor' }) });
      await assign.getByLabel('Cohort').selectOption({ label: `E2E cohort ${stamp}` });
      await assign.getByLabel('Supervisor').selectOption({ label: 'Luis Fernández (luis.fernandez@baton.example)' });
      await assign.getByRole('button', { name: /assign supervisor/i }).click();
      await page.waitForLoadState('networkidle');

      const enrol = page.locator('section', { has: page.getByRole('heading', { name: 'Enrol a trainee' }) });
      await enrol.getByLabel('Cohort').selectOption({ label: `E2E cohort ${stamp}` });
      await enrol.getByLabel('Trainee').selectOption({ label: `Kai Test ${stamp} (E-${stamp})` });
      await enrol.getByRole('button', { name: /enrol trainee/i }).click();
      await page.waitForLoadState('networkidle');
      expect(await page.textContent('main')).toMatch(new RegExp(`E2E cohort ${stamp}`));

      const trainee = await signIn(`kai.${stamp}@example.test`);
      try {
        expect((await trainee.getByRole('main').textContent()) ?? '').toMatch(new RegExp(`E2E cohort ${stamp}`));
      } finally {
        await trainee.context().close();
      }
    } finally {
      await page.context().close();
    }
  });

  it('anyone can verify a certificate and read the desk card without signing in', async () => {
    const res = await fetch(demo.baton.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { login(email: "hana.sato@baton.example", password: "${DEMO_PASSWORD}") { token } }` }),
    });
    const token = ((await res.json()) as any).data.login.token;
    const cohorts = await fetch(demo.baton.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ cohorts { enrollments { certification { certificate { code } } } } }` }),
    });
    const code = ((await cohorts.json()) as any).data.cohorts
      .flatMap((c: any) => c.enrollments)
      .map((e: any) => e.certification.certificate?.code)
      .find(Boolean);
    expect(code).toMatch(/^BTN-/);

    const context = await demo.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${demo.baton.webUrl}/verify/${code}`);
      const text = (await page.textContent('main')) ?? '';
      expect(text).toMatch(/Farah Haddad/);
      expect(text).toMatch(/valid/i);
      expect(text).not.toMatch(/@/);
      await page.goto(`${demo.baton.webUrl}/guide`);
      expect((await page.textContent('main')) ?? '').toMatch(/time/i);
    } finally {
      await context.close();
    }
  });
});
