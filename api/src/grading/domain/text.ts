// Text preparation shared by the opening grader and (later) the transcript analyzer.
// Pure and linear: one tokenizing regex whose alternatives cannot overlap, then plain loops.
//
// A TextDoc keeps two same-length copies of the (capped, NFC) input: `display` for quoting back to
// the trainee and `work` with curly quotes/apostrophes and odd spaces straightened, which the
// tokenizer reads. Tokens carry offsets into both, a folded lower-case `norm` (diacritics removed,
// common chat spellings expanded: "im" → "i'm", "u" → "you"), and three levels of segmentation:
// sentences (. ! ? … line breaks, emoji), clauses (also — – ; : ( ) and a spaced hyphen) and
// chunks (also commas).

import { words } from './lexicon.js';

/** Longest message prefix that is analysed; anything after it is ignored (keeps work bounded). */
export const MAX_ANALYZED_CHARS = 4000;

export type TokenKind = 'word' | 'num' | 'punct';

export interface Token {
  /** Text as written (NFC, original quote characters). */
  readonly text: string;
  /** Lower-case, diacritics folded, straight apostrophes, chat spellings expanded. */
  norm: string;
  readonly start: number;
  readonly end: number;
  readonly kind: TokenKind;
  /** First letter is upper case in the original. */
  readonly upper: boolean;
  readonly index: number;
  sentence: number;
  clause: number;
  chunk: number;
}

export interface Unit {
  readonly start: number;
  readonly end: number;
  /** Every token in the unit, punctuation included. */
  readonly tokens: Token[];
  /** Word and number tokens plus a few meaningful symbols (# / ~ % @ & + $). */
  readonly words: Token[];
  /** The unit is (part of) a question. */
  isQuestion: boolean;
  /** `words` norms joined by single spaces, for simple linear regexes. */
  readonly joined: string;
  /** Char offset in `joined` of each entry of `words`. */
  readonly offsets: number[];
}

export interface TextDoc {
  readonly display: string;
  readonly work: string;
  readonly tokens: Token[];
  readonly sentences: Unit[];
  readonly clauses: Unit[];
  readonly chunks: Unit[];
  /** The text mixes upper and lower case (so capitalisation is a usable signal). */
  readonly mixedCase: boolean;
}

const STRAIGHTEN: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u00B4': "'",
  '`': "'",
  '\uFF07': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\uFF02': '"',
};

const ODD_SPACE = /[\u00A0\u1680\u2000-\u200D\u2028\u2029\u202F\u205F\u2060\u3000\uFEFF]/g;

/** Caps, NFC-normalises and straightens a raw input. Non-strings become ''. */
export function prepareText(input: unknown, max = MAX_ANALYZED_CHARS): { display: string; work: string } {
  if (typeof input !== 'string' || input.length === 0) return { display: '', work: '' };
  let raw = input.length > max ? input.slice(0, max) : input;
  let display = raw.normalize('NFC');
  if (display.length > max) display = display.slice(0, max);
  // never end on half a surrogate pair
  const last = display.charCodeAt(display.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) display = display.slice(0, -1);
  raw = display.replace(ODD_SPACE, ' ');
  let work = '';
  for (const ch of raw) work += STRAIGHTEN[ch] ?? ch;
  // both strings have the same length: every replacement above is one UTF-16 unit for one
  return { display: raw.length === display.length ? display : raw, work };
}

const FOLD_SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lower-case and strip diacritics ("García" → "garcia"). */
const ASCII = /^[\x00-\x7f]*$/;

export function fold(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  let lower = s.toLowerCase();
  if (/[ßæœøłđðþı]/.test(lower)) lower = lower.replace(/[ßæœøłđðþı]/g, (c) => FOLD_SPECIAL[c] ?? c);
  return lower.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** Chat spellings and missing apostrophes, mapped to the canonical form the checks look for. */
const SPELLING: Record<string, string> = {
  im: "i'm",
  "i'am": "i'm",
  ive: "i've",
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  cant: "can't",
  wont: "won't",
  isnt: "isn't",
  wasnt: "wasn't",
  arent: "aren't",
  werent: "weren't",
  couldnt: "couldn't",
  wouldnt: "wouldn't",
  shouldnt: "shouldn't",
  havent: "haven't",
  hasnt: "hasn't",
  youre: "you're",
  youve: "you've",
  youll: "you'll",
  whats: "what's",
  thats: "that's",
  theres: "there's",
  heres: "here's",
  u: 'you',
  ur: 'your',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  sry: 'sorry',
  soz: 'sorry',
  'e-mail': 'email',
  'e-mails': 'emails',
};

// Alternatives: a number with inner separators (1,000 / 2.5 / 15:00); a word (letters, marks and
// digits, joined by ' _ -); any other single non-space code point. The alternatives start with
// different character classes or need a separator, so matching is linear.
const TOKEN_RE = /\p{N}+(?:[.,:]\p{N}+)+|[\p{L}\p{M}\p{N}]+(?:['_-][\p{L}\p{M}\p{N}]+)*|\S/gu;
const NUMERIC_RE = /^\p{N}+(?:[.,:]\p{N}+)*$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const JOIN_SYMBOLS = new Set(['#', '/', '~', '%', '@', '&', '+', '$']);
const SENTENCE_END = new Set(['.', '!', '?', '…', '。', '！', '？']);
const CLAUSE_BREAK = new Set(['—', '–', ';', ':', '(', ')', '•', '|', '―']);
const ABBREVIATIONS = words(`
  mr mrs ms mx dr prof st sr jr vs etc approx no inc ltd co e i g eg ie ref acc acct est
`);
export const QUESTION_STARTERS = words(`
  what what's which who who's whom whose when where why how how's can could would will shall should
  may might do does did is are was were have has am can't won't couldn't wouldn't isn't aren't don't
  doesn't any anything also and or so but
`);

function normalizeToken(text: string): string {
  const f = fold(text);
  // Own keys only: a word such as "constructor" must not pick up Object.prototype's members.
  return Object.hasOwn(SPELLING, f) ? SPELLING[f] : f;
}

export function tokenize(work: string, display: string = work): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(work); m !== null; m = TOKEN_RE.exec(work)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    const code = raw.charCodeAt(0);
    const asciiLetter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    const digit = code >= 48 && code <= 57;
    const kind: TokenKind = asciiLetter
      ? 'word'
      : (digit || code > 127) && NUMERIC_RE.test(raw)
      ? 'num'
      : digit || (code > 127 && LETTER_OR_DIGIT.test(raw))
      ? 'word'
      : 'punct';
    const first = raw.charAt(0);
    tokens.push({
      text: display.slice(start, end),
      norm: kind === 'punct' ? raw : normalizeToken(raw),
      start,
      end,
      kind,
      upper: asciiLetter ? code <= 90 : code > 127 && first !== first.toLowerCase() && first === first.toUpperCase(),
      index: tokens.length,
      sentence: 0,
      clause: 0,
      chunk: 0,
    });
  }
  // "Ill check" / "ill check" at the start of a clause means "I'll".
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.norm !== 'ill') continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (next?.kind !== 'word') continue;
    if (t.text.startsWith('I') || prev === undefined || prev.kind === 'punct') t.norm = "i'll";
  }
  return tokens;
}

function isSpace(ch: string): boolean {
  return ch === '' || /\s/.test(ch);
}

function buildUnit(all: Token[], from: number, to: number, isQuestion: boolean): Unit {
  const tokens = all.slice(from, to);
  const words: Token[] = [];
  const offsets: number[] = [];
  let joined = '';
  for (const t of tokens) {
    if (t.kind === 'punct' && !JOIN_SYMBOLS.has(t.norm)) continue;
    if (joined.length > 0) joined += ' ';
    offsets.push(joined.length);
    joined += t.norm;
    words.push(t);
  }
  return {
    start: tokens[0]?.start ?? 0,
    end: tokens[tokens.length - 1]?.end ?? 0,
    tokens,
    words,
    isQuestion,
    joined,
    offsets,
  };
}

/** Tokenizes and segments a text (see the header). */
export function analyzeText(input: unknown, max = MAX_ANALYZED_CHARS): TextDoc {
  const { display, work } = prepareText(input, max);
  const tokens = tokenize(work, display);
  const n = tokens.length;
  // boundary level after token i: 0 none, 1 chunk, 2 clause, 3 sentence
  const level = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    let lv = 0;
    if (next !== undefined) {
      for (let c = t.end; c < next.start; c++) {
        const code = work.charCodeAt(c);
        if (code === 10 || code === 13) {
          lv = 3;
          break;
        }
      }
    }
    if (t.kind === 'punct') {
      const c = t.norm;
      if (SENTENCE_END.has(c)) {
        if (next !== undefined && SENTENCE_END.has(next.norm) && next.start === t.end) {
          // a run like "?!" or "..." ends where the run ends
        } else if (c === '.') {
          const prev = tokens[i - 1];
          const after = work.charAt(t.end);
          const abbreviation = prev !== undefined && prev.end === t.start && ABBREVIATIONS.has(prev.norm);
          const glued = after !== '' && !isSpace(after) && LETTER_OR_DIGIT.test(after);
          if (!abbreviation && !glued) lv = 3;
        } else lv = 3;
      } else if (c.charCodeAt(0) > 127 && PICTOGRAPHIC.test(c)) lv = 3;
      else if (CLAUSE_BREAK.has(c)) lv = Math.max(lv, 2);
      else if (c === '-' && isSpace(work.charAt(t.start - 1)) && isSpace(work.charAt(t.end))) lv = Math.max(lv, 2);
      else if (c === ',' || c === '，') lv = Math.max(lv, 1);
    }
    level[i] = lv;
  }

  const sentences: Unit[] = [];
  const clauses: Unit[] = [];
  const chunks: Unit[] = [];
  let sFrom = 0;
  let cFrom = 0;
  let kFrom = 0;
  for (let i = 0; i < n; i++) {
    tokens[i].sentence = sentences.length;
    tokens[i].clause = clauses.length;
    tokens[i].chunk = chunks.length;
    const lv = i === n - 1 ? 3 : level[i];
    if (lv >= 1) {
      chunks.push(buildUnit(tokens, kFrom, i + 1, false));
      kFrom = i + 1;
    }
    if (lv >= 2) {
      clauses.push(buildUnit(tokens, cFrom, i + 1, false));
      cFrom = i + 1;
    }
    if (lv >= 3) {
      const sentence = buildUnit(tokens, sFrom, i + 1, false);
      sentence.isQuestion = sentence.tokens.some((t) => t.norm === '?' || t.norm === '？');
      sentences.push(sentence);
      sFrom = i + 1;
    }
  }
  // questions: the last clause/chunk of a question sentence, or one that opens with a question word
  const markQuestions = (units: Unit[], key: 'clause' | 'chunk'): void => {
    for (let u = 0; u < units.length; u++) {
      const unit = units[u];
      const first = unit.tokens[0];
      if (first === undefined) continue;
      const sentence = sentences[first.sentence];
      if (!sentence?.isQuestion) continue;
      const lastTok = sentence.tokens[sentence.tokens.length - 1];
      const isLast = lastTok !== undefined && lastTok[key] === u;
      const opener = unit.words[0]?.norm ?? '';
      unit.isQuestion = isLast || QUESTION_STARTERS.has(opener) || unit.tokens.some((t) => t.norm === '?');
    }
  };
  markQuestions(clauses, 'clause');
  markQuestions(chunks, 'chunk');

  const hasUpper = /\p{Lu}/u.test(display);
  const hasLower = /\p{Ll}/u.test(display);
  return { display, work, tokens, sentences, clauses, chunks, mixedCase: hasUpper && hasLower };
}

export interface UnitMatch {
  /** Index into unit.words of the first matched word. */
  readonly from: number;
  /** Index into unit.words one past the last matched word. */
  readonly to: number;
  readonly match: RegExpExecArray;
}

function wordAt(offsets: number[], pos: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  let ans = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] <= pos) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/**
 * All matches of a global regex against `unit.joined`, mapped back to word indices. Write the
 * regexes with `(?<![^ ])` / `(?![^ ])` as word boundaries and without nested unbounded
 * quantifiers.
 */
export function matchUnit(unit: Unit, re: RegExp): UnitMatch[] {
  const out: UnitMatch[] = [];
  if (unit.joined.length === 0) return out;
  const global = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  global.lastIndex = 0;
  for (let m = global.exec(unit.joined); m !== null; m = global.exec(unit.joined)) {
    if (m[0].length === 0) {
      global.lastIndex++;
      continue;
    }
    const from = wordAt(unit.offsets, m.index);
    const to = wordAt(unit.offsets, m.index + m[0].length - 1) + 1;
    out.push({ from, to, match: m });
  }
  return out;
}

const TRIM_EDGES = /^[\s,;:—–\-•|]+|[\s,;:—–\-•|.!]+$/gu;

/** A one-line excerpt of doc.display between two char offsets, at most `max` chars. */
export function excerpt(doc: TextDoc, start: number, end: number, max = 110): string {
  let s = doc.display.slice(Math.max(0, start), Math.max(start, end)).replace(/\s+/g, ' ');
  s = s.replace(TRIM_EDGES, '');
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(TRIM_EDGES, '')}…`;
}

/**
 * An excerpt of a unit around the words [from, to): the whole unit when short, otherwise a window
 * that keeps the matched words.
 */
export function excerptAround(doc: TextDoc, unit: Unit, from: number, to: number, max = 110): string {
  if (unit.end - unit.start <= max * 2) {
    const whole = excerpt(doc, unit.start, unit.end, 100000);
    if (whole.length <= max) return whole;
  }
  const a = unit.words[Math.max(0, from)];
  const b = unit.words[Math.min(unit.words.length, Math.max(to, from + 1)) - 1];
  if (a === undefined || b === undefined) return excerpt(doc, unit.start, unit.end, max);
  let start = a.start;
  let end = b.end;
  // widen by whole words up to the limit, preferring the right side
  let i = from - 1;
  let j = Math.max(to, from + 1);
  while (end - start < max - 20) {
    const right = unit.words[j];
    const left = unit.words[i];
    if (right !== undefined && right.end - start <= max - 2) {
      end = right.end;
      j++;
    } else if (left !== undefined && end - left.start <= max - 2) {
      start = left.start;
      i--;
    } else break;
  }
  const prefix = start > unit.start ? '…' : '';
  const suffix = end < unit.end ? '…' : '';
  return `${prefix}${excerpt(doc, start, end, max)}${suffix}`;
}

/**
 * The words from token `from` to the end of its clause, at most `maxWords` words, with "…" when
 * the clause goes on ("I'm reversing the duplicate payment now").
 */
export function phraseFrom(doc: TextDoc, from: number, maxWords = 12, max = 110): string {
  const first = doc.tokens[from];
  if (first === undefined) return '';
  let end = first.end;
  let words = 0;
  let k = from;
  for (; k < doc.tokens.length && doc.tokens[k].clause === first.clause; k++) {
    const t = doc.tokens[k];
    if (t.kind !== 'punct') {
      if (words >= maxWords) break;
      words++;
    }
    end = t.end;
  }
  const more = k < doc.tokens.length && doc.tokens[k].clause === first.clause;
  const text = excerpt(doc, first.start, end, max);
  return more && !text.endsWith('…') ? `${text}…` : text;
}

/** True when no masked range covers the offset. Ranges are [start, end). */
export function outside(ranges: readonly (readonly [number, number])[], offset: number): boolean {
  for (const [a, b] of ranges) if (offset >= a && offset < b) return false;
  return true;
}

/**
 * Ranges of e-mail addresses, URLs and quoted spans ("…", '…') in doc.work: text that quotes a
 * record rather than speaking to the customer.
 */
export function quotedAndAddressRanges(doc: TextDoc): [number, number][] {
  const ranges: [number, number][] = [];
  const w = doc.work;
  // whitespace-delimited chunks that are e-mail addresses or URLs
  let i = 0;
  while (i < w.length) {
    while (i < w.length && isSpace(w.charAt(i))) i++;
    const start = i;
    while (i < w.length && !isSpace(w.charAt(i))) i++;
    if (i > start) {
      const chunk = w.slice(start, i);
      const at = chunk.indexOf('@');
      const isEmail = at > 0 && chunk.indexOf('.', at) > at + 1;
      const isUrl = /^(?:[("'[<]*)(?:https?:\/\/|www\.)/i.test(chunk);
      if (isEmail || isUrl) ranges.push([start, i]);
    }
  }
  // double-quoted spans (no line break inside, at most 200 chars)
  let open = -1;
  for (let k = 0; k < w.length; k++) {
    const ch = w.charAt(k);
    if (ch === '\n') open = -1;
    else if (ch === '"') {
      if (open < 0) open = k;
      else {
        if (k - open <= 200) ranges.push([open, k + 1]);
        open = -1;
      }
    }
  }
  // single-quoted spans: an opening ' after a non-letter, a closing ' before a non-letter
  open = -1;
  for (let k = 0; k < w.length; k++) {
    const ch = w.charAt(k);
    if (ch === '\n') {
      open = -1;
      continue;
    }
    if (ch !== "'") continue;
    const before = w.charAt(k - 1);
    const after = w.charAt(k + 1);
    const opens = (k === 0 || !LETTER_OR_DIGIT.test(before)) && after !== '' && !isSpace(after);
    const closes = before !== '' && !isSpace(before) && (after === '' || !LETTER_OR_DIGIT.test(after));
    if (open >= 0 && closes) {
      if (k - open <= 120) ranges.push([open, k + 1]);
      open = -1;
    } else if (opens) open = k;
  }
  return ranges;
}
