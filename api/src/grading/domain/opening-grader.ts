// The opening-message grader: the ten checks of the opening rubric (OPENING_RUBRIC.md, the
// definition) applied to an agent's first message after a handoff. Pure, deterministic, no I/O,
// linear in the message length (messages are capped at MAX_ANALYZED_CHARS).
//
// How each check decides (details in the helper modules):
//  USES_NAME            first name, full name or title + surname, outside e-mails/quotes/facts
//  INTRODUCES_SELF      "I'm X" / "this is X" / "my name is X" / "X here" / "X from …" (X = agentName
//                       when given; otherwise a capitalised non-word name); roles and placeholders fail
//  ACKNOWLEDGES_ISSUE   a content word shared (by stem) with the summary or a fact value, or a fact's
//                       identifier quoted
//  STATES_ACTION        a first-person step: "I'll …", "let me …", "I'm going to …", "I'm <verb>ing"
//  SETS_TIME_EXPECTATION a concrete time frame, and an action to time
//  NO_GENERIC_OPENER    no "how can I help", "what can I do for you", "what brings you", "what's the issue"
//  NO_REPEAT_REQUEST    no request to explain / describe / tell again / walk through
//  NO_KNOWN_INFO_REQUEST no request for a fact the AI collected (label or synonym)
//  NO_AI_BLAME          no apology for, blame of or disparaging remark about the AI
//  NO_OVER_APOLOGY      at most one apology

import { findActionStatements } from './action.js';
import { buildIssueTerms, findIssueMentions } from './issue-match.js';
import { findKnownInfoRequests, type KnownFact } from './known-info.js';
import { findNameUse, findSelfIntroductions, parsePersonName } from './name-intro.js';
import { findAiBlame, findApologies, findGenericOpeners, findRepeatRequests } from './phrases.js';
import { analyzeText, type TextDoc } from './text.js';
import { findTimeMentions } from './time-expectation.js';

export type OpeningCheckCode =
  | 'USES_NAME'
  | 'INTRODUCES_SELF'
  | 'ACKNOWLEDGES_ISSUE'
  | 'STATES_ACTION'
  | 'SETS_TIME_EXPECTATION'
  | 'NO_GENERIC_OPENER'
  | 'NO_REPEAT_REQUEST'
  | 'NO_KNOWN_INFO_REQUEST'
  | 'NO_AI_BLAME'
  | 'NO_OVER_APOLOGY';

/** The ten checks, in the rubric's order. */
export const OPENING_CHECK_CODES: readonly OpeningCheckCode[] = Object.freeze([
  'USES_NAME',
  'INTRODUCES_SELF',
  'ACKNOWLEDGES_ISSUE',
  'STATES_ACTION',
  'SETS_TIME_EXPECTATION',
  'NO_GENERIC_OPENER',
  'NO_REPEAT_REQUEST',
  'NO_KNOWN_INFO_REQUEST',
  'NO_AI_BLAME',
  'NO_OVER_APOLOGY',
] as const);

export interface HandoffContext {
  customerName: string;
  agentName?: string | null;
  issueSummary: string;
  knownFacts?: { label: string; value: string }[] | null;
}

export interface OpeningCheckResult {
  code: OpeningCheckCode;
  passed: boolean;
  message: string;
}

export interface OpeningAnalysis {
  passed: boolean;
  score: number;
  checks: OpeningCheckResult[];
}

// Re-exports for the transcript analyzer and other callers.
export { findActionStatements, statesAction, type ActionStatement } from './action.js';
export {
  acknowledgesIssue,
  buildIssueTerms,
  findIssueMentions,
  type IssueMention,
  type IssueTerms,
} from './issue-match.js';
export { findKnownInfoRequests, labelPhrases, type KnownFact, type KnownInfoRequest } from './known-info.js';
export { findNameUse, findSelfIntroductions, parsePersonName, type NameUse, type SelfIntro } from './name-intro.js';
export {
  findAiBlame,
  findAiMentions,
  findApologies,
  findGenericOpeners,
  findRepeatRequests,
  type Apology,
  type PhraseHit,
} from './phrases.js';
export { stem, typoEqual } from './stem.js';
export { analyzeText, fold, tokenize, MAX_ANALYZED_CHARS, type TextDoc, type Token, type Unit } from './text.js';
export { findTimeExpectations, findTimeMentions, hasTimeExpectation, type TimeMention } from './time-expectation.js';

const q = (s: string): string => `"${s.replace(/\s+/g, ' ').trim()}"`;

function cleanString(v: unknown, max: number): string {
  return typeof v === 'string' ? v.slice(0, max) : '';
}

function cleanFacts(v: unknown): KnownFact[] {
  if (!Array.isArray(v)) return [];
  const out: KnownFact[] = [];
  for (const f of v.slice(0, 50)) {
    if (f === null || typeof f !== 'object') continue;
    const label = cleanString((f as { label?: unknown }).label, 200).trim();
    const value = cleanString((f as { value?: unknown }).value, 300).trim();
    if (label.length > 0) out.push({ label, value });
  }
  return out;
}

function listWords(words: readonly string[], max = 3): string {
  return words.slice(0, max).map(q).join(', ');
}

/** Grades an agent's first message after a handoff against the ten opening checks. */
export function analyzeOpening(message: string, context: HandoffContext): OpeningAnalysis {
  const ctx = (context ?? {}) as Partial<HandoffContext>;
  const customerName = cleanString(ctx.customerName, 200);
  const agentName = cleanString(ctx.agentName, 200).trim() || null;
  const issueSummary = cleanString(ctx.issueSummary, 2000);
  const facts = cleanFacts(ctx.knownFacts);
  const doc: TextDoc = analyzeText(typeof message === 'string' ? message : '');
  const empty = doc.tokens.every((t) => t.kind === 'punct');
  const customer = parsePersonName(customerName);
  const agent = parsePersonName(agentName);

  const checks: OpeningCheckResult[] = [];
  const add = (code: OpeningCheckCode, passed: boolean, message: string): void => {
    checks.push({ code, passed, message });
  };

  // 1. USES_NAME
  {
    const use = findNameUse(doc, customerName, { agentName, recordValues: facts.map((f) => f.value) });
    const suggestion = customer === null ? 'the customer' : q(customer.firstDisplay);
    const formal =
      customer !== null && customer.surnameDisplay !== ''
        ? customer.title !== null
          ? ` or ${q(`${customer.title} ${customer.surnameDisplay}`)}`
          : ' (or title and surname)'
        : '';
    if (customer === null) add('USES_NAME', true, 'No customer name in the handoff, so there is no name to use.');
    else if (use.found)
      add('USES_NAME', true, `Addresses the customer by name: ${q(use.quote ?? customer.firstDisplay)}.`);
    else if (use.onlyInRecords) {
      add(
        'USES_NAME',
        false,
        `The customer's name only appears inside an e-mail address, quote or record; greet them directly, e.g. "Hi ${customer.firstDisplay}".`
      );
    } else if (empty)
      add('USES_NAME', false, `The message is empty; greet the customer by name (${suggestion}${formal}).`);
    else add('USES_NAME', false, `Doesn't address the customer by name; greet them as ${suggestion}${formal}.`);
  }

  // 2. INTRODUCES_SELF
  {
    const intros = findSelfIntroductions(doc, agentName, customerName);
    const good = intros.find((i) => i.kind === 'name');
    const placeholder = intros.find((i) => i.kind === 'placeholder');
    const role = intros.find((i) => i.kind === 'role');
    const other = intros.find((i) => i.kind === 'other-name');
    const example = agent !== null ? `"I'm ${agent.firstDisplay}"` : '"I\'m <your name>"';
    if (good !== undefined) add('INTRODUCES_SELF', true, `Says who they are: ${q(good.quote)}.`);
    else if (placeholder !== undefined)
      add('INTRODUCES_SELF', false, `Replace the placeholder with your name: ${q(placeholder.quote)}.`);
    else if (other !== undefined && agent !== null) {
      add(
        'INTRODUCES_SELF',
        false,
        `Introduces as ${q(other.name ?? '')}, but the agent on this handoff is ${agent.firstDisplay}: ${q(
          other.quote
        )}.`
      );
    } else if (role !== undefined)
      add('INTRODUCES_SELF', false, `Gives a role but no name: ${q(role.quote)}; add your name, e.g. ${example}.`);
    else
      add(
        'INTRODUCES_SELF',
        false,
        `Doesn't say who you are; add ${example} or "${agent?.firstDisplay ?? '<name>'} here".`
      );
  }

  // 3. ACKNOWLEDGES_ISSUE
  {
    const terms = buildIssueTerms(issueSummary, facts, [customerName, agentName]);
    const mentions = findIssueMentions(doc, terms);
    const hints = terms.surfaces.filter((s, i, all) => all.indexOf(s) === i && !/^\d+$/.test(s)).slice(0, 3);
    const hint = hints.length > 0 ? ` (e.g. ${listWords(hints)})` : '';
    const vague =
      /(?<![^ ])(?:your|the|this|that) (?:issue|problem|request|concern|query|situation|case|account|order|plan)(?![^ ])/.exec(
        doc.sentences.map((s) => s.joined).join(' ')
      );
    if (terms.stems.size === 0 && terms.identifiers.length === 0)
      add('ACKNOWLEDGES_ISSUE', true, 'The handoff has no issue summary to acknowledge.');
    else if (mentions.length > 0)
      add(
        'ACKNOWLEDGES_ISSUE',
        true,
        `Names the customer's issue: ${listWords(
          mentions.map((m) => m.text),
          4
        )}.`
      );
    else if (vague !== null)
      add(
        'ACKNOWLEDGES_ISSUE',
        false,
        `${q(vague[0])} alone doesn't show you read the case; name the actual problem${hint}.`
      );
    else add('ACKNOWLEDGES_ISSUE', false, `Doesn't name the customer's problem; mention it specifically${hint}.`);
  }

  // 4. STATES_ACTION
  const actions = findActionStatements(doc);
  const action = actions.find((a) => a.kind === 'action');
  {
    const comm = actions.find((a) => a.kind === 'communication');
    const offer = actions.find((a) => a.kind === 'offer');
    if (action !== undefined) add('STATES_ACTION', true, `Commits to a next step: ${q(action.quote)}.`);
    else if (offer !== undefined)
      add(
        'STATES_ACTION',
        false,
        `Asks instead of acting: ${q(offer.quote)}; commit to the step yourself ("I'm …ing now").`
      );
    else if (comm !== undefined)
      add(
        'STATES_ACTION',
        false,
        `Promises to get back but names no concrete step: ${q(
          comm.quote
        )}; say what you will do ("I'll reissue the refund").`
      );
    else
      add(
        'STATES_ACTION',
        false,
        'No concrete next step; say what you will do, in the first person ("Let me pull up your order", "I\'m reissuing the refund").'
      );
  }

  // 5. SETS_TIME_EXPECTATION
  {
    const mentions = findTimeMentions(doc);
    const ok = mentions.find((m) => m.status === 'ok');
    const vague = mentions.find((m) => m.status === 'vague');
    const pastOrRate = mentions.find((m) => m.status === 'past' || m.status === 'rate');
    if (action === undefined) {
      add(
        'SETS_TIME_EXPECTATION',
        false,
        ok !== undefined
          ? `Gives a time (${q(ok.phrase)}) but no action to attach it to; state the step first.`
          : 'No action stated, so there is no step to time; say what you will do and how long it takes ("in about 2 minutes").'
      );
    } else if (ok !== undefined) add('SETS_TIME_EXPECTATION', true, `Sets a time expectation: ${q(ok.phrase)}.`);
    else if (vague !== undefined)
      add(
        'SETS_TIME_EXPECTATION',
        false,
        `${q(vague.phrase)} is vague; give a concrete time frame ("in 5 minutes", "one moment").`
      );
    else if (pastOrRate !== undefined) {
      add(
        'SETS_TIME_EXPECTATION',
        false,
        `${q(pastOrRate.phrase)} describes ${
          pastOrRate.status === 'past' ? 'the past' : 'a rate'
        }, not how long your step takes; add a time frame ("in about 2 minutes").`
      );
    } else
      add(
        'SETS_TIME_EXPECTATION',
        false,
        'Says what you will do but not how long it takes; add a time frame ("in about 2 minutes", "one moment").'
      );
  }

  // 6. NO_GENERIC_OPENER
  {
    const hits = findGenericOpeners(doc);
    if (hits.length === 0) add('NO_GENERIC_OPENER', true, 'No generic opener: you go straight to the case.');
    else
      add(
        'NO_GENERIC_OPENER',
        false,
        `Generic opener: ${q(hits[0].quote)}; the customer already explained, so name the issue and your next step.`
      );
  }

  // 7. NO_REPEAT_REQUEST
  {
    const hits = findRepeatRequests(doc);
    if (hits.length === 0) add('NO_REPEAT_REQUEST', true, "Doesn't ask the customer to explain again.");
    else
      add(
        'NO_REPEAT_REQUEST',
        false,
        `Asks the customer to repeat what they told the assistant: ${q(
          hits[0].quote
        )}; say what you already know instead.`
      );
  }

  // 8. NO_KNOWN_INFO_REQUEST
  {
    const requests = findKnownInfoRequests(doc, facts);
    if (requests.length === 0) {
      add(
        'NO_KNOWN_INFO_REQUEST',
        true,
        facts.length > 0
          ? "Doesn't ask for anything the AI already collected."
          : 'No known facts in the handoff to re-ask for.'
      );
    } else {
      const r = requests[0];
      const use = r.value !== '' ? `; use it (${q(r.value)})` : '';
      add('NO_KNOWN_INFO_REQUEST', false, `Asks for the ${r.label} the AI already collected: ${q(r.quote)}${use}.`);
    }
  }

  // 9. NO_AI_BLAME
  {
    const hits = findAiBlame(doc);
    if (hits.length === 0) add('NO_AI_BLAME', true, "Doesn't blame or apologise for the AI assistant.");
    else
      add(
        'NO_AI_BLAME',
        false,
        `Blames or apologises for the AI: ${q(
          hits[0].quote
        )}; keep it neutral ("I've read your chat with our assistant").`
      );
  }

  // 10. NO_OVER_APOLOGY
  {
    const apologies = findApologies(doc);
    if (apologies.length <= 1) {
      add(
        'NO_OVER_APOLOGY',
        true,
        apologies.length === 0 ? 'No apologies piled up.' : 'One apology at most: good, then straight to action.'
      );
    } else {
      const words = apologies.map((a) => a.word);
      add(
        'NO_OVER_APOLOGY',
        false,
        `${apologies.length} apologies (${listWords(words, 4)}) in one message; keep one, then say what you'll do.`
      );
    }
  }

  const passedCount = checks.filter((c) => c.passed).length;
  return { passed: passedCount === checks.length, score: passedCount * 10, checks };
}
