// temporary helper (deleted before the end)
import { chromium } from 'playwright-core';
const base = 'http://localhost:3300';
const [, , email, ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const js = process.env.NOJS ? false : true;
const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
page.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text()); });
page.on('pageerror', (e) => console.log('page error:', e.message));
await page.goto(base + '/login');
await page.getByLabel(/email/i).fill(email);
await page.getByLabel(/password/i).fill('handoff-demo-2026');
await page.getByRole('button', { name: /sign in/i }).click();
await page.waitForURL((u) => u.pathname !== '/login');
let i = 0;
for (const p of paths) {
  await page.goto(base + p);
  await page.waitForLoadState('networkidle');
  const name = `/tmp/shots/${process.env.TAG ?? 's'}-${i++}.png`;
  await page.screenshot({ path: name, fullPage: true });
  console.log(name, page.url());
}
await browser.close();
