import type { ActivityKind } from './types';

// The JSON an attempt carries (Attempt.prompt before submission, Attempt.review after), as the API's
// graders write it (api/src/learning/domain/activity-graders.ts). Both are untyped JSON on the wire,
// so every reader here checks the shape and answers null when it does not fit: an attempt recorded
// without material (the demo history) or by an older grader then gets a plain message, not a crash.

export interface AnswerInput {
  questionKey: string;
  value: string;
}

/** An attempt as the activity pages select it. */
export interface Attempt {
  id: string;
  startedAt: string;
  submittedAt: string | null;
  score: number | null;
  passed: boolean | null;
  durationSeconds: number | null;
  feedback: string[];
  prompt: unknown;
  review: unknown;
  answers: unknown;
  activity: { key: string; kind: ActivityKind; title: string };
}

/** One row of an attempt list: no prompt, review or answers. */
export type AttemptSummary = Pick<Attempt, 'id' | 'startedAt' | 'submittedAt' | 'score' | 'passed' | 'durationSeconds'>;

// ---------------------------------------------------------------------------------------------
// Prompt shapes

export interface KnownFact {
  label: string;
  value: string;
}

export type Speaker = 'CUSTOMER' | 'AI' | 'AGENT';

export interface Turn {
  /** Seconds after the handoff; negative before it. */
  at: number;
  speaker: Speaker;
  text: string;
}

export interface CardData {
  customerName: string;
  tier: string;
  tenure: string;
  escalationReason: string;
  aiAttempts: number;
  aiTried: string;
  sentiment: string;
  priority: string;
  summary: string;
  knownFacts: KnownFact[];
  transcript: Turn[];
}

export interface Option {
  key: string;
  text: string;
}

export interface ChoiceQuestion {
  key: string;
  prompt: string;
  type: 'SINGLE' | 'MULTIPLE';
  options: Option[];
}

export interface QuizPrompt {
  kind: 'LESSON' | 'QUIZ';
  passMark: number;
  questions: ChoiceQuestion[];
  body: string | null;
  instructions: string | null;
}

export interface SpeedReadingPrompt {
  kind: 'SPEED_READING';
  timeLimitSeconds: number;
  card: CardData;
  questions: ChoiceQuestion[];
  instructions: string | null;
}

export interface FirstMessagePrompt {
  kind: 'FIRST_MESSAGE';
  scenario: { prompt: string; situation: string; agentName: string | null };
  card: CardData;
  maxLength: number;
  instructions: string | null;
}

export interface IndexedTurn extends Turn {
  index: number;
}

export interface ErrorSpottingPrompt {
  kind: 'ERROR_SPOTTING';
  title: string;
  card: { customerName: string; summary: string; knownFacts: KnownFact[] };
  turns: IndexedTurn[];
  mistakeTypes: { code: string; label: string }[];
  instructions: string | null;
}

// ---------------------------------------------------------------------------------------------
// Review shapes

export interface QuizReviewOption {
  key: string;
  text: string;
  correct: boolean;
  chosen: boolean;
  explanation: string;
}

export interface QuizReviewQuestion {
  key: string;
  prompt: string;
  type: 'SINGLE' | 'MULTIPLE';
  correct: boolean;
  options: QuizReviewOption[];
}

export interface QuizReview {
  passMark: number;
  right: number;
  total: number;
  questions: QuizReviewQuestion[];
}

export interface SpeedReadingReviewQuestion {
  key: string;
  label: string;
  prompt: string;
  options: Option[];
  correctKey: string;
  chosenKey: string | null;
  correct: boolean;
}

export interface SpeedReadingReview {
  elapsedSeconds: number;
  timeLimitSeconds: number;
  inTime: boolean;
  right: number;
  total: number;
  questions: SpeedReadingReviewQuestion[];
}

export interface OpeningCheck {
  code: string;
  passed: boolean;
  message: string;
}

export interface FirstMessageReview {
  situation: string | null;
  exampleOpening: string;
  checks: OpeningCheck[];
}

export interface AnswerKeyEntry {
  turn: number;
  code: string;
  label: string;
  explanation: string;
  found: boolean;
}

export interface ErrorSpottingReview {
  precision: number;
  recall: number;
  answerKey: AnswerKeyEntry[];
  falseFlags: { turn: number; code: string; label: string }[];
}

// ---------------------------------------------------------------------------------------------
// Readers

type Json = Record<string, unknown>;

function obj(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Every item read by `read`, or null when one of them does not fit. */
function list<T>(value: unknown, read: (item: unknown) => T | null): T[] | null {
  if (!Array.isArray(value)) return null;
  const out: T[] = [];
  for (const item of value) {
    const parsed = read(item);
    if (parsed === null) return null;
    out.push(parsed);
  }
  return out;
}

function optionalText(value: unknown): string | null {
  const text = str(value);
  return text && text.trim() ? text : null;
}

function readFact(value: unknown): KnownFact | null {
  const o = obj(value);
  const label = str(o?.label);
  const v = str(o?.value);
  return label !== null && v !== null ? { label, value: v } : null;
}

function readTurn(value: unknown): Turn | null {
  const o = obj(value);
  const at = num(o?.at);
  const speaker = str(o?.speaker);
  const text = str(o?.text);
  if (at === null || text === null || (speaker !== 'CUSTOMER' && speaker !== 'AI' && speaker !== 'AGENT')) return null;
  return { at, speaker, text };
}

function readOption(value: unknown): Option | null {
  const o = obj(value);
  const key = str(o?.key);
  const text = str(o?.text);
  return key !== null && text !== null ? { key, text } : null;
}

function readQuestion(value: unknown): ChoiceQuestion | null {
  const o = obj(value);
  const key = str(o?.key);
  const prompt = str(o?.prompt);
  const options = list(o?.options, readOption);
  if (key === null || prompt === null || !options) return null;
  return { key, prompt, type: o?.type === 'MULTIPLE' ? 'MULTIPLE' : 'SINGLE', options };
}

export function readCard(value: unknown): CardData | null {
  const o = obj(value);
  if (!o) return null;
  const customerName = str(o.customerName);
  const summary = str(o.summary);
  const knownFacts = list(o.knownFacts, readFact);
  const transcript = list(o.transcript ?? [], readTurn);
  if (customerName === null || summary === null || !knownFacts || !transcript) return null;
  return {
    customerName,
    tier: str(o.tier) ?? '',
    tenure: str(o.tenure) ?? '',
    escalationReason: str(o.escalationReason) ?? '',
    aiAttempts: num(o.aiAttempts) ?? 0,
    aiTried: str(o.aiTried) ?? '',
    sentiment: str(o.sentiment) ?? '',
    priority: str(o.priority) ?? '',
    summary,
    knownFacts,
    transcript,
  };
}

export function readQuizPrompt(value: unknown): QuizPrompt | null {
  const o = obj(value);
  if (!o || (o.kind !== 'LESSON' && o.kind !== 'QUIZ')) return null;
  const questions = list(o.questions ?? [], readQuestion);
  if (!questions) return null;
  return {
    kind: o.kind,
    passMark: num(o.passMark) ?? 1,
    questions,
    body: str(o.body),
    instructions: optionalText(o.instructions),
  };
}

export function readSpeedReadingPrompt(value: unknown): SpeedReadingPrompt | null {
  const o = obj(value);
  if (!o || o.kind !== 'SPEED_READING') return null;
  const card = readCard(o.card);
  const questions = list(o.questions, readQuestion);
  if (!card || !questions || questions.length === 0) return null;
  return { kind: 'SPEED_READING', timeLimitSeconds: num(o.timeLimitSeconds) ?? 30, card, questions, instructions: optionalText(o.instructions) };
}

export function readFirstMessagePrompt(value: unknown): FirstMessagePrompt | null {
  const o = obj(value);
  if (!o || o.kind !== 'FIRST_MESSAGE') return null;
  const card = readCard(o.card);
  const scenario = obj(o.scenario);
  const scenarioPrompt = str(scenario?.prompt);
  if (!card || scenarioPrompt === null) return null;
  return {
    kind: 'FIRST_MESSAGE',
    scenario: { prompt: scenarioPrompt, situation: str(scenario?.situation) ?? '', agentName: optionalText(scenario?.agentName) },
    card,
    maxLength: num(o.maxLength) ?? 2000,
    instructions: optionalText(o.instructions),
  };
}

export function readErrorSpottingPrompt(value: unknown): ErrorSpottingPrompt | null {
  const o = obj(value);
  if (!o || o.kind !== 'ERROR_SPOTTING') return null;
  const card = obj(o.card);
  const customerName = str(card?.customerName);
  const summary = str(card?.summary);
  const knownFacts = list(card?.knownFacts ?? [], readFact);
  const turns = list(o.turns, (item) => {
    const turn = readTurn(item);
    const index = num(obj(item)?.index);
    return turn && index !== null ? { ...turn, index } : null;
  });
  const mistakeTypes = list(o.mistakeTypes, (item) => {
    const m = obj(item);
    const code = str(m?.code);
    const label = str(m?.label);
    return code !== null && label !== null ? { code, label } : null;
  });
  if (customerName === null || summary === null || !knownFacts || !turns || !mistakeTypes) return null;
  return {
    kind: 'ERROR_SPOTTING',
    title: str(o.title) ?? 'Conversation',
    card: { customerName, summary, knownFacts },
    turns,
    mistakeTypes,
    instructions: optionalText(o.instructions),
  };
}

export function readQuizReview(value: unknown): QuizReview | null {
  const o = obj(value);
  if (!o) return null;
  const questions = list(o.questions, (item) => {
    const q = obj(item);
    const key = str(q?.key);
    const prompt = str(q?.prompt);
    const options = list(q?.options, (raw) => {
      const r = obj(raw);
      const optionKey = str(r?.key);
      const text = str(r?.text);
      if (optionKey === null || text === null) return null;
      return { key: optionKey, text, correct: r?.correct === true, chosen: r?.chosen === true, explanation: str(r?.explanation) ?? '' };
    });
    if (key === null || prompt === null || !options) return null;
    return { key, prompt, type: q?.type === 'MULTIPLE' ? ('MULTIPLE' as const) : ('SINGLE' as const), correct: q?.correct === true, options };
  });
  if (!questions) return null;
  return { passMark: num(o.passMark) ?? 1, right: num(o.right) ?? 0, total: num(o.total) ?? questions.length, questions };
}

export function readSpeedReadingReview(value: unknown): SpeedReadingReview | null {
  const o = obj(value);
  if (!o) return null;
  const questions = list(o.questions, (item) => {
    const q = obj(item);
    const key = str(q?.key);
    const options = list(q?.options, readOption);
    const correctKey = str(q?.correctKey);
    if (key === null || !options || correctKey === null) return null;
    return {
      key,
      label: str(q?.label) ?? key,
      prompt: str(q?.prompt) ?? '',
      options,
      correctKey,
      chosenKey: str(q?.chosenKey),
      correct: q?.correct === true,
    };
  });
  const elapsedSeconds = num(o.elapsedSeconds);
  const timeLimitSeconds = num(o.timeLimitSeconds);
  if (!questions || elapsedSeconds === null || timeLimitSeconds === null) return null;
  return {
    elapsedSeconds,
    timeLimitSeconds,
    inTime: o.inTime === true,
    right: num(o.right) ?? questions.filter((q) => q.correct).length,
    total: num(o.total) ?? questions.length,
    questions,
  };
}

export function readChecks(value: unknown): OpeningCheck[] | null {
  return list(value, (item) => {
    const c = obj(item);
    const code = str(c?.code);
    const message = str(c?.message);
    return code !== null && message !== null ? { code, passed: c?.passed === true, message } : null;
  });
}

export function readFirstMessageReview(value: unknown): FirstMessageReview | null {
  const o = obj(value);
  const exampleOpening = str(o?.exampleOpening);
  const checks = readChecks(o?.checks);
  if (!o || exampleOpening === null || !checks) return null;
  return { situation: str(o.situation), exampleOpening, checks };
}

export function readErrorSpottingReview(value: unknown): ErrorSpottingReview | null {
  const o = obj(value);
  if (!o) return null;
  const answerKey = list(o.answerKey, (item) => {
    const m = obj(item);
    const turn = num(m?.turn);
    const code = str(m?.code);
    if (turn === null || code === null) return null;
    return { turn, code, label: str(m?.label) ?? code, explanation: str(m?.explanation) ?? '', found: m?.found === true };
  });
  const falseFlags = list(o.falseFlags ?? [], (item) => {
    const f = obj(item);
    const turn = num(f?.turn);
    const code = str(f?.code);
    return turn !== null && code !== null ? { turn, code, label: str(f?.label) ?? code } : null;
  });
  if (!answerKey || !falseFlags) return null;
  return { precision: num(o.precision) ?? 0, recall: num(o.recall) ?? 0, answerKey, falseFlags };
}

/** The answers an attempt was submitted with (Attempt.answers), or none. */
export function readAnswers(value: unknown): AnswerInput[] {
  return (
    list(value, (item) => {
      const a = obj(item);
      const questionKey = str(a?.questionKey);
      const v = str(a?.value);
      return questionKey !== null && v !== null ? { questionKey, value: v } : null;
    }) ?? []
  );
}

/** The instructions an attempt's prompt carries, whatever its kind. */
export function promptInstructions(prompt: unknown): string | null {
  return optionalText(obj(prompt)?.instructions);
}

/** The time limit of a speed-reading attempt, from its review or its prompt. */
export function timeLimitOf(attempt: { prompt?: unknown; review?: unknown }): number | null {
  return num(obj(attempt.review)?.timeLimitSeconds) ?? num(obj(attempt.prompt)?.timeLimitSeconds);
}

// ---------------------------------------------------------------------------------------------
// Words

const SENTIMENT_WORDS: Record<string, string> = {
  ANGRY: 'Angry',
  FRUSTRATED: 'Frustrated',
  NEUTRAL: 'Neutral',
  POSITIVE: 'Positive',
  ANXIOUS: 'Anxious',
  CONFUSED: 'Confused',
};

const PRIORITY_WORDS: Record<string, string> = {
  LOW: 'Low',
  NORMAL: 'Normal',
  HIGH: 'High',
  URGENT: 'Urgent',
};

export const SPEAKER_WORDS: Record<Speaker, string> = {
  CUSTOMER: 'Customer',
  AI: 'AI assistant',
  AGENT: 'Agent',
};

export const SITUATION_WORDS: Record<string, string> = {
  STANDARD: 'Standard escalation',
  COMPLEX: 'Complex issue needing human judgement',
  PRIORITY: 'Priority / VIP customer',
  AFTER_HOURS: 'After-hours follow-up',
};

function titleCase(value: string): string {
  return value ? value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ') : value;
}

export function sentimentWord(value: string): string {
  return SENTIMENT_WORDS[value] ?? titleCase(value);
}

export function priorityWord(value: string): string {
  return PRIORITY_WORDS[value] ?? titleCase(value);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "+0:45" after the handoff, "−4:22" before it, "−11:26:52" for an overnight ticket. */
export function formatOffset(seconds: number): string {
  const sign = seconds < 0 ? '−' : '+';
  const total = Math.round(Math.abs(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return hours ? `${sign}${hours}:${pad(minutes)}:${pad(total % 60)}` : `${sign}${minutes}:${pad(total % 60)}`;
}

/** The same offset in words, for screen readers: "4 min 22 s before the handoff". */
export function describeOffset(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  const amount = [hours ? `${hours} h` : '', minutes ? `${minutes} min` : '', rest || total === 0 ? `${rest} s` : ''].filter(Boolean).join(' ');
  return `${amount} ${seconds < 0 ? 'before' : 'after'} the handoff`;
}

/** "24.3 s"; a time just over the limit keeps two decimals so that it never reads as within it. */
export function formatSeconds(seconds: number, limit?: number | null): string {
  const one = seconds.toFixed(1);
  if (limit != null && seconds > limit && Number(one) <= limit) return `${(Math.ceil(seconds * 100) / 100).toFixed(2)} s`;
  if (seconds >= 120) {
    const total = Math.round(seconds);
    return `${Math.floor(total / 60)} min ${total % 60} s`;
  }
  return `${one} s`;
}

/** The fastest passing attempt's duration, or null. */
export function personalBest(attempts: AttemptSummary[]): AttemptSummary | null {
  let best: AttemptSummary | null = null;
  for (const a of attempts) {
    if (a.passed !== true || a.durationSeconds == null) continue;
    if (!best || a.durationSeconds < (best.durationSeconds ?? Infinity)) best = a;
  }
  return best;
}
