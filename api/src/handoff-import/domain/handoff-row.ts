// One imported handoff: which fields a row has (docs/handoff-import.md), reading them, and turning
// the row into a handoff review. Pure: no Nest, no TypeORM, no I/O.
//
// A review's context counts and customer-repeat flag come from, in this order:
//  1. the row's explicit columns (context_items_available, context_items_used, customer_repeated);
//  2. the transcript analyzer, when the row has a transcript;
//  3. without a transcript: context_items_available defaults to the known facts + 1 (the issue),
//     and context_items_used and customer_repeated are required, since nothing else can tell them.
// With a transcript, the QA scorecard of the agent's program is pre-filled from the same analysis
// (qa/domain/scorecard.ts, prefillScorecard) and scored; without one the scorecard stays empty.

import { prefillScorecard, scoreScorecard, type ScorecardItem } from '../../qa/domain/scorecard.js';
import { analyzeTranscript, TranscriptError } from '../../qa/domain/transcript-analyzer.js';
import type { HandoffMode, StoredScorecardAnswer } from '../../supervision/entities/handoff-review.entity.js';
import { reviewProblems } from '../../supervision/domain/review-validation.js';
import {
  FieldProblem,
  isBlank,
  readBoolean,
  readCount,
  readCsat,
  readEmail,
  readFacts,
  readMode,
  readText,
  readTimestamp,
  readTranscript,
  type KnownFact,
  type Turn,
} from './fields.js';

export const COLUMNS = [
  'conversation_id',
  'agent_email',
  'handed_off_at',
  'first_response_at',
  'csat',
  'resolved',
  'known_facts',
  'issue_summary',
  'customer_name',
  'transcript',
  'context_items_available',
  'context_items_used',
  'customer_repeated',
  'notes',
  'mode',
] as const;
export type Column = (typeof COLUMNS)[number];

/** Columns every file must have (a row may still leave first_response_at empty, see parseRow). */
export const REQUIRED_COLUMNS: readonly Column[] = ['conversation_id', 'agent_email', 'handed_off_at', 'resolved'];

const KNOWN = new Set<string>(COLUMNS);

/** "Handed off at", "handed-off-at" and "HANDED_OFF_AT" all name handed_off_at. */
export function normalizeColumnName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export interface HeaderCheck {
  /** For each position, the column it feeds, or null for an ignored one. */
  columns: (Column | null)[];
  /** Header names that are not columns of the import (kept out of the reviews, reported back). */
  ignored: string[];
  problems: string[];
}

export function checkHeader(names: readonly string[]): HeaderCheck {
  const seen = new Set<string>();
  const columns: (Column | null)[] = [];
  const ignored: string[] = [];
  const problems: string[] = [];
  for (const raw of names) {
    const name = normalizeColumnName(raw);
    if (!KNOWN.has(name)) {
      columns.push(null);
      if (raw.trim()) ignored.push(raw.trim());
      continue;
    }
    if (seen.has(name)) problems.push(`the column ${name} appears twice`);
    seen.add(name);
    columns.push(name as Column);
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length) {
    problems.push(
      `the header row lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` +
        ` (the first row must name the columns; see docs/handoff-import.md)`,
    );
  }
  if (!seen.has('first_response_at') && !seen.has('transcript')) {
    problems.push('the file needs a first_response_at column, or a transcript column to take it from');
  }
  return { columns, ignored, problems };
}

/** JSON keys that are not fields of a handoff (ignored and reported back). */
export function unknownKeys(fields: Record<string, unknown>): string[] {
  return Object.keys(fields).filter((k) => !KNOWN.has(k));
}

/** A row with every field read, before it is matched to an enrollment. */
export interface HandoffRow {
  externalId: string;
  agentEmail: string;
  mode: HandoffMode | null;
  handedOffAt: Date;
  firstResponseAt: Date | null;
  csat: number | null;
  resolved: boolean;
  knownFacts: KnownFact[];
  issueSummary: string | null;
  customerName: string | null;
  transcript: Turn[] | null;
  contextItemsAvailable: number | null;
  contextItemsUsed: number | null;
  customerRepeated: boolean | null;
  notes: string | null;
}

export type RowResult = { row: HandoffRow; problems: [] } | { row: null; problems: string[] };

/** Reads every field of a row (keyed by column name); collects every problem, each naming its column. */
export function parseRow(fields: Partial<Record<string, unknown>>): RowResult {
  const problems: string[] = [];
  const read = <T>(column: Column, reader: (v: unknown) => T, required: boolean | string = false): T | null => {
    const v = fields[column];
    if (isBlank(v)) {
      if (required) problems.push(typeof required === 'string' ? required : `${column} is required`);
      return null;
    }
    try {
      return reader(v);
    } catch (e) {
      if (!(e instanceof FieldProblem)) throw e;
      problems.push(`${column} ${e.message}`);
      return null;
    }
  };

  const externalId = read('conversation_id', (v) => readText(v, 200), true);
  const agentEmail = read('agent_email', readEmail, true);
  const mode = read('mode', readMode);
  const handedOffAt = read('handed_off_at', readTimestamp, true);
  // An empty list (or "[]") is no transcript: exporters often write one for chats without turns.
  const transcriptGiven = !isBlank(fields.transcript) && !isEmptyList(fields.transcript);
  const transcript = transcriptGiven ? read('transcript', readTranscript) : null;
  const firstResponseAt = read('first_response_at', readTimestamp, !transcriptGiven);
  const csat = read('csat', readCsat);
  const resolved = read('resolved', readBoolean, 'resolved is required (true or false)');
  const knownFacts = read('known_facts', readFacts) ?? [];
  const withTranscript = (column: string) => transcriptGiven && `${column} is required with a transcript`;
  const issueSummary = read('issue_summary', (v) => readText(v, 2000), withTranscript('issue_summary'));
  const customerName = read('customer_name', (v) => readText(v, 200), withTranscript('customer_name'));
  const withoutTranscript = (column: string) => !transcriptGiven && `${column} is required when the row has no transcript`;
  const contextItemsAvailable = read('context_items_available', readCount);
  const contextItemsUsed = read('context_items_used', readCount, withoutTranscript('context_items_used'));
  const customerRepeated = read('customer_repeated', readBoolean, withoutTranscript('customer_repeated'));
  const notes = read('notes', (v) => readText(v, 10_000));

  if (problems.length) return { row: null, problems };
  return {
    row: {
      externalId: externalId!,
      agentEmail: agentEmail!,
      mode,
      handedOffAt: handedOffAt!,
      firstResponseAt,
      csat,
      resolved: resolved!,
      knownFacts,
      issueSummary,
      customerName,
      transcript,
      contextItemsAvailable,
      contextItemsUsed,
      customerRepeated,
      notes,
    },
    problems: [],
  };
}

/** What is stored: the columns of handoff_reviews that an import sets. */
export interface ReviewValues {
  externalId: string;
  mode: HandoffMode;
  handedOffAt: Date;
  firstResponseAt: Date;
  contextItemsAvailable: number;
  contextItemsUsed: number;
  customerRepeated: boolean;
  csat: number | null;
  resolved: boolean;
  notes: string | null;
  /** Pre-filled from the transcript; null without one (or without a scorecard in the context). */
  scorecard: StoredScorecardAnswer[] | null;
  qaScore: number | null;
  qaPassed: boolean | null;
  /** The escalation context and transcript, kept so the reviewer can confirm or correct the pre-fill. */
  conversation: ReviewConversation | null;
}

export interface ReviewConversation {
  customerName: string | null;
  issueSummary: string | null;
  knownFacts: KnownFact[];
  transcript: Turn[] | null;
}

export type ReviewResult = { review: ReviewValues; problems: [] } | { review: null; problems: string[] };

const MAX_NOTES = 10_000;

// reviewProblems speaks the GraphQL input's names; an import speaks its columns'.
const FIELD_TO_COLUMN: Record<string, Column> = {
  externalId: 'conversation_id',
  handedOffAt: 'handed_off_at',
  firstResponseAt: 'first_response_at',
  contextItemsAvailable: 'context_items_available',
  contextItemsUsed: 'context_items_used',
};
const FIELD_NAMES = new RegExp(`\\b(${Object.keys(FIELD_TO_COLUMN).join('|')})\\b`, 'g');

/**
 * Completes a row into a review: the transcript analyzer fills what the explicit columns leave
 * open, then the rules of recordHandoffReview (supervision/domain/review-validation.ts) apply.
 * `agentName` is the agent's name from their account (the opening check wants it in the intro).
 */
export function toReview(
  row: HandoffRow,
  context: { defaultMode: HandoffMode; agentName: string | null; scorecard?: readonly ScorecardItem[] },
): ReviewResult {
  let firstResponseAt = row.firstResponseAt;
  let contextItemsAvailable = row.contextItemsAvailable;
  let contextItemsUsed = row.contextItemsUsed;
  let customerRepeated = row.customerRepeated;
  let notes = row.notes;
  let scorecard: StoredScorecardAnswer[] | null = null;
  let qa: { score: number; passed: boolean } | null = null;
  const origin: Partial<Record<Column, string>> = {};

  if (row.transcript) {
    let analysis: ReturnType<typeof analyzeTranscript>;
    try {
      analysis = analyzeTranscript({
        handedOffAt: row.handedOffAt,
        customerName: row.customerName ?? '',
        agentName: context.agentName,
        issueSummary: row.issueSummary ?? '',
        knownFacts: row.knownFacts,
        turns: row.transcript,
      });
    } catch (e) {
      const reason = e instanceof TranscriptError ? e.message : 'could not be analysed';
      return { review: null, problems: [`transcript ${reason}`] };
    }
    if (!firstResponseAt) {
      if (analysis.firstResponseSeconds === null) {
        return { review: null, problems: ['first_response_at is required: the transcript has no agent reply after handed_off_at'] };
      }
      firstResponseAt = new Date(row.handedOffAt.getTime() + Math.round(analysis.firstResponseSeconds * 1000));
    }
    if (contextItemsAvailable === null) {
      contextItemsAvailable = analysis.contextItemsAvailable;
      origin.context_items_available = 'from the transcript';
    }
    if (contextItemsUsed === null) {
      contextItemsUsed = analysis.contextItemsUsed;
      origin.context_items_used = 'from the transcript';
    }
    customerRepeated ??= analysis.customerRepeated;
    if (notes === null && analysis.findings.length) notes = clipNotes(analysis.findings.join('\n'));
    if (context.scorecard?.length) {
      const answers = prefillScorecard(context.scorecard, analysis);
      scorecard = answers.map((a) => ({ key: a.key, passed: a.passed, note: a.note ?? null }));
      qa = scoreScorecard(context.scorecard, answers);
    }
  } else if (contextItemsAvailable === null) {
    contextItemsAvailable = row.knownFacts.length + 1;
    origin.context_items_available = 'the known facts + 1';
  }

  const review: ReviewValues = {
    externalId: row.externalId,
    mode: row.mode ?? context.defaultMode,
    handedOffAt: row.handedOffAt,
    firstResponseAt: firstResponseAt!,
    contextItemsAvailable: contextItemsAvailable!,
    contextItemsUsed: contextItemsUsed!,
    customerRepeated: customerRepeated!,
    csat: row.csat,
    resolved: row.resolved,
    notes,
    scorecard,
    qaScore: qa?.score ?? null,
    qaPassed: qa?.passed ?? null,
    conversation:
      row.transcript || row.knownFacts.length || row.issueSummary
        ? { customerName: row.customerName, issueSummary: row.issueSummary, knownFacts: row.knownFacts, transcript: row.transcript }
        : null,
  };
  const problems = reviewProblems(review).map((p) => {
    let message = p.message.replace(FIELD_NAMES, (name) => FIELD_TO_COLUMN[name]).replace(/\.$/, '');
    if (p.field === 'contextItemsUsed') {
      message = `context_items_used (${review.contextItemsUsed}) must be between 0 and context_items_available (${review.contextItemsAvailable}${
        origin.context_items_available ? `, ${origin.context_items_available}` : ''
      })`;
    }
    return message;
  });
  return problems.length ? { review: null, problems } : { review, problems: [] };
}

function clipNotes(s: string): string {
  return s.length > MAX_NOTES ? `${s.slice(0, MAX_NOTES - 1)}…` : s;
}

function isEmptyList(v: unknown): boolean {
  return (Array.isArray(v) && v.length === 0) || (typeof v === 'string' && /^\[\s*\]$/.test(v.trim()));
}
