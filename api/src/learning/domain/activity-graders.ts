// Pure graders for attempts at each activity kind: no Nest, no TypeORM, no I/O. prepareAttempt draws
// and shuffles what the trainee works on (deterministic for a given seed) and splits it into a
// `prompt` (sent to the trainee, never containing answers) and a `secret` (kept on the server with
// everything needed to grade, so grading does not depend on the program changing later).
// gradeAttempt checks the answers against the secret.
//
// ANSWER FORMATS — every answer is a { questionKey, value } pair of strings, as posted by the web UI.
// Keys are case-sensitive; values are trimmed. Unknown or duplicate keys and bad values throw
// AnswerError (nothing else is ever thrown for malformed input).
//
//   LESSON, QUIZ      questionKey = the question's `key` (prompt.questions[i].key)
//                     value       = an option `key` (prompt.questions[i].options[j].key); for a
//                                   MULTIPLE question the chosen option keys joined by commas, any
//                                   order ("b,d"). An empty value or a missing answer counts as wrong.
//                     A LESSON without check-questions passes when submitted with no answers.
//   SPEED_READING     questionKey = "customer" | "issue" | "tier" | "sentiment" | "aiTried"
//                     value       = the chosen option key, "a" | "b" | "c" | "d" (letters follow the
//                                   shuffled display order). Missing = wrong.
//   FIRST_MESSAGE     questionKey = "message"; value = the opening message (1..2000 characters).
//   ERROR_SPOTTING    questionKey = "turn:<index>", index = prompt.turns[i].index (0-based, an AGENT
//                                   turn); value = a mistake code from prompt.mistakeTypes[].code
//                                   (GENERIC_OPENER, AI_BLAME, KNOWN_INFO_REQUEST, OVER_APOLOGY, SILENCE,
//                                   NO_CONFIRMATION). Repeat the key to flag several mistakes in one
//                                   turn ("turn:4"="AI_BLAME" and "turn:4"="OVER_APOLOGY"); the same
//                                   (turn, code) pair twice is an error. No answers = nothing flagged.
//   SHADOWING, ROLE_PLAY: no attempts (observations are logged one by one; role-play is a live session).
//   SUPERVISED_HANDOFFS, SOLO_HANDOFFS: no attempts (recorded by the supervisor as handoff reviews).

import {
  MISTAKE_CODES,
  type ActivityDefinition,
  type EscalationCard,
  type KnownFact,
  type MistakeCode,
  type ProgramDefinition,
  type QuizQuestion,
  type RolePlayBrief,
  type TranscriptTurn,
} from '../../curriculum/domain/program-definition.js';
import { analyzeOpening } from '../../grading/domain/opening-grader.js';

export interface AttemptAnswer {
  questionKey: string;
  value: string;
}

export interface PreparedAttempt {
  /** JSON-safe: sent to the trainee; never contains answers. */
  prompt: Record<string, unknown>;
  /** JSON-safe: kept on the server to grade (answer key, order…). */
  secret: Record<string, unknown>;
}

export interface GradeResult {
  /** 0..100 */
  score: number;
  passed: boolean;
  /** Lines a trainee can act on. */
  feedback: string[];
  /** JSON-safe detail shown after submission (explanations, answer key). */
  review?: Record<string, unknown>;
}

/** Malformed answers (or an attempt that cannot be graded); the message is meant for the trainee. */
export class AnswerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AnswerError';
  }
}

// ---------------------------------------------------------------------------------------------
// Limits and defaults

export const DEFAULT_QUIZ_PASS_MARK = 0.8;
export const DEFAULT_LESSON_PASS_MARK = 1;
export const DEFAULT_SPEED_READING_SECONDS = 30;
export const OPENING_MAX_CHARS = 2000;
const MAX_ANSWERS = 500;
const MAX_VALUE_CHARS = 100_000;

const RECORDED_BY_SUPERVISOR = 'These are recorded by your supervisor from real handoffs.';
// Shadowing happens over days and role-play is a live conversation: neither is one submitted form.
const SHADOWING_IS_LOGGED = 'Shadowing is logged one watched handoff at a time (logShadowingObservation), not as an attempt.';
const ROLE_PLAY_IS_LIVE = 'Role-play runs as a live session with a partner (startRolePlay), not as an attempt.';
const STALE_ATTEMPT = 'This attempt cannot be graded any more (its material is incomplete); start the activity again.';

export const SPEED_READING_FIELDS = ['customer', 'issue', 'tier', 'sentiment', 'aiTried'] as const;
export type SpeedReadingField = (typeof SPEED_READING_FIELDS)[number];

const SPEED_READING_QUESTIONS: Record<SpeedReadingField, { label: string; prompt: string }> = {
  customer: { label: 'Customer', prompt: 'Who is the customer?' },
  issue: { label: 'Issue', prompt: 'Why was the conversation escalated?' },
  tier: { label: 'Tier', prompt: 'Which plan or tier is the account on?' },
  sentiment: { label: 'Sentiment', prompt: 'How does the customer feel?' },
  aiTried: { label: 'What the AI tried', prompt: 'What has the AI assistant already tried?' },
};

/** Used only when the program has too few other cards to draw three different distractors from. */
const FALLBACK_DISTRACTORS: Record<SpeedReadingField, string[]> = {
  customer: ['Alex Morgan', 'Priya Shah', 'Tomás Ruiz', 'Mei Chen', 'Jonas Berg', 'Amara Okafor'],
  issue: [
    'Charged twice for one order',
    'Cannot sign in after a password reset',
    'Parcel arrived damaged',
    'Wants to cancel the subscription',
    'Invoice shows the wrong company name',
  ],
  tier: ['Free plan', 'Basic plan', 'Pro plan', 'Business plan', 'Enterprise plan'],
  sentiment: [], // filled from every sentiment label below
  aiTried: [
    'Sent the password-reset link',
    'Shared the returns policy',
    'Offered a discount code',
    'Checked the delivery status',
    'Linked the billing FAQ',
  ],
};

const SENTIMENT_LABEL: Record<EscalationCard['sentiment'], string> = {
  ANGRY: 'Angry',
  FRUSTRATED: 'Frustrated',
  NEUTRAL: 'Neutral',
  POSITIVE: 'Positive',
  ANXIOUS: 'Anxious',
  CONFUSED: 'Confused',
};
FALLBACK_DISTRACTORS.sentiment = Object.values(SENTIMENT_LABEL);

export const MISTAKE_LABEL: Record<MistakeCode, string> = {
  GENERIC_OPENER: 'Generic opener (“How can I help?”) instead of naming the issue',
  AI_BLAME: 'Blaming or apologising for the AI assistant',
  KNOWN_INFO_REQUEST: 'Asking for something the AI already collected',
  OVER_APOLOGY: 'Piling up apologies instead of acting',
  SILENCE: 'Going silent while researching, with no time estimate',
  NO_CONFIRMATION: 'Closing without confirming the problem is solved',
};

// ---------------------------------------------------------------------------------------------
// Public API

/** Draws and shuffles the material of one attempt. Deterministic for a given (activity, program, seed). */
export function prepareAttempt(activity: ActivityDefinition, program: ProgramDefinition, seed: string): PreparedAttempt {
  return guard(() => {
    const rng = seededRandom(String(seed));
    switch (activity.kind) {
      case 'LESSON':
      case 'QUIZ':
        return prepareQuiz(activity, rng);
      case 'SPEED_READING':
        return prepareSpeedReading(activity, program, rng);
      case 'FIRST_MESSAGE':
        return prepareFirstMessage(activity, program, rng);
      case 'ERROR_SPOTTING':
        return prepareErrorSpotting(activity, program, rng);
      case 'SHADOWING':
        throw new AnswerError(SHADOWING_IS_LOGGED);
      case 'ROLE_PLAY':
        throw new AnswerError(ROLE_PLAY_IS_LIVE);
      case 'SUPERVISED_HANDOFFS':
      case 'SOLO_HANDOFFS':
        throw new AnswerError(RECORDED_BY_SUPERVISOR);
      default:
        throw new AnswerError(`Activities of kind "${String((activity as { kind: unknown }).kind)}" cannot be attempted.`);
    }
  });
}

/** Grades the answers to a prepared attempt. `elapsedSeconds` is measured by the server. */
export function gradeAttempt(
  activity: ActivityDefinition,
  program: ProgramDefinition,
  prepared: PreparedAttempt,
  answers: AttemptAnswer[],
  elapsedSeconds: number,
): GradeResult {
  void program; // the secret carries everything needed; kept for a stable signature
  return guard(() => {
    if (activity.kind === 'SUPERVISED_HANDOFFS' || activity.kind === 'SOLO_HANDOFFS') {
      throw new AnswerError(RECORDED_BY_SUPERVISOR);
    }
    const secret = asRecord(prepared?.secret);
    if (secret.kind !== activity.kind) {
      throw new AnswerError('This attempt was started for a different activity; start this activity again.');
    }
    const list = readAnswers(answers);
    switch (activity.kind) {
      case 'LESSON':
      case 'QUIZ':
        return gradeQuiz(secret, list);
      case 'SPEED_READING':
        return gradeSpeedReading(secret, list, elapsedSeconds);
      case 'FIRST_MESSAGE':
        return gradeFirstMessage(secret, list);
      case 'ERROR_SPOTTING':
        return gradeErrorSpotting(secret, list);
      case 'SHADOWING':
        throw new AnswerError(SHADOWING_IS_LOGGED);
      case 'ROLE_PLAY':
        throw new AnswerError(ROLE_PLAY_IS_LIVE);
      default:
        throw new AnswerError(`Activities of kind "${String((activity as { kind: unknown }).kind)}" cannot be graded.`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// LESSON and QUIZ

interface StoredQuestion {
  key: string;
  prompt: string;
  type: 'SINGLE' | 'MULTIPLE';
  /** In display order, with correctness and explanations. */
  options: { key: string; text: string; correct: boolean; explanation: string }[];
}

function prepareQuiz(activity: ActivityDefinition, rng: Rng): PreparedAttempt {
  const questions: QuizQuestion[] = activity.config.questions ?? [];
  if (activity.kind === 'QUIZ' && questions.length === 0) {
    throw new AnswerError('This quiz has no questions yet; tell your programme administrator.');
  }
  const passMark = passMarkOf(activity);
  const ordered: StoredQuestion[] = shuffle(questions, rng).map((q) => ({
    key: q.key,
    prompt: q.prompt,
    type: q.type,
    options: shuffle(q.options, rng).map((o) => ({
      key: o.key,
      text: o.text,
      correct: o.correct === true,
      explanation: o.explanation,
    })),
  }));
  const prompt: Record<string, unknown> = {
    kind: activity.kind,
    passMark,
    questions: ordered.map((q) => ({
      key: q.key,
      prompt: q.prompt,
      type: q.type,
      options: q.options.map((o) => ({ key: o.key, text: o.text })),
    })),
  };
  if (activity.kind === 'LESSON' && activity.config.body !== undefined) prompt.body = activity.config.body;
  withInstructions(prompt, activity);
  return { prompt, secret: { kind: activity.kind, passMark, questions: ordered } };
}

function passMarkOf(activity: ActivityDefinition): number {
  const configured = activity.config.passMark;
  if (typeof configured === 'number' && Number.isFinite(configured) && configured > 0 && configured <= 1) return configured;
  return activity.kind === 'LESSON' ? DEFAULT_LESSON_PASS_MARK : DEFAULT_QUIZ_PASS_MARK;
}

function gradeQuiz(secret: Record<string, unknown>, answers: AttemptAnswer[]): GradeResult {
  const passMark = asNumber(secret.passMark);
  const questions = asArray(secret.questions).map(readStoredQuestion);
  const byKey = new Map(questions.map((q, i) => [q.key, { q, number: i + 1 }]));

  const chosen = new Map<string, string[]>();
  for (const answer of answers) {
    const found = byKey.get(answer.questionKey);
    if (!found) throw new AnswerError(unknownKeyMessage(answer.questionKey, questions.map((q) => q.key)));
    if (chosen.has(answer.questionKey)) {
      throw new AnswerError(`Question ${found.number} is answered twice; send one answer per question.`);
    }
    chosen.set(answer.questionKey, parseOptionChoice(found.q, found.number, answer.value));
  }

  if (questions.length === 0) {
    return {
      score: 100,
      passed: true,
      feedback: ['Lesson read — there are no check-questions to answer.'],
      review: { passMark, right: 0, total: 0, questions: [] },
    };
  }

  let right = 0;
  const lines: string[] = [];
  const reviewQuestions = questions.map((q, i) => {
    const picked = chosen.get(q.key) ?? [];
    const correctKeys = q.options.filter((o) => o.correct).map((o) => o.key);
    const isRight = picked.length > 0 && sameSet(picked, correctKeys);
    if (isRight) right++;
    const label = `Question ${i + 1} (“${q.prompt}”)`;
    if (isRight) lines.push(`✓ ${label}: right.`);
    else if (picked.length === 0) lines.push(`✗ ${label}: not answered.`);
    else if (q.type === 'MULTIPLE' && picked.some((k) => correctKeys.includes(k))) {
      lines.push(`✗ ${label}: partly right — select every correct option and nothing else; the review explains each option.`);
    } else lines.push(`✗ ${label}: not right — the review explains each option.`);
    return {
      key: q.key,
      prompt: q.prompt,
      type: q.type,
      chosenKeys: picked,
      correctKeys,
      correct: isRight,
      options: q.options.map((o) => ({ ...o, chosen: picked.includes(o.key) })),
    };
  });

  const share = right / questions.length;
  const passed = share + 1e-9 >= passMark;
  const summary =
    `${right} of ${questions.length} right (${formatPercent(share)}); ${formatPercent(passMark)} needed — ` +
    (passed ? 'passed.' : 'not passed yet: read the explanations and try again.');
  return {
    score: round2(share * 100),
    passed,
    feedback: [summary, ...lines],
    review: { passMark, right, total: questions.length, questions: reviewQuestions },
  };
}

function readStoredQuestion(raw: unknown): StoredQuestion {
  const q = asRecord(raw);
  const type = q.type === 'MULTIPLE' ? 'MULTIPLE' : 'SINGLE';
  return {
    key: asString(q.key),
    prompt: asString(q.prompt),
    type,
    options: asArray(q.options).map((rawOption) => {
      const o = asRecord(rawOption);
      return { key: asString(o.key), text: asString(o.text), correct: o.correct === true, explanation: asString(o.explanation) };
    }),
  };
}

function parseOptionChoice(q: StoredQuestion, number: number, value: string): string[] {
  const keys = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (keys.length === 0) return []; // left empty: counts as not answered
  const known = new Set(q.options.map((o) => o.key));
  const seen = new Set<string>();
  for (const k of keys) {
    if (!known.has(k)) {
      throw new AnswerError(`Question ${number} has no option "${clip(k)}"; choose one of: ${[...known].join(', ')}.`);
    }
    if (seen.has(k)) throw new AnswerError(`Question ${number} lists option "${k}" twice; list each option once.`);
    seen.add(k);
  }
  if (q.type === 'SINGLE' && keys.length > 1) {
    throw new AnswerError(`Question ${number} takes a single answer; choose one option.`);
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------
// SPEED_READING

const OPTION_LETTERS = ['a', 'b', 'c', 'd'] as const;

interface StoredChoiceQuestion {
  key: SpeedReadingField;
  label: string;
  prompt: string;
  options: { key: string; text: string }[];
  correctKey: string;
}

function prepareSpeedReading(activity: ActivityDefinition, program: ProgramDefinition, rng: Rng): PreparedAttempt {
  const pool = pickCards(program, activity.config.cardKeys);
  const card = pick(pool, rng, 'This drill has no escalation cards yet; tell your programme administrator.');
  const others = program.cards.filter((c) => c.key !== card.key);
  const timeLimitSeconds = positiveOr(activity.config.timeLimitSeconds, DEFAULT_SPEED_READING_SECONDS);

  const questions: StoredChoiceQuestion[] = SPEED_READING_FIELDS.map((field) => {
    const correct = speedReadingValue(card, field);
    const distractors = drawDistractors(
      correct,
      others.map((c) => speedReadingValue(c, field)),
      FALLBACK_DISTRACTORS[field],
      rng,
    );
    const texts = shuffle([correct, ...distractors], rng);
    const options = texts.map((text, i) => ({ key: OPTION_LETTERS[i], text }));
    return {
      key: field,
      label: SPEED_READING_QUESTIONS[field].label,
      prompt: SPEED_READING_QUESTIONS[field].prompt,
      options,
      correctKey: options[texts.indexOf(correct)].key,
    };
  });

  const prompt: Record<string, unknown> = {
    kind: activity.kind,
    timeLimitSeconds,
    card: agentCard(card),
    questions: questions.map((q) => ({ key: q.key, prompt: q.prompt, options: q.options })),
  };
  withInstructions(prompt, activity);
  return { prompt, secret: { kind: activity.kind, cardKey: card.key, timeLimitSeconds, questions } };
}

function speedReadingValue(card: EscalationCard, field: SpeedReadingField): string {
  switch (field) {
    case 'customer':
      return card.customerName;
    case 'issue':
      return card.escalationReason;
    case 'tier':
      return card.tier;
    case 'sentiment':
      return SENTIMENT_LABEL[card.sentiment] ?? String(card.sentiment);
    case 'aiTried':
      return card.aiTried;
  }
}

/** Three values different from `correct` (and from each other): other cards' first, then the fallback list. */
function drawDistractors(correct: string, fromCards: string[], fallback: string[], rng: Rng): string[] {
  const taken = new Set([normalise(correct)]);
  const chosen: string[] = [];
  for (const source of [fromCards, fallback]) {
    for (const value of shuffle(uniqueBy(source, normalise), rng)) {
      if (chosen.length === 3) return chosen;
      if (taken.has(normalise(value))) continue;
      taken.add(normalise(value));
      chosen.push(value);
    }
  }
  return chosen;
}

function gradeSpeedReading(secret: Record<string, unknown>, answers: AttemptAnswer[], elapsedSeconds: number): GradeResult {
  const timeLimitSeconds = asNumber(secret.timeLimitSeconds);
  const questions = asArray(secret.questions).map(readChoiceQuestion);
  if (typeof elapsedSeconds !== 'number' || !Number.isFinite(elapsedSeconds) || elapsedSeconds < 0) {
    throw new AnswerError('The time of this drill could not be measured; start it again.');
  }
  const byKey = new Map(questions.map((q) => [q.key as string, q]));
  const chosen = new Map<string, string>();
  for (const answer of answers) {
    const q = byKey.get(answer.questionKey);
    if (!q) throw new AnswerError(unknownKeyMessage(answer.questionKey, questions.map((x) => x.key)));
    if (chosen.has(q.key)) throw new AnswerError(`“${q.label}” is answered twice; send one answer per question.`);
    const value = answer.value.trim();
    if (value !== '' && !q.options.some((o) => o.key === value)) {
      throw new AnswerError(`“${q.label}” has no option "${clip(value)}"; choose one of: ${q.options.map((o) => o.key).join(', ')}.`);
    }
    chosen.set(q.key, value);
  }

  const inTime = elapsedSeconds <= timeLimitSeconds;
  let right = 0;
  const wrongLines: string[] = [];
  const reviewQuestions = questions.map((q) => {
    const picked = chosen.get(q.key) ?? '';
    const isRight = picked === q.correctKey;
    const correctText = q.options.find((o) => o.key === q.correctKey)?.text ?? '';
    const pickedText = q.options.find((o) => o.key === picked)?.text ?? null;
    if (isRight) right++;
    else if (pickedText === null) wrongLines.push(`✗ ${q.label}: not answered — the card says “${correctText}”.`);
    else wrongLines.push(`✗ ${q.label}: you chose “${pickedText}”, the card says “${correctText}”.`);
    return { key: q.key, label: q.label, prompt: q.prompt, options: q.options, correctKey: q.correctKey, chosenKey: picked || null, correct: isRight };
  });
  const total = questions.length;
  const passed = total > 0 && right === total && inTime;

  const feedback = [`Took ${formatSeconds(elapsedSeconds, timeLimitSeconds)} s — target under ${timeLimitSeconds} s`];
  feedback.push(`${right} of ${total} key facts right.`);
  feedback.push(...wrongLines);
  if (!inTime) {
    feedback.push('Too slow: read the summary, the tier and the sentiment first, then answer.');
  }
  if (passed) feedback.push('✓ Every key fact right, within the time.');
  return {
    score: total === 0 ? 0 : round2((right / total) * 100),
    passed,
    feedback,
    review: { cardKey: secret.cardKey ?? null, elapsedSeconds, timeLimitSeconds, inTime, right, total, questions: reviewQuestions },
  };
}

function readChoiceQuestion(raw: unknown): StoredChoiceQuestion {
  const q = asRecord(raw);
  const key = asString(q.key);
  if (!(SPEED_READING_FIELDS as readonly string[]).includes(key)) throw new AnswerError(STALE_ATTEMPT);
  return {
    key: key as SpeedReadingField,
    label: asString(q.label),
    prompt: asString(q.prompt),
    options: asArray(q.options).map((o) => {
      const r = asRecord(o);
      return { key: asString(r.key), text: asString(r.text) };
    }),
    correctKey: asString(q.correctKey),
  };
}

/** One decimal, unless that would hide that the limit was exceeded (30.01 s is shown as 30.01, not 30.0). */
function formatSeconds(seconds: number, limit: number): string {
  const oneDecimal = seconds.toFixed(1);
  if (seconds > limit && Number(oneDecimal) <= limit) return (Math.ceil(seconds * 100) / 100).toFixed(2);
  return oneDecimal;
}

// ---------------------------------------------------------------------------------------------
// FIRST_MESSAGE

interface OpeningContext {
  customerName: string;
  agentName: string | null;
  issueSummary: string;
  knownFacts: KnownFact[];
}

function prepareFirstMessage(activity: ActivityDefinition, program: ProgramDefinition, rng: Rng): PreparedAttempt {
  const wanted = activity.config.scenarioKeys;
  const pool = wanted?.length ? program.openingScenarios.filter((s) => wanted.includes(s.key)) : program.openingScenarios;
  const scenario = pick(pool, rng, 'This drill has no scenarios yet; tell your programme administrator.');
  const card = cardByKey(program, scenario.cardKey);
  const context: OpeningContext = {
    customerName: card.customerName,
    agentName: scenario.agentName,
    issueSummary: card.summary,
    knownFacts: card.knownFacts.map((f) => ({ label: f.label, value: f.value })),
  };
  const prompt: Record<string, unknown> = {
    kind: activity.kind,
    scenario: { prompt: scenario.prompt, situation: scenario.situation, agentName: scenario.agentName },
    card: agentCard(card),
    maxLength: OPENING_MAX_CHARS,
  };
  withInstructions(prompt, activity);
  return {
    prompt,
    secret: {
      kind: activity.kind,
      scenarioKey: scenario.key,
      cardKey: card.key,
      situation: scenario.situation,
      context,
      exampleOpening: scenario.exampleOpening,
    },
  };
}

function gradeFirstMessage(secret: Record<string, unknown>, answers: AttemptAnswer[]): GradeResult {
  const context = readContext(secret.context);
  const values = singleValues(answers, ['message']);
  const message = (values.get('message') ?? '').trim();
  if (message === '') throw new AnswerError('Write your opening message before submitting (answer "message").');
  checkLength('Your opening message', message, OPENING_MAX_CHARS);

  const analysis = analyzeOpening(message, context);
  const checks = analysis.checks.map((c) => ({ code: c.code, passed: c.passed, message: c.message }));
  return {
    score: clampScore(analysis.score),
    passed: checks.length > 0 && checks.every((c) => c.passed),
    feedback: checks.map(checkLine),
    review: {
      situation: secret.situation ?? null,
      exampleOpening: asString(secret.exampleOpening),
      checks,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// ERROR_SPOTTING

interface StoredMistake {
  turn: number;
  code: MistakeCode;
  explanation: string;
}

function prepareErrorSpotting(activity: ActivityDefinition, program: ProgramDefinition, rng: Rng): PreparedAttempt {
  const wanted = activity.config.transcriptKeys;
  const pool = wanted?.length ? program.errorSpotting.filter((t) => wanted.includes(t.key)) : program.errorSpotting;
  const transcript = pick(pool, rng, 'This exercise has no transcripts yet; tell your programme administrator.');
  const card = cardByKey(program, transcript.cardKey);
  const prompt: Record<string, unknown> = {
    kind: activity.kind,
    title: transcript.title,
    card: {
      customerName: card.customerName,
      summary: card.summary,
      knownFacts: card.knownFacts.map((f) => ({ label: f.label, value: f.value })),
    },
    turns: transcript.turns.map((t: TranscriptTurn, index) => ({ index, at: t.at, speaker: t.speaker, text: t.text })),
    // Every code, always in the same order: the menu the trainee picks from, not a hint.
    mistakeTypes: MISTAKE_CODES.map((code) => ({ code, label: MISTAKE_LABEL[code] })),
  };
  withInstructions(prompt, activity);
  const mistakes: StoredMistake[] = transcript.mistakes.map((m) => ({ turn: m.turn, code: m.code, explanation: m.explanation }));
  return {
    prompt,
    secret: {
      kind: activity.kind,
      transcriptKey: transcript.key,
      turnSpeakers: transcript.turns.map((t) => t.speaker),
      mistakes,
    },
  };
}

function gradeErrorSpotting(secret: Record<string, unknown>, answers: AttemptAnswer[]): GradeResult {
  const speakers = asArray(secret.turnSpeakers).map(asString);
  const key: StoredMistake[] = asArray(secret.mistakes).map((raw) => {
    const m = asRecord(raw);
    const code = asString(m.code);
    if (!isMistakeCode(code)) throw new AnswerError(STALE_ATTEMPT);
    return { turn: asNumber(m.turn), code, explanation: asString(m.explanation) };
  });

  const flags: { turn: number; code: MistakeCode }[] = [];
  const seen = new Set<string>();
  for (const answer of answers) {
    const match = /^turn:(0|[1-9]\d{0,5})$/.exec(answer.questionKey);
    if (!match) {
      throw new AnswerError(`"${clip(answer.questionKey)}" is not a turn: flag a turn with the key "turn:<index>", e.g. "turn:3".`);
    }
    const turn = Number(match[1]);
    if (turn >= speakers.length) {
      throw new AnswerError(`There is no turn ${turn} in this conversation (turns go from 0 to ${speakers.length - 1}).`);
    }
    if (speakers[turn] !== 'AGENT') {
      throw new AnswerError(`Turn ${turn} is not the agent speaking; flag only the agent's turns.`);
    }
    const code = answer.value.trim().toUpperCase();
    if (!isMistakeCode(code)) {
      throw new AnswerError(`"${clip(answer.value)}" is not a mistake type; use one of: ${MISTAKE_CODES.join(', ')}.`);
    }
    const id = `${turn}:${code}`;
    if (seen.has(id)) throw new AnswerError(`Turn ${turn} is flagged as ${code} twice; flag each mistake once.`);
    seen.add(id);
    flags.push({ turn, code });
  }

  const keyIds = new Set(key.map((m) => `${m.turn}:${m.code}`));
  const truePositives = flags.filter((f) => keyIds.has(`${f.turn}:${f.code}`)).length;
  const falseFlags = flags.filter((f) => !keyIds.has(`${f.turn}:${f.code}`));
  const { precision, recall, f1 } = precisionRecall(truePositives, flags.length, key.length);
  const passed = precision + 1e-9 >= 0.8 && recall + 1e-9 >= 0.8;

  const feedback = [
    `Found ${truePositives} of ${key.length} ${plural(key.length, 'mistake')}, ${falseFlags.length} false ${plural(falseFlags.length, 'flag')}.`,
    `Precision ${formatPercent(precision)}, recall ${formatPercent(recall)} — 80% of each needed to pass.`,
  ];
  for (const m of key) {
    if (!seen.has(`${m.turn}:${m.code}`)) feedback.push(`✗ Missed: turn ${m.turn} — ${MISTAKE_LABEL[m.code]}.`);
  }
  for (const f of falseFlags) {
    feedback.push(`✗ Turn ${f.turn} is not “${MISTAKE_LABEL[f.code]}” — see the answer key.`);
  }
  if (passed) feedback.push('✓ Passed: you spotted the mistakes that matter.');

  return {
    score: Math.round(f1 * 100),
    passed,
    feedback,
    review: {
      precision,
      recall,
      answerKey: key.map((m) => ({
        turn: m.turn,
        code: m.code,
        label: MISTAKE_LABEL[m.code],
        explanation: m.explanation,
        found: seen.has(`${m.turn}:${m.code}`),
      })),
      falseFlags: falseFlags.map((f) => ({ turn: f.turn, code: f.code, label: MISTAKE_LABEL[f.code] })),
    },
  };
}

/**
 * Precision = right flags / flags (1 when nothing was flagged), recall = right flags / mistakes in
 * the key (1 when the key is empty), F1 their harmonic mean (0 when both are 0).
 */
export function precisionRecall(truePositives: number, flagged: number, expected: number): { precision: number; recall: number; f1: number } {
  const precision = flagged === 0 ? 1 : truePositives / flagged;
  const recall = expected === 0 ? 1 : truePositives / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function isMistakeCode(value: string): value is MistakeCode {
  return (MISTAKE_CODES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof AnswerError) throw error;
    throw new AnswerError('This attempt could not be processed; check your answers and try again.', { cause: error });
  }
}

function readAnswers(answers: unknown): AttemptAnswer[] {
  if (!Array.isArray(answers)) throw new AnswerError('Answers must be a list of { questionKey, value } pairs.');
  if (answers.length > MAX_ANSWERS) throw new AnswerError(`Too many answers (${answers.length}); at most ${MAX_ANSWERS} are accepted.`);
  return answers.map((raw, i) => {
    if (typeof raw !== 'object' || raw === null) throw new AnswerError(`Answer ${i + 1} must be a { questionKey, value } pair.`);
    const { questionKey, value } = raw as Record<string, unknown>;
    if (typeof questionKey !== 'string' || questionKey.trim() === '') {
      throw new AnswerError(`Answer ${i + 1} has no questionKey.`);
    }
    if (typeof value !== 'string') throw new AnswerError(`The answer to "${clip(questionKey)}" must be text.`);
    if (value.length > MAX_VALUE_CHARS) throw new AnswerError(`The answer to "${clip(questionKey)}" is too long.`);
    return { questionKey: questionKey.trim(), value };
  });
}

/** For kinds with a fixed set of keys, each answered at most once. */
function singleValues(answers: AttemptAnswer[], allowed: string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const answer of answers) {
    if (!allowed.includes(answer.questionKey)) throw new AnswerError(unknownKeyMessage(answer.questionKey, allowed));
    if (values.has(answer.questionKey)) throw new AnswerError(`"${answer.questionKey}" is sent twice; send it once.`);
    values.set(answer.questionKey, answer.value);
  }
  return values;
}

function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  return `"${clip(key)}" is not a question in this attempt; answer ${allowed.map((k) => `"${k}"`).join(', ')}.`;
}

function checkLength(what: string, text: string, max: number): void {
  const length = [...text].length;
  if (length > max) throw new AnswerError(`${what} is ${length} characters long; keep it to ${max}.`);
}

function readContext(raw: unknown): OpeningContext {
  const c = asRecord(raw);
  return {
    customerName: asString(c.customerName),
    agentName: typeof c.agentName === 'string' ? c.agentName : null,
    issueSummary: asString(c.issueSummary),
    knownFacts: asArray(c.knownFacts).map((f) => {
      const r = asRecord(f);
      return { label: asString(r.label), value: asString(r.value) };
    }),
  };
}

function checkLine(check: { passed: boolean; message: string }): string {
  return `${check.passed ? '✓' : '✗'} ${check.message}`;
}

/** The card as the agent sees it: every field but the internal key. */
function agentCard(card: EscalationCard): Record<string, unknown> {
  return {
    customerName: card.customerName,
    tier: card.tier,
    tenure: card.tenure,
    escalationReason: card.escalationReason,
    aiAttempts: card.aiAttempts,
    aiTried: card.aiTried,
    sentiment: card.sentiment,
    priority: card.priority,
    summary: card.summary,
    knownFacts: card.knownFacts.map((f) => ({ label: f.label, value: f.value })),
    transcript: card.transcript.map((t) => ({ at: t.at, speaker: t.speaker, text: t.text })),
  };
}

function pickCards(program: ProgramDefinition, keys: string[] | undefined): EscalationCard[] {
  return keys?.length ? program.cards.filter((c) => keys.includes(c.key)) : program.cards;
}

function cardByKey(program: ProgramDefinition, key: string): EscalationCard {
  const card = program.cards.find((c) => c.key === key);
  if (!card) throw new AnswerError(`The escalation card "${key}" is missing from the programme; tell your programme administrator.`);
  return card;
}

function withInstructions(prompt: Record<string, unknown>, activity: ActivityDefinition): void {
  if (typeof activity.config.instructions === 'string' && activity.config.instructions.trim() !== '') {
    prompt.instructions = activity.config.instructions;
  }
}

function positiveOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function clampScore(score: number): number {
  return Number.isFinite(score) ? Math.min(100, Math.max(0, score)) : 0;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function formatPercent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function uniqueBy<T>(items: T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = keyOf(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AnswerError(STALE_ATTEMPT);
  return value as Record<string, unknown>;
}

function asArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new AnswerError(STALE_ATTEMPT);
  return value;
}

function asString(value: unknown): string {
  if (typeof value !== 'string') throw new AnswerError(STALE_ATTEMPT);
  return value;
}

function asNumber(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new AnswerError(STALE_ATTEMPT);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness (xmur3 string hash feeding sfc32): the same seed gives the same draws everywhere.

type Rng = () => number;

export function seededRandom(seed: string): Rng {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const nextHash = (): number => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return h >>> 0;
  };
  let a = nextHash();
  let b = nextHash();
  let c = nextHash();
  let d = nextHash();
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next(); // warm up
  return next;
}

function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function pick<T>(items: readonly T[], rng: Rng, emptyMessage: string): T {
  if (items.length === 0) throw new AnswerError(emptyMessage);
  return items[Math.floor(rng() * items.length)];
}

