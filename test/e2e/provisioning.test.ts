import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoBaton, DEMO_PASSWORD, hasChromium, signIn as signInAs } from './support/baton-process.js';

// Bulk provisioning through the real web app and API, started as `npm start` starts them, with the demo data.
const DECEMBER = 'December intake — Support Americas';
describe.runIf(hasChromium)('provisioning in the browser', () => {
  const demo = useDemoBaton();

  function signIn(email: string, password = DEMO_PASSWORD): Promise<Page> {
    return signInAs(demo.browser, demo.baton.webUrl, email, { password });
  }

  it('an admin uploads a CSV, sees the one-time passwords, and a created trainee signs in; then withdraws them', async () => {
    const stamp = Date.now().toString(36);
    const trainee = { email: `kim.${stamp}@example.test`, name: `Kim Park ${stamp}` };
    const csv = [
      'email,name,employee_id,role,cohort',
      `${trainee.email},${trainee.name},E-${stamp},TRAINEE,${DECEMBER}`,
      `lee.${stamp}@example.test,"Lee, Jo ${stamp}",,SUPERVISOR,`,
    ].join('\r\n');

    const page = await signIn('admin@baton.example');
    try {
      await page.getByRole('link', { name: 'Import users from a CSV file' }).click();
      await page.waitForURL(/\/admin\/import$/);

      const template = await page.context().request.get(`${demo.baton.webUrl}/admin/import/template.csv`);
      expect(template.headers()['content-type']).toMatch(/text\/csv/);
      const templateLines = (await template.text()).trim().split(/\r\n/);
      expect(templateLines[0]).toBe('email,name,employee_id,role,cohort');
      expect(templateLines).toHaveLength(3);

      // A pasted file with problems: nothing is imported and each bad line is listed.
      await page.getByLabel(/Or paste the rows/).fill(`email,name,employee_id,role,cohort\nnot-an-email,X,,TRAINEE,${DECEMBER}\nok.${stamp}@example.test,Ok,,TRAINEE,\n`);
      await page.getByRole('button', { name: 'Check the file' }).click();
      await page.getByRole('heading', { name: /Nothing was imported/ }).waitFor();
      const problems = (await page.getByRole('main').textContent()) ?? '';
      expect(problems).toMatch(/not a valid email address/);
      expect(problems).toMatch(/trainee needs a cohort/);
      const lines = await page.locator('table tbody th').allTextContents();
      expect(lines).toEqual(['2', '3']);

      // The real file, uploaded.
      await page.getByLabel(/Or paste the rows/).fill('');
      await page.getByLabel('CSV file').setInputFiles({ name: 'new-hires.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`, 'utf8') });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByRole('heading', { name: 'Initial passwords' }).waitFor();
      const main = (await page.getByRole('main').textContent()) ?? '';
      expect(main).toMatch(/created 2 accounts/);
      expect(main).toMatch(/made 1 enrolment/);
      expect(main).toMatch(/shown only this once/);
      const row = page.getByRole('row', { name: new RegExp(trainee.name) });
      const password = ((await row.locator('code').textContent()) ?? '').trim();
      expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
      expect(await page.getByRole('row', { name: new RegExp(`Lee, Jo ${stamp}`) }).locator('code').count()).toBe(1);

      const home = await signIn(trainee.email, password);
      try {
        expect(new URL(home.url()).pathname).toBe('/');
        expect((await home.getByRole('main').textContent()) ?? '').toContain(DECEMBER);
      } finally {
        await home.context().close();
      }

      // Withdraw the new trainee from the enrollments page.
      await page.goto(`${demo.baton.webUrl}/admin/enrollments`);
      await page.getByLabel('Cohort').selectOption({ label: DECEMBER });
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/cohort=/);
      const enrollment = page.getByRole('row', { name: new RegExp(trainee.name) });
      await enrollment.getByText('Withdraw', { exact: true }).click();
      await enrollment.getByLabel(/Why is .* withdrawn/).fill('Accepted another offer');
      await enrollment.getByRole('button', { name: `Withdraw ${trainee.name}` }).click();
      await page.getByText(`Withdrew ${trainee.name} from ${DECEMBER}.`).waitFor();
      await expect.poll(async () => (await page.getByRole('row', { name: new RegExp(trainee.name) }).textContent()) ?? '').toMatch(/Withdrawn/);
    } finally {
      await page.context().close();
    }
  });
});
