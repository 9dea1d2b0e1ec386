// Turns the files under curriculum/ into a ProgramDefinition, or refuses them with every problem
// found (not just the first). Pure: Node's fs and path, zod and yaml; no framework.
//
// Layout (relative to the curriculum directory; curriculum/README.md documents it for authors):
//   program.yaml                 key, title, description, validityMonths, minSoloHandoffs, targets,
//                                scorecard (optional; DEFAULT_SCORECARD when absent)
//   weeks/*.yaml                 one week each: number (1..3), title, summary, activities in order
//   lessons/<name>.md            lesson bodies, referenced by `config.bodyFile`
//   quizzes/<key>.yaml           questions for a QUIZ or a LESSON's check-questions (`config.quiz`)
//   cards/ scenarios/ error-spotting/ role-play/ <key>.yaml   one item each; `key` = file name
// README.md files and dotfiles are not content: they are skipped and left out of the hash.

import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  COMPARATORS,
  METRIC_CODES,
  MISTAKE_CODES,
  type ActivityConfig,
  type ActivityDefinition,
  type ActivityKind,
  type Comparator,
  type CurriculumProblem,
  type ErrorSpottingTranscript,
  type EscalationCard,
  type LoadedProgram,
  type MetricCode,
  type MetricTargetDefinition,
  type OpeningScenario,
  type ProgramDefinition,
  type QuizQuestion,
  type RolePlayBrief,
  type ScorecardItem,
  type WeekDefinition,
} from './program-definition.js';
import { DEFAULT_SCORECARD } from '../../qa/domain/scorecard.js';

// ---------------------------------------------------------------------------------------------
// Errors

export class CurriculumError extends Error {
  readonly problems: CurriculumProblem[];

  constructor(problems: CurriculumProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`The curriculum has ${count}:\n${formatProblems(problems)}`);
    this.name = 'CurriculumError';
    this.problems = problems;
  }
}

/** One line per problem: `file: field: reason` (the field is left out when it is the whole file). */
export function formatProblems(problems: readonly CurriculumProblem[]): string {
  return problems
    .map((p) => [p.file || '(curriculum)', p.field, p.reason].filter((part) => part !== '').join(': '))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Rules that are not about the shape of one file

/** Kinds whose completion needs a supervisor's sign-off; every other kind completes on a passing attempt. */
const SIGN_OFF_KINDS: ReadonlySet<ActivityKind> = new Set([
  'SHADOWING',
  'ROLE_PLAY',
  'SUPERVISED_HANDOFFS',
  'SOLO_HANDOFFS',
]);

type ConfigField = keyof ActivityConfigFile;

/** Which config fields each kind requires and which it may also carry. */
const KIND_FIELDS: Record<ActivityKind, { required: ConfigField[]; optional: ConfigField[] }> = {
  LESSON: { required: ['bodyFile', 'quiz'], optional: ['passMark', 'instructions'] },
  QUIZ: { required: ['quiz'], optional: ['passMark', 'instructions'] },
  SPEED_READING: { required: ['timeLimitSeconds', 'cardKeys'], optional: ['instructions'] },
  FIRST_MESSAGE: { required: ['scenarioKeys'], optional: ['instructions'] },
  ERROR_SPOTTING: { required: ['transcriptKeys'], optional: ['instructions'] },
  ROLE_PLAY: { required: ['briefKeys'], optional: ['cardKeys', 'instructions'] },
  SHADOWING: { required: ['minimumCount'], optional: ['instructions'] },
  SUPERVISED_HANDOFFS: { required: ['minimumCount'], optional: ['instructions'] },
  SOLO_HANDOFFS: { required: ['minimumCount'], optional: ['instructions'] },
};

/** The unit each metric is measured in, its possible range, and which way is better. */
const METRIC_RULES: Record<MetricCode, { unit: string; min: number; max: number; lowerIsBetter: boolean }> = {
  TIME_TO_FIRST_RESPONSE: { unit: 's', min: 0, max: Number.POSITIVE_INFINITY, lowerIsBetter: true },
  CONTEXT_UTILIZATION: { unit: '%', min: 0, max: 100, lowerIsBetter: false },
  CUSTOMER_REPEAT_RATE: { unit: '%', min: 0, max: 100, lowerIsBetter: true },
  HANDOFF_CSAT: { unit: 'score', min: 1, max: 5, lowerIsBetter: false },
  RESOLUTION_RATE: { unit: '%', min: 0, max: 100, lowerIsBetter: false },
};

/** An agent gap longer than this (seconds) while the customer waits is a silence. */
const SILENCE_SECONDS = 120;

const WEEK_NUMBERS = [1, 2, 3] as const;

// ---------------------------------------------------------------------------------------------
// File schemas (what an author writes; references are resolved afterwards)

const text = z.string().trim().min(1, 'must not be empty');
const key = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters and digits joined by hyphens, e.g. "w1-first-message"');
const keyList = z.array(key).min(1, 'must list at least one key');
const positiveInt = z.number().int('must be a whole number').positive('must be greater than 0');

const targetFile = z.strictObject({
  code: z.enum(METRIC_CODES),
  comparator: z.enum(COMPARATORS),
  threshold: z.number(),
  unit: text,
});

// Lists whose items are validated one by one (so one bad item does not hide the others' problems).
const items = (message: string) => z.array(z.unknown()).min(1, message);

const programFile = z.strictObject({
  key,
  title: text,
  description: text,
  validityMonths: positiveInt.max(120, 'must be at most 120'),
  minSoloHandoffs: positiveInt,
  targets: items('must list the metric targets'),
  scorecard: z.array(z.unknown()).min(1, 'must list at least one question, or be left out for the default scorecard').optional(),
});

const scorecardItemFile = z.strictObject({
  key: z
    .string()
    .regex(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/, 'must be upper-case letters and digits joined by underscores, e.g. "CONTEXT_USED"'),
  question: text,
  critical: z.boolean(),
});

const activityConfigFile = z.strictObject({
  bodyFile: text.optional(),
  quiz: key.optional(),
  passMark: z.number().gt(0, 'must be greater than 0').lte(1, 'must be at most 1 (a share, e.g. 0.8)').optional(),
  timeLimitSeconds: positiveInt.optional(),
  cardKeys: keyList.optional(),
  scenarioKeys: keyList.optional(),
  transcriptKeys: keyList.optional(),
  briefKeys: keyList.optional(),
  minimumCount: positiveInt.optional(),
  instructions: text.optional(),
});
type ActivityConfigFile = z.infer<typeof activityConfigFile>;

const activityFile = z.strictObject({
  key,
  kind: z.enum(ACTIVITY_KINDS),
  title: text,
  summary: text,
  minutes: positiveInt,
  requiresSignOff: z.boolean(),
  config: activityConfigFile.default({}),
});

const weekFile = z.strictObject({
  number: z.number().int('must be a whole number'),
  title: text,
  summary: text,
  activities: items('a week needs at least one activity'),
});

const quizFile = z.strictObject({
  key,
  passMark: z.number().gt(0, 'must be greater than 0').lte(1, 'must be at most 1 (a share, e.g. 0.8)'),
  questions: z
    .array(
      z.strictObject({
        key,
        prompt: text,
        type: z.enum(['SINGLE', 'MULTIPLE']),
        options: z
          .array(z.strictObject({ key, text, correct: z.boolean(), explanation: text }))
          .min(2, 'a question needs at least two options'),
      }),
    )
    .min(1, 'a quiz needs at least one question'),
});

const turn = z.strictObject({
  at: z.number(),
  speaker: z.enum(['CUSTOMER', 'AI', 'AGENT']),
  text,
});

const cardFile = z.strictObject({
  key,
  customerName: text,
  tier: text,
  tenure: text,
  escalationReason: text,
  aiAttempts: z.number().int('must be a whole number').min(0, 'must not be negative'),
  aiTried: text,
  sentiment: z.enum(['ANGRY', 'FRUSTRATED', 'NEUTRAL', 'POSITIVE', 'ANXIOUS', 'CONFUSED']),
  priority: z.enum(['LOW', 'NORMAL', 'HIGH', 'URGENT']),
  summary: text,
  knownFacts: z.array(z.strictObject({ label: text, value: text })),
  transcript: z.array(turn).min(1, 'a card needs the conversation so far'),
});

const scenarioFile = z.strictObject({
  key,
  situation: z.enum(['STANDARD', 'COMPLEX', 'PRIORITY', 'AFTER_HOURS']),
  cardKey: key,
  prompt: text,
  agentName: text,
  exampleOpening: text,
});

const transcriptFile = z.strictObject({
  key,
  title: text,
  cardKey: key,
  turns: z.array(turn).min(2, 'a transcript needs at least two turns'),
  mistakes: z
    .array(
      z.strictObject({
        turn: z.number().int('must be a whole number').min(0, 'must not be negative'),
        code: z.enum(MISTAKE_CODES),
        explanation: text,
      }),
    )
    .min(1, 'the answer key needs at least one mistake'),
});

const briefFile = z.strictObject({
  key,
  cardKey: key,
  customerBrief: text,
  debrief: text,
});

// ---------------------------------------------------------------------------------------------
// Reading files

interface SourceFile {
  /** Relative to the curriculum directory, with forward slashes on every OS. */
  path: string;
  /** UTF-8, byte-order mark removed, line endings normalised to \n. */
  text: string;
}

type Section = 'cards' | 'scenarios' | 'error-spotting' | 'role-play' | 'quizzes';
const KEYED_SECTIONS: readonly Section[] = ['cards', 'scenarios', 'error-spotting', 'role-play', 'quizzes'];
const YAML_EXT = /\.ya?ml$/;
/** Far above any real curriculum file (the longest shipped one is a few KB); refused unread beyond. */
export const MAX_FILE_BYTES = 256 * 1024;
const MAX_YAML_ALIASES = 100;
/**
 * Raw HTML that would run or embed something. The web app sanitises lesson HTML anyway; refusing
 * it here tells the author at publish time instead of silently dropping their content.
 */
const UNSAFE_HTML = /<\s*\/?\s*(script|iframe|object|embed|style|link|meta|base|form)\b|\son[a-z]+\s*=|(?:href|src)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i;

function normalise(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

async function listFiles(root: string, rel = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(root, child)));
    else if (entry.isFile()) files.push(child);
  }
  return files;
}

/** Sorted by code unit, not locale, so the order (and the hash) is the same everywhere. */
function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function hashFiles(files: readonly SourceFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.path, 'utf8');
    hash.update('\0');
    hash.update(file.text, 'utf8');
    hash.update('\0');
  }
  return hash.digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Collecting problems

class Problems {
  readonly list: CurriculumProblem[] = [];

  add(file: string, field: string, reason: string): void {
    this.list.push({ file, field, reason });
  }

  parseYaml(file: SourceFile): unknown {
    const doc = parseDocument(file.text, { uniqueKeys: true, prettyErrors: true });
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const at = error.linePos?.[0];
        const where = at ? `line ${at.line}, column ${at.col}` : '';
        const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
        if (error.code === 'DUPLICATE_KEY') {
          // The field is the repeated key itself.
          const key = file.text.slice(error.pos[0]).match(/^["']?([^"':\n]+)/)?.[1]?.trim() ?? '';
          this.add(file.path, key ? `${key} (${where})` : where, `invalid YAML: the key "${key}" appears more than once in the same mapping`);
        } else {
          this.add(file.path, where, `invalid YAML: ${reason}`);
        }
      }
      return undefined;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (e) {
      // yaml refuses alias expansion past the limit ("billion laughs"); nothing else throws here.
      this.add(file.path, '', `invalid YAML: ${(e as Error).message}`);
      return undefined;
    }
    if (data === null || data === undefined) {
      this.add(file.path, '', 'the file is empty');
      return undefined;
    }
    this.findCutText(file.path, doc.contents, []);
    return data;
  }

  /**
   * In unquoted YAML text, " #" starts a comment, so `summary: order #123 is late` silently
   * becomes "order". Comments written on purpose have a space after the #; text cut off this way
   * does not, so that is what is reported.
   */
  private findCutText(file: string, node: unknown, at: (string | number)[]): void {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair)) this.findCutText(file, pair.value, [...at, String(isScalar(pair.key) ? pair.key.value : pair.key)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => this.findCutText(file, item, [...at, i]));
    } else if (isScalar(node) && node.type === 'PLAIN' && typeof node.comment === 'string' && /^\S/.test(node.comment)) {
      const cut = node.comment.split('\n')[0];
      this.add(file, fieldPath(at), `the text is cut off at "#${cut}" because an unquoted " #" starts a YAML comment; put the text in quotes`);
    }
  }

  /** `at` is where `data` sits in the file, for the field paths of its problems. */
  validate<T>(file: string, schema: z.ZodType<T>, data: unknown, at: PropertyKey[] = []): T | undefined {
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const unknownKey of issue.keys) {
          this.add(file, fieldPath([...at, ...issue.path, unknownKey]), 'is not a known field (check the spelling)');
        }
      } else {
        this.add(file, fieldPath([...at, ...issue.path]), describeIssue(issue, valueAt(data, issue.path)));
      }
    }
    return undefined;
  }

  /** Reports a dangling reference; true when the key names an existing file (valid or not). */
  ensureRef(registry: Registry<unknown>, what: string, refKey: string, file: string, field: string): boolean {
    if (registry.has(refKey)) return true;
    this.add(file, field, `no ${what} with key "${refKey}"`);
    return false;
  }
}

function fieldPath(parts: readonly PropertyKey[]): string {
  return parts.map(String).join('.');
}

function valueAt(data: unknown, parts: readonly PropertyKey[]): unknown {
  let current = data;
  for (const part of parts) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

const EXPECTED_NAMES: Record<string, string> = {
  object: 'a mapping (key: value pairs)',
  array: 'a list',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is required';
      return `must be ${EXPECTED_NAMES[issue.expected] ?? issue.expected}, found ${describeValue(value)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}, found ${describeValue(value)}`;
    default:
      return issue.message;
  }
}

// ---------------------------------------------------------------------------------------------
// Cross-file checks

interface Keyed<T> {
  file: string;
  value?: T; // undefined when the file itself is invalid (its problems are already reported)
}

/** Keys of one section, from file names, so a reference to an invalid file is not reported twice. */
type Registry<T> = Map<string, Keyed<T>>;

/** `targets` keeps the file's indexes; undefined marks an item whose own problems are reported. */
function checkTargets(problems: Problems, file: string, targets: (MetricTargetDefinition | undefined)[]): void {
  const seen = new Set<MetricCode>();
  targets.forEach((target, i) => {
    if (!target) return;
    const field = `targets.${i}`;
    const rule = METRIC_RULES[target.code];
    if (seen.has(target.code)) problems.add(file, `${field}.code`, `${target.code} is listed more than once`);
    seen.add(target.code);
    if (target.unit !== rule.unit) {
      problems.add(file, `${field}.unit`, `${target.code} is measured in "${rule.unit}", not "${target.unit}"`);
    }
    if (target.threshold < rule.min || target.threshold > rule.max) {
      const range = Number.isFinite(rule.max) ? `between ${rule.min} and ${rule.max}` : `at least ${rule.min}`;
      problems.add(file, `${field}.threshold`, `${target.code} threshold must be ${range}, found ${target.threshold}`);
    } else if (!comparatorFits(target.comparator, rule.lowerIsBetter)) {
      const allowed = rule.lowerIsBetter ? 'LT or LTE' : 'GT or GTE';
      problems.add(file, `${field}.comparator`, `lower is ${rule.lowerIsBetter ? 'better' : 'worse'} for ${target.code}, so the comparator must be ${allowed}`);
    } else if (!satisfiable(target.comparator, target.threshold, rule.min, rule.max)) {
      problems.add(file, `${field}.threshold`, `${target.code} ${target.comparator} ${target.threshold} can never be met`);
    }
  });
  if (targets.includes(undefined)) return; // an unreadable item may be the "missing" one
  for (const code of METRIC_CODES) {
    if (!seen.has(code)) problems.add(file, 'targets', `missing the target for ${code}`);
  }
}

function comparatorFits(comparator: Comparator, lowerIsBetter: boolean): boolean {
  return lowerIsBetter ? comparator === 'LT' || comparator === 'LTE' : comparator === 'GT' || comparator === 'GTE';
}

function satisfiable(comparator: Comparator, threshold: number, min: number, max: number): boolean {
  if (comparator === 'LT') return threshold > min;
  if (comparator === 'GT') return threshold < max;
  return true;
}

function checkTurns(
  problems: Problems,
  file: string,
  field: string,
  turns: readonly { at: number; speaker: string }[],
  mode: 'card' | 'transcript',
): void {
  turns.forEach((t, i) => {
    const where = `${field}.${i}`;
    if (i > 0 && t.at < turns[i - 1].at) {
      problems.add(file, `${where}.at`, `turns must be in time order, but ${t.at} comes after ${turns[i - 1].at}`);
    }
    if (mode === 'card') {
      if (t.speaker === 'AGENT') problems.add(file, `${where}.speaker`, 'a card holds the conversation before the handoff, so no AGENT turns');
      if (t.at >= 0) problems.add(file, `${where}.at`, 'turns before the handoff have negative times (seconds before it)');
    } else {
      if (t.speaker === 'AI' && t.at >= 0) problems.add(file, `${where}.at`, 'AI turns come before the handoff, so their time must be negative');
      if (t.speaker === 'AGENT' && t.at < 0) problems.add(file, `${where}.at`, 'AGENT turns come after the handoff, so their time must be 0 or more');
    }
  });
}

function checkQuiz(problems: Problems, file: string, questions: QuizQuestion[]): void {
  const questionKeys = new Set<string>();
  questions.forEach((question, qi) => {
    const field = `questions.${qi}`;
    if (questionKeys.has(question.key)) problems.add(file, `${field}.key`, `question key "${question.key}" is used twice`);
    questionKeys.add(question.key);
    const optionKeys = new Set<string>();
    question.options.forEach((option, oi) => {
      if (optionKeys.has(option.key)) problems.add(file, `${field}.options.${oi}.key`, `option key "${option.key}" is used twice in this question`);
      optionKeys.add(option.key);
    });
    const correct = question.options.filter((o) => o.correct).length;
    if (question.type === 'SINGLE' && correct !== 1) {
      problems.add(file, `${field}.options`, `a SINGLE question needs exactly one correct option, found ${correct}`);
    }
    if (question.type === 'MULTIPLE' && correct < 1) {
      problems.add(file, `${field}.options`, 'a MULTIPLE question needs at least one correct option');
    }
  });
}

function checkTranscript(problems: Problems, file: string, t: ErrorSpottingTranscript): void {
  checkTurns(problems, file, 'turns', t.turns, 'transcript');
  if (!t.turns.some((turn) => turn.speaker === 'AGENT')) {
    problems.add(file, 'turns', 'a transcript needs at least one AGENT turn to review');
  }
  const seen = new Set<string>();
  t.mistakes.forEach((mistake, i) => {
    const field = `mistakes.${i}.turn`;
    const target = t.turns[mistake.turn];
    if (!target) {
      problems.add(file, field, `there is no turn ${mistake.turn} (turns are numbered 0 to ${t.turns.length - 1})`);
      return;
    }
    if (target.speaker !== 'AGENT') {
      problems.add(file, field, `turn ${mistake.turn} is a ${target.speaker} turn; mistakes are marked on AGENT turns`);
      return;
    }
    const id = `${mistake.turn}:${mistake.code}`;
    if (seen.has(id)) problems.add(file, `mistakes.${i}`, `${mistake.code} is marked on turn ${mistake.turn} twice`);
    seen.add(id);
    if (mistake.code === 'SILENCE') {
      const next = t.turns.slice(mistake.turn + 1).find((turn) => turn.speaker === 'AGENT');
      if (!next || next.at - target.at <= SILENCE_SECONDS) {
        problems.add(file, field, `SILENCE marks the agent turn after which the agent went quiet for more than ${SILENCE_SECONDS} seconds; turn ${mistake.turn} is not followed by such a gap`);
      }
    }
  });
}

/** The model opening should at least name the agent and the customer; the grader checks the rest. */
function checkScenario(problems: Problems, file: string, scenario: OpeningScenario, card: EscalationCard): void {
  const words = new Set(scenario.exampleOpening.toLowerCase().match(/[\p{L}\p{N}'-]+/gu) ?? []);
  if (!words.has(scenario.agentName.toLowerCase())) {
    problems.add(file, 'exampleOpening', `the example opening should introduce the agent by name ("${scenario.agentName}")`);
  }
  const nameParts = card.customerName.toLowerCase().split(/\s+/);
  if (!nameParts.some((part) => words.has(part))) {
    problems.add(file, 'exampleOpening', `the example opening should address the customer by name ("${card.customerName}")`);
  }
}

// ---------------------------------------------------------------------------------------------
// The loader

const LAYOUT_HINT =
  'unexpected file: the layout is program.yaml, weeks/*.yaml, lessons/*.md, and *.yaml files in cards/, scenarios/, error-spotting/, role-play/ and quizzes/';

interface Layout {
  program?: SourceFile;
  weeks: SourceFile[];
  /** By path, e.g. "lessons/why-handoffs-matter.md". */
  lessons: Map<string, SourceFile>;
  keyed: Map<Section, SourceFile[]>;
}

type Quiz = z.infer<typeof quizFile>;

interface Material {
  cards: Registry<EscalationCard>;
  scenarios: Registry<OpeningScenario>;
  transcripts: Registry<ErrorSpottingTranscript>;
  briefs: Registry<RolePlayBrief>;
  quizzes: Registry<Quiz>;
}

type ProgramHeader = Omit<z.infer<typeof programFile>, 'targets' | 'scorecard'> & {
  targets: MetricTargetDefinition[];
  scorecard: ScorecardItem[];
};

interface HandoffActivity {
  kind: ActivityKind;
  file: string;
  field: string;
  minimumCount?: number;
}

interface Weeks {
  byNumber: Map<number, WeekDefinition>;
  /** False when a week file could not be read, so what it would have defined is unknown. */
  complete: boolean;
  handoffActivities: HandoffActivity[];
}

export async function loadCurriculum(dir: string): Promise<LoadedProgram> {
  const root = path.resolve(dir);
  const files = await readContentFiles(root);
  const contentHash = hashFiles(files);

  const problems = new Problems();
  const layout = sortIntoLayout(files, problems);
  const material = loadMaterial(layout, problems);
  const program = loadProgram(layout.program, problems);
  const weeks = loadWeeks(layout, material, problems);
  checkHandoffActivities(weeks, program, problems);

  if (problems.list.length > 0) throw new CurriculumError(sortProblems(problems.list));
  if (!program) throw new CurriculumError([{ file: 'program.yaml', field: '', reason: 'could not be read' }]);

  const definition: ProgramDefinition = {
    ...program,
    targets: METRIC_CODES.map((code) => program.targets.find((t) => t.code === code)!),
    weeks: WEEK_NUMBERS.map((n) => weeks.byNumber.get(n)!),
    cards: values(material.cards),
    openingScenarios: values(material.scenarios),
    errorSpotting: values(material.transcripts),
    rolePlayBriefs: values(material.briefs),
  };
  return { definition, contentHash, version: contentHash.slice(0, 12) };
}

/** Every content file, sorted by path; README.md files are documentation and left out. */
async function readContentFiles(root: string): Promise<SourceFile[]> {
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) {
    throw new CurriculumError([{ file: '', field: '', reason: `no curriculum directory at ${root}` }]);
  }
  const files: SourceFile[] = [];
  const tooLarge: CurriculumProblem[] = [];
  for (const rel of (await listFiles(root)).sort(byPath)) {
    if (path.posix.basename(rel) === 'README.md') continue;
    const full = path.join(root, ...rel.split('/'));
    const { size } = await stat(full);
    if (size > MAX_FILE_BYTES) {
      tooLarge.push({ file: rel, field: '', reason: `the file is ${(size / 1024).toFixed(0)} KB; a curriculum file can be at most ${MAX_FILE_BYTES / 1024} KB` });
      continue;
    }
    const raw = await readFile(full, 'utf8');
    files.push({ path: rel, text: normalise(raw) });
  }
  if (tooLarge.length) throw new CurriculumError(tooLarge);
  return files;
}

function sortIntoLayout(files: SourceFile[], problems: Problems): Layout {
  const layout: Layout = { weeks: [], lessons: new Map(), keyed: new Map(KEYED_SECTIONS.map((s) => [s, []])) };
  for (const file of files) {
    const parts = file.path.split('/');
    const section = parts[0] as Section;
    const isYaml = YAML_EXT.test(file.path);
    if (parts.length === 1 && isYaml && file.path.startsWith('program.')) {
      if (layout.program) problems.add(file.path, '', `only one program file is allowed (already read ${layout.program.path})`);
      else layout.program = file;
    } else if (parts.length === 2 && section === ('weeks' as string) && isYaml) {
      layout.weeks.push(file);
    } else if (parts.length === 2 && section === ('lessons' as string) && file.path.endsWith('.md')) {
      layout.lessons.set(file.path, file);
    } else if (parts.length === 2 && layout.keyed.has(section) && isYaml) {
      layout.keyed.get(section)!.push(file);
    } else {
      problems.add(file.path, '', LAYOUT_HINT);
    }
  }
  return layout;
}

/** Parses and validates each keyed file on its own; the registry holds every key that has a file. */
function loadSection<T extends { key: string }>(
  files: SourceFile[],
  schema: z.ZodType<T>,
  problems: Problems,
): Registry<T> {
  const registry: Registry<T> = new Map();
  for (const file of files) {
    const stem = path.posix.basename(file.path).replace(YAML_EXT, '');
    const previous = registry.get(stem);
    if (previous) {
      problems.add(file.path, 'key', `"${stem}" is already defined by ${previous.file}`);
      continue;
    }
    const entry: Keyed<T> = { file: file.path };
    registry.set(stem, entry);
    const data = problems.parseYaml(file);
    const value = data === undefined ? undefined : problems.validate(file.path, schema, data);
    if (value && value.key !== stem) {
      problems.add(file.path, 'key', `must match the file name: expected "${stem}", found "${value.key}"`);
    } else {
      entry.value = value;
    }
  }
  return registry;
}

function loadMaterial(layout: Layout, problems: Problems): Material {
  const section = <T extends { key: string }>(name: Section, schema: z.ZodType<T>) =>
    loadSection(layout.keyed.get(name)!, schema, problems);
  const material: Material = {
    cards: section<EscalationCard>('cards', cardFile),
    scenarios: section<OpeningScenario>('scenarios', scenarioFile),
    transcripts: section<ErrorSpottingTranscript>('error-spotting', transcriptFile),
    briefs: section<RolePlayBrief>('role-play', briefFile),
    quizzes: section<Quiz>('quizzes', quizFile),
  };
  const { cards } = material;

  for (const { file, value } of cards.values()) {
    if (!value) continue;
    checkTurns(problems, file, 'transcript', value.transcript, 'card');
    const labels = new Set<string>();
    value.knownFacts.forEach((fact, i) => {
      const label = fact.label.toLowerCase();
      if (labels.has(label)) problems.add(file, `knownFacts.${i}.label`, `"${fact.label}" is listed twice`);
      labels.add(label);
    });
  }
  for (const { file, value } of material.scenarios.values()) {
    if (!value || !problems.ensureRef(cards, 'card', value.cardKey, file, 'cardKey')) continue;
    const card = cards.get(value.cardKey)?.value;
    if (card) checkScenario(problems, file, value, card);
  }
  for (const { file, value } of material.transcripts.values()) {
    if (!value) continue;
    problems.ensureRef(cards, 'card', value.cardKey, file, 'cardKey');
    checkTranscript(problems, file, value);
  }
  for (const { file, value } of material.briefs.values()) {
    if (value) problems.ensureRef(cards, 'card', value.cardKey, file, 'cardKey');
  }
  for (const { file, value } of material.quizzes.values()) {
    if (value) checkQuiz(problems, file, value.questions);
  }
  return material;
}

function loadProgram(source: SourceFile | undefined, problems: Problems): ProgramHeader | undefined {
  if (!source) {
    problems.add('program.yaml', '', 'the file is missing');
    return undefined;
  }
  const data = problems.parseYaml(source);
  const program = data === undefined ? undefined : problems.validate(source.path, programFile, data);
  const rawTargets = valueAt(data, ['targets']);
  if (!Array.isArray(rawTargets)) return undefined;

  const targets = rawTargets.map((item, i) => problems.validate(source.path, targetFile, item, ['targets', i]));
  checkTargets(problems, source.path, targets);
  const scorecard = loadScorecard(source.path, valueAt(data, ['scorecard']), problems);
  return program && { ...program, targets: targets.filter((t) => t !== undefined), scorecard };
}

/** The optional `scorecard` list; DEFAULT_SCORECARD's items when the file has none. */
function loadScorecard(file: string, raw: unknown, problems: Problems): ScorecardItem[] {
  if (raw === undefined || !Array.isArray(raw)) return DEFAULT_SCORECARD.map((item) => ({ ...item }));
  const list = raw.map((item, i) => problems.validate(file, scorecardItemFile, item, ['scorecard', i]));
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (!item) return;
    if (seen.has(item.key)) problems.add(file, `scorecard.${i}.key`, `"${item.key}" is already used by another question`);
    seen.add(item.key);
  });
  return list.filter((item) => item !== undefined);
}

function loadWeeks(layout: Layout, material: Material, problems: Problems): Weeks {
  const weeks: Weeks = { byNumber: new Map(), complete: true, handoffActivities: [] };
  const weekFiles = new Map<number, string>();
  const activityFiles = new Map<string, string>();

  for (const source of layout.weeks) {
    const file = source.path;
    const data = problems.parseYaml(source);
    const week = data === undefined ? undefined : problems.validate(file, weekFile, data);
    if (!week) {
      weeks.complete = false;
      continue;
    }

    let numberOk = true;
    if (!WEEK_NUMBERS.includes(week.number as 1 | 2 | 3)) {
      problems.add(file, 'number', `must be 1, 2 or 3, found ${week.number}`);
      numberOk = false;
    } else if (weekFiles.has(week.number)) {
      problems.add(file, 'number', `week ${week.number} is already defined by ${weekFiles.get(week.number)}`);
      numberOk = false;
    }

    const activities: ActivityDefinition[] = [];
    week.activities.forEach((item, i) => {
      const field = `activities.${i}`;
      const activity = problems.validate(file, activityFile, item, ['activities', i]);
      if (!activity) return;

      const previous = activityFiles.get(activity.key);
      if (previous) problems.add(file, `${field}.key`, `activity key "${activity.key}" is already used in ${previous}`);
      else activityFiles.set(activity.key, `${file} (${field})`);

      const mustSignOff = SIGN_OFF_KINDS.has(activity.kind);
      if (activity.requiresSignOff !== mustSignOff) {
        problems.add(
          file,
          `${field}.requiresSignOff`,
          mustSignOff
            ? `${activity.kind} activities are completed by a supervisor's sign-off, so this must be true`
            : `${activity.kind} activities complete on a passing attempt, so this must be false`,
        );
      }
      if (activity.kind === 'SUPERVISED_HANDOFFS' || activity.kind === 'SOLO_HANDOFFS') {
        weeks.handoffActivities.push({ kind: activity.kind, file, field, minimumCount: activity.config.minimumCount });
      }

      const { config, ...rest } = activity;
      activities.push({ ...rest, config: resolveConfig(activity.kind, config, `${field}.config`, file, layout, material, problems) });
    });

    if (numberOk) {
      weekFiles.set(week.number, file);
      weeks.byNumber.set(week.number, { number: week.number as 1 | 2 | 3, title: week.title, summary: week.summary, activities });
    }
  }

  if (weeks.complete) {
    for (const n of WEEK_NUMBERS) {
      if (!weekFiles.has(n)) problems.add('weeks', '', `no file defines week ${n} (a program has weeks 1, 2 and 3)`);
    }
  }
  return weeks;
}

/** Checks which fields the kind uses, resolves lesson and quiz files, and checks every key listed. */
function resolveConfig(
  kind: ActivityKind,
  config: ActivityConfigFile,
  field: string,
  file: string,
  layout: Layout,
  material: Material,
  problems: Problems,
): ActivityConfig {
  const { required, optional } = KIND_FIELDS[kind];
  const used = (name: ConfigField) => required.includes(name) || optional.includes(name);
  for (const name of Object.keys(config) as ConfigField[]) {
    if (config[name] !== undefined && !used(name)) problems.add(file, `${field}.${name}`, `is not used by ${kind} activities`);
  }
  for (const name of required) {
    if (config[name] === undefined) problems.add(file, `${field}.${name}`, `is required for ${kind} activities`);
  }

  const out: ActivityConfig = {};
  if (config.bodyFile !== undefined && used('bodyFile')) {
    const lesson = layout.lessons.get(config.bodyFile);
    if (!lesson) problems.add(file, `${field}.bodyFile`, `no lesson file "${config.bodyFile}" (expected a path like lessons/name.md)`);
    else if (lesson.text.trim() === '') problems.add(lesson.path, '', 'the lesson is empty');
    else if (!checkLessonHtml(lesson, problems)) out.body = lesson.text;
  }
  if (config.quiz !== undefined && used('quiz')) {
    const quiz = problems.ensureRef(material.quizzes, 'quiz', config.quiz, file, `${field}.quiz`)
      ? material.quizzes.get(config.quiz)?.value
      : undefined;
    if (quiz) {
      out.questions = quiz.questions;
      out.passMark = config.passMark ?? quiz.passMark;
    }
  }
  if (config.timeLimitSeconds !== undefined && used('timeLimitSeconds')) out.timeLimitSeconds = config.timeLimitSeconds;

  const lists = [
    ['cardKeys', material.cards, 'card'],
    ['scenarioKeys', material.scenarios, 'opening scenario'],
    ['transcriptKeys', material.transcripts, 'error-spotting transcript'],
    ['briefKeys', material.briefs, 'role-play brief'],
  ] as const;
  for (const [name, registry, what] of lists) {
    const keys = config[name];
    if (keys === undefined || !used(name)) continue;
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) problems.add(file, `${field}.${name}.${i}`, `"${k}" is listed twice`);
      else problems.ensureRef(registry as Registry<unknown>, what, k, file, `${field}.${name}.${i}`);
    });
    out[name] = [...new Set(keys)];
  }

  if (kind === 'ROLE_PLAY' && out.briefKeys) {
    // A role-play draws on its briefs' cards; listing cardKeys explicitly may add more, not fewer.
    const briefCards = [...new Set(out.briefKeys.map((k) => material.briefs.get(k)?.value?.cardKey))].filter(
      (k): k is string => k !== undefined,
    );
    if (!out.cardKeys) out.cardKeys = briefCards;
    for (const cardKey of briefCards.filter((k) => !out.cardKeys!.includes(k))) {
      problems.add(file, `${field}.cardKeys`, `must include "${cardKey}", the card of one of this activity's briefs`);
    }
  }
  if (config.minimumCount !== undefined && used('minimumCount')) out.minimumCount = config.minimumCount;
  if (config.instructions !== undefined) out.instructions = config.instructions;
  return out;
}

/** Reports raw HTML that would run or embed something, by line; true when there is some. */
function checkLessonHtml(lesson: SourceFile, problems: Problems): boolean {
  let found = false;
  lesson.text.split('\n').forEach((line, i) => {
    const m = UNSAFE_HTML.exec(line);
    if (!m) return;
    found = true;
    problems.add(lesson.path, `line ${i + 1}`, `raw HTML "${m[0].trim()}" is not allowed in a lesson: write Markdown (links as [text](https://…))`);
  });
  return found;
}

/** Certification is computed from handoff reviews per mode, so these activities carry program rules. */
function checkHandoffActivities(weeks: Weeks, program: ProgramHeader | undefined, problems: Problems): void {
  const solo = weeks.handoffActivities.filter((a) => a.kind === 'SOLO_HANDOFFS');
  const supervised = weeks.handoffActivities.filter((a) => a.kind === 'SUPERVISED_HANDOFFS');
  if (solo.length === 0 && weeks.complete) {
    problems.add('weeks', '', 'the program needs a SOLO_HANDOFFS activity: certification is computed from solo handoffs');
  }
  for (const extra of [...solo.slice(1), ...supervised.slice(1)]) {
    problems.add(extra.file, `${extra.field}.kind`, `only one ${extra.kind} activity is allowed: handoff reviews are counted per mode, not per activity`);
  }
  const count = solo[0]?.minimumCount;
  if (program && count !== undefined && count < program.minSoloHandoffs) {
    problems.add(
      solo[0].file,
      `${solo[0].field}.config.minimumCount`,
      `must be at least minSoloHandoffs (${program.minSoloHandoffs} in program.yaml), or trainees finish the activity without enough handoffs to certify`,
    );
  }
}

function values<T>(registry: Registry<T>): T[] {
  return [...registry.values()].map((entry) => entry.value!);
}

/** Grouped by file (in path order), in the order found within a file. */
function sortProblems(list: CurriculumProblem[]): CurriculumProblem[] {
  return list
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => byPath(a.problem.file, b.problem.file) || a.index - b.index)
    .map(({ problem }) => problem);
}
