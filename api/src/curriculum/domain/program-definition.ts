// The shape of a validated program, as the rest of the API consumes it. The curriculum loader
// (curriculum-loader.ts) turns the files under curriculum/ into exactly this, or refuses them.
// Everything here is plain data so that it can be stored as JSON in the program version row.

export const ACTIVITY_KINDS = [
  'LESSON',
  'QUIZ',
  'SPEED_READING',
  'FIRST_MESSAGE',
  'ERROR_SPOTTING',
  'ROLE_PLAY',
  'SHADOWING',
  'SUPERVISED_HANDOFFS',
  'SOLO_HANDOFFS',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const METRIC_CODES = [
  'TIME_TO_FIRST_RESPONSE',
  'CONTEXT_UTILIZATION',
  'CUSTOMER_REPEAT_RATE',
  'HANDOFF_CSAT',
  'RESOLUTION_RATE',
] as const;
export type MetricCode = (typeof METRIC_CODES)[number];

export const COMPARATORS = ['LT', 'LTE', 'GT', 'GTE'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export interface MetricTargetDefinition {
  code: MetricCode;
  comparator: Comparator;
  threshold: number;
  unit: string; // "s", "%", "score"
}

export interface ActivityDefinition {
  /** Stable across versions, unique in the program, e.g. "w1-first-message". */
  key: string;
  kind: ActivityKind;
  title: string;
  /** One or two sentences shown on the timeline. */
  summary: string;
  requiresSignOff: boolean;
  /** Estimated minutes, shown to the trainee. */
  minutes: number;
  /** Kind-specific settings and material; see ActivityConfig. */
  config: ActivityConfig;
}

/** Kind-specific settings. Each kind reads only its own fields. */
export interface ActivityConfig {
  /** LESSON: Markdown body. */
  body?: string;
  /** LESSON: check-questions answered at the end; QUIZ: the questions. */
  questions?: QuizQuestion[];
  /** QUIZ / LESSON: share of correct answers needed, 0..1. */
  passMark?: number;
  /** SPEED_READING: seconds allowed (server-measured). */
  timeLimitSeconds?: number;
  /** SPEED_READING / ROLE_PLAY: keys of escalation cards drawn from. */
  cardKeys?: string[];
  /** FIRST_MESSAGE: keys of opening scenarios drawn from. */
  scenarioKeys?: string[];
  /** ERROR_SPOTTING: keys of transcripts drawn from. */
  transcriptKeys?: string[];
  /** ROLE_PLAY: keys of customer briefs. */
  briefKeys?: string[];
  /** SHADOWING: observations to log; SUPERVISED_HANDOFFS / SOLO_HANDOFFS: handoffs expected. */
  minimumCount?: number;
  /** Free-form guidance for the trainee or supervisor (Markdown). */
  instructions?: string;
}

export interface QuizOption {
  key: string;
  text: string;
  correct: boolean;
  /** Shown after submission, why this option is right or wrong. */
  explanation: string;
}

export interface QuizQuestion {
  key: string;
  prompt: string;
  /** SINGLE: exactly one correct option; MULTIPLE: one or more. */
  type: 'SINGLE' | 'MULTIPLE';
  options: QuizOption[];
}

export interface WeekDefinition {
  number: 1 | 2 | 3;
  title: string;
  summary: string;
  activities: ActivityDefinition[];
}

export interface KnownFact {
  label: string;
  value: string;
}

export interface TranscriptTurn {
  /** Seconds after the handoff (negative for the AI part of the conversation). */
  at: number;
  speaker: 'CUSTOMER' | 'AI' | 'AGENT';
  text: string;
}

/** The escalation card of DOMAIN.md, every field. */
export interface EscalationCard {
  key: string;
  customerName: string;
  tier: string; // e.g. "Pro plan"
  tenure: string; // e.g. "2 years"
  escalationReason: string;
  aiAttempts: number;
  aiTried: string;
  sentiment: 'ANGRY' | 'FRUSTRATED' | 'NEUTRAL' | 'POSITIVE' | 'ANXIOUS' | 'CONFUSED';
  priority: 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';
  summary: string;
  knownFacts: KnownFact[];
  transcript: TranscriptTurn[];
}

export type OpeningSituation = 'STANDARD' | 'COMPLEX' | 'PRIORITY' | 'AFTER_HOURS';

export interface OpeningScenario {
  key: string;
  situation: OpeningSituation;
  cardKey: string;
  /** What the trainee is told about the situation before writing. */
  prompt: string;
  agentName: string;
  /** A model answer shown after submission. */
  exampleOpening: string;
}

export const MISTAKE_CODES = [
  'GENERIC_OPENER',
  'AI_BLAME',
  'KNOWN_INFO_REQUEST',
  'OVER_APOLOGY',
  'SILENCE',
  'NO_CONFIRMATION',
] as const;
export type MistakeCode = (typeof MISTAKE_CODES)[number];

export interface ErrorSpottingTranscript {
  key: string;
  title: string;
  cardKey: string;
  turns: TranscriptTurn[];
  /** Answer key: index into turns (an AGENT turn) and the mistake it makes, with why. */
  mistakes: { turn: number; code: MistakeCode; explanation: string }[];
}

export interface RolePlayBrief {
  key: string;
  cardKey: string;
  /** Private to the trainee playing the customer. */
  customerBrief: string;
  /** What a good agent does here, shown after the session. */
  debrief: string;
}

/** One question of the QA scorecard of a handoff review (see qa/domain/scorecard.ts). */
export interface ScorecardItem {
  /** Upper-case letters, digits and underscores, e.g. "CONTEXT_USED"; the analyzer pre-fills the keys it knows. */
  key: string;
  question: string;
  /** A failed critical item fails the review whatever the score. */
  critical: boolean;
}

export interface ProgramDefinition {
  key: string;
  title: string;
  description: string;
  /** Months a certificate stays valid. */
  validityMonths: number;
  minSoloHandoffs: number;
  targets: MetricTargetDefinition[];
  /** The QA scorecard of a handoff review; DEFAULT_SCORECARD's items when program.yaml has none. */
  scorecard: ScorecardItem[];
  weeks: WeekDefinition[];
  cards: EscalationCard[];
  openingScenarios: OpeningScenario[];
  errorSpotting: ErrorSpottingTranscript[];
  rolePlayBriefs: RolePlayBrief[];
}

export interface LoadedProgram {
  definition: ProgramDefinition;
  /** sha256 over the normalised content of every file; the version is its first 12 hex digits. */
  contentHash: string;
  version: string;
}

export interface CurriculumProblem {
  file: string; // path relative to curriculum/
  field: string; // dotted path inside the file, or "" for the whole file
  reason: string;
}
