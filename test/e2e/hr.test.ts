import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoBaton, DEMO_PASSWORD, hasChromium, signIn as signInAs } from './support/baton-process.js';

// HR in the browser, through the real web app and API with the demo data: find a trainee, see why
// they are or are not certified, download the completions CSV with the list's filters.
const HR = 'hana.sato@baton.example';
// CONTRACT.md, "Exports": the columns the completions CSV has at least, in this order.
const CONTRACT_COLUMNS = [
  'employee_id',
  'email',
  'name',
  'cohort',
  'program',
  'program_version',
  'status',
  'enrolled_at',
  'week1_completed_at',
  'week2_completed_at',
  'week3_completed_at',
  'certified_at',
  'certificate_code',
  'revoked_at',
  'overrides',
  'solo_handoffs',
  'ttfr_seconds',
  'context_utilization_pct',
  'repeat_rate_pct',
  'csat',
  'resolution_rate_pct',
];
const METRICS = ['Time to first response', 'Context utilization', 'Customer repeat rate', 'Handoff CSAT', 'Resolution rate'];

describe.runIf(hasChromium)('HR in the browser', () => {
  const demo = useDemoBaton();

  function signIn(email: string, options: BrowserContextOptions = {}): Promise<Page> {
    return signInAs(demo.browser, demo.baton.webUrl, email, { password: DEMO_PASSWORD, context: options });
  }

  /** The trainee names in the list of enrollments (each row's header cell). */
  async function listedNames(page: Page): Promise<string[]> {
    const table = page.getByRole('table', { name: /Enrollments, by cohort then name/ });
    await table.waitFor();
    return (await table.locator('tbody th[scope="row"]').allTextContents()).map((t) => t.trim());
  }

  async function applyFilters(page: Page) {
    await page.getByRole('button', { name: 'Show enrollments' }).click();
    await page.waitForLoadState('networkidle');
  }

  it('filters by status, and the CSV downloaded from the page holds the same rows with the contract header', async () => {
    const page = await signIn(HR);
    try {
      expect(new URL(page.url()).pathname).toBe('/hr');
      expect(await listedNames(page)).toHaveLength(9);

      await page.getByLabel('Status', { exact: true }).selectOption('CERTIFIED');
      await applyFilters(page);
      await page.waitForURL((url) => url.searchParams.get('status') === 'CERTIFIED');
      await expect.poll(() => listedNames(page)).toEqual(['Farah Haddad']);
      expect((await page.getByRole('main').textContent()) ?? '').toMatch(/1 of 9 enrollments shown/);

      const link = page.getByRole('link', { name: /Download CSV/ });
      expect(new URL((await link.getAttribute('href')) ?? '', demo.baton.webUrl).searchParams.get('status')).toBe('CERTIFIED');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const text = await readFile((await download.path())!, 'utf8');
      const [header, ...rows] = parse(text) as string[][];
      expect(header.slice(0, CONTRACT_COLUMNS.length)).toEqual(CONTRACT_COLUMNS);
      const records = rows.map((row) => Object.fromEntries(header.map((column, i) => [column, row[i]])));
      expect(records.map((r) => r.name)).toEqual(['Farah Haddad']);
      expect(records.every((r) => r.status === 'CERTIFIED')).toBe(true);
      expect(records[0].employee_id).toBe('E-1046');
      expect(records[0].certificate_code).toMatch(/^BTN-/);
    } finally {
      await page.context().close();
    }
  });

  it('finds a trainee by employee ID, and says when nothing matches', async () => {
    const page = await signIn(HR);
    try {
      await page.getByLabel('Name, email or employee ID').fill('E-1044');
      await applyFilters(page);
      await page.waitForURL((url) => url.searchParams.get('q') === 'E-1044');
      await expect.poll(() => listedNames(page)).toEqual(['Dev Patel']);

      await page.getByLabel('Name, email or employee ID').fill('nobody-by-this-name');
      await applyFilters(page);
      await page.getByText('No enrollment matches these filters.').waitFor();
      await expect.poll(async () => (await page.getByRole('main').textContent()) ?? '').toMatch(/0 of 9 enrollments shown/);
    } finally {
      await page.context().close();
    }
  });

  it('filters without JavaScript too (a plain GET form)', async () => {
    const page = await signIn(HR, { javaScriptEnabled: false });
    try {
      await page.getByLabel('Status', { exact: true }).selectOption('COMPLETED');
      await page.getByRole('button', { name: 'Show enrollments' }).click();
      await page.waitForURL((url) => url.searchParams.get('status') === 'COMPLETED');
      await expect.poll(() => listedNames(page)).toEqual(['Elena Rossi']);
    } finally {
      await page.context().close();
    }
  });

  it("shows why Elena Rossi is not certified yet: eligible, the five metrics on target", async () => {
    const page = await signIn(HR);
    try {
      await page.getByRole('link', { name: 'Elena Rossi' }).click();
      await page.waitForURL(/\/hr\/enrollments\//);
      await page.getByRole('heading', { level: 1, name: /Elena Rossi/ }).waitFor();
      const main = (await page.getByRole('main').textContent()) ?? '';
      expect(main).toMatch(/Eligible for certification/);
      expect(main).toMatch(/elena\.rossi@baton\.example/);
      expect(main).toMatch(/E-1045/);
      const metrics = page.getByRole('table', { name: /Handoff metrics, measured on solo handoffs/ });
      const names = (await metrics.locator('tbody th[scope="row"]').allTextContents()).map((t) => t.trim());
      expect(names).toEqual(METRICS);
      expect(await metrics.getByText(/^\W*Met$/).count()).toBe(5);
      expect(main).toMatch(/Certificates \(0\)/);
    } finally {
      await page.context().close();
    }
  });

  it("shows Farah Haddad's certificate with the metrics it was issued on", async () => {
    const page = await signIn(HR);
    try {
      await page.getByRole('link', { name: 'Farah Haddad' }).click();
      await page.waitForURL(/\/hr\/enrollments\//);
      await page.getByRole('heading', { level: 1, name: /Farah Haddad/ }).waitFor();
      const certificates = page.locator('section', { has: page.getByRole('heading', { name: /^Certificates \(1\)$/ }) });
      const text = (await certificates.textContent()) ?? '';
      const code = /BTN-[A-Z0-9-]+/.exec(text)?.[0];
      expect(code).toBeTruthy();
      expect(text).toMatch(/Valid/);
      const snapshot = certificates.getByRole('table', { name: new RegExp(`Snapshot: the handoff metrics when ${code} was issued`) });
      const names = (await snapshot.locator('tbody th[scope="row"]').allTextContents()).map((t) => t.trim());
      expect(names).toEqual(METRICS);
      expect(await snapshot.getByText(/^\W*Met$/).count()).toBe(5);
      expect((await snapshot.textContent()) ?? '').toMatch(/\b24\b/);
    } finally {
      await page.context().close();
    }
  });
});
