import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CurriculumService } from '../../api/src/curriculum/curriculum.service.js';
import { CurriculumError } from '../../api/src/curriculum/domain/curriculum-loader.js';
import { factories } from '../support/factories.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/*
 * A running program is published; then each kind of broken curriculum is offered to it. Every one
 * is refused with the file, the field (empty only when the problem is the whole file) and the
 * reason, and the program people are enrolled on stays exactly as it was.
 */

let t: TestApi;
let good: string;
let token: string;
beforeAll(async () => {
  t = await startTestApi();
  token = (await factories(t).admin()).token;
  good = mkdtempSync(join(tmpdir(), 'baton-curriculum-good-'));
  cpSync(join(import.meta.dirname, '../../curriculum'), good, { recursive: true });
  // A curriculum of its own, different from the shipped one, so this test publishes it itself.
  const program = join(good, 'program.yaml');
  writeFileSync(program, readFileSync(program, 'utf8').replace('title: AI Handoff Certification', 'title: AI Handoff Certification (test)'));
  const published = await t.api.app.get(CurriculumService).publishFromDirectory(good);
  expect(published.published).toBe(true);
});
afterAll(async () => {
  await t?.close();
  rmSync(good, { recursive: true, force: true });
});

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

interface Variant {
  name: string;
  file: string;
  change: (text: string) => string;
  field: string | RegExp;
  reason: RegExp;
}

const BOMB = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', `d: [${Array(200).fill('*c').join(', ')}]`].join('\n');

function replaced(from: string | RegExp, to: string) {
  return (text: string) => {
    const out = text.replace(from, to);
    if (out === text) throw new Error(`the variant changed nothing: ${String(from)} not found`);
    return out;
  };
}

const VARIANTS: Variant[] = [
  { name: 'bad YAML', file: 'cards/hotel-overbooked.yaml', change: replaced('priority: URGENT', 'priority: [URGENT'), field: /^line \d+, column \d+$/, reason: /^invalid YAML: / },
  { name: 'a missing field', file: 'cards/late-gift-exchange.yaml', change: replaced(/^summary:.*\n/m, ''), field: 'summary', reason: /^is required$/ },
  { name: 'a wrong type', file: 'weeks/week-1.yaml', change: replaced('minutes: 15', 'minutes: fifteen'), field: /^activities\.\d+\.minutes$/, reason: /must be a number, found the text "fifteen"/ },
  { name: 'an unknown activity kind', file: 'weeks/week-1.yaml', change: replaced('kind: SPEED_READING', 'kind: SPEEDREADING'), field: /^activities\.\d+\.kind$/, reason: /must be one of .*SPEED_READING.*found the text "SPEEDREADING"/ },
  { name: 'an unknown field', file: 'weeks/week-2.yaml', change: replaced('requiresSignOff: true', 'requireSignOff: true'), field: /^activities\.\d+\.requireSignOff$/, reason: /not a known field/ },
  { name: 'a duplicate key', file: 'program.yaml', change: replaced(/^title: .*$/m, 'title: One\ntitle: Two'), field: /^title \(line \d+, column \d+\)$/, reason: /the key "title" appears more than once/ },
  { name: 'a week naming a missing quiz', file: 'weeks/week-2.yaml', change: replaced('quiz: narrating-and-closing\n', 'quiz: no-such-quiz\n'), field: /^activities\.\d+\.config\.quiz$/, reason: /no quiz with key "no-such-quiz"/ },
  { name: 'a week naming a missing transcript', file: 'weeks/week-1.yaml', change: replaced('- outage-silence', '- no-such-transcript'), field: /^activities\.\d+\.config\.transcriptKeys\.\d+$/, reason: /no error-spotting transcript with key "no-such-transcript"/ },
  { name: 'a week naming a missing lesson', file: 'weeks/week-3.yaml', change: replaced('bodyFile: lessons/going-solo.md', 'bodyFile: lessons/missing.md'), field: /^activities\.\d+\.config\.bodyFile$/, reason: /no lesson file "lessons\/missing.md"/ },
  { name: 'a scenario naming a missing card', file: 'scenarios/complex-locked-account.yaml', change: replaced('cardKey: locked-account-lost-phone', 'cardKey: no-such-card'), field: 'cardKey', reason: /no card with key "no-such-card"/ },
  { name: 'a bad scorecard key', file: 'program.yaml', change: replaced('- key: CONTEXT_USED', '- key: context used'), field: 'scorecard.0.key', reason: /upper-case letters and digits joined by underscores/ },
  { name: 'a scorecard item of the wrong type', file: 'program.yaml', change: replaced(/(- key: CONTEXT_USED[\s\S]*?)critical: false/, '$1critical: sometimes'), field: 'scorecard.0.critical', reason: /must be true or false, found the text "sometimes"/ },
  { name: 'an empty file', file: 'cards/hotel-overbooked.yaml', change: () => '', field: '', reason: /^the file is empty$/ },
  { name: 'a file that is not a mapping', file: 'weeks/week-3.yaml', change: () => '- just\n- a list\n', field: '', reason: /must be a mapping .*found a list/ },
  { name: 'a huge file', file: 'lessons/going-solo.md', change: (text) => text + 'padding '.repeat(40_000), field: '', reason: /a curriculum file can be at most 256 KB/ },
  { name: 'a lesson with a script tag', file: 'lessons/going-solo.md', change: (text) => `${text}\n<script>fetch('/graphql')</script>\n`, field: /^line \d+$/, reason: /raw HTML "<script" is not allowed in a lesson/ },
  { name: 'a lesson with an inline event handler', file: 'lessons/going-solo.md', change: (text) => `${text}\n<img src="x" onerror="alert(1)">\n`, field: /^line \d+$/, reason: /raw HTML "onerror=" is not allowed/ },
  { name: 'a YAML alias bomb', file: 'cards/hotel-overbooked.yaml', change: () => BOMB, field: '', reason: /invalid YAML: Excessive alias count/ },
];

async function publishedProgram() {
  const r = await t.ok<{ program: { id: string; version: string; title: string } }>(`{ program(key: "ai-handoff") { id version title } }`, {}, token);
  const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM program_versions`);
  return { ...r.program, versions: n as number };
}

describe('publishing a broken curriculum', () => {
  it.each(VARIANTS.map((v) => [v.name, v] as const))('refuses %s with file, field and reason, and keeps the running program', async (_name, v) => {
    const before = await publishedProgram();
    expect(before.title).toBe('AI Handoff Certification (test)');
    const dir = mkdtempSync(join(tmpdir(), 'baton-curriculum-broken-'));
    try {
      cpSync(good, dir, { recursive: true });
      writeFileSync(join(dir, v.file), v.change(read(good, v.file)));
      const error = await t.api.app.get(CurriculumService).publishFromDirectory(dir).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CurriculumError);
      const { problems, message } = error as CurriculumError;
      const mine = problems.filter((p) => p.file === v.file);
      expect(mine, JSON.stringify(problems)).not.toHaveLength(0);
      const match = mine.find((p) => (typeof v.field === 'string' ? p.field === v.field : v.field.test(p.field)) && v.reason.test(p.reason));
      expect(match, JSON.stringify(mine)).toBeDefined();
      // The message an author reads names all three, one problem a line.
      expect(message).toContain([match!.file, match!.field, match!.reason].filter(Boolean).join(': '));
      expect(await publishedProgram()).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still publishes the good files unchanged afterwards (nothing half-written)', async () => {
    const before = await publishedProgram();
    expect((await t.api.app.get(CurriculumService).publishFromDirectory(good)).published).toBe(false);
    expect(await publishedProgram()).toEqual(before);
  });
});
