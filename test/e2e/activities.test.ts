import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { useDemoBaton, DEMO_PASSWORD, hasChromium, signInOn } from './support/baton-process.js';

// A week-1 trainee works through the drills in the browser, against the real web app and API with
// the demo data. The right answers come from the curriculum files: the test is not the browser.
const TRAINEE = 'amara.diallo@baton.example';
const curriculum = join(import.meta.dirname, '../../curriculum');

interface QuizFile {
  questions: {
    key: string;
    prompt: string;
    type: 'SINGLE' | 'MULTIPLE';
    options: { key: string; text: string; correct?: boolean; explanation: string }[];
  }[];
}

interface CardFile {
  customerName: string;
  tier: string;
  escalationReason: string;
  aiTried: string;
  sentiment: string;
  summary: string;
}

const readYaml = <T>(path: string): T => parse(readFileSync(join(curriculum, path), 'utf8')) as T;
const cards: CardFile[] = readdirSync(join(curriculum, 'cards')).map((file) => readYaml<CardFile>(`cards/${file}`));
const titleCase = (code: string) => code.charAt(0) + code.slice(1).toLowerCase();

describe.runIf(hasChromium)('a trainee takes the week-1 drills in the browser', () => {
  const demo = useDemoBaton();

  function signIn(context: BrowserContext): Promise<Page> {
    return signInOn(context, demo.baton.webUrl, TRAINEE, DEMO_PASSWORD);
  }

  /** Opens an activity page and presses its Start button; resolves on the new attempt's page. */
  async function start(page: Page, key: string, button: RegExp): Promise<void> {
    await page.goto(`${demo.baton.webUrl}/activities/${key}`);
    await page.getByRole('button', { name: button }).click();
    await page.waitForURL(new RegExp(`/activities/${key}/attempts/[^/]+$`));
    await page.waitForLoadState('networkidle');
  }

  const main = async (page: Page) => (await page.getByRole('main').textContent()) ?? '';

  it('takes the lesson "First-message mastery", answers its check-questions and sees it completed at home', async () => {
    const context = await demo.browser.newContext();
    try {
      const page = await signIn(context);
      await start(page, 'w1-first-message', /start/i);
      // The body comes first, rendered from Markdown; the check-questions follow it.
      await page.getByRole('heading', { name: 'Five things every opening does' }).waitFor();
      const text = await main(page);
      expect(text.indexOf('Five things every opening does')).toBeLessThan(text.indexOf('Check your understanding'));
      expect(await page.locator('main script, main img').count()).toBe(0);

      const quiz = readYaml<QuizFile>('quizzes/first-message-check.yaml');
      for (const question of quiz.questions) {
        const group = page.getByRole('group', { name: question.prompt });
        for (const option of question.options.filter((o) => o.correct)) {
          await group.getByLabel(option.text, { exact: true }).check();
        }
      }
      await page.getByRole('button', { name: 'Submit answers' }).click();
      await page.getByRole('heading', { name: 'Your result' }).waitFor();
      const results = await main(page);
      const total = quiz.questions.length;
      expect(results).toContain(`${total} of ${total} right`);
      expect(results).toMatch(/Passed/);
      // Every option is explained, the right ones named in words, not by colour alone.
      expect(results).toMatch(/Every option explained/);
      const correctOptions = quiz.questions.flatMap((q) => q.options.filter((o) => o.correct));
      expect(await page.getByText('Correct answer').count()).toBe(correctOptions.length);
      for (const option of quiz.questions.flatMap((q) => q.options)) expect(results).toContain(option.explanation);
      await page.getByRole('button', { name: 'Try again' }).waitFor();

      await page.goto(`${demo.baton.webUrl}/`);
      // The activity's own row (the week around it is a list item too).
      const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'First-message mastery', exact: true }) }).last();
      expect(await row.textContent()).toMatch(/Completed/);
      expect(await row.textContent()).toMatch(/best score 100/);
    } finally {
      await context.close();
    }
  });

  it('starts the speed-reading drill: the card appears only after Start, and the time is shown after submission', async () => {
    const context = await demo.browser.newContext();
    try {
      const page = await signIn(context);
      await page.goto(`${demo.baton.webUrl}/activities/w1-speed-reading`);
      expect(await page.getByRole('region', { name: 'Escalation card' }).count()).toBe(0);
      expect(await main(page)).not.toMatch(/Known facts/);

      await page.getByRole('button', { name: /start/i }).click();
      await page.waitForURL(/\/activities\/w1-speed-reading\/attempts\/[^/]+$/);
      const cardRegion = page.getByRole('region', { name: 'Escalation card' });
      await cardRegion.waitFor();
      const cardText = (await cardRegion.textContent()) ?? '';
      const card = cards.find((c) => cardText.includes(c.customerName) && cardText.includes(c.summary));
      expect(card, 'the card on the page is one of the curriculum cards').toBeTruthy();
      expect(cardText).toMatch(/Known facts/);
      expect(cardText).toMatch(/What the AI tried \(\d attempts?\)/);

      const answers: [string, string][] = [
        ['Who is the customer?', card!.customerName],
        ['Why was the conversation escalated?', card!.escalationReason],
        ['Which plan or tier is the account on?', card!.tier],
        ['How does the customer feel?', titleCase(card!.sentiment)],
        ['What has the AI assistant already tried?', card!.aiTried],
      ];
      for (const [question, answer] of answers) {
        await page.getByRole('group', { name: question }).getByLabel(answer, { exact: true }).check();
      }
      await page.getByRole('button', { name: /submit/i }).click();
      await page.getByRole('heading', { name: 'Your result' }).waitFor();
      const results = await main(page);
      expect(results).toMatch(/Took \d+(\.\d+)? s — target under 30 s/);
      expect(results).toMatch(/5 of 5 key facts right/);
      expect(results).toMatch(/Passed/);

      // The activity page now has a personal best and the trend chart with its table.
      await page.goto(`${demo.baton.webUrl}/activities/w1-speed-reading`);
      expect(await main(page)).toMatch(/Personal best time\s*\d+(\.\d+)? s/);
      await page.getByRole('img', { name: /Speed-reading times/ }).waitFor();
      expect(await page.getByRole('table', { name: /Speed-reading times/, includeHidden: true }).count()).toBe(1);
      await page.goto(`${demo.baton.webUrl}/`);
      await page.getByRole('region', { name: 'Your drills' }).getByRole('img', { name: /Speed-reading times/ }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('writes a first message with live feedback and sees the ten checks and a model opening', async () => {
    const context = await demo.browser.newContext();
    try {
      const page = await signIn(context);
      await start(page, 'w1-first-message-drill', /start/i);
      const box = page.getByLabel(/Your first message to/);
      await box.pressSequentially('Hi there, how can I help you today?', { delay: 5 });
      // Live feedback from the resource route, once typing pauses.
      await page.getByText(/\d+ of 10 checks pass/).waitFor();
      expect(await page.getByRole('list', { name: 'Live check results' }).getByRole('listitem').count()).toBe(10);

      await page.getByRole('button', { name: /submit my opening/i }).click();
      await page.getByRole('heading', { name: 'Your result' }).waitFor();
      expect(await page.getByRole('list', { name: 'Checks of your opening' }).getByRole('listitem').count()).toBe(10);
      const results = await main(page);
      expect(results).toMatch(/Generic opener/);
      expect(results).toMatch(/Not passed yet/);
      await page.getByRole('heading', { name: 'A model opening' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('works without JavaScript: an empty opening is refused in words, a real one is graded on the ten checks', async () => {
    const context = await demo.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await signIn(context);
      await start(page, 'w1-first-message-drill', /start/i);
      const attemptUrl = page.url();
      await page.getByLabel(/Your first message to/).fill('   ');
      await page.getByRole('button', { name: /submit my opening/i }).click();
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('alert').textContent()).toMatch(/Write your opening message before you submit/);

      const label = (await page.locator('label[for="opening-message"]').textContent()) ?? '';
      const first = label.replace('Your first message to ', '').split(' ')[0];
      await page.getByLabel(/Your first message to/).fill(`Hi ${first}, I'm Sam. I'm looking into this now; it takes about 2 minutes.`);
      await page.getByRole('button', { name: /submit my opening/i }).click();
      await page.waitForLoadState('networkidle');
      expect(page.url()).toBe(attemptUrl);
      expect(await page.getByRole('list', { name: 'Checks of your opening' }).getByRole('listitem').count()).toBe(10);

      // A second submission of the same attempt is refused in words (CONFLICT). Posts made outside
      // the page's forms still carry its CSRF token (docs/decisions/013).
      const _csrf = await page.locator('input[name="_csrf"]').first().inputValue();
      const again = await page.request.post(attemptUrl, { form: { _csrf, intent: 'submit', message: 'Hello again' } });
      expect(again.status()).toBe(400);
      expect(await again.text()).toMatch(/already submitted/);
      // Starting an activity of a locked week is refused in words beside the form (FORBIDDEN).
      const locked = await page.request.post(`${demo.baton.webUrl}/activities/w2-narrating-closing`, { form: { _csrf, intent: 'start' } });
      expect(locked.status()).toBe(400);
      expect(await locked.text()).toMatch(/You cannot start this activity now\. Week 2 is locked/);
    } finally {
      await context.close();
    }
  });

  it('flags mistakes in an error-spotting conversation and sees the full answer key', async () => {
    const context = await demo.browser.newContext();
    try {
      const page = await signIn(context);
      await start(page, 'w1-error-spotting', /start/i);
      // Every agent turn has the six mistake types as checkboxes, in plain words.
      const flagGroups = page.getByRole('group', { name: /^Mistakes in turn \d+$/ });
      expect(await flagGroups.count()).toBeGreaterThanOrEqual(2);
      expect(await flagGroups.first().getByRole('checkbox').count()).toBe(6);
      await flagGroups.first().getByLabel(/Generic opener/).check();
      await page.getByRole('button', { name: /submit my flags/i }).click();
      await page.getByRole('heading', { name: 'Your result' }).waitFor();
      const results = await main(page);
      expect(results).toMatch(/Found \d+ of \d+ mistakes?/);
      expect(results).toMatch(/\d+ false flags?/);
      await page.getByRole('heading', { name: 'The answer key' }).waitFor();
      // The key sits beside each turn, with the explanation of every mistake.
      expect(results).toMatch(/(Found|Missed): /);
      expect(await page.getByRole('listitem').filter({ hasText: /^(✓ |✗ )?(Found|Missed): / }).count()).toBeGreaterThanOrEqual(1);
    } finally {
      await context.close();
    }
  });
});
