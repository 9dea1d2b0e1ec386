// Time expectations: "about 2 minutes", "30s", "a moment", "one sec", "a few minutes", "right now",
// "within the hour", "by 3pm". Rejected: vague words ("soon", "shortly", "ASAP", "quickly"),
// durations in the past ("ordered 12 days ago", "has been down for an hour") and rates
// ("50 requests a minute", "50 req/min", "every 5 minutes"). Token-based, linear.

import { NUMBER_WORDS, STOPWORDS, words } from './lexicon.js';
import { analyzeText, excerpt, type TextDoc, type Token } from './text.js';

export type TimeMentionKind = 'duration' | 'immediate' | 'deadline' | 'vague';
export type TimeMentionStatus = 'ok' | 'past' | 'rate' | 'vague';

export interface TimeMention {
  /** The words as written. */
  readonly phrase: string;
  readonly start: number;
  readonly end: number;
  readonly kind: TimeMentionKind;
  readonly status: TimeMentionStatus;
}

const UNITS = new Set([
  'second',
  'seconds',
  'sec',
  'secs',
  'minute',
  'minutes',
  'min',
  'mins',
  'hour',
  'hours',
  'hr',
  'hrs',
  'h',
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'moment',
  'moments',
  'mo',
  'tick',
  'ticks',
  'jiffy',
  'jiff',
  // frequent misspellings
  'minuets',
  'mintues',
  'minuts',
  'minites',
  'minuites',
  'mintes',
  'miuntes',
  'minues',
  'minuet',
  'mintue',
  'secounds',
  'secods',
  'seconsd',
  'secs.',
  'hous',
  'horus',
  'hrous',
  'momment',
  'moement',
]);
/** Units that need an article or small quantity in front ("a moment", not "the moment"). */
const INDEFINITE_UNITS = new Set(['moment', 'moments', 'mo', 'tick', 'ticks', 'jiffy', 'jiff', 'momment', 'moement']);
const WAIT_AFTER = new Set(['wait', 'waiting', 'delay', 'hold', 'queue', 'waited', 'outage', 'downtime', 'ago']);
const INDEFINITE_QUANTITY = new Set(['a', 'an', 'one', 'few', 'couple', 'several', 'another']);
const ATTACHED = /^\d{1,4}(?:[.,]\d{1,2})?(?:s|secs?|mins?|h|hrs?)$/;
const ADJECTIVAL = /^(\d{1,4}|[a-z]+)-(second|sec|minute|min|hour|hr|day|week)s?$/;
/** Words allowed between the quantity and the unit ("2 more minutes", "3 business days"). */
const QUALIFIERS = words(`
  more extra additional business working full short quick or so
`);
/** Hedges allowed before a quantity ("about 2 minutes", "for nearly an hour"). */
const HEDGES = words(`
  about around roughly approximately approx nearly almost over under ~ like more less than just only
  at least most max maximum good whole full another few the next a
`);
const RATE_BEFORE = new Set(['per', 'every', 'each', '/', 'x', 'times', 'twice', 'once', 'thrice']);
const PAST_BEFORE = new Set(['last', 'past', 'previous', 'since']);
const PAST_VERBS = words(`
  was were been had took taken spent waited waiting lasted stuck sat gone went lost ran run being
`);
const NOT_PAST_ED = words(`
  need needed speed feed seed exceed proceed succeed expected scheduled estimated fixed sorted
  updated done resolved completed finished processed refunded cancelled canceled delivered shipped
  sent reset restored unlocked applied changed handled
`);
const IMMEDIATE_SINGLE = new Set(['immediately', 'straightaway', 'instantly', 'rn']);
const VAGUE_SINGLE = words(`
  soon shortly asap quickly promptly momentarily later sometime eventually speedily swiftly
`);
const VAGUE_PHRASES: readonly (readonly string[])[] = [
  ['as', 'soon', 'as', 'possible'],
  ['as', 'soon', 'as', 'i', 'can'],
  ['in', 'a', 'bit'],
  ['in', 'a', 'while'],
  ['in', 'due', 'course'],
  ['at', 'some', 'point'],
  ['in', 'no', 'time'],
  ['a', 'little', 'while'],
  ['any', 'minute'],
  ['when', 'i', 'can'],
];
const VAGUE_STARTS = new Set(VAGUE_PHRASES.map((p) => p[0]));
const DEADLINE_WORDS = words(`
  tomorrow tonight noon midday midnight eod cob eob today monday tuesday wednesday thursday friday
  saturday sunday
`);
const CLOCK = /^(?:\d{1,2}(?::\d{2})?(?:am|pm)|\d{1,2}:\d{2})$/;
const NEGATE_BEFORE = new Set(['not', "can't", 'cannot', "won't", "couldn't", 'never', "isn't", "don't"]);

function isQuantity(t: Token | undefined): boolean {
  if (t === undefined) return false;
  const n = t.norm;
  if (/^\d{1,4}(?:[.,]\d{1,2})?(?:-\d{1,4})?$/.test(n)) return true;
  if (NUMBER_WORDS[n] !== undefined) return true;
  if (n.includes('-')) return n.split('-').every((part) => NUMBER_WORDS[part] !== undefined);
  return false;
}

function isPastVerb(t: Token | undefined): boolean {
  if (t === undefined) return false;
  const n = t.norm;
  if (PAST_VERBS.has(n)) return true;
  return n.length > 4 && n.endsWith('ed') && !NOT_PAST_ED.has(n);
}

function seq(words: Token[], at: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) if (words[at + k]?.norm !== phrase[k]) return false;
  return true;
}

function asDoc(input: string | TextDoc): TextDoc {
  return typeof input === 'string' ? analyzeText(input) : input;
}

/** Every time mention in the text, each classified (ok, past, rate or vague). */
export function findTimeMentions(input: string | TextDoc): TimeMention[] {
  const doc = asDoc(input);
  const out: TimeMention[] = [];
  const push = (words: Token[], from: number, to: number, kind: TimeMentionKind, status: TimeMentionStatus): void => {
    const a = words[from];
    const b = words[to - 1];
    out.push({ phrase: excerpt(doc, a.start, b.end, 60), start: a.start, end: b.end, kind, status });
  };

  for (const sentence of doc.sentences) {
    if (out.length >= 100) break;
    const w = sentence.words;
    for (let u = 0; u < w.length; u++) {
      const norm = w[u].norm;

      // vague words and phrases
      if (VAGUE_SINGLE.has(norm)) {
        push(w, u, u + 1, 'vague', 'vague');
        continue;
      }
      const vague = VAGUE_STARTS.has(norm) ? VAGUE_PHRASES.find((p) => seq(w, u, p)) : undefined;
      if (vague !== undefined) {
        push(w, u, u + vague.length, 'vague', 'vague');
        u += vague.length - 1;
        continue;
      }

      // right now / right away / straight away / immediately / as we speak
      const negated = (k: number): boolean => {
        for (let b = Math.max(0, k - 3); b < k; b++) if (NEGATE_BEFORE.has(w[b].norm)) return true;
        return false;
      };
      if (
        (norm === 'right' && (w[u + 1]?.norm === 'now' || w[u + 1]?.norm === 'away')) ||
        (norm === 'straight' && w[u + 1]?.norm === 'away') ||
        seq(w, u, ['as', 'we', 'speak'])
      ) {
        const len = norm === 'as' ? 3 : 2;
        push(w, u, u + len, 'immediate', negated(u) ? 'vague' : 'ok');
        u += len - 1;
        continue;
      }
      if (IMMEDIATE_SINGLE.has(norm)) {
        push(w, u, u + 1, 'immediate', negated(u) ? 'vague' : 'ok');
        continue;
      }

      // deadlines: by 3pm, before noon, by end of (the) day, by tomorrow, within the hour
      if (norm === 'by' || norm === 'before' || norm === 'at' || norm === 'until') {
        const next = w[u + 1];
        const nextNorm = next?.norm ?? '';
        let len = 0;
        if (CLOCK.test(nextNorm)) len = 2;
        else if (/^\d{1,2}$/.test(nextNorm) && /^(?:am|pm|a\.m|p\.m|o'clock)$/.test(w[u + 2]?.norm ?? '')) len = 3;
        else if (norm === 'by' && DEADLINE_WORDS.has(nextNorm)) len = 2;
        else if (norm !== 'at' && seq(w, u + 1, ['end', 'of', 'day'])) len = 4;
        else if (norm !== 'at' && seq(w, u + 1, ['the', 'end', 'of', 'the', 'day'])) len = 6;
        else if (norm !== 'at' && seq(w, u + 1, ['end', 'of', 'today'])) len = 4;
        else if (norm !== 'at' && seq(w, u + 1, ['close', 'of', 'business'])) len = 4;
        else if (norm === 'by' && next?.norm === 'this' && /^(?:morning|afternoon|evening)$/.test(w[u + 2]?.norm ?? ''))
          len = 3;
        if (len > 0) {
          push(w, u, u + len, 'deadline', 'ok');
          u += len - 1;
          continue;
        }
      }
      if (
        norm === 'within' &&
        w[u + 1]?.norm === 'the' &&
        (w[u + 2]?.norm === 'hour' || (w[u + 2]?.norm === 'next' && w[u + 3]?.norm === 'hour'))
      ) {
        const len = w[u + 2]?.norm === 'hour' ? 3 : 4;
        push(w, u, u + len, 'duration', 'ok');
        u += len - 1;
        continue;
      }

      // durations: <quantity> <unit>, "30s", "5-minute"
      let numStart = -1;
      let quantityAt = -1;
      if (ATTACHED.test(norm) || norm === '1h' || norm === '2h') {
        numStart = u;
        quantityAt = u;
      } else if (ADJECTIVAL.test(norm)) {
        const [num] = norm.split('-');
        // "after-hours", "same-day": a word, not a quantity, before the unit.
        if (!/^\d+$/.test(num) && NUMBER_WORDS[num] === undefined) continue;
        const next = w[u + 1]?.norm ?? '';
        if (/^(?:support|service|line|desk|access|coverage|availability|chat)$/.test(next)) continue;
        numStart = u;
        quantityAt = u;
      } else if (UNITS.has(norm)) {
        if (norm === 'h' && !/^\d+$/.test(w[u - 1]?.norm ?? '')) continue;
        let j = u - 1;
        let skipped = 0;
        while (j >= 0 && skipped < 2 && QUALIFIERS.has(w[j].norm) && !isQuantity(w[j])) {
          j--;
          skipped++;
        }
        const prev = w[j];
        if (prev === undefined) continue;
        if (isQuantity(prev) || prev.norm === 'next') {
          quantityAt = j;
          numStart = j;
          // "a few", "a couple (of)", "half an hour", "the next 10 minutes"
          if (prev.norm === 'of' && w[j - 1]?.norm === 'couple') numStart = j - 1;
          if (w[numStart - 1]?.norm === 'a' && /^(?:few|couple|half)$/.test(w[numStart].norm)) numStart--;
          if (w[numStart - 1]?.norm === 'half' && /^(?:a|an)$/.test(w[numStart].norm)) numStart--;
          if (w[numStart - 1]?.norm === 'next') numStart--;
          if (w[numStart - 1]?.norm === 'the' && w[numStart].norm === 'next') numStart--;
        } else if (prev.norm === 'of' && w[j - 1]?.norm === 'couple') {
          quantityAt = j - 1;
          numStart = w[j - 2]?.norm === 'a' ? j - 2 : j - 1;
        } else if (RATE_BEFORE.has(prev.norm)) {
          push(w, j, u + 1, 'duration', 'rate');
          continue;
        } else continue;
        if (
          INDEFINITE_UNITS.has(norm) &&
          !INDEFINITE_QUANTITY.has(w[quantityAt].norm) &&
          !/^\d/.test(w[quantityAt].norm)
        ) {
          continue;
        }
        // "a second charge" is an ordinal, not a duration
        if (norm === 'second' && /^(?:a|an|the)$/.test(w[quantityAt].norm)) {
          const next = doc.tokens[w[u].index + 1];
          if (
            next !== undefined &&
            next.kind === 'word' &&
            !STOPWORDS.has(next.norm) &&
            !/^(?:or|and|while|whilst|please|so)$/.test(next.norm)
          ) {
            continue;
          }
        }
      } else continue;

      // classify
      const after = w[u + 1]?.norm ?? '';
      const q = w[quantityAt]?.norm ?? '';
      let before = numStart - 1;
      let hedges = 0;
      while (before >= 0 && hedges < 3 && HEDGES.has(w[before].norm)) {
        before--;
        hedges++;
      }
      const lead = w[before];
      const directlyBefore = w[numStart - 1];
      let status: TimeMentionStatus = 'ok';
      const endsHere = w[u + 2] === undefined;
      const waitAfter =
        WAIT_AFTER.has(after) ||
        ((after === 'on' || after === 'in' || after === 'of') && WAIT_AFTER.has(w[u + 2]?.norm ?? '')) ||
        (after === 'in' && w[u + 2]?.norm === 'the' && WAIT_AFTER.has(w[u + 3]?.norm ?? ''));
      if (waitAfter) status = 'past';
      else if (
        after === 'ago' ||
        after === 'earlier' ||
        ((after === 'before' || after === 'back' || after === 'prior') && endsHere)
      ) {
        status = 'past';
      } else if (lead !== undefined && PAST_BEFORE.has(lead.norm)) status = 'past';
      else if (directlyBefore !== undefined && PAST_BEFORE.has(directlyBefore.norm)) status = 'past';
      else if (directlyBefore !== undefined && RATE_BEFORE.has(directlyBefore.norm)) status = 'rate';
      else if (lead !== undefined && RATE_BEFORE.has(lead.norm)) status = 'rate';
      else if (
        (q === 'a' || q === 'an') &&
        directlyBefore !== undefined &&
        directlyBefore.norm.length > 3 &&
        directlyBefore.norm.endsWith('s') &&
        !STOPWORDS.has(directlyBefore.norm) &&
        (isQuantity(w[numStart - 2]) || w[numStart - 2]?.norm === '~')
      ) {
        status = 'rate'; // "50 requests a minute"
      } else if (
        (q === 'a' || q === 'an') &&
        directlyBefore !== undefined &&
        (isQuantity(directlyBefore) ||
          /^[$€£¥]/.test(directlyBefore.text) ||
          (doc.tokens[directlyBefore.index - 1]?.kind === 'punct' &&
            /^[$€£¥]$/.test(doc.tokens[directlyBefore.index - 1].norm)))
      ) {
        status = 'rate'; // "$10 a month", "twice a day"
      } else if (lead !== undefined && lead.norm === 'for') {
        for (let k = before - 1; k >= 0 && k >= before - 8; k--) {
          const t = w[k];
          if (isPastVerb(t) || t.norm === "i've" || t.norm === "you've" || t.norm === "we've" || t.norm === 'has') {
            status = 'past';
            break;
          }
        }
      } else if (isPastVerb(lead)) status = 'past';
      if (after === 'per' || (after === '/' && w[u + 2] !== undefined)) status = 'rate';
      push(w, numStart, u + 1, 'duration', status);
    }
  }
  return out;
}

/** The time expectations that count: concrete, not past, not a rate. */
export function findTimeExpectations(input: string | TextDoc): TimeMention[] {
  return findTimeMentions(input).filter((m) => m.status === 'ok');
}

/** True when the text gives a concrete time frame ("in 2 minutes", "one moment", "right now"). */
export function hasTimeExpectation(input: string | TextDoc): boolean {
  return findTimeExpectations(input).length > 0;
}
