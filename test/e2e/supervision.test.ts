import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoBaton, DEMO_PASSWORD, hasChromium, signIn as signInAs } from './support/baton-process.js';

// The supervisor's screens through the real web app and API, on the demo data: the work queue,
// signing off with evidence, recording a handoff review, issuing a certificate.
describe.runIf(hasChromium)('Supervision in the browser', () => {
  let benPage = '';

  const demo = useDemoBaton();

  function signIn(email: string, javaScriptEnabled = true): Promise<Page> {
    return signInAs(demo.browser, demo.baton.webUrl, email, { password: DEMO_PASSWORD, context: { javaScriptEnabled } });
  }

  it("lists Ben's shadowing in the queue; changes need a comment; approving clears it and Ben sees the decision", async () => {
    const page = await signIn('maya.okafor@baton.example');
    try {
      expect(new URL(page.url()).pathname).toBe('/supervise');
      const awaiting = page.getByRole('region', { name: /Waiting for sign-off \(\d+\)/ });
      const row = awaiting.locator('tr', { hasText: 'Ben Carter' });
      await expect(row.textContent()).resolves.toMatch(/Shadow an experienced agent[\s\S]*Week 1/);
      await row.getByRole('link', { name: /Review and decide/ }).click();
      await page.waitForURL(/\/supervise\/enrollments\/[^/#]+#activity-w1-shadowing$/);
      benPage = page.url().replace(/#.*$/, '');

      const item = page.getByRole('article', { name: 'Shadow an experienced agent' });
      // The evidence sits beside the form: the observations Ben logged.
      await expect(item.textContent()).resolves.toMatch(/5 observations logged[\s\S]*Billing escalation/);

      await item.getByLabel('Request changes').check();
      await item.getByRole('button', { name: /Record decision/ }).click();
      const error = item.locator('.field-error', { hasText: /comment is required/ });
      await error.waitFor();
      await expect(item.getByLabel('Comment').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.locator('.error-summary').textContent()).resolves.toMatch(/comment is required/);

      await item.getByLabel('Approve').check();
      await item.getByLabel('Comment').fill('Sharp notes on time estimates: bring that into week 2.');
      await item.getByRole('button', { name: /Record decision/ }).click();
      await page.getByRole('status').filter({ hasText: 'Signed off Shadow an experienced agent for Ben Carter.' }).waitFor();
      const history = page.getByRole('region', { name: /Sign-off history \(1\)/ });
      await expect(history.textContent()).resolves.toMatch(/Approved[\s\S]*Shadow an experienced agent[\s\S]*Maya Okafor[\s\S]*Sharp notes/);

      await page.goto(`${demo.baton.webUrl}/supervise`);
      const queue = (await page.getByRole('region', { name: /Waiting for sign-off/ }).textContent()) ?? '';
      expect(queue).not.toMatch(/Shadow an experienced agent/);
      expect(queue).toMatch(/Role-play in pairs/);

      const ben = await signIn('ben.carter@baton.example');
      try {
        const timeline = (await ben.getByRole('main').textContent()) ?? '';
        expect(timeline).toMatch(/Shadow an experienced agent[\s\S]*Approved by Maya Okafor[\s\S]*Sharp notes on time estimates/);
      } finally {
        await ben.context().close();
      }
    } finally {
      await page.context().close();
    }
  });

  it('records a solo handoff review without JavaScript: CSAT 6 is refused beside the field, then the review is saved', async () => {
    const page = await signIn('maya.okafor@baton.example', false);
    try {
      await page.getByRole('link', { name: 'Dev Patel' }).click();
      await page.waitForURL(/\/supervise\/enrollments\//);
      const form = page.getByRole('form', { name: 'Record a handoff review' });
      await form.getByLabel('Conversation id').fill('HD-40077');
      await form.getByLabel(/^Solo/).check();
      await form.getByLabel('Handed over at').fill('2026-11-24T14:05:00');
      await form.getByLabel(/first message at/).fill('2026-11-24T14:05:40');
      await form.getByLabel('Context items available').fill('4');
      await form.getByLabel('Context items used').fill('4');
      await form.getByLabel(/CSAT/).fill('6');
      await form.getByLabel('The problem was resolved').check();
      await form.getByRole('button', { name: 'Record review' }).click();
      await page.waitForLoadState('networkidle');

      await expect(page.locator('#review-csat-error').textContent()).resolves.toMatch(/CSAT must be from 1 to 5/);
      await expect(form.getByLabel(/CSAT/).getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(form.getByLabel('Conversation id').inputValue()).resolves.toBe('HD-40077');

      await form.getByLabel(/CSAT/).fill('5');
      // The QA scorecard: every question passed except a critical one, so the review fails QA at 86%.
      const scorecard = form.getByRole('group', { name: 'QA scorecard' });
      const questions = scorecard.locator('.scorecard__item');
      expect(await questions.count()).toBe(7);
      await expect(scorecard.locator('.scorecard__critical').count()).resolves.toBe(2);
      for (let i = 0; i < 7; i++) await questions.nth(i).getByLabel('Pass').check();
      const confirmed = questions.filter({ hasText: 'check that the problem was actually solved' });
      await confirmed.getByLabel('Fail').check();
      await confirmed.getByLabel(/Note on this question/).fill('Closed without asking whether the refund showed up.');
      await form.getByRole('button', { name: 'Record review' }).click();
      await page.waitForLoadState('networkidle');
      await expect(page.getByRole('status').textContent()).resolves.toMatch(
        /Recorded a solo handoff review of conversation HD-40077 for Dev Patel\. QA: 86%, failed\./,
      );
      // 14:05:40 in Europe/London (UTC in November) is 40 s after the handoff.
      const row = page.getByRole('region', { name: /Handoff reviews/ }).locator('tr', { hasText: 'HD-40077' });
      await expect(row.textContent()).resolves.toMatch(/Solo[\s\S]*24 Nov 2026, 14:05[\s\S]*40 s[\s\S]*4 of 4/);
      await expect(row.textContent()).resolves.toMatch(/86% · failed[\s\S]*Failed critical: Did the agent check that the problem was actually solved/);
    } finally {
      await page.context().close();
    }
  });

  it("issues Elena's certificate from the queue; the code is shown and its public page says valid", async () => {
    const page = await signIn('maya.okafor@baton.example');
    try {
      const ready = page.getByRole('region', { name: /Ready for a certificate \(1\)/ });
      await ready.locator('tr', { hasText: 'Elena Rossi' }).getByRole('button', { name: 'Issue certificate' }).click();
      const flash = page.getByRole('status').filter({ hasText: /Issued certificate/ });
      await flash.waitFor();
      const code = /BTN-[A-Z0-9-]+/.exec((await flash.textContent()) ?? '')?.[0];
      expect(code).toBeTruthy();
      expect(await flash.textContent()).toMatch(/to Elena Rossi/);
      await expect(page.getByRole('region', { name: /Ready for a certificate \(0\)/ }).textContent()).resolves.toMatch(/No trainee is waiting/);

      await flash.getByRole('link').click();
      await page.waitForURL(new RegExp(`/verify/${code}$`));
      await page.getByRole('link', { name: /Download the PDF certificate/ }).waitFor();
      const verdict = (await page.getByRole('main').textContent()) ?? '';
      expect(verdict).toMatch(/Elena Rossi/);
      expect(verdict).toMatch(/valid/i);
      expect(verdict).not.toMatch(/not valid|invalid/i);
      expect(verdict).toContain(code!);

      // The files behind the verify page's links, through the web app as a visitor gets them.
      const pdfHref = await page.getByRole('link', { name: /Download the PDF certificate/ }).getAttribute('href');
      const pdf = await fetch(new URL(pdfHref!, demo.baton.webUrl));
      expect(pdf.headers.get('content-type')).toMatch(/application\/pdf/);
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
      const jsonHref = await page.getByRole('link', { name: /Open Badges credential/ }).getAttribute('href');
      const credential = (await (await fetch(new URL(jsonHref!, demo.baton.webUrl))).json()) as { type: string[]; credentialSubject: unknown };
      expect(credential.type).toContain('AchievementCredential');
      expect(JSON.stringify(credential)).not.toContain('elena.rossi@');
    } finally {
      await page.context().close();
    }
  });

  it("shows a cohort's progress map with a named cell per trainee and activity", async () => {
    const page = await signIn('maya.okafor@baton.example');
    try {
      await page.getByRole('link', { name: /Progress map of November intake/ }).click();
      await page.waitForURL(/\/supervise\/cohorts\//);
      await expect(page.getByRole('cell', { name: 'Chloe Nguyen — Role-play in pairs: awaiting sign-off' }).textContent()).resolves.toMatch(/Sign-off/);
      await expect(page.getByRole('cell', { name: 'Ben Carter — Shadow an experienced agent: completed' }).textContent()).resolves.toMatch(/Done/);
      const metrics = (await page.getByRole('region', { name: /Handoff metrics against target/ }).textContent()) ?? '';
      expect(metrics).toMatch(/target under 60 s/);
      expect(metrics).toMatch(/Dev Patel[\s\S]*not met/);
    } finally {
      await page.context().close();
    }
  });

  it("keeps another cohort's supervisor out of a trainee's page", async () => {
    expect(benPage).toMatch(/\/supervise\/enrollments\//);
    const page = await signIn('luis.fernandez@baton.example');
    try {
      const response = await page.goto(benPage);
      expect(response?.status()).toBe(403);
      expect((await page.getByRole('main').textContent()) ?? '').not.toMatch(/Ben Carter/);
    } finally {
      await page.context().close();
    }
  });
});
