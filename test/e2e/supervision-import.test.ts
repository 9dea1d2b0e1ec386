import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoBaton, DEMO_PASSWORD, hasChromium, signIn as signInAs } from './support/baton-process.js';

// "Import handoffs" through the real web app and API, on the demo data: Maya checks the sample
// file, imports it, and sees a file with a bad row refused with its line.
const SAMPLE = new URL('../fixtures/handoffs/sample.csv', import.meta.url);
describe.runIf(hasChromium)('Importing handoffs in the browser', () => {
  const demo = useDemoBaton();

  function signIn(email: string, javaScriptEnabled = true): Promise<Page> {
    return signInAs(demo.browser, demo.baton.webUrl, email, { password: DEMO_PASSWORD, context: { javaScriptEnabled } });
  }

  const count = (page: Page, name: string) => page.locator(`[data-count="${name}"]`).textContent();
  const rowsOf = (csv: string) => csv.trim().split('\n').filter((l) => /^zd-/.test(l)).length;

  it('checks the sample file, then imports it, and shows the counts', async () => {
    const sample = readFileSync(SAMPLE, 'utf8');
    const rows = rowsOf(sample);
    const page = await signIn('maya.okafor@baton.example');
    try {
      await page.getByRole('link', { name: 'Import handoffs' }).click();
      await page.waitForURL(/\/supervise\/import$/);
      // Client-side navigation changes the URL a moment before the page renders: wait for the page.
      await page.getByRole('heading', { level: 1, name: 'Import handoffs' }).waitFor();
      await expect(page.getByRole('region', { name: 'Columns' }).textContent()).resolves.toMatch(/conversation_id[\s\S]*agent_email[\s\S]*transcript/);

      await page.getByLabel('File', { exact: true }).setInputFiles(SAMPLE.pathname);
      await page.getByLabel(/Check only/).check();
      await page.getByRole('button', { name: 'Send the file' }).click();
      const checked = page.getByRole('status').filter({ hasText: 'Checked sample.csv: nothing was imported' });
      await checked.waitFor();
      await expect(count(page, 'rows')).resolves.toBe(String(rows));
      await expect(count(page, 'imported')).resolves.toBe(String(rows));

      await page.getByLabel('File', { exact: true }).setInputFiles(SAMPLE.pathname);
      await page.getByLabel(/Check only/).uncheck();
      await page.getByLabel(/Mode of rows/).selectOption('SOLO');
      await page.getByRole('button', { name: 'Send the file' }).click();
      await page.getByRole('status').filter({ hasText: 'Imported sample.csv' }).waitFor();
      await expect(count(page, 'imported')).resolves.toBe(String(rows));
      await expect(count(page, 'enrollmentsUpdated')).resolves.toBe('2');

      // Sending it again changes nothing.
      await page.getByLabel('File', { exact: true }).setInputFiles(SAMPLE.pathname);
      await page.getByRole('button', { name: 'Send the file' }).click();
      await page.waitForFunction(() => document.querySelector('[data-count="unchanged"]')?.textContent !== '0');
      await expect(count(page, 'unchanged')).resolves.toBe(String(rows));
      await expect(count(page, 'imported')).resolves.toBe('0');

      // The imported reviews are on Dev Patel's page, the transcript ones with a QA result.
      await page.goto(`${demo.baton.webUrl}/supervise`);
      await page.getByRole('link', { name: 'Dev Patel' }).first().click();
      await page.waitForURL(/\/supervise\/enrollments\//);
      const reviews = page.getByRole('region', { name: /Handoff reviews/ });
      await reviews.getByText('zd-481120').first().waitFor();
      expect((await reviews.textContent()) ?? '').toMatch(/zd-481187[\s\S]*\d+% · (passed|failed)/);

      // The transcript it was pre-filled from is there; "confirm or correct" fills the review form.
      const conversations = page.getByRole('region', { name: /Imported conversations/ });
      await conversations.getByText(/zd-481187/).first().click();
      await expect(conversations.getByRole('list', { name: 'Transcript of zd-481187' }).textContent()).resolves.toMatch(/Agent/);
      await conversations.getByRole('link', { name: 'Confirm or correct the QA of zd-481187' }).click();
      await expect.poll(() => page.getByLabel('Conversation id').inputValue()).toBe('zd-481187');
    } finally {
      await page.context().close();
    }
  });

  it('refuses a file with a bad row and lists it with its line, without JavaScript too', async () => {
    const page = await signIn('maya.okafor@baton.example', false);
    try {
      await page.goto(`${demo.baton.webUrl}/supervise/import`);
      const file = [
        'conversation_id,agent_email,handed_off_at,first_response_at,csat,resolved,context_items_used,customer_repeated',
        'hd-1,dev.patel@baton.example,2026-03-09T13:40:00Z,2026-03-09T13:41:00Z,5,yes,1,no',
        'hd-2,dev.patel@baton.example,2026-03-09T13:40:00Z,2026-03-09T13:39:00Z,5,yes,1,no',
        'hd-3,nobody@baton.example,2026-03-09T13:40:00Z,2026-03-09T13:41:00Z,5,yes,1,no',
        '',
      ].join('\n');
      await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
      await page.getByRole('button', { name: 'Send the file' }).click();
      await page.waitForLoadState('networkidle');
      const alert = page.getByRole('alert').filter({ hasText: 'bad.csv was not imported' });
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toMatch(/Nothing was imported: 2 rows have problems/);
      const table = alert.getByRole('table');
      await expect(table.locator('tr', { hasText: 'Line 3' }).textContent()).resolves.toMatch(/first_response_at cannot be before handed_off_at/);
      await expect(table.locator('tr', { hasText: 'Line 4' }).textContent()).resolves.toMatch(/no account has the email nobody@baton.example/);

      // A file of another kind is refused beside the file field.
      await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'handoffs.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK') });
      await page.getByRole('button', { name: 'Send the file' }).click();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('#import-file-error').textContent()).resolves.toMatch(/choose a \.csv, \.json, \.jsonl or \.ndjson file/);
    } finally {
      await page.context().close();
    }
  });
});
