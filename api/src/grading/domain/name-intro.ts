// Who is who: the customer's name in the message (USES_NAME) and the agent's self-introduction
// (INTRODUCES_SELF).

import {
  GREETINGS,
  NAME_SUFFIXES,
  NOT_A_NAME,
  PLACEHOLDER_WORDS,
  ROLE_WORDS,
  TEAM_WORDS,
  TITLES,
  words,
} from './lexicon.js';
import { analyzeText, fold, outside, phraseFrom, quotedAndAddressRanges, type TextDoc, type Token } from './text.js';

export interface PersonName {
  /** Folded given name ("amara" for "Dr. Amara Okafor"). */
  readonly first: string;
  /** Folded family-name tokens ("okafor"); empty for a single name. */
  readonly surname: readonly string[];
  /** The given name as written. */
  readonly firstDisplay: string;
  /** The title as written, when the name carried one ("Dr."). */
  readonly title: string | null;
  /** The family name as written. */
  readonly surnameDisplay: string;
}

/** Splits "Dr. Amara Okafor" into title, given name and family name. Null when there is no name. */
export function parsePersonName(name: string | null | undefined): PersonName | null {
  if (typeof name !== 'string') return null;
  const words = analyzeText(name, 200).tokens.filter((t) => t.kind === 'word');
  let title: string | null = null;
  while (words.length > 1 && TITLES.has(words[0].norm)) {
    title = words[0].text;
    words.shift();
  }
  while (words.length > 1 && NAME_SUFFIXES.has(words[words.length - 1].norm)) words.pop();
  if (words.length === 0) return null;
  const strip = (n: string): string => n.replace(/'s$/, '');
  return {
    first: strip(words[0].norm),
    surname: words.slice(1).map((t) => strip(t.norm)),
    firstDisplay: words[0].text,
    title:
      title === null ? null : /\.$/.test(title) || /^(?:miss|mx|sir|dame|madam)$/i.test(title) ? title : `${title}.`,
    surnameDisplay: words
      .slice(1)
      .map((t) => t.text)
      .join(' '),
  };
}

/** Given names that are also ordinary words: they only count in a greeting or vocative position. */
const WORDLIKE_NAMES = words(`
  will grace hope may june april august mark bill rose joy faith summer dawn sunny art frank ray
  rich pat sue rob chance sky amber ruby pearl iris daisy holly max victor angel an so sam guy drew
  jack jay lee young long king page hunter miles grant price case cash penny rusty sandy wade lane
  brook river storm autumn winter harmony melody honey star jade kelly hazel ivy olive basil reed
  gene don ken al ed nick bob buck ping hung man tan than le van de
`);

function wordIndexBefore(tokens: readonly Token[], i: number): number {
  let k = i - 1;
  while (k >= 0 && tokens[k].kind === 'punct' && tokens[k].norm === '.') k--;
  return k;
}

export interface NameUse {
  /** The customer is addressed by name outside quoted records. */
  readonly found: boolean;
  /** The words as written ("Priya", "Ms. Chen"). */
  readonly quote: string | null;
  /** The name appears, but only inside an e-mail address, URL, quote or known fact. */
  readonly onlyInRecords: boolean;
}

/**
 * Whether the message addresses the customer by first name, full name, or title and surname.
 * `recordValues` are known-fact values: a name inside one of them (an e-mail address, say) is
 * quoting a record, not addressing the customer.
 */
export function findNameUse(
  doc: TextDoc,
  customerName: string | null | undefined,
  options: { agentName?: string | null; recordValues?: readonly string[] } = {}
): NameUse {
  const name = parsePersonName(customerName);
  if (name === null) return { found: false, quote: null, onlyInRecords: false };
  const agentFirst = parsePersonName(options.agentName)?.first ?? null;
  const ranges = quotedAndAddressRanges(doc);
  const foldedWork = foldSameLength(doc.work);
  for (const raw of options.recordValues ?? []) {
    if (typeof raw !== 'string') continue;
    const value = foldSameLength(raw.slice(0, 200)).trim();
    if (value.length < 3) continue;
    const fullName = [name.first, ...name.surname].join(' ');
    if (value === name.first || value === fullName) continue;
    for (let at = foldedWork.indexOf(value); at >= 0; at = foldedWork.indexOf(value, at + value.length)) {
      ranges.push([at, at + value.length]);
    }
  }

  const tokens = doc.tokens;
  const lastName = name.surname[name.surname.length - 1];
  let inRecords = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word') continue;
    const norm = t.norm.replace(/'s$/, '');
    const free = outside(ranges, t.start);

    // title + surname: "Ms. Chen", "Dr Okafor"
    if (TITLES.has(norm) && lastName !== undefined) {
      let k = i + 1;
      while (tokens[k]?.kind === 'punct' && tokens[k].norm === '.') k++;
      const next = tokens[k];
      const nextNorm = next?.norm.replace(/'s$/, '');
      if (next !== undefined && (nextNorm === lastName || nextNorm === name.surname[0])) {
        if (free) return { found: true, quote: doc.display.slice(t.start, next.end), onlyInRecords: false };
        inRecords = true;
      }
    }

    let end = t.end;
    if (norm !== name.first) {
      // "Jean Luc" for "Jean-Luc"
      const partsOfFirst = name.first.split('-');
      if (partsOfFirst.length < 2 || norm !== partsOfFirst[0]) continue;
      let k = i + 1;
      let ok = true;
      for (const part of partsOfFirst.slice(1)) {
        while (tokens[k]?.kind === 'punct' && tokens[k].norm === '-') k++;
        if (tokens[k]?.norm !== part) {
          ok = false;
          break;
        }
        end = tokens[k].end;
        k++;
      }
      if (!ok) continue;
    }
    if (!free) {
      inRecords = true;
      continue;
    }
    // not the agent introducing themself under the same name ("I'm Alex", "Alex here")
    const prev = tokens[wordIndexBefore(tokens, i)];
    const next = tokens[i + 1];
    if (agentFirst === name.first) {
      const p = prev?.norm ?? '';
      const n = next?.norm ?? '';
      if (p === "i'm" || p === 'am' || p === 'is' || n === 'here' || n === 'from' || n === 'speaking') continue;
    }
    if (WORDLIKE_NAMES.has(name.first) || NOT_A_NAME.has(name.first)) {
      // only as a vocative: "Hi Will," / "Will, I'm …" / "…, Will."
      const prevInChunk = prev !== undefined && prev.chunk === t.chunk && prev.kind === 'word' ? prev : undefined;
      let nextWord = i + 1 < tokens.length && tokens[i + 1].chunk === t.chunk ? tokens[i + 1] : undefined;
      if (nextWord?.kind === 'punct') nextWord = undefined;
      const nextIsSurname = nextWord !== undefined && name.surname.includes(nextWord.norm);
      const vocative =
        (prevInChunk === undefined || GREETINGS.has(prevInChunk.norm)) && (nextWord === undefined || nextIsSurname);
      if (!vocative) continue;
    }
    if (
      end === t.end &&
      next !== undefined &&
      next.kind === 'word' &&
      name.surname.length > 0 &&
      next.norm === name.surname[0]
    ) {
      end = next.end;
    }
    return { found: true, quote: doc.display.slice(t.start, end), onlyInRecords: false };
  }
  return { found: false, quote: null, onlyInRecords: inRecords };
}

/** Lower-case/diacritic fold that keeps the string length (for locating substrings). */
export function foldSameLength(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    const code = c.charCodeAt(0);
    if (code < 128) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      out += c;
      continue;
    }
    const f = fold(c);
    out += f.length === 1 ? f : f.length === 0 ? c : f.charAt(0);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Self-introduction

export type SelfIntroKind = 'name' | 'placeholder' | 'role' | 'other-name';

export interface SelfIntro {
  readonly kind: SelfIntroKind;
  /** The introduction as written. */
  readonly quote: string;
  /** The name used, as written (kind 'name' or 'other-name'). */
  readonly name: string | null;
}

const PLACEHOLDER_OPEN = new Set(['[', '{', '<', '(', '【', '«']);
const DETERMINERS = new Set(['the', 'a', 'an', 'your', 'our', 'one', 'this']);
const SIGN_OFF = words(`
  cheers thanks best regards sincerely warmly kind thank yours talk
`);
const NAME_TEXT = /^\p{L}[\p{L}\p{M}'-]*$/u;
const INTRO_CONTINUATIONS = words(`
  from with here and speaking on at of in but so i'll i'm i today taking picking jumping following
  handling now again by the your one who just over looking checking
`);

function isFirstInChunk(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.chunk !== tokens[i].chunk) return true;
    if (t.kind !== 'punct') return false;
  }
  return true;
}

/** Only greetings and the customer's name precede token i in its chunk ("hi sarah alex here"). */
function onlyGreetingBefore(tokens: readonly Token[], i: number, customerParts: ReadonlySet<string>): boolean {
  let seen = 0;
  for (let k = i - 1; k >= 0 && tokens[k].chunk === tokens[i].chunk; k--) {
    const t = tokens[k];
    if (t.kind === 'punct') continue;
    if (!GREETINGS.has(t.norm) && !customerParts.has(t.norm) && !TITLES.has(t.norm)) return false;
    seen++;
  }
  return seen > 0;
}

function nextWordIndex(tokens: readonly Token[], i: number): number {
  let k = i + 1;
  while (k < tokens.length && tokens[k].kind === 'punct' && (tokens[k].norm === ',' || tokens[k].norm === ':')) k++;
  return k;
}

/**
 * Every self-introduction in the message: "I'm Alex", "this is Alex", "my name is Alex",
 * "Alex here", "Alex from billing", "it's Alex", "you're chatting with Alex", a "— Alex" sign-off.
 * Also reports near-misses: placeholders ("I'm [agent name]"), roles without a name ("I'm the
 * senior specialist") and, when `agentName` is known, introductions under another name.
 */
export function findSelfIntroductions(
  doc: TextDoc,
  agentName: string | null | undefined,
  customerName?: string | null
): SelfIntro[] {
  const agent = parsePersonName(agentName);
  const agentParts = agent === null ? [] : [agent.first, ...agent.surname];
  const customer = parsePersonName(customerName);
  const customerParts = new Set(customer === null ? [] : [customer.first, ...customer.surname]);
  const tokens = doc.tokens;
  const out: SelfIntro[] = [];

  const nameLike = (t: Token | undefined): boolean => {
    if (t === undefined || t.kind !== 'word' || !NAME_TEXT.test(t.text)) return false;
    const n = t.norm;
    if (n.length < 2 || NOT_A_NAME.has(n) || n.endsWith("'s") || customerParts.has(n)) return false;
    if (doc.mixedCase) return t.upper;
    return !(n.length > 5 && /(?:ing|ed|ly)$/.test(n));
  };
  const isAgent = (t: Token | undefined): boolean =>
    t !== undefined && t.kind === 'word' && agentParts.includes(t.norm);

  /** After a guessed name (no agent name known), the introduction must end or go on naturally. */
  const endsIntroduction = (c: number): boolean => {
    let k = c + 1;
    if (nameLike(tokens[k]) && tokens[k].upper) k++; // a surname
    const next = tokens[k];
    return (
      next === undefined ||
      next.kind === 'punct' ||
      next.sentence !== tokens[c].sentence ||
      INTRO_CONTINUATIONS.has(next.norm)
    );
  };

  /** Judges the token at c after a lead phrase such as "I'm". */
  const judge = (lead: number, c: number, strong: boolean): void => {
    const t = tokens[c];
    if (t === undefined) return;
    if (t.kind === 'punct' && PLACEHOLDER_OPEN.has(t.norm)) {
      out.push({ kind: 'placeholder', quote: spanQuote(lead, Math.min(tokens.length - 1, c + 4)), name: null });
      return;
    }
    if (t.kind !== 'word') return;
    if (PLACEHOLDER_WORDS.has(t.norm) && !(agent !== null && isAgent(t)) && t.norm !== 'someone') {
      if (
        /^(?:name|agent|agentname|agent_name|agent-name|yourname|your_name|your-name|firstname|first_name|first-name|insert|placeholder|xxx|xx|x|tbd|redacted)$/.test(
          t.norm
        )
      ) {
        out.push({ kind: 'placeholder', quote: spanQuote(lead, c), name: null });
        return;
      }
    }
    if (agent !== null ? isAgent(t) : nameLike(t) && endsIntroduction(c)) {
      out.push({ kind: 'name', quote: phraseFrom(doc, lead, c - lead + 5, 90), name: t.text });
      return;
    }
    if (
      ROLE_WORDS.has(t.norm) ||
      (DETERMINERS.has(t.norm) && [1, 2, 3].some((d) => ROLE_WORDS.has(tokens[c + d]?.norm ?? '')))
    ) {
      if (strong) out.push({ kind: 'role', quote: phraseFrom(doc, lead, c - lead + 5, 90), name: null });
      return;
    }
    if (agent !== null && strong && nameLike(t))
      out.push({ kind: 'other-name', quote: phraseFrom(doc, lead, c - lead + 5, 90), name: t.text });
  };
  const spanQuote = (a: number, b: number): string =>
    doc.display.slice(tokens[a].start, tokens[b].end).replace(/\s+/g, ' ');

  for (let i = 0; i < tokens.length && out.length < 20; i++) {
    const t = tokens[i];
    if (t.kind === 'punct') continue;
    const n = t.norm;
    const n1 = tokens[i + 1]?.norm;
    const n2 = tokens[i + 2]?.norm;
    // lead phrases followed by the name
    if (n === "i'm") judge(i, nextWordIndex(tokens, i), true);
    else if (n === 'i' && n1 === 'am') judge(i, nextWordIndex(tokens, i + 1), true);
    else if (n === 'this' && n1 === 'is') judge(i, nextWordIndex(tokens, i + 1), true);
    else if (n === "it's" && isFirstInChunk(tokens, i)) judge(i, nextWordIndex(tokens, i), false);
    else if (n === 'my' && n1 === 'name' && n2 === 'is') judge(i, nextWordIndex(tokens, i + 2), true);
    else if (n === 'my' && n1 === "name's") judge(i, nextWordIndex(tokens, i + 1), true);
    else if (n === "name's" && tokens[i - 1]?.norm === 'the') judge(i, nextWordIndex(tokens, i), true);
    else if (n === 'call' && n1 === 'me') judge(i, nextWordIndex(tokens, i + 1), false);
    else if (
      (n === "you're" || (n === 'you' && n1 === 'are')) &&
      /^(?:chatting|talking|speaking|connected|through|now)$/.test(tokens[i + (n === 'you' ? 2 : 1)]?.norm ?? '')
    ) {
      let k = i + (n === 'you' ? 3 : 2);
      while (k < tokens.length && /^(?:with|to|now)$/.test(tokens[k].norm)) k++;
      judge(i, k, false);
    }

    // the name first: "Alex here", "Alex from billing", "Alex speaking" (maybe after "hi sarah")
    if (t.kind === 'word' && (isFirstInChunk(tokens, i) || onlyGreetingBefore(tokens, i, customerParts))) {
      const next = tokens[i + 1];
      const nn = next?.norm ?? '';
      const agentMatch = agent !== null && isAgent(t);
      const candidate = agentMatch || (agent === null && nameLike(t));
      if (candidate) {
        let ok = false;
        if (nn === 'here' || nn === 'speaking') {
          const after = tokens[i + 2];
          ok =
            agentMatch ||
            after === undefined ||
            after.kind === 'punct' ||
            after.norm === 'from' ||
            after.norm === 'with' ||
            after.chunk !== t.chunk ||
            after.sentence !== t.sentence ||
            /^(?:and|to|now|again|on|for|taking|today|about)$/.test(after.norm);
        } else if (nn === 'from' || nn === 'with' || nn === 'on' || nn === 'in') {
          if (agentMatch)
            ok = nn === 'from' || nn === 'with' || [2, 3, 4].some((d) => TEAM_WORDS.has(tokens[i + d]?.norm ?? ''));
          else ok = [2, 3, 4].some((d) => TEAM_WORDS.has(tokens[i + d]?.norm ?? ''));
        } else if (
          agentMatch &&
          next !== undefined &&
          next.kind === 'punct' &&
          next.norm === ',' &&
          DETERMINERS.has(tokens[i + 2]?.norm ?? '') &&
          [3, 4, 5].some((d) => ROLE_WORDS.has(tokens[i + d]?.norm ?? ''))
        ) {
          ok = true; // "Alex, your billing specialist"
        }
        if (ok) out.push({ kind: 'name', quote: phraseFrom(doc, i, 6, 90), name: t.text });
      }
    }
  }

  // sign-off at the very end: "— Alex", "Cheers, Alex"
  let last = tokens.length - 1;
  while (last >= 0 && tokens[last].kind === 'punct') last--;
  if (last > 0) {
    const t = tokens[last];
    const prev = tokens[last - 1];
    const prevWord = prev.norm === ',' ? tokens[last - 2] : undefined;
    const dashed = prev.kind === 'punct' && /^[-—–~]$/.test(prev.norm);
    const signed = prev.norm === ',' && prevWord !== undefined && SIGN_OFF.has(prevWord.norm);
    const newLine = /\n/.test(doc.work.slice(prev.end, t.start)) && isFirstInChunk(tokens, last);
    if ((dashed || signed || newLine) && (agent !== null ? isAgent(t) : nameLike(t))) {
      out.push({ kind: 'name', quote: doc.display.slice((dashed ? prev : t).start, t.end), name: t.text });
    }
  }
  return out;
}
