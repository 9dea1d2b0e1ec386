// Requests for facts the AI already collected ("could you send me your order number" when the
// handoff holds `order number` = #48213). A fact is asked for when a request (a question, "please
// …", "send me …", "I'll need your …") names the fact's label or a synonym outside a
// prepositional phrase ("what's the email on your order?" asks for the email, not the order).
// Stating the fact ("I see your order is #12345"), referring to it as known ("the email we have on
// file"), negated requests ("no need to send your order number") and asking for an unknown fact
// all pass.

import { NEGATORS, words } from './lexicon.js';
import { stem } from './stem.js';
import { analyzeText, excerptAround, fold, type TextDoc, type Token, type Unit } from './text.js';

export interface KnownFact {
  label: string;
  value: string;
}

export interface KnownInfoRequest {
  /** The fact's label as given in the handoff. */
  readonly label: string;
  readonly value: string;
  /** The request as written (one clause). */
  readonly quote: string;
  readonly start: number;
  readonly end: number;
}

const IDENT = words(`
  number numbers no num nr nbr # id ids ref reference code codes
`);

/** Synonym groups. "IDENT" stands for number / no / # / ID / ref / reference / code. */
const GROUPS: readonly (readonly string[])[] = [
  ['order IDENT', 'orders IDENT', 'confirmation IDENT', 'purchase IDENT', 'transaction IDENT'],
  ['email', 'emails', 'email address', 'mail address', 'inbox address'],
  [
    'account IDENT',
    'acct IDENT',
    'acc IDENT',
    'customer IDENT',
    'member IDENT',
    'membership IDENT',
    'client IDENT',
    'user IDENT',
    'workspace IDENT',
    'tenant IDENT',
    'organization IDENT',
    'organisation IDENT',
    'org IDENT',
  ],
  ['phone IDENT', 'mobile IDENT', 'cell IDENT', 'telephone IDENT', 'contact IDENT', 'cellphone IDENT'],
  ['ticket IDENT', 'case IDENT', 'incident IDENT', 'reference IDENT', 'ref IDENT', 'support IDENT'],
  [
    'tracking IDENT',
    'tracking',
    'tracking link',
    'waybill',
    'consignment IDENT',
    'shipment IDENT',
    'rma IDENT',
    'return IDENT',
    'return label',
  ],
  [
    'device',
    'devices',
    'device model',
    'phone model',
    'model',
    'handset',
    'kind of phone',
    'type of phone',
    ...['what', 'which'].flatMap((w) =>
      ['phone', 'tv', 'laptop', 'computer', 'tablet', 'router', 'console', 'printer', 'handset', 'hardware'].map(
        (d) => `${w} ${d}`
      )
    ),
  ],
  [
    'address',
    'shipping address',
    'delivery address',
    'postal address',
    'postcode',
    'post code',
    'zip',
    'zip code',
    'zipcode',
  ],
  ['plan', 'plans', 'tier', 'subscription', 'package', 'pricing plan'],
  [
    'promo IDENT',
    'promo',
    'promotion IDENT',
    'promotional IDENT',
    'discount IDENT',
    'coupon',
    'coupon IDENT',
    'voucher',
    'voucher IDENT',
    'gift card IDENT',
  ],
  [
    'carrier',
    'courier',
    'shipping company',
    'delivery company',
    'shipper',
    'delivery service',
    'shipping provider',
    'delivery partner',
  ],
  ['api key', 'key', 'api token', 'token', 'key prefix', 'prefix', 'secret key', 'publishable key'],
  ['name', 'full name', 'first name', 'last name', 'surname'],
  ['date of birth', 'dob', 'birthday', 'birth date', 'birthdate'],
  ['card IDENT', 'last four', 'last 4', 'card digits', 'payment card'],
  ['serial IDENT', 'serial', 'serial no'],
  ['invoice IDENT', 'invoice'],
  ['username', 'user name', 'login', 'login name', 'handle', 'user id'],
  ['delivered', 'delivery date', 'arrival date', 'date it arrived', 'when it arrived', 'arrive', 'arrived'],
  ['company name', 'business name', 'organisation name', 'organization name', 'company'],
  ['website', 'url', 'domain', 'store url', 'site url', 'web address', 'shop url'],
  ['app version', 'version', 'firmware version', 'os version'],
  ['purchase date', 'order date', 'date of purchase', 'when you ordered', 'when did you order'],
  ['iban', 'bank details', 'bank account', 'sort code', 'routing IDENT'],
];

type Phrase = readonly string[];

function parsePhrase(p: string): Phrase {
  return p.split(' ');
}

const PARSED_GROUPS: readonly (readonly Phrase[])[] = GROUPS.map((g) => g.map(parsePhrase));

function labelTokens(label: string): string[] {
  return analyzeText(label, 200)
    .tokens.filter((t) => t.kind !== 'punct' || t.norm === '#')
    .map((t) => t.norm);
}

/** Phrase items: "IDENT", a literal word, or "~stem" (any word with that stem). */
function phraseAt(words: readonly string[], at: number, phrase: Phrase): boolean {
  for (let k = 0; k < phrase.length; k++) {
    const w = words[at + k];
    if (w === undefined) return false;
    const p = phrase[k];
    if (p === 'IDENT') {
      if (!IDENT.has(w)) return false;
    } else if (p.startsWith('~')) {
      if (stem(w) !== p.slice(1)) return false;
    } else if (p !== w) return false;
  }
  return true;
}

function containsPhrase(words: readonly string[], phrase: Phrase): boolean {
  for (let i = 0; i + phrase.length <= words.length; i++) if (phraseAt(words, i, phrase)) return true;
  return false;
}

const DATE_WORDS = new Set(['date', 'time', 'day', 'when', 'timestamp']);

/** For a date label ("cancellation date"), the stems that "when did you …" may ask about. */
export function dateLabelStems(label: string): string[] {
  const tokens = labelTokens(label);
  if (!tokens.some((t) => DATE_WORDS.has(t))) return [];
  return tokens.filter((t) => !DATE_WORDS.has(t) && !GENERIC_HEADS.has(t) && t.length >= 3).map(stem);
}

const GENERIC_HEADS = words(`
  the a your my new current old info information details detail data value status type
`);

/** The phrases that name a fact: its synonym group(s), else its own words and head noun. */
export function labelPhrases(label: string): Phrase[] {
  const tokens = labelTokens(label);
  if (tokens.length === 0) return [];
  const out: Phrase[] = [];
  for (const group of PARSED_GROUPS) if (group.some((p) => containsPhrase(tokens, p))) out.push(...group);
  if (out.length > 0) return out;
  const own = tokens.filter((t) => !GENERIC_HEADS.has(t));
  if (own.length === 0) return [];
  const st = (t: string): string => (IDENT.has(t) ? 'IDENT' : `~${stem(t)}`);
  out.push(own.map(st));
  const last = own[own.length - 1];
  if (IDENT.has(last) && own.length >= 2) out.push([st(own[own.length - 2]), 'IDENT']);
  else if (last.length >= 3 && !DATE_WORDS.has(last)) out.push([st(last)]);
  return out;
}

function compact(s: string): string {
  return fold(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

const PREPOSITIONS = words(`
  on for in under with to from against of about regarding via at into onto
`);
const DETERMINERS = words(`
  your the this that my our its their his her these those ur
`);
const SEEKING = words(`
  ask asking asked look looking search searching reply replying respond responding back
`);
const PHRASE_STOP = words(`
  and or so but because if when while that which please is are was were do did does you i we
`);

/** Word indices inside prepositional phrases ("on your order", "for the account"). */
function prepositionalZones(words: readonly Token[]): boolean[] {
  const zone = new Array<boolean>(words.length).fill(false);
  for (let k = 0; k + 1 < words.length; k++) {
    if (!PREPOSITIONS.has(words[k].norm) || !DETERMINERS.has(words[k + 1].norm)) continue;
    if (k > 0 && SEEKING.has(words[k - 1].norm)) continue;
    zone[k] = true;
    zone[k + 1] = true;
    let m = k + 2;
    let taken = 0;
    while (m < words.length && taken < 3 && !PHRASE_STOP.has(words[m].norm) && !PREPOSITIONS.has(words[m].norm)) {
      zone[m] = true;
      m++;
      taken++;
    }
  }
  return zone;
}

const IMPERATIVES = words(`
  send share provide give confirm tell type enter paste reply drop forward post dm upload attach
  include verify pass list write spell read supply state
`);
const WH_STARTS = new Set(['what', "what's", 'which', 'whats']);
const LEAD_INS = words(`
  so and also first just then now ok okay quickly lastly finally but please kindly
`);
const REQUEST_RE =
  /(?<![^ ])(?:please|pls|kindly|i need|i'll need|i'm going to need|i am going to need|we're going to need|i'd need|i would need|i will need|we need|we'll need|i'd like|i would like|i'd love|could i|can i|may i|might i|let me know|let us know|(?:send|share|give|provide|confirm|tell|pass|forward|text|email) (?:me|us)|need (?:your|the) .{1,40} from you|do you have|would you have|have you got)(?![^ ])/;
/** Phrases that mark a fact as already known ("the email we have on file"). */
const KNOWN_AFTER_RE =
  /^(?:(?:that |which )?(?:we|i) (?:have|already have|'ve got|got)|on file|on record|you (?:gave|provided|shared|mentioned|told|sent|used with)|(?:that |which )?the (?:assistant|bot|ai) (?:has|collected|got|noted)|from (?:your|the) (?:chat|conversation))(?![^ ])/;
// "I have your order number" states a fact; "can I have your order number?" asks for it, so a
// modal right before "I have" turns the phrase back into a request.
const KNOWN_BEFORE_RE =
  /(?<![^ ])(?<!(?:can|could|may|might) )(?:i see|i can see|i've got|i have|we have|already have|i've found|i found|i'm using|i'll use|using)(?: (?:your|the))?$/;

function isRequestUnit(unit: Unit): boolean {
  if (unit.isQuestion) return true;
  let k = 0;
  while (k < unit.words.length && (LEAD_INS.has(unit.words[k].norm) || unit.words[k].kind === 'punct')) k++;
  if (k < unit.words.length && (IMPERATIVES.has(unit.words[k].norm) || WH_STARTS.has(unit.words[k].norm))) return true;
  return REQUEST_RE.test(unit.joined);
}

/** Words that show the customer is being asked for something ("what's", "send", "confirm"). */
const ASKING_CUES = words(`
  what what's whats which send sending share sharing provide providing give giving confirm
  confirming tell telling type typing enter entering paste pasting verify verifying need have get
  grab know double-check remind spell forward include pass list read supply drop dm post reply state
`);
/** Offers of an action phrased as a question ("should I upgrade your plan?") are not requests. */
const OFFER_RE =
  /^(?:(?:so|and|also|ok|okay|then|now|just|first|or) )?(?:do you want me to|would you like me to|want me to|shall i|should i|is it ok if i|is it okay if i|can i|could i|may i|let me)(?: (?:just|also|quickly|go ahead and))? (\S+)/;
const OFFER_ASKS = words(`
  get have grab ask take confirm verify double-check see know check borrow trouble request need
`);

function isOffer(joined: string): boolean {
  const m = OFFER_RE.exec(joined);
  return m !== null && !OFFER_ASKS.has(m[1] ?? '');
}

function asDoc(input: string | TextDoc): TextDoc {
  return typeof input === 'string' ? analyzeText(input) : input;
}

/**
 * Every request in the text for a fact listed in `knownFacts` (by label or synonym), at most one
 * per fact and clause.
 */
export function findKnownInfoRequests(
  input: string | TextDoc,
  knownFacts: readonly KnownFact[] | null | undefined
): KnownInfoRequest[] {
  const doc = asDoc(input);
  const facts = (knownFacts ?? [])
    .slice(0, 50)
    .filter((f): f is KnownFact => f !== null && typeof f === 'object' && typeof f.label === 'string')
    .map((f) => ({
      label: f.label,
      value: typeof f.value === 'string' ? f.value : '',
      phrases: labelPhrases(f.label.slice(0, 200)),
      whenStems: dateLabelStems(f.label.slice(0, 200)),
      compactValue: compact(typeof f.value === 'string' ? f.value.slice(0, 200) : ''),
    }))
    .filter((f) => f.phrases.length > 0);
  if (facts.length === 0) return [];

  const out: KnownInfoRequest[] = [];
  for (const unit of doc.clauses) {
    if (out.length >= 20) break;
    if (unit.words.length === 0 || !isRequestUnit(unit) || (unit.isQuestion && isOffer(unit.joined))) continue;
    const norms = unit.words.map((t) => t.norm);
    const shortQuestion = unit.isQuestion && unit.words.length <= 5;
    const zones = prepositionalZones(unit.words);
    const unitCompact = compact(doc.work.slice(unit.start, unit.end));
    for (const fact of facts) {
      if (fact.compactValue.length >= 3 && unitCompact.includes(fact.compactValue)) continue; // states it
      let hit: [number, number] | null = null;
      for (let i = 0; i < norms.length && hit === null; i++) {
        if (zones[i]) continue;
        for (const phrase of fact.phrases) {
          if (!phraseAt(norms, i, phrase)) continue;
          const from = i;
          const to = i + phrase.length;
          const before = norms.slice(Math.max(0, from - 6), from);
          if (before.some((w) => NEGATORS.has(w))) continue;
          if (KNOWN_AFTER_RE.test(norms.slice(to, to + 6).join(' '))) continue;
          if (KNOWN_BEFORE_RE.test(norms.slice(Math.max(0, from - 4), from).join(' '))) continue;
          if (!shortQuestion && !norms.slice(Math.max(0, from - 8), from + 1).some((w) => ASKING_CUES.has(w))) continue;
          hit = [from, to];
          break;
        }
      }
      if (hit === null && fact.whenStems.length > 0 && unit.isQuestion) {
        // "when did you cancel?" asks for the known cancellation date
        const when = norms.indexOf('when');
        if (when >= 0 && !norms.slice(Math.max(0, when - 6), when).some((w) => NEGATORS.has(w))) {
          for (let k = when + 1; k < norms.length && k <= when + 6; k++) {
            if (fact.whenStems.includes(stem(norms[k]))) {
              hit = [when, k + 1];
              break;
            }
          }
        }
      }
      if (hit === null) continue;
      out.push({
        label: fact.label,
        value: fact.value,
        quote: excerptAround(doc, unit, hit[0], hit[1]),
        start: unit.start,
        end: unit.end,
      });
    }
  }
  return out;
}
