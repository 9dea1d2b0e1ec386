// Phrase-level detectors: generic openers, requests to repeat the story, blame of the AI, and
// apologies. Each runs simple regexes (literal alternations, bounded repeats, no nesting of
// unbounded quantifiers) over the space-joined normalised words of one clause or chunk, or plain
// token loops, so the work is linear in the message length.

import { NEGATORS, words } from './lexicon.js';
import { analyzeText, excerptAround, matchUnit, type TextDoc, type Token, type Unit } from './text.js';

export interface PhraseHit {
  /** The phrase in context, as written. */
  readonly quote: string;
  readonly start: number;
  readonly end: number;
}

function asDoc(input: string | TextDoc): TextDoc {
  return typeof input === 'string' ? analyzeText(input) : input;
}

/** Detectors stop collecting after this many hits (the grader only needs a few). */
const MAX_HITS = 50;
const B = '(?<![^ ])';
const E = '(?![^ ])';

function hit(doc: TextDoc, unit: Unit, from: number, to: number): PhraseHit {
  return {
    quote: excerptAround(doc, unit, from, to),
    start: unit.words[from]?.start ?? unit.start,
    end: unit.words[to - 1]?.end ?? unit.end,
  };
}

/** A negator among the `window` words before word `from`, in the same comma-chunk. */
function negatedBefore(unit: Unit, from: number, window = 6): boolean {
  const chunk = unit.words[from]?.chunk;
  for (let k = Math.max(0, from - window); k < from; k++) {
    const t = unit.words[k];
    if (t.chunk === chunk && NEGATORS.has(t.norm)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Generic openers

const GENERIC_ANYWHERE = [
  `${B}how (?:can|may|could|might|shall|do) (?:i|we) (?:help|assist|support|be of (?:help|service|assistance|any help|any assistance))${E}`,
  `${B}what can (?:i|we) (?:do for (?:you|ya)|help (?:you )?with|assist (?:you )?with)${E}`,
  `${B}what brings you${E}`,
  `${B}(?:tell|let) me (?:know )?how (?:i|we) can (?:help|assist)${E}`,
].map((s) => new RegExp(s, 'g'));
const GENERIC_AT_END = [
  `${B}what can (?:i|we) do(?: (?:today|for (?:you|ya)(?: today)?))?$`,
  `${B}what(?:'s| is) (?:the|your) (?:issue|problem|matter|trouble|concern|query|question)(?: today)?$`,
].map((s) => new RegExp(s, 'g'));
const GENERIC_IN_QUESTION = [
  `${B}what(?:'s| is)(?: exactly| actually)? (?:the|your) (?:issue|problem|trouble|matter)${E}`,
  `${B}what exactly is (?:the|your) (?:issue|problem|trouble|matter)${E}`,
  `${B}what (?:do|would) you (?:need|like|want)(?: (?:help|assistance|me to help|me to do|me to look at))?(?: with)?(?: today)?$`,
  `${B}(?:anything|something) (?:i|we) can (?:help (?:you )?with|do for you|assist (?:you )?with)${E}`,
].map((s) => new RegExp(s, 'g'));

/**
 * "How can I help?", "What can I do for you?", "What brings you here?", "What's the issue?".
 * "Anything else I can help with?" / "How else can I help?" are not openers.
 */
export function findGenericOpeners(input: string | TextDoc): PhraseHit[] {
  const doc = asDoc(input);
  const out: PhraseHit[] = [];
  for (const chunk of doc.chunks) {
    const res = [...GENERIC_ANYWHERE, ...GENERIC_AT_END, ...(chunk.isQuestion ? GENERIC_IN_QUESTION : [])];
    for (const re of res) {
      for (const m of matchUnit(chunk, re)) {
        if (negatedBefore(chunk, m.from, 2)) continue;
        out.push(hit(doc, chunk, m.from, m.to));
      }
    }
  }
  return dedupe(out);
}

// ---------------------------------------------------------------------------------------------
// Requests to repeat

const RV =
  '(?:explain|describe|elaborate|recap|repeat|restate|rephrase|summari[sz]e|outline|' +
  'clarify (?:what|how|the (?:issue|problem)|exactly|again)|' +
  "tell (?:me|us) (?:more|again|about|everything|a bit|a little|the whole|in detail|once more|exactly|why|what (?:happened|happens|'s going on|is going on|went wrong|'s wrong|is wrong|you're seeing|you are seeing|'s happening|is happening|the (?:issue|problem|error) is)|how (?:it|this|that) happened|when (?:it|this|that) (?:started|began|happened))|" +
  'walk (?:me|us) through|talk (?:me|us) through|take (?:me|us) through|run (?:me|us) through|remind (?:me|us)|' +
  'go (?:over|through) (?:it|that|this|what|everything|again|the (?:issue|problem|details))|fill (?:me|us) in|' +
  'give (?:me|us) (?:(?:a|an|some|more|a bit more|a few|few|further|additional|the|any|all the) ){0,2}(?:details?|info|information|background|context|rundown|run-down|overview|summary|description|explanation|recap)|' +
  'share (?:(?:more|some|any|a bit more|further|additional|all the|the) ){0,2}(?:details?|info|information|context|background)|' +
  "share what (?:happened|'s going on|is going on|went wrong|you're seeing)|" +
  'share (?:a bit |a little )?more(?: (?:about|on|detail|details))?|say (?:a bit |a little )?more|expand on|' +
  'be (?:a bit |a little )?more specific|go into (?:more )?detail|' +
  'provide (?:(?:more|some|any|further|additional|a|all the|the) ){0,2}(?:details?|info|information|context|background|description|summary)|' +
  "let (?:me|us) know (?:what|how) (?:happened|went wrong|is going on|'s going on|it happened|exactly))";
const RV_ING =
  '(?:explaining|describing|elaborating|recapping|repeating|restating|summari[sz]ing|outlining|' +
  'telling (?:me|us) (?:more|again|about|what|everything)|walking (?:me|us) through|talking (?:me|us) through|' +
  'going (?:over|through) (?:it|that|this|what|everything|again)|filling (?:me|us) in|' +
  'sharing (?:more |some )?(?:details?|info|information)|giving (?:me|us) (?:more |some )?(?:details?|info|information|background|context))';
const MARKER =
  "(?:(?:can|could|would|will|can't|couldn't|won't|wouldn't) you|please|kindly|i need you to|i'd need you to|i'll need you to|" +
  "i would need you to|i'd like you to|i would like you to|i want you to|i'd love for you to|i'd love you to|if you (?:can|could)|" +
  "are you able to|(?:could|can|may) i (?:ask|get) you to|i'd appreciate it if you (?:could|can|would)|you'll need to|" +
  "you need to|you'd need to|you have to|you should|try to|feel free to|i'll have to ask you to|i have to ask you to|i must ask you to)";
const FILL =
  '(?: (?:please|kindly|just|quickly|briefly|also|maybe|first|again|possibly|perhaps|now|once more|first of all)){0,3}';
const REPEAT_WITH_MARKER = new RegExp(`${B}${MARKER}${FILL} ${RV}${E}`, 'g');
const REPEAT_MIND = new RegExp(`${B}(?:do you mind|would you mind|mind)${FILL} ${RV_ING}${E}`, 'g');
const REPEAT_IMPERATIVE = new RegExp(
  `^(?:(?:so|ok|okay|first|now|just|please|and|also|then|hi|hello|hey)(?: |$)){0,2}${RV}${E}`,
  'g'
);
const REPEAT_QUESTION = new RegExp(
  `${B}(?:what(?:'s| is| has| was)? (?:exactly |actually |really )?(?:happened|happening|going on|gone wrong|went wrong|wrong)|` +
    'when did (?:it|this|that|all this|this all|the \\S+|the \\S+ \\S+) (?:start|begin|happen|first happen|stop working|first start)|' +
    'how did (?:it|this|that) (?:happen|start)|' +
    'what (?:exactly )?(?:are|is|were) (?:you|your \\S+) (?:seeing|experiencing|getting|running into|facing|having)|' +
    'what (?:error|errors|error message|error messages|message|messages|issue|issues|problem|problems) (?:are|is|do|did|were) (?:you|your \\S+) (?:seeing|getting|experiencing|having|see|get|facing)|' +
    `what (?:issue|problem|trouble) are you (?:having|facing|experiencing))${E}`,
  'g'
);
const REPEAT_ANYWHERE = new RegExp(
  `${B}(?:what (?:seems|appears) to be (?:the )?(?:problem|issue|trouble|matter)|what (?:seems|appears) to be wrong|` +
    "(?:i'd love to|i'd like to|i would like to|i would love to|i want to|i need to|i'll need to|help me) " +
    "(?:hear|know|understand) (?:more|what happened|what went wrong|exactly what happened|what's going on|" +
    `what is going on|the whole story|your side))${E}`,
  'g'
);

/**
 * Requests that the customer explain, describe, tell again or walk through what happened:
 * "can you explain what happened", "could you describe the problem", "tell me more about the
 * issue", "what seems to be the problem". Negated forms pass ("no need to repeat anything",
 * "I won't ask you to explain again").
 */
export function findRepeatRequests(input: string | TextDoc): PhraseHit[] {
  const doc = asDoc(input);
  const out: PhraseHit[] = [];
  for (const clause of doc.clauses) {
    const res = [REPEAT_WITH_MARKER, REPEAT_MIND, REPEAT_ANYWHERE, ...(clause.isQuestion ? [REPEAT_QUESTION] : [])];
    for (const re of res) {
      for (const m of matchUnit(clause, re)) {
        if (negatedBefore(clause, m.from)) continue;
        out.push(hit(doc, clause, m.from, m.to));
      }
    }
  }
  for (const chunk of doc.chunks) {
    for (const m of matchUnit(chunk, REPEAT_IMPERATIVE)) out.push(hit(doc, chunk, m.from, m.to));
  }
  return dedupe(out);
}

// ---------------------------------------------------------------------------------------------
// Apologies

export interface Apology extends PhraseHit {
  /** The apology word(s) as written ("sorry", "my bad"). */
  readonly word: string;
}

const APOLOGY_WORDS = words(`
  sorry apologies apology apologise apologize apologised apologized apologising apologizing
  apologises apologizes apologetic
`);
const FORGIVE_OBJECTS = new Set(['me', 'us', 'the', 'my', 'our', 'this', 'that', 'all']);
const NEGATION_CONTEXT = new Set(['need', 'have', 'to', 'reason', 'nothing', 'for']);

/** Apology words (sorry, apologise/apologize, apologies, apology, "my bad", "forgive"), not negated. */
export function findApologies(input: string | TextDoc): Apology[] {
  const doc = asDoc(input);
  const out: Apology[] = [];
  for (const sentence of doc.sentences) {
    const w = sentence.words;
    for (let i = 0; i < w.length; i++) {
      const n = w[i].norm;
      let len = 0;
      if (APOLOGY_WORDS.has(n)) len = 1;
      else if (n === 'my' && w[i + 1]?.norm === 'bad') len = 2;
      else if (
        (n === 'forgive' && (FORGIVE_OBJECTS.has(w[i + 1]?.norm ?? '') || w[i - 1]?.norm === 'please')) ||
        n === 'forgiveness'
      )
        len = 1;
      if (len === 0) continue;
      // "no need to apologise", "don't apologize", "nothing to be sorry for"
      const prev = w[i - 1]?.norm ?? '';
      const windowWords = w.slice(Math.max(0, i - 4), i).map((t) => t.norm);
      const negated =
        prev === "don't" ||
        prev === 'never' ||
        prev === 'no' ||
        (windowWords.some((x) => NEGATORS.has(x)) && windowWords.some((x) => NEGATION_CONTEXT.has(x)));
      if (negated) continue;
      const clause = clauseOf(doc, w[i]);
      const at = indexIn(clause, w[i]);
      out.push({ ...hit(doc, clause, at, at + len), word: doc.display.slice(w[i].start, w[i + len - 1].end) });
      if (out.length >= MAX_HITS) return out;
      i += len - 1;
    }
  }
  return out;
}

function clauseOf(doc: TextDoc, t: Token): Unit {
  return doc.clauses[t.clause];
}

function indexIn(unit: Unit, t: Token): number {
  // words are in token order: binary search on the token index
  let lo = 0;
  let hi = unit.words.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = unit.words[mid].index;
    if (v === t.index) return mid;
    if (v < t.index) lo = mid + 1;
    else hi = mid - 1;
  }
  return Math.max(0, lo - 1);
}

// ---------------------------------------------------------------------------------------------
// Blaming the AI

const AI_WORDS = words(`
  bot bots chatbot chatbots chat-bot chat-bots ai a.i robot virtual-assistant ai-assistant
  auto-reply autoreply autoresponder bot-chat
`);
const ASSISTANT_CUES = words(`
  our the your virtual ai digital automated automatic chat smart online auto bot that this an a
`);
const NOT_AI_AFTER = words(`
  manager director editor professor coach store principal teacher engineer
`);
const AUTOMATED_NOUNS = words(`
  system agent assistant chat replies responses bot service support helper messages reply response
`);
/** Negative words that, said of the AI, blame or disparage it. */
const NEG_AFTER = words(`
  useless hopeless terrible awful bad poor dumb stupid broken rubbish garbage junk clueless confused
  glitchy buggy pointless worthless annoying frustrating unhelpful incompetent inept mess messed
  fumbled fumbles fumble fumbling botched screwed failed fails failing fail kept keeps struggled
  struggles struggling misunderstood misread wrong sucks sucked blew dropped looped looping garbled
  hallucinated ignored missed crashed dense clunky limited lousy crap crappy pathetic ridiculous
  wonky flaky confusing wasted stumped stuck
`);
const NEGATED_MODAL = words(`
  couldn't can't cannot unable didn't wasn't isn't doesn't won't wouldn't not never aren't weren't
`);
const BLAME_VERB_PHRASE =
  /^(?:made (?:a |an |such a |a real |a bit of a )?(?:mess|mistake|error|hash|muddle|blunder)|made (?:it|things|this|that) worse|gave (?:up|you (?:the )?(?:run-around|runaround|wrong))|got (?:confused|stuck|it wrong|things wrong|this wrong|that wrong|mixed up|muddled|lost)|dropped the ball|let (?:you|us) down|should (?:have|'ve) \S+|should've \S+|supposed to \S+|went (?:in|round in|around in) circles|sent you (?:in|round in|around in) circles)(?![^ ])/;
const GLUE = words(`
  is was 's has had have been just really totally completely so very pretty quite clearly obviously
  honestly basically simply unfortunately also again always seems seemed to be kind of sort a bit
  little probably definitely sometimes often apparently did does do rather still only ever even
  kinda sorta certainly actually evidently sadly are were being bit somewhat fairly already itself
  there here frankly truly absolutely can could may might will would tends tend gets get got became
  becomes
`);
const NEG_BEFORE = words(`
  unlike useless hopeless terrible awful dumb stupid broken rubbish clueless glitchy buggy pointless
  worthless annoying unhelpful incompetent silly lousy crappy pathetic darn damn bloody ridiculous
  confused confusing limited poor bad
`);
const BLAME_NOUNS = words(`
  fault mistake mistakes error errors failure glitch bug blunder screw-up mess limitations
  shortcomings
`);
const WAIT_WORDS = new Set(['wait', 'waiting', 'delay', 'hold', 'patience', 'queue']);

/** Word indices (into unit.words) where the AI / bot / assistant is mentioned. */
export function findAiMentions(unit: Unit): number[] {
  const w = unit.words;
  const out: number[] = [];
  for (let i = 0; i < w.length; i++) {
    const n = w[i].norm.replace(/'s$/, '');
    const prev = w[i - 1]?.norm ?? '';
    const next = w[i + 1]?.norm ?? '';
    if (AI_WORDS.has(n)) {
      if (n === 'robot' && /^(?:vacuum|mower|hoover|kit|arm|toy)$/.test(next)) continue;
      out.push(i);
    } else if (
      (n === 'assistant' || n === 'assistants') &&
      (ASSISTANT_CUES.has(prev) || prev.endsWith("'s")) &&
      !NOT_AI_AFTER.has(next)
    )
      out.push(i);
    else if ((n === 'automated' || n === 'virtual') && AUTOMATED_NOUNS.has(next)) out.push(i + 1);
  }
  return [...new Set(out)];
}

/**
 * Blaming, disparaging or apologising for the AI ("sorry the bot couldn't help", "our chatbot
 * messed up", "the AI is useless", "sorry about the bot"). A neutral mention passes ("I've read
 * your chat with our assistant").
 */
export function findAiBlame(input: string | TextDoc): PhraseHit[] {
  const doc = asDoc(input);
  const out: PhraseHit[] = [];
  const apologies = findApologies(doc);
  const apologyStarts = new Set(apologies.map((a) => a.start));
  for (const clause of doc.clauses) {
    const mentions = findAiMentions(clause);
    if (mentions.length === 0) continue;
    const w = clause.words;
    for (const at of mentions) {
      let blamed: [number, number] | null = null;
      const chunk = w[at].chunk;
      const defended = w
        .slice(Math.max(0, at - 3), at)
        .some((t) => t.norm === 'not' || t.norm === "isn't" || t.norm === "wasn't");
      // 1. an apology before it in the same chunk: "sorry the bot …", "apologies that the chatbot …"
      for (let ai = at - 1; ai >= 0 && ai >= at - 10 && w[ai].chunk === chunk; ai--) {
        if (WAIT_WORDS.has(w[ai].norm)) break;
        if (apologyStarts.has(w[ai].start)) {
          blamed = [ai, at + 1];
          break;
        }
      }
      // 2. a negative predicate after it: "the AI is useless", "the bot's answers weren't helpful"
      if (blamed === null) {
        let k = at + 1;
        if (w[at].norm.endsWith("'s")) {
          let skipped = 0;
          while (k < w.length && skipped < 2 && w[k].chunk === chunk && AI_OUTPUT_NOUNS.has(w[k].norm)) {
            k++;
            skipped++;
          }
        }
        const end = negativePredicate(w, k, chunk);
        if (end > 0) blamed = [at, end];
        else if (!defended && w[at].norm.endsWith("'s") && BLAME_NOUNS.has(w[k]?.norm ?? '')) blamed = [at, k + 1];
      }
      // 3. a negative adjective or comparison right before it: "that useless bot", "unlike the bot"
      if (blamed === null) {
        for (let k = Math.max(0, at - 2); k < at; k++) if (NEG_BEFORE.has(w[k].norm)) blamed = [k, at + 1];
      }
      // 4. blame / fault: "blame the bot", "the fault of our assistant"
      if (blamed === null && !defended) {
        for (let k = Math.max(0, at - 4); k < at; k++) {
          if (/^(?:blame|blaming|blamed|fault)$/.test(w[k].norm)) blamed = [k, at + 1];
        }
      }
      if (blamed !== null) out.push(hit(doc, clause, blamed[0], blamed[1]));
      if (out.length >= MAX_HITS) return dedupe(out);
    }
  }
  // 5. "… our chatbot — sorry it couldn't sort this out": a pronoun after an apology, later in the
  // sentence that mentions the AI
  for (const sentence of doc.sentences) {
    if (out.length >= MAX_HITS) break;
    const mentions = findAiMentions(sentence);
    if (mentions.length === 0) continue;
    const w = sentence.words;
    for (let ai = mentions[0] + 1; ai < w.length; ai++) {
      if (!apologyStarts.has(w[ai].start)) continue;
      if (!/^(?:it|it's|they|they're)$/.test(w[ai + 1]?.norm ?? '')) continue;
      const end = negativePredicate(w, ai + 2, w[ai].chunk);
      if (end > 0) out.push(hit(doc, sentence, ai, end));
    }
  }
  return dedupe(out);
}

/** Nouns for what the AI produced ("the bot's answers weren't helpful"). */
const AI_OUTPUT_NOUNS = words(`
  answer answers reply replies response responses suggestion suggestions advice info information
  instructions links help solution solutions attempts messages fix fixes
`);

/**
 * Index one past a negative predicate starting at w[k] (after optional glue words), or -1:
 * "is useless", "couldn't help", "kept sending", "made a mess", "should have caught it".
 */
function negativePredicate(w: readonly Token[], start: number, chunk: number): number {
  let k = start;
  let steps = 0;
  while (k < w.length && steps < 6 && w[k].chunk === chunk && GLUE.has(w[k].norm) && !NEG_AFTER.has(w[k].norm)) {
    k++;
    steps++;
  }
  if (w[k] === undefined || w[k].chunk !== chunk) return -1;
  const x = w[k].norm;
  const x1 = w[k + 1]?.chunk === chunk ? w[k + 1].norm : '';
  const rest = w
    .slice(k, k + 5)
    .map((t) => t.norm)
    .join(' ');
  if (BLAME_VERB_PHRASE.test(rest)) return Math.min(w.length, k + 3);
  if (x === 'kept' || x === 'keeps') return /ing$/.test(x1) && x1.length > 4 ? k + 2 : -1;
  if (NEGATED_MODAL.has(x)) {
    // "couldn't help", "isn't great", "can't release transfers": any predicate but a need
    return x1 !== '' && !/^(?:need|needs|have|has|mean|matter|fault|to)$/.test(x1) ? Math.min(w.length, k + 3) : -1;
  }
  return NEG_AFTER.has(x) ? k + 1 : -1;
}

function dedupe(hits: PhraseHit[]): PhraseHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.start}:${h.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
