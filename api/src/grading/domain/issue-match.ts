// ACKNOWLEDGES_ISSUE: does the message name the customer's specific problem? It must share a
// content word (by stem, one typo forgiven) with the issue summary or a known fact's value, or
// quote an identifier value (#48213, ACC-55102, an e-mail address). Not counted: the customer's
// and agent's names, stop words, generic words (issue, problem, account, help, today, time
// words …), small numbers and numbers that are part of a time ("in 5 minutes"), and a record word
// right after "your" with nothing specific next to it ("your account", "your plan").

import { GENERIC_WORDS, RECORD_WORDS, STOPWORDS } from './lexicon.js';
import { parsePersonName } from './name-intro.js';
import { stem, typoEqual } from './stem.js';
import { analyzeText, fold, type TextDoc, type Token } from './text.js';
import type { KnownFact } from './known-info.js';

const GENERIC_STEMS = new Set([...GENERIC_WORDS].map(stem));
const TIME_UNIT = /^(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?|moments?|am|pm)$/;

export interface IssueTerms {
  /** Stems of the content words of the summary and of the facts' values. */
  readonly stems: ReadonlySet<string>;
  /** The same words as written (folded), for typo matching. */
  readonly surfaces: readonly string[];
  /** Compact (folded, alphanumerics only) identifier values: "48213", "acc55102". */
  readonly identifiers: readonly { compact: string; value: string }[];
  /** Stems of the facts' label words ("order", "plan"). */
  readonly labelStems: ReadonlySet<string>;
  /** Folded name tokens that never count. */
  readonly names: ReadonlySet<string>;
}

export interface IssueMention {
  /** The matched words as written, or the identifier value. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function parts(norm: string): string[] {
  if (!/[-_]/.test(norm)) return [norm];
  return [norm, ...norm.split(/[-_]+/).filter((p) => p.length > 0)];
}

function isContent(p: string, names: ReadonlySet<string>): boolean {
  if (p.length < 2 || STOPWORDS.has(p) || names.has(p)) return false;
  if (/^\d+$/.test(p)) return p.length >= 3;
  if (/^\d+(?:[.,:]\d+)+$/.test(p)) return false;
  if (!/\p{L}/u.test(p) && !/\d/.test(p)) return false;
  if (GENERIC_STEMS.has(stem(p))) return false;
  return true;
}

function compact(s: string): string {
  return fold(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The vocabulary of an issue: summary words, fact values, identifiers. */
export function buildIssueTerms(
  issueSummary: string,
  knownFacts: readonly KnownFact[] | null | undefined,
  names: readonly (string | null | undefined)[] = []
): IssueTerms {
  const nameSet = new Set<string>();
  for (const n of names) {
    const parsed = parsePersonName(n);
    if (parsed !== null) for (const p of [parsed.first, ...parsed.surname]) for (const q of parts(p)) nameSet.add(q);
  }
  const stems = new Set<string>();
  const surfaces: string[] = [];
  const add = (text: string): void => {
    for (const t of analyzeText(text, 1000).tokens) {
      if (t.kind === 'punct') continue;
      for (const p of parts(t.norm)) {
        if (!isContent(p, nameSet)) continue;
        stems.add(stem(p));
        surfaces.push(p);
      }
    }
  };
  add(typeof issueSummary === 'string' ? issueSummary : '');
  const identifiers: { compact: string; value: string }[] = [];
  const labelStems = new Set<string>();
  for (const fact of (knownFacts ?? []).slice(0, 50)) {
    if (fact === null || typeof fact !== 'object') continue;
    const value = typeof fact.value === 'string' ? fact.value.slice(0, 200) : '';
    const label = typeof fact.label === 'string' ? fact.label.slice(0, 100) : '';
    for (const t of analyzeText(label, 100).tokens) if (t.kind === 'word') labelStems.add(stem(t.norm));
    const c = compact(value);
    if (c.length >= 4 && (/\d/.test(c) || value.includes('@'))) identifiers.push({ compact: c, value: value.trim() });
    if (!value.includes('@') && !value.includes('://')) add(value);
  }
  return { stems, surfaces, identifiers, labelStems, names: nameSet };
}

function isContentToken(t: Token | undefined, terms: IssueTerms): boolean {
  if (t === undefined || t.kind === 'punct') return false;
  return isContent(t.norm, terms.names) && !terms.labelStems.has(stem(t.norm)) && !RECORD_WORDS.has(t.norm);
}

/** The words of the message that name the issue (empty when none does). */
export function findIssueMentions(doc: TextDoc, terms: IssueTerms): IssueMention[] {
  const out: IssueMention[] = [];
  const seen = new Set<string>();
  for (const sentence of doc.sentences) {
    if (out.length >= 50) break;
    const words = sentence.words.filter((t) => t.kind !== 'punct');
    for (let i = 0; i < words.length; i++) {
      const t = words[i];
      const next = words[i + 1];
      if (/^\d/.test(t.norm) && next !== undefined && TIME_UNIT.test(next.norm)) continue;
      for (const p of parts(t.norm)) {
        if (!isContent(p, terms.names)) continue;
        const st = stem(p);
        let hit = terms.stems.has(st);
        if (!hit && p.length >= 4 && /^\p{L}+$/u.test(p)) hit = terms.surfaces.some((s) => typoEqual(p, s));
        if (!hit) continue;
        // "your account", "your plan": a record word alone does not name the problem
        const recordWord = RECORD_WORDS.has(p) || terms.labelStems.has(st);
        const prev = words[i - 1]?.norm;
        if (recordWord && (prev === 'your' || prev === 'ur') && !isContentToken(next, terms)) continue;
        const key = st;
        if (seen.has(key)) break;
        seen.add(key);
        out.push({ text: t.text, start: t.start, end: t.end });
        break;
      }
    }
  }
  if (terms.identifiers.length > 0) {
    const whole = compact(doc.work);
    for (const id of terms.identifiers) {
      if (!whole.includes(id.compact)) continue;
      out.push({ text: id.value, start: -1, end: -1 });
    }
  }
  return out;
}

/** Convenience: does `text` name the issue described by the summary and facts? */
export function acknowledgesIssue(
  text: string,
  issueSummary: string,
  knownFacts?: readonly KnownFact[] | null,
  names: readonly (string | null | undefined)[] = []
): boolean {
  return findIssueMentions(analyzeText(text), buildIssueTerms(issueSummary, knownFacts, names)).length > 0;
}
