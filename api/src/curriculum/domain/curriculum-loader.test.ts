import { cp, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CurriculumError, formatProblems, loadCurriculum } from './curriculum-loader.js';
import { MISTAKE_CODES, type CurriculumProblem } from './program-definition.js';
import { DEFAULT_SCORECARD } from '../../qa/domain/scorecard.js';

const CURRICULUM = fileURLToPath(new URL('../../../../curriculum/', import.meta.url));

async function problemsOf(dir: string): Promise<CurriculumProblem[]> {
  try {
    await loadCurriculum(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(CurriculumError);
    return (error as CurriculumError).problems;
  }
  throw new Error('expected the curriculum to be refused');
}

async function allFiles(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const child = path.join(rel, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(dir, child)));
    else out.push(child);
  }
  return out;
}

describe('the shipped curriculum', () => {
  it('loads and has the material the program promises', async () => {
    const { definition, contentHash, version } = await loadCurriculum(CURRICULUM);

    expect(definition.key).toBe('ai-handoff');
    expect(definition.title).toBe('AI Handoff Certification');
    expect(definition.validityMonths).toBe(12);
    expect(definition.minSoloHandoffs).toBe(20);
    expect(definition.targets).toEqual([
      { code: 'TIME_TO_FIRST_RESPONSE', comparator: 'LT', threshold: 60, unit: 's' },
      { code: 'CONTEXT_UTILIZATION', comparator: 'GTE', threshold: 100, unit: '%' },
      { code: 'CUSTOMER_REPEAT_RATE', comparator: 'LT', threshold: 5, unit: '%' },
      { code: 'HANDOFF_CSAT', comparator: 'GT', threshold: 4.2, unit: 'score' },
      { code: 'RESOLUTION_RATE', comparator: 'GT', threshold: 90, unit: '%' },
    ]);

    expect(definition.weeks.map((w) => w.number)).toEqual([1, 2, 3]);
    expect(definition.cards.length).toBeGreaterThanOrEqual(12);
    expect(definition.errorSpotting.length).toBeGreaterThanOrEqual(6);
    expect(definition.rolePlayBriefs.length).toBeGreaterThanOrEqual(4);

    const situations = new Map<string, number>();
    for (const s of definition.openingScenarios) situations.set(s.situation, (situations.get(s.situation) ?? 0) + 1);
    expect([...situations.keys()].sort()).toEqual(['AFTER_HOURS', 'COMPLEX', 'PRIORITY', 'STANDARD']);
    for (const count of situations.values()) expect(count).toBeGreaterThanOrEqual(2);

    for (const code of MISTAKE_CODES) {
      const transcripts = definition.errorSpotting.filter((t) => t.mistakes.some((m) => m.code === code));
      expect(transcripts.length, code).toBeGreaterThanOrEqual(2);
    }

    expect(contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(version).toBe(contentHash.slice(0, 12));
  });

  it('follows the three-week schedule', async () => {
    const { definition } = await loadCurriculum(CURRICULUM);
    const kinds = definition.weeks.map((w) => w.activities.map((a) => a.kind));
    expect(kinds[0]).toEqual([
      'LESSON',
      'LESSON',
      'SPEED_READING',
      'LESSON',
      'FIRST_MESSAGE',
      'QUIZ',
      'ERROR_SPOTTING',
      'SHADOWING',
    ]);
    expect(kinds[1]).toEqual(expect.arrayContaining(['ROLE_PLAY', 'QUIZ', 'SUPERVISED_HANDOFFS']));
    expect(kinds[2]).toContain('SOLO_HANDOFFS');

    const activities = definition.weeks.flatMap((w) => w.activities);
    expect(new Set(activities.map((a) => a.key)).size).toBe(activities.length);
    const signOff = activities.filter((a) => a.requiresSignOff).map((a) => a.kind);
    expect(signOff.sort()).toEqual(['ROLE_PLAY', 'SHADOWING', 'SOLO_HANDOFFS', 'SUPERVISED_HANDOFFS']);

    const byKind = (kind: string) => activities.find((a) => a.kind === kind)!;
    expect(byKind('SPEED_READING').config.timeLimitSeconds).toBe(30);
    expect(byKind('SHADOWING').config.minimumCount).toBe(5);
    expect(byKind('SOLO_HANDOFFS').config.minimumCount).toBe(20);
    expect(byKind('ROLE_PLAY').config.cardKeys?.length).toBeGreaterThan(0);

    for (const lesson of activities.filter((a) => a.kind === 'LESSON')) {
      expect(lesson.config.body, lesson.key).toMatch(/^## /m);
      expect(lesson.config.questions?.length, lesson.key).toBeGreaterThanOrEqual(2);
      expect(lesson.config.questions?.length, lesson.key).toBeLessThanOrEqual(3);
      expect(lesson.config.passMark, lesson.key).toBeGreaterThan(0);
    }
    for (const quiz of activities.filter((a) => a.kind === 'QUIZ')) {
      expect(quiz.config.questions?.some((q) => q.type === 'SINGLE'), quiz.key).toBe(true);
      expect(quiz.config.questions?.some((q) => q.type === 'MULTIPLE'), quiz.key).toBe(true);
    }
  });
});

describe('a broken curriculum', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'baton-curriculum-'));
    await cp(CURRICULUM, dir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Rewrites one file; fails the test if the edit did not change anything. */
  async function edit(file: string, change: (text: string) => string): Promise<void> {
    const full = path.join(dir, file);
    const before = await readFile(full, 'utf8');
    const after = change(before);
    expect(after, `edit of ${file} changed nothing`).not.toBe(before);
    await writeFile(full, after);
  }

  it('reports invalid YAML with the file', async () => {
    await edit('cards/hotel-overbooked.yaml', (t) => t.replace('priority: URGENT', 'priority: [URGENT'));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'cards/hotel-overbooked.yaml', field: expect.stringMatching(/^line \d+, column \d+$/), reason: expect.stringMatching(/^invalid YAML/) }),
    );
  });

  it('reports a missing field', async () => {
    await edit('cards/late-gift-exchange.yaml', (t) => t.replace(/^summary:.*\n/m, ''));
    expect(await problemsOf(dir)).toContainEqual({
      file: 'cards/late-gift-exchange.yaml',
      field: 'summary',
      reason: 'is required',
    });
  });

  it('reports an unknown activity kind and an unknown field', async () => {
    await edit('weeks/week-1.yaml', (t) => t.replace('kind: SPEED_READING', 'kind: SPEEDREADING'));
    await edit('weeks/week-2.yaml', (t) => t.replace('requiresSignOff: true', 'requireSignOff: true'));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'weeks/week-1.yaml', field: 'activities.2.kind', reason: expect.stringContaining('must be one of') }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: 'weeks/week-2.yaml', field: 'activities.2.requireSignOff' }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'weeks/week-2.yaml', field: 'activities.2.requiresSignOff' }));
  });

  it('reports dangling references', async () => {
    await edit('scenarios/complex-locked-account.yaml', (t) => t.replace('cardKey: locked-account-lost-phone', 'cardKey: no-such-card'));
    await edit('weeks/week-1.yaml', (t) => t.replace('- outage-silence', '- no-such-transcript'));
    await edit('weeks/week-3.yaml', (t) => t.replace('bodyFile: lessons/going-solo.md', 'bodyFile: lessons/missing.md'));
    await edit('weeks/week-2.yaml', (t) => t.replace('quiz: narrating-and-closing\n', 'quiz: no-such-quiz\n'));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual({ file: 'scenarios/complex-locked-account.yaml', field: 'cardKey', reason: 'no card with key "no-such-card"' });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'weeks/week-1.yaml', field: 'activities.6.config.transcriptKeys.2' }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'weeks/week-3.yaml', field: 'activities.0.config.bodyFile' }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'weeks/week-2.yaml', field: 'activities.1.config.quiz' }));
  });

  it('reports a duplicate activity key and a key that does not match its file', async () => {
    await edit('weeks/week-2.yaml', (t) => t.replace('key: w2-role-play', 'key: w1-why-handoffs'));
    await edit('cards/mid-cycle-upgrade.yaml', (t) => t.replace('key: mid-cycle-upgrade', 'key: upgrade'));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'weeks/week-2.yaml', field: 'activities.2.key', reason: expect.stringContaining('already used in weeks/week-1.yaml') }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: 'cards/mid-cycle-upgrade.yaml', field: 'key' }));
  });

  it('reports a threshold that is not a number, without hiding problems of the items beside it', async () => {
    await edit('program.yaml', (t) => t.replace('threshold: 90', 'threshold: ninety').replace('threshold: 4.2', 'threshold: 6'));
    await edit('weeks/week-1.yaml', (t) => t.replace('kind: SPEED_READING', 'kind: SPEEDREADING').replace('- outage-silence', '- no-such-transcript'));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'program.yaml', field: 'targets.4.threshold', reason: expect.stringContaining('must be a number') }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: 'program.yaml', field: 'targets.3.threshold' }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'weeks/week-1.yaml', field: 'activities.2.kind' }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'weeks/week-1.yaml', field: 'activities.6.config.transcriptKeys.2' }));
  });

  it('reports out-of-range, backwards, duplicate and missing targets', async () => {
    await edit('program.yaml', (t) =>
      t
        .replace('threshold: 4.2', 'threshold: 6')
        .replace(/comparator: LT\n(\s+)threshold: 60/, 'comparator: GT\n$1threshold: 60')
        .replace('code: RESOLUTION_RATE', 'code: CUSTOMER_REPEAT_RATE')
        .replace('threshold: 100\n    unit: "%"', 'threshold: 100\n    unit: percent'),
    );
    const problems = (await problemsOf(dir)).filter((p) => p.file === 'program.yaml');
    const fields = problems.map((p) => p.field);
    expect(fields).toContain('targets.3.threshold'); // CSAT 6 is out of range
    expect(fields).toContain('targets.0.comparator'); // response time must be LT/LTE
    expect(fields).toContain('targets.4.code'); // CUSTOMER_REPEAT_RATE twice
    expect(fields).toContain('targets.1.unit');
    expect(problems).toContainEqual({ file: 'program.yaml', field: 'targets', reason: 'missing the target for RESOLUTION_RATE' });
  });

  it('reads the QA scorecard, defaults it when absent and reports bad items', async () => {
    const shipped = (await loadCurriculum(dir)).definition.scorecard;
    expect(shipped.map((i) => i.key)).toEqual([...DEFAULT_SCORECARD.map((i) => i.key)]);
    expect(shipped.filter((i) => i.critical).map((i) => i.key)).toEqual(['NOTHING_ASKED_AGAIN', 'RESOLUTION_CONFIRMED']);

    const original = await readFile(path.join(dir, 'program.yaml'), 'utf8');
    await edit('program.yaml', (t) => t.slice(0, t.indexOf('\nscorecard:')) + '\n');
    expect((await loadCurriculum(dir)).definition.scorecard).toEqual(DEFAULT_SCORECARD.map((i) => ({ ...i })));

    await writeFile(path.join(dir, 'program.yaml'), original);
    await edit('program.yaml', (t) =>
      t.replace('key: ADDRESSED_BY_NAME', 'key: addressed-by-name').replace('key: ACTIONS_NARRATED', 'key: CONTEXT_USED').replace(/critical: true/, 'critical: yes'),
    );
    const fields = (await problemsOf(dir)).filter((p) => p.file === 'program.yaml').map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['scorecard.1.key', 'scorecard.5.key', 'scorecard.3.critical']));
  });

  it('reports a target that can never be met', async () => {
    await edit('program.yaml', (t) => t.replace(/comparator: GTE\n(\s+)threshold: 100/, 'comparator: GT\n$1threshold: 100'));
    expect(await problemsOf(dir)).toContainEqual(
      expect.objectContaining({ file: 'program.yaml', field: 'targets.1.threshold', reason: expect.stringContaining('can never be met') }),
    );
  });

  it('checks quiz answers, transcript answer keys and turn order', async () => {
    await edit('quizzes/going-solo-check.yaml', (t) => t.replace('text: Yes, 4.2 is the target.\n        correct: false', 'text: Yes, 4.2 is the target.\n        correct: true'));
    await edit('error-spotting/outage-silence.yaml', (t) => t.replace('  - turn: 5\n', '  - turn: 6\n'));
    await edit('error-spotting/billing-generic-opener.yaml', (t) => t.replace('  - turn: 9\n', '  - turn: 42\n'));
    await edit('error-spotting/hotel-generic-silence-apologies.yaml', (t) => t.replace('at: 435 # 6', 'at: 150 # 6'));
    await edit('cards/hotel-overbooked.yaml', (t) => t.replace('at: -230', 'at: 30'));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'quizzes/going-solo-check.yaml', field: 'questions.0.options', reason: expect.stringContaining('exactly one correct option, found 2') }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'error-spotting/outage-silence.yaml', field: 'mistakes.1.turn', reason: expect.stringContaining('CUSTOMER turn') }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: 'error-spotting/billing-generic-opener.yaml', field: 'mistakes.2.turn' }));
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'error-spotting/hotel-generic-silence-apologies.yaml', field: 'mistakes.1.turn', reason: expect.stringContaining('SILENCE') }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: 'cards/hotel-overbooked.yaml', field: 'transcript.2.at' }));
  });

  it('checks sign-off rules and the fields each kind uses', async () => {
    await edit('weeks/week-1.yaml', (t) => t.replace(/(kind: SHADOWING[\s\S]*?)requiresSignOff: true/, '$1requiresSignOff: false'));
    await edit('weeks/week-1.yaml', (t) => t.replace('timeLimitSeconds: 30', 'timeLimitSeconds: 30\n      minimumCount: 3'));
    await edit('weeks/week-3.yaml', (t) => t.replace('minimumCount: 20', 'minimumCount: 12'));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'weeks/week-1.yaml', field: 'activities.7.requiresSignOff' }));
    expect(problems).toContainEqual({ file: 'weeks/week-1.yaml', field: 'activities.2.config.minimumCount', reason: 'is not used by SPEED_READING activities' });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'weeks/week-3.yaml', field: 'activities.1.config.minimumCount' }));
  });

  it('needs weeks 1, 2 and 3 exactly once', async () => {
    await edit('weeks/week-3.yaml', (t) => t.replace('number: 3', 'number: 2'));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'weeks/week-3.yaml', field: 'number' }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'weeks', reason: expect.stringContaining('week 3') }));
  });

  it('catches text cut off by an unquoted #', async () => {
    await edit('cards/late-gift-exchange.yaml', (t) => t.replace('summary: Wants to exchange a jacket', 'summary: Order #R-309877, wants to exchange a jacket'));
    expect(await problemsOf(dir)).toContainEqual(
      expect.objectContaining({ file: 'cards/late-gift-exchange.yaml', field: 'summary', reason: expect.stringContaining('quotes') }),
    );
  });

  it('refuses unexpected files and a missing program file', async () => {
    await writeFile(path.join(dir, 'cards', 'notes.txt'), 'draft');
    await unlink(path.join(dir, 'program.yaml'));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'cards/notes.txt', field: '' }));
    expect(problems).toContainEqual({ file: 'program.yaml', field: '', reason: 'the file is missing' });
  });

  it('collects every problem and lists each one in the message', async () => {
    await edit('cards/hotel-overbooked.yaml', (t) => t.replace('sentiment: ANGRY', 'sentiment: FURIOUS'));
    await edit('scenarios/after-hours-data-export.yaml', (t) => t.replace(/^agentName:.*\n/m, ''));
    await edit('role-play/happy-upgrade-customer.yaml', (t) => t.replace('cardKey: mid-cycle-upgrade', 'cardKey: nope'));
    const error = await loadCurriculum(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CurriculumError);
    const { problems, message } = error as CurriculumError;
    expect(problems).toHaveLength(3);
    expect(message).toContain('cards/hotel-overbooked.yaml: sentiment: must be one of');
    expect(message).toContain('scenarios/after-hours-data-export.yaml: agentName: is required');
    expect(message).toContain('role-play/happy-upgrade-customer.yaml: cardKey: no card with key "nope"');
    expect(formatProblems(problems).split('\n')).toHaveLength(3);
  });
});

describe('the content hash', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'baton-curriculum-'));
    await cp(CURRICULUM, dir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is stable across loads, locations and line endings', async () => {
    const original = await loadCurriculum(CURRICULUM);
    const copy = await loadCurriculum(dir);
    expect(copy.contentHash).toBe(original.contentHash);
    expect((await loadCurriculum(dir)).contentHash).toBe(original.contentHash);

    for (const file of await allFiles(dir)) {
      const full = path.join(dir, file);
      await writeFile(full, (await readFile(full, 'utf8')).replace(/\n/g, '\r\n'));
    }
    const crlf = await loadCurriculum(dir);
    expect(crlf.contentHash).toBe(original.contentHash);
    expect(crlf.definition).toEqual(original.definition);
  });

  it('ignores README files', async () => {
    const original = await loadCurriculum(dir);
    await writeFile(path.join(dir, 'README.md'), '# Notes for authors\n');
    await writeFile(path.join(dir, 'cards', 'README.md'), 'One card per file.\n');
    expect((await loadCurriculum(dir)).contentHash).toBe(original.contentHash);
  });

  it('changes when any content changes', async () => {
    const original = await loadCurriculum(dir);
    const lesson = path.join(dir, 'lessons', 'going-solo.md');
    await writeFile(lesson, `${await readFile(lesson, 'utf8')}\nOne more line.\n`);
    const changed = await loadCurriculum(dir);
    expect(changed.contentHash).not.toBe(original.contentHash);
    expect(changed.version).not.toBe(original.version);
    expect(changed.version).toBe(changed.contentHash.slice(0, 12));
  });
});
