// The transcript analyzer behind the auto-QA of real handoffs (OPENING_RUBRIC.md, "Transcripts").
// Pure, deterministic, no I/O. It reuses the opening grader's detectors and adds the conversation
// measures: time to first response, silences, requests for known facts anywhere, context
// utilisation and confirmation of the resolution before closing.
//
// Definitions where the rubric is silent (also in the report of the module):
//  - Times: Date objects, finite epoch milliseconds or ISO 8601 strings ("2024-05-01T10:00:00Z",
//    "+02:00" offsets, a space instead of "T", fractions of a second). An ISO string without a zone
//    is read as UTC so results never depend on the server's time zone. Anything else throws a
//    TranscriptError naming the field.
//  - Turns are sorted by time, stably (ties keep their input order). Every turnIndex /
//    afterTurnIndex refers to the position in `input.turns` as given, so a UI can highlight it.
//  - Work is capped: only the first MAX_TURNS turns as given are analysed, each agent turn is read
//    up to MAX_TURN_CHARS, and at most MAX_AGENT_TEXT_CHARS of agent text is read in all (the first
//    reply and the last CONFIRMATION_WINDOW replies always; the rest in time order). Unread turns
//    still count for the timings. `truncated` and a finding say when a cap was hit.
//  - A turn from an unknown speaker is ignored; an AGENT turn with blank text is not a reply.
//  - TTFR and the opening use the first non-blank AGENT turn at or after handedOffAt.
//  - Silences. After the handoff the customer waits until the agent's first reply. After an
//    agent turn the customer keeps waiting while the agent says they are working on something (an
//    ongoing step "I'm checking", or "bear with me", "this will take …"); otherwise the ball is with
//    the customer when the turn ends with a question, asks them to do something ("let me know",
//    "please try …"), closes the chat or reports a result ("I've refunded it", "it's been reset"),
//    and a turn that does none of these (a greeting, "thanks") still leaves them waiting. While the
//    customer is not waiting, their next message starts the wait. A silence is a wait of more than 120 s
//    before the agent's next turn, measured from where the wait started (the handoff, the agent's
//    holding turn, or the customer's first message after the agent's turn). A reply the agent owed
//    and never sent (no reply after the handoff, or a holding turn and nothing after it) is
//    measured to the customer's last message, when the customer spoke last.
//  - Covered: the agent's previous turn (at or after the handoff) sets a time expectation (a
//    concrete time frame, in a turn that states an action or asks the customer to wait) and the
//    time from that turn to the next agent turn is at most the promised time plus a grace of
//    max(60 s, 25 %). Ranges take the upper bound ("2-3 minutes" = 3 min), "a few" = 3, "a
//    couple" = 2, "several" = 4, "a moment" = 60 s, "right now" = 0 s. A deadline ("by 3pm", "by
//    end of day") covers any gap: without the customer's time zone it cannot be placed on the
//    clock, and the agent did set an expectation.
//  - Context: a fact is used when an agent turn contains its value (identifiers compared without
//    punctuation, other values by content-word stems, as ACKNOWLEDGES_ISSUE matches; a turn must
//    share a stem or an identifier with the value before the typo-tolerant match runs) or refers to it as already known ("the
//    email we have on file", "I can see your order"); the issue is used when an agent turn names
//    it (content words shared with the issue summary, as in ACKNOWLEDGES_ISSUE). An empty issue
//    summary counts as used once the agent has replied (nothing to acknowledge).
//  - Confirmation: among the agent's last three non-blank turns, a question (or an explicit
//    "please confirm …") checking the fix worked. "Let me know if that works" is not a
//    confirmation: it leaves the check to the customer after the chat closes.

import {
  analyzeOpening,
  analyzeText,
  buildIssueTerms,
  findActionStatements,
  findIssueMentions,
  findKnownInfoRequests,
  findRepeatRequests,
  findTimeMentions,
  fold,
  MAX_ANALYZED_CHARS,
  type ActionStatement,
  stem,
  type KnownFact,
  type TextDoc,
  type TimeMention,
} from '../../grading/domain/opening-grader.js';
import { NUMBER_WORDS, STOPWORDS } from '../../grading/domain/lexicon.js';

export interface TranscriptTurn {
  at: Date | string /* ISO */;
  speaker: 'CUSTOMER' | 'AI' | 'AGENT';
  text: string;
}

export interface TranscriptInput {
  handedOffAt: Date | string;
  customerName: string;
  agentName?: string | null;
  issueSummary: string;
  knownFacts: { label: string; value: string }[];
  turns: TranscriptTurn[];
}

export interface TranscriptSilence {
  /** Index (in input.turns) of the turn where the wait started; -1 when it started at the handoff. */
  afterTurnIndex: number;
  seconds: number;
  covered: boolean;
  /** The turn where the wait started, quoted (absent for the handoff). */
  quote?: string;
  /** Index of the agent turn that ended the silence; null when the agent never answered. */
  untilTurnIndex: number | null;
  /** The time expectation of the agent's previous turn, when it set one. */
  expectation?: string;
}

export interface ContextItemUse {
  /** The fact's label, or "issue" for the issue summary. */
  item: string;
  used: boolean;
  /** Where it was used, quoted. */
  quote?: string;
  turnIndex?: number;
}

export interface TranscriptAnalysis {
  /** First AGENT turn at/after handedOffAt minus handedOffAt, in seconds. */
  firstResponseSeconds: number | null;
  /** The ten checks on that first agent turn. */
  opening: ReturnType<typeof analyzeOpening> | null;
  /** Requests for known facts in any agent turn (each one a customer repeat). */
  knownInfoRequests: { turnIndex: number; quote: string; fact: string }[];
  /** Requests to explain or describe again, in any agent turn. */
  repeatRequests: { turnIndex: number; quote: string }[];
  /** Any known-info request or repeat request. */
  customerRepeated: boolean;
  /** Agent gaps of more than 120 s while the customer waits. */
  silences: TranscriptSilence[];
  /** knownFacts.length + 1 (the issue). */
  contextItemsAvailable: number;
  /** Known facts used in agent turns, + 1 if the issue is acknowledged. */
  contextItemsUsed: number;
  /** Each context item and whether (and where) it was used; the issue comes last. */
  contextItems: ContextItemUse[];
  /** The agent asked for confirmation before closing. */
  confirmedResolution: boolean;
  confirmation: { turnIndex: number; quote: string } | null;
  /** Agent turns after the handoff that state a concrete step (first step per turn). */
  narration: { turnIndex: number; quote: string }[];
  /** Non-blank agent turns at or after the handoff. */
  agentTurnCount: number;
  /** More than MAX_TURNS turns were given; only the first MAX_TURNS were analysed. */
  truncated: boolean;
  /** Plain-language lines a reviewer reads, each quoting the turn. */
  findings: string[];
}

/** Thrown for a missing or invalid handoff time or turn time. */
export class TranscriptError extends Error {
  /** The offending field: "handedOffAt" or "turns[3].at". */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'TranscriptError';
    this.field = field;
  }
}

/** Turns beyond this many (as given) are not analysed. */
export const MAX_TURNS = 2000;
/** A wait longer than this is a silence. */
export const SILENCE_THRESHOLD_SECONDS = 120;
/** How many of the agent's last turns are searched for a confirmation question. */
export const CONFIRMATION_WINDOW = 3;
/** Characters of one agent turn that are read (the opening grader's own cap). */
export const MAX_TURN_CHARS = MAX_ANALYZED_CHARS;
/**
 * Characters of agent text read in one transcript. The first reply and the last
 * CONFIRMATION_WINDOW replies are always read; the others in time order until the budget is spent.
 * Turns past the budget still count for the timings (TTFR, silences) but their words are not read.
 */
export const MAX_AGENT_TEXT_CHARS = 200_000;

// ---------------------------------------------------------------------------------------------
// Times

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseIso(s: string): number | null {
  const m = ISO_RE.exec(s.trim());
  if (m === null) return null;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = ''] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 59) return null;
  if (hour === 24 && (minute !== 0 || second !== 0 || Number(frac || '0') !== 0)) return null;
  const ms = frac === '' ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const base = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // reject 2024-02-30 and friends (Date.UTC rolls them over)
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  let offsetMin = 0;
  if (zone !== '' && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  const out = base - offsetMin * 60_000;
  return Number.isFinite(out) ? out : null;
}

const MAX_EPOCH_MS = 8.64e15;

function describe(v: unknown): string {
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (v instanceof Date) return 'an invalid Date';
  return v === null ? 'null' : typeof v;
}

/** Milliseconds since the epoch, or a TranscriptError naming the field. */
function parseTime(v: unknown, field: string): number {
  if (v === undefined || v === null || v === '') throw new TranscriptError(field, `${field} is missing.`);
  let ms: number | null = null;
  if (v instanceof Date) ms = v.getTime();
  else if (typeof v === 'number') ms = v;
  else if (typeof v === 'string') ms = parseIso(v);
  if (ms === null || !Number.isFinite(ms) || Math.abs(ms) > MAX_EPOCH_MS) {
    throw new TranscriptError(
      field,
      `${field} is not a valid time (${describe(v)}); use an ISO 8601 string such as "2024-05-01T10:00:00Z" or a Date.`
    );
  }
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

type Speaker = 'CUSTOMER' | 'AI' | 'AGENT';

interface Turn {
  index: number;
  at: number;
  speaker: Speaker | null;
  text: string;
  blank: boolean;
}

function normSpeaker(v: unknown): Speaker | null {
  if (typeof v !== 'string') return null;
  const s = v.trim().toUpperCase();
  return s === 'CUSTOMER' || s === 'AI' || s === 'AGENT' ? s : null;
}

function oneLine(s: string, max = 100): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

const qq = (s: string): string => `"${oneLine(s, 120)}"`;

function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  let s = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${pad(m)}:${pad(s)}` : `${sign}${m}:${pad(s)}`;
}

function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s - h * 3600) / 60);
  const r = s - h * 3600 - m * 60;
  if (h > 0) return `${h} h ${m} min`;
  return r === 0 ? `${m} min` : `${m} min ${r} s`;
}

function cleanFacts(v: unknown): KnownFact[] {
  if (!Array.isArray(v)) return [];
  const out: KnownFact[] = [];
  for (const f of v.slice(0, 50)) {
    if (f === null || typeof f !== 'object') continue;
    const label = typeof (f as KnownFact).label === 'string' ? (f as KnownFact).label.slice(0, 200).trim() : '';
    const value = typeof (f as KnownFact).value === 'string' ? (f as KnownFact).value.slice(0, 300).trim() : '';
    if (label.length > 0) out.push({ label, value });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Time expectations and how long they cover

const B = '(?<![^ ])';
const E = '(?![^ ])';

/** The turn asks the customer to wait, or announces how long something will take. */
const WAIT_CUE = new RegExp(
  `${B}(?:give me|bear with me|hang on|hang tight|hold on|hold tight|one moment|one sec|just a (?:moment|sec|second|minute)|` +
    "(?:i'll|i will|we'll|we will) be back|back (?:with|to) you|get back to you|(?:i'll|i will|we'll) update you|" +
    `(?:this|that|it|which) (?:will|should|may|might|could|can|usually|normally) (?:\\S+ )?(?:take|takes)|` +
    `(?:this|that|it) takes|(?:i|we)(?:'ll)? need (?:about |around |roughly |maybe |another |a few |a couple of |\\d+ |two |three |five |ten |fifteen |twenty )` +
    `(?:more )?(?:minutes?|mins?|seconds?|secs?|hours?|moments?))${E}`
);

const UNIT_SECONDS: readonly [RegExp, number][] = [
  [/^(?:moment|moments|momment|moement|mo|tick|ticks|jiffy|jiff)$/, 60],
  [/^(?:s|secs?\.?|seconds?|secounds|secods|seconsd)$/, 1],
  [/^(?:mi\p{L}*|m)$/u, 60],
  [/^(?:h|hrs?|hours?|hous|horus|hrous)$/, 3600],
  [/^days?$/, 86_400],
  [/^weeks?$/, 604_800],
  [/^months?$/, 2_592_000],
];

function unitSeconds(word: string): number | null {
  for (const [re, s] of UNIT_SECONDS) if (re.test(word)) return s;
  return null;
}

/** Seconds a time expectation promises; Infinity for a deadline; null when it cannot be read. */
export function expectationSeconds(m: Pick<TimeMention, 'phrase' | 'kind'>): number | null {
  if (m.kind === 'deadline') return Infinity;
  if (m.kind === 'immediate') return 0;
  if (m.kind !== 'duration') return null;
  const phrase = fold(m.phrase);
  if (/within the (?:next )?hour/.test(phrase)) return 3600;
  // split "30s", "5mins", "2-3", "5-minute" into numbers and words
  const parts = phrase
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])-(?=[a-z\d])|(\d)-(?=[a-z])/g, '$1$2 ')
    .split(/[\s\-–~]+/)
    .filter((p) => p !== '');
  let unit: number | null = null;
  for (let i = parts.length - 1; i >= 0 && unit === null; i--) unit = unitSeconds(parts[i]);
  if (unit === null) return null;
  let quantity = 0;
  let half = false;
  for (const p of parts) {
    if (p === 'half') half = true;
    const n = /^\d+(?:[.,]\d+)?$/.test(p) ? Number(p.replace(',', '.')) : NUMBER_WORDS[p];
    if (n !== undefined && Number.isFinite(n) && p !== 'half' && n > quantity) quantity = n;
  }
  if (quantity === 0) quantity = 1; // "the next hour", "a minute"
  if (half) quantity = quantity === 1 ? 0.5 : quantity + 0.5; // "half an hour", "an hour and a half"
  return quantity * unit;
}

/** Grace added to a promised time before the gap counts as a silence. */
export function coverageGraceSeconds(promised: number): number {
  return Math.max(60, promised * 0.25);
}

interface Expectation {
  phrase: string;
  seconds: number;
}

/** The longest time expectation the turn sets for the agent's own work, if any. */
function turnExpectation(doc: TextDoc, actions: readonly ActionStatement[], cue: boolean): Expectation | null {
  const mentions = findTimeMentions(doc).filter((m) => m.status === 'ok');
  if (mentions.length === 0) return null;
  if (!cue && !actions.some((a) => a.kind === 'action' || a.kind === 'communication')) return null;
  let best: Expectation | null = null;
  for (const m of mentions) {
    const s = expectationSeconds(m);
    if (s === null) continue;
    if (best === null || s > best.seconds) best = { phrase: m.phrase, seconds: s };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Whose turn is it?

const CLOSING = new RegExp(
  `${B}(?:have a (?:great|good|nice|lovely|wonderful|fantastic|pleasant) (?:day|evening|weekend|one|night|afternoon|morning)|` +
    `thanks for (?:contacting|reaching out|chatting)|take care|goodbye|bye)${E}`
);
const HANDS_OVER = new RegExp(
  `${B}(?:let me know|let us know|please (?:try|check|restart|reply|confirm|log|sign|refresh|clear|update|reinstall|reboot|test|look|send)|` +
    'give it a (?:try|go|shot)|try (?:again|it|that|logging|signing|restarting|refreshing|reloading)|when you get a chance|whenever you(?:\'re| are) ready|' +
    `anything else)${E}`
);

/** A step reported as done: "I've refunded it", "the charge has been reversed", "found it". */
const RESULT = new RegExp(
  `${B}(?:(?:is|are|has been|have been|was|were|'s been|it's|that's) (?:now |all |just |already )?` +
    '(?:done|fixed|resolved|refunded|processed|cancelled|canceled|reversed|sorted|updated|applied|sent|issued|credited|' +
    'reset|unlocked|restored|complete|completed|removed|waived|approved|reactivated|activated|changed|corrected)|' +
    `found it|here's what|good news|all done)${E}`
);
/** Action statements led by "I've" / "we've" / "I have" report a step already taken. */
const COMPLETED_LEAD = /^(?:i|we)(?:['\u2019]ve| have)\b/i;

/** What the silence rules need to know about one agent turn. */
interface TurnProfile {
  /** The agent is working on something: an ongoing step, a time frame or a request to wait. */
  holding: boolean;
  /** After this turn the customer is still waiting on the agent. */
  customerWaits: boolean;
  expectation: Expectation | null;
  /** The first ongoing or completed step, quoted. */
  step: string | null;
}

/**
 * Profiles an agent turn. The customer keeps waiting while the agent is working on something;
 * not when the turn ends with a question, asks the customer to do something, closes the chat or
 * reports a result; and yes otherwise (a greeting or an acknowledgement is not yet an answer).
 */
function profileTurn(doc: TextDoc | null): TurnProfile {
  if (doc === null) return { holding: false, customerWaits: true, expectation: null, step: null };
  const actions = findActionStatements(doc);
  let ongoing = false;
  let completed = false;
  let step: string | null = null;
  for (const a of actions) {
    if (a.kind !== 'action') continue;
    step ??= a.quote;
    if (COMPLETED_LEAD.test(a.quote)) completed = true;
    else ongoing = true;
  }
  const cue = doc.sentences.some((x) => WAIT_CUE.test(x.joined));
  const holding = ongoing || cue;
  const expectation = turnExpectation(doc, actions, cue);
  let customerWaits = true;
  if (!holding) {
    const sentences = doc.sentences.filter((x) => x.words.length > 0);
    const last = sentences[sentences.length - 1];
    if (last !== undefined && last.isQuestion) customerWaits = false;
    else if (completed) customerWaits = false;
    else if (sentences.some((x) => HANDS_OVER.test(x.joined) || CLOSING.test(x.joined) || RESULT.test(x.joined)))
      customerWaits = false;
  }
  return { holding, customerWaits, expectation, step };
}

// ---------------------------------------------------------------------------------------------
// Confirmation of the resolution

const FIX_VERBS =
  '(?:fix|fixed|fixes|solve|solved|solves|resolve|resolved|resolves|sort|sorted|help|helped|work|worked|works|do the trick|take care of it|clear|cleared)';
const STATE_WORDS =
  '(?:working|fixed|resolved|solved|sorted|showing|gone|loading|going through|back (?:up|online|to normal)|' +
  'looking (?:right|good|correct)|ok now|okay now|fine now|good now|better now)';
const SUBJ = "(?:that|this|it|these|those|everything|things|all|the (?:\\S+ ){0,2}?\\S+|your (?:\\S+ ){0,2}?\\S+)";
const CONFIRM_QUESTION = new RegExp(
  `${B}(?:` +
    [
      `(?:does|did|has|have) ${SUBJ} (?:now |finally |also )?${FIX_VERBS}`,
      `(?:is|are|was) ${SUBJ} (?:now |all |still )?${STATE_WORDS}`,
      `(?:it's|that's|everything's|its|thats) (?:now |all )?${STATE_WORDS}`,
      '(?:is|it|it\'s|that|everything|all|things) (?:working|fixed|sorted|resolved|good|better|ok|okay|fine) (?:for you )?now',
      '(?:working|better|fixed|sorted|resolved|all good|all sorted|all set|all fixed|good to go) (?:for you )?(?:now|again)?$',
      '(?:all|everything) (?:good|sorted|set|fixed|working|ok|okay|resolved)(?: now| on your end| on your side)?$',
      'are you (?:now )?able to',
      'are you still (?:seeing|getting|having|receiving)',
      'are you (?:now )?(?:seeing|getting|receiving) (?:it|the|your|a|an)',
      "(?:can|could) you (?:now )?(?:see|access|log in|login|sign in|open|use|get in|get into|receive)(?: \\S+){0,4} now",
      'did you (?:receive|get|see) (?:it|the|my|our|a|an|your)',
      '(?:has|have|did) (?:\\S+ ){1,3}(?:arrived|arrive|come through|came through|shown up|show up|appeared|appear|gone through|go through|landed)',
      `(?:can|could|would) you (?:please |kindly |quickly )?(?:confirm|check|verify|test|try) (?:\\S+ ){0,8}?(?:${STATE_WORDS}|works|worked|fixed|arrived|there|through)`,
      `(?:check|see|confirm|verify|tell me|let me know) (?:if|whether|that) (?:\\S+ ){0,5}?(?:${STATE_WORDS}|works|worked|fixed|arrived|there|through)`,
    ].join('|') +
    `)${E}`
);
const CONFIRM_REQUEST = new RegExp(
  `${B}(?:please|kindly|can you|could you) confirm (?:\\S+ ){0,6}?(?:${STATE_WORDS}|works|worked|fixed|arrived|there|through|received)${E}`
);

function findConfirmation(doc: TextDoc): string | null {
  for (const s of doc.sentences) {
    if ((s.isQuestion && CONFIRM_QUESTION.test(s.joined)) || CONFIRM_REQUEST.test(s.joined)) {
      return doc.display.slice(s.start, s.end);
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Context use

const KNOWN_REF = new RegExp(
  `${B}(?:on file|on record|i see|i can see|i've got|(?<!(?:can|could|may|might) )(?:i|we) have your|i've pulled up|i pulled up|i've found|i found|` +
    'you (?:gave|provided|shared|mentioned|sent|told|used)|(?:the|our) (?:assistant|bot|ai|chat) (?:has|had|collected|noted|passed|shared|captured)|' +
    `from (?:your|the) (?:chat|conversation)|already have)${E}`
);
const WEAK_LABEL_WORDS = new Set(['number', 'no', 'nr', 'num', 'id', 'ids', '#', 'code', 'ref', 'details', 'info', 'information', 'value', 'type', 'status']);

function compactText(s: string): string {
  return fold(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

function labelStems(label: string): string[] {
  const out: string[] = [];
  for (const t of analyzeText(label, 200).tokens) {
    if (t.kind === 'punct' || STOPWORDS.has(t.norm) || WEAK_LABEL_WORDS.has(t.norm) || t.norm.length < 3) continue;
    out.push(stem(t.norm));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The analyzer

interface AgentTurn extends Turn {
  /** null when the text budget was spent before this turn. */
  doc: TextDoc | null;
}

interface ReadTurn extends Turn {
  doc: TextDoc;
}

/** Analyses a whole handoff conversation for the QA review. */
export function analyzeTranscript(input: TranscriptInput): TranscriptAnalysis {
  if (input === null || typeof input !== 'object') throw new TranscriptError('handedOffAt', 'handedOffAt is missing.');
  const handoff = parseTime((input as Partial<TranscriptInput>).handedOffAt, 'handedOffAt');
  const customerName = typeof input.customerName === 'string' ? input.customerName.slice(0, 200) : '';
  const agentName = typeof input.agentName === 'string' ? input.agentName.slice(0, 200) : null;
  const issueSummary = typeof input.issueSummary === 'string' ? input.issueSummary.slice(0, 2000) : '';
  const facts = cleanFacts(input.knownFacts);
  const rawTurns: unknown[] = Array.isArray(input.turns) ? input.turns : [];
  let truncated = rawTurns.length > MAX_TURNS;

  const turns: Turn[] = [];
  for (let i = 0; i < Math.min(rawTurns.length, MAX_TURNS); i++) {
    const raw = rawTurns[i];
    if (raw === null || typeof raw !== 'object') throw new TranscriptError(`turns[${i}].at`, `turns[${i}] is not a turn (no time).`);
    const r = raw as Partial<TranscriptTurn>;
    const at = parseTime(r.at, `turns[${i}].at`);
    const text = typeof r.text === 'string' ? r.text : '';
    turns.push({ index: i, at, speaker: normSpeaker(r.speaker), text, blank: text.trim() === '' });
  }
  turns.sort((a, b) => a.at - b.at || a.index - b.index);

  const findings: string[] = [];
  const when = (t: Turn): string => `[${formatOffset(t.at - handoff)}]`;
  if (truncated) findings.push(`The transcript has ${rawTurns.length} turns; only the first ${MAX_TURNS} were analysed.`);

  const allAgent: AgentTurn[] = [];
  for (const t of turns) if (t.speaker === 'AGENT' && !t.blank) allAgent.push({ ...t, doc: null });
  const allReplies = allAgent.filter((t) => t.at >= handoff);
  {
    // read the first reply and the last ones first, then the rest in time order, within budget
    const priority = new Set<AgentTurn>([...allReplies.slice(0, 1), ...allReplies.slice(-CONFIRMATION_WINDOW)]);
    let budget = MAX_AGENT_TEXT_CHARS;
    let skipped = 0;
    for (const t of [...priority, ...allAgent.filter((x) => !priority.has(x))]) {
      const size = Math.min(t.text.length, MAX_TURN_CHARS);
      if (size > budget && !priority.has(t)) {
        skipped++;
        continue;
      }
      budget -= size;
      t.doc = analyzeText(t.text, MAX_TURN_CHARS);
    }
    if (skipped > 0) {
      truncated = true;
      findings.push(
        `The agent's messages are long: ${skipped} of ${allAgent.length} were not read (over ${MAX_AGENT_TEXT_CHARS.toLocaleString('en-US')} characters in all); their timings still count.`
      );
    }
  }
  const agentTurns = allAgent.filter((t): t is ReadTurn => t.doc !== null);

  // --- time to first response and the opening
  const first = allReplies[0];
  const firstResponseSeconds = first === undefined ? null : (first.at - handoff) / 1000;
  const opening =
    first === undefined
      ? null
      : analyzeOpening(first.text, { customerName, agentName, issueSummary, knownFacts: facts });
  const profiles = new Map<number, TurnProfile>(allReplies.map((t) => [t.index, profileTurn(t.doc)]));
  if (first === undefined || firstResponseSeconds === null) {
    const lastCustomer = [...turns].reverse().find((t) => t.speaker === 'CUSTOMER' && t.at >= handoff);
    findings.push(
      lastCustomer !== undefined
        ? `The agent never replied after the handoff; the customer's last message ${when(lastCustomer)}: ${qq(lastCustomer.text)}.`
        : 'The agent never replied after the handoff.'
    );
  } else {
    const target = firstResponseSeconds < 60 ? 'within' : 'over';
    findings.push(
      `First response ${formatDuration(firstResponseSeconds)} after the handoff (${target} the 60 s target) ${when(first)}: ${qq(first.text)}.`
    );
  }
  if (opening !== null) {
    const failed = opening.checks.filter((c) => !c.passed);
    findings.push(
      failed.length === 0
        ? 'Opening: all ten checks pass.'
        : `Opening: ${10 - failed.length} of 10 checks pass; failed: ${failed.map((c) => c.code).join(', ')}.`
    );
    for (const c of failed) findings.push(`Opening, ${c.code}: ${c.message}`);
  }

  // --- requests for known facts and to explain again, in any agent turn
  const knownInfoRequests: TranscriptAnalysis['knownInfoRequests'] = [];
  const repeatRequests: TranscriptAnalysis['repeatRequests'] = [];
  for (const t of agentTurns) {
    if (knownInfoRequests.length < 200) {
      for (const r of findKnownInfoRequests(t.doc, facts)) {
        knownInfoRequests.push({ turnIndex: t.index, quote: r.quote, fact: r.label });
        const value = r.value !== '' ? ` (the AI had it: ${qq(r.value)})` : '';
        findings.push(`${when(t)} The agent asks for the ${r.label} the AI already collected${value}: ${qq(r.quote)}.`);
      }
    }
    if (repeatRequests.length < 200) {
      const sentencesSeen = new Set<number>();
      for (const r of findRepeatRequests(t.doc)) {
        // one request per sentence ("Can you explain again what happened?" is one request)
        const sentence = t.doc.sentences.findIndex((x) => r.start >= x.start && r.start < Math.max(x.end, x.start + 1));
        if (sentencesSeen.has(sentence)) continue;
        sentencesSeen.add(sentence);
        repeatRequests.push({ turnIndex: t.index, quote: r.quote });
        findings.push(`${when(t)} The agent asks the customer to explain again: ${qq(r.quote)}.`);
      }
    }
  }
  const customerRepeated = knownInfoRequests.length > 0 || repeatRequests.length > 0;

  // --- silences
  const silences: TranscriptSilence[] = [];
  {
    let waitStart: number | null = handoff;
    let waitIdx = -1;
    let waitQuote: string | undefined;
    let prevAgent: { at: number; expectation: Expectation | null } | null = null;
    // the wait started at the handoff or at a holding turn: the agent owes the customer a reply
    let owed = true;
    let lastTurn: Turn | null = null;
    const record = (endAt: number, endIdx: number | null): void => {
      if (waitStart === null) return;
      const seconds = (endAt - waitStart) / 1000;
      if (seconds <= SILENCE_THRESHOLD_SECONDS) return;
      const exp = prevAgent?.expectation ?? null;
      const covered =
        endIdx !== null &&
        prevAgent !== null &&
        exp !== null &&
        (endAt - prevAgent.at) / 1000 <= exp.seconds + coverageGraceSeconds(exp.seconds);
      const s: TranscriptSilence = { afterTurnIndex: waitIdx, seconds, covered, untilTurnIndex: endIdx };
      if (waitQuote !== undefined) s.quote = waitQuote;
      if (exp !== null) s.expectation = exp.phrase;
      silences.push(s);
    };
    for (const t of turns) {
      if (t.at < handoff || t.speaker === null || t.speaker === 'AI') continue;
      lastTurn = t;
      if (t.speaker === 'CUSTOMER') {
        if (waitStart === null) {
          waitStart = t.at;
          waitIdx = t.index;
          waitQuote = oneLine(t.text);
          owed = false;
        }
        continue;
      }
      if (t.blank) continue;
      const profile = profiles.get(t.index) ?? profileTurn(null);
      record(t.at, t.index);
      prevAgent = { at: t.at, expectation: profile.expectation };
      if (profile.customerWaits) {
        waitStart = t.at;
        waitIdx = t.index;
        waitQuote = oneLine(t.text);
        owed = true;
      } else {
        waitStart = null;
        waitQuote = undefined;
      }
    }
    // a reply the agent owed and never sent (no first reply, or "let me check" and nothing more),
    // measured to the customer's last message
    if (lastTurn !== null && lastTurn.speaker === 'CUSTOMER' && owed) record(lastTurn.at, null);
  }
  for (const s of silences) {
    const where = s.afterTurnIndex < 0 ? 'after the handoff' : `after ${qq(s.quote ?? '')}`;
    const end = s.untilTurnIndex === null ? ' and the agent never answered' : '';
    if (s.covered)
      findings.push(
        `Waited ${formatDuration(s.seconds)} ${where}${end}, covered by the time expectation ${qq(s.expectation ?? '')}.`
      );
    else {
      const why =
        s.expectation !== undefined
          ? `; the expectation ${qq(s.expectation)} did not cover it`
          : '; no time expectation was set';
      findings.push(`Silence: the customer waited ${formatDuration(s.seconds)} ${where}${end}${why}.`);
    }
  }

  // --- context utilisation
  const contextItems: ContextItemUse[] = [];
  // per turn, once: the stems and compact text (a cheap filter before the full match), and the
  // sentences that refer to something as already known
  const turnIndexes = agentTurns.map((t) => {
    const stems = new Set<string>();
    for (const tok of t.doc.tokens) {
      if (tok.kind === 'punct') continue;
      stems.add(stem(tok.norm));
      if (/[-_]/.test(tok.norm)) for (const p of tok.norm.split(/[-_]+/)) if (p !== '') stems.add(stem(p));
    }
    const refs = t.doc.sentences
      .filter((x) => KNOWN_REF.test(x.joined))
      .map((x) => ({ sentence: x, stems: new Set(x.words.map((w) => stem(w.norm))) }));
    return { turn: t, stems, compact: compactText(t.doc.work), refs };
  });
  for (const fact of facts) {
    const item: ContextItemUse = { item: fact.label, used: false };
    const valueTerms = buildIssueTerms('', [fact], []);
    const stems = labelStems(fact.label);
    for (const { turn: t, stems: turnStems, compact, refs } of turnIndexes) {
      const candidate =
        [...valueTerms.stems].some((x) => turnStems.has(x)) ||
        valueTerms.identifiers.some((id) => compact.includes(id.compact));
      if (candidate) {
        const m = findIssueMentions(t.doc, valueTerms);
        if (m.length > 0) {
          Object.assign(item, { used: true, quote: m[0].text, turnIndex: t.index });
          break;
        }
      }
      if (stems.length > 0) {
        const ref = refs.find(
          (r) =>
            stems.some((x) => r.stems.has(x)) &&
            findKnownInfoRequests(t.doc.display.slice(r.sentence.start, r.sentence.end), [fact]).length === 0
        )?.sentence;
        if (ref !== undefined) {
          Object.assign(item, { used: true, quote: oneLine(t.doc.display.slice(ref.start, ref.end)), turnIndex: t.index });
          break;
        }
      }
    }
    contextItems.push(item);
  }
  {
    const terms = buildIssueTerms(issueSummary, [], [customerName, agentName]);
    const item: ContextItemUse = { item: 'issue', used: false };
    if (terms.stems.size === 0 && terms.identifiers.length === 0) item.used = allReplies.length > 0;
    else {
      for (const t of agentTurns) {
        const m = findIssueMentions(t.doc, terms);
        if (m.length > 0) {
          Object.assign(item, { used: true, quote: m.map((x) => x.text).slice(0, 3).join(', '), turnIndex: t.index });
          break;
        }
      }
    }
    contextItems.push(item);
  }
  const contextItemsAvailable = facts.length + 1;
  const contextItemsUsed = contextItems.filter((c) => c.used).length;
  {
    const unused = contextItems.filter((c) => !c.used).map((c) => (c.item === 'issue' ? 'the issue' : c.item));
    findings.push(
      `Context used: ${contextItemsUsed} of ${contextItemsAvailable}` +
        (unused.length > 0 ? `; not used: ${unused.join(', ')}.` : ' (all of it).')
    );
  }

  // --- narration
  const narration: TranscriptAnalysis['narration'] = [];
  for (const t of allReplies) {
    const step = profiles.get(t.index)?.step ?? null;
    if (step !== null) narration.push({ turnIndex: t.index, quote: step });
  }

  // --- confirmation before closing
  let confirmation: TranscriptAnalysis['confirmation'] = null;
  for (const t of allReplies.slice(-CONFIRMATION_WINDOW)) {
    const quote = t.doc === null ? null : findConfirmation(t.doc);
    if (quote !== null) {
      confirmation = { turnIndex: t.index, quote: oneLine(quote) };
      break;
    }
  }
  if (confirmation !== null) {
    const t = allReplies.find((x) => x.index === confirmation?.turnIndex);
    findings.push(`${t !== undefined ? `${when(t)} ` : ''}The agent checked the fix worked before closing: ${qq(confirmation.quote)}.`);
  } else if (allReplies.length > 0) {
    const last = allReplies[allReplies.length - 1];
    findings.push(
      `The agent did not check that the problem was solved before closing; their last message ${when(last)}: ${qq(last.text)}.`
    );
  }

  return {
    firstResponseSeconds,
    opening,
    knownInfoRequests,
    repeatRequests,
    customerRepeated,
    silences,
    contextItemsAvailable,
    contextItemsUsed,
    contextItems,
    confirmedResolution: confirmation !== null,
    confirmation,
    narration,
    agentTurnCount: allReplies.length,
    truncated,
    findings,
  };
}
