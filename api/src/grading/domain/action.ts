// STATES_ACTION: a first-person commitment to a concrete next step: "let me pull up", "I'll check",
// "I'm going to reissue", "I'm looking into", "I've escalated", "bear with me while I check".
// Not actions: states and feelings ("I'm sorry", "I understand", "I'll be happy to"), promises to
// talk rather than do ("I'll get back to you", "I'll update you", "let me know"), questions and
// offers ("would you like me to try …?", "shall I …?") and negations ("I won't …").

import { ADVERBS, words } from './lexicon.js';
import { analyzeText, excerptAround, phraseFrom, QUESTION_STARTERS, type TextDoc, type Token } from './text.js';

export type ActionKind = 'action' | 'communication' | 'offer';

export interface ActionStatement {
  readonly kind: ActionKind;
  /** The verb as written ("reversing", "check"). */
  readonly verb: string;
  /** The clause as written. */
  readonly quote: string;
  readonly start: number;
  readonly end: number;
}

/** Verbs of being, thinking and feeling: no step is taken. */
const NON_ACTION = words(`
  be being need needing know think thinking hope hoping wish want wanting like love see seeing
  understand understanding wait waiting explain explaining apologize apologise apologizing
  apologising say saying stay staying remain guess guessing assume assuming wonder wondering feel
  feeling hear hearing help helping afraid sorry glad happy willing asking ask tell telling repeat
  introduce introducing admit promise bet imagine believe suppose appreciate thank thanking welcome
  recommend suggest suggesting recommending worry worrying handing leave leaving
`);
/** Verbs that are communication-only when their object is the customer. */
const COMM = words(`
  update updating let letting keep keeping reply replying respond responding report reporting follow
  following circle circling touch come coming check checking get getting message messaging ping
  pinging text texting email emailing call calling contact contacting write writing notify notifying
  inform informing reach reaching confirm confirming be send sending chat talk talking speak
  speaking return returning
`);
const YOU = new Set(['you', 'u', 'ya']);
const OBJECT_DETERMINERS = words(`
  the a an your this that these those it them some any all everything
`);
/** Past participles of concrete steps ("I've escalated it"). */
const DONE = words(`
  started begun initiated kicked escalated submitted raised issued sent requested opened filed
  created placed processed applied reversed cancelled canceled refunded reset unlocked updated
  changed arranged booked scheduled flagged contacted put logged credited removed restored re-sent
  resent fixed corrected adjusted switched moved added waived approved expedited rerouted upgraded
  downgraded reissued cleared pushed triggered assigned forwarded ordered shipped dispatched
  reactivated activated deactivated paused stopped rolled reverted renewed extended generated
  regenerated replaced transferred paid emailed notified alerted paged asked looped
`);
/** Words that cannot start the verb phrase after "I'll" / "let me" / "I'm". */
const NOT_A_VERB = words(`
  not never the a an your my our their his her its this that these those it to and or but so if of
  in on at for with from by as you u me us them him i we they he she there here what which who how
  why when where no yes very too also sorry afraid sure glad happy able unable back out up down off
  over about
`);
const LY_VERBS = words(`
  apply reply supply rely multiply comply ally fly rally tally bully
`);

function isAdverb(t: Token | undefined): boolean {
  if (t === undefined || t.kind !== 'word') return false;
  if (ADVERBS.has(t.norm)) return true;
  return t.norm.length > 4 && t.norm.endsWith('ly') && !LY_VERBS.has(t.norm);
}

function isIng(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    t.kind === 'word' &&
    t.norm.length > 4 &&
    /ing$/.test(t.norm) &&
    !/^(?:thing|something|nothing|anything|everything|morning|evening|string|spring|during|king|ring|bring|sing|wing|ceiling|ongoing)$/.test(
      t.norm
    )
  );
}

/** Word i opens its comma-chunk, maybe after a greeting and a name ("Hi Sarah, checking now"). */
function startsChunk(w: readonly Token[], i: number): boolean {
  const prev = w[i - 1];
  return prev === undefined || prev.chunk !== w[i].chunk;
}

function asDoc(input: string | TextDoc): TextDoc {
  return typeof input === 'string' ? analyzeText(input) : input;
}

/**
 * Classifies the verb at w[v] after a first-person lead. Returns null when it is not a step
 * (a state, a feeling, a negation).
 */
function classifyVerb(w: readonly Token[], v: number): { kind: ActionKind; at: number } | null {
  let k = v;
  let guard = 0;
  while (guard++ < 4 && isAdverb(w[k])) k++;
  const verb = w[k];
  if (verb === undefined || verb.kind !== 'word') return null;
  const n = verb.norm;
  const n1 = w[k + 1]?.norm ?? '';
  const n2 = w[k + 2]?.norm ?? '';
  if (NOT_A_VERB.has(n)) return null;
  // "try to fix" / "try and fix" / "go ahead and fix"
  if ((n === 'try' || n === 'trying' || n === 'attempt') && (n1 === 'to' || n1 === 'and'))
    return classifyVerb(w, k + 2);
  if ((n === 'go' || n === 'going') && n1 === 'ahead')
    return n2 === 'and' ? classifyVerb(w, k + 3) : { kind: 'action', at: k };
  if (n === 'be') {
    if (isIng(w[k + 1])) return classifyVerb(w, k + 1);
    if (n1 === 'in' && n2 === 'touch') return { kind: 'communication', at: k };
    if (n1 === 'right' && n2 === 'back') return { kind: 'communication', at: k };
    if (n1 === 'taking' || n1 === 'handling' || n1 === 'looking') return { kind: 'action', at: k + 1 };
    return null;
  }
  if (n === 'have' || n === 'having') {
    if (n1 === 'to') return null;
    return { kind: 'action', at: k }; // "I'll have a look", "I'll have it fixed"
  }
  if (n === 'ask' || n === 'asking') {
    // "ask the warehouse" is a step; "ask you a few questions" is a question back
    const next3 = [n1, n2, w[k + 3]?.norm ?? ''];
    if (YOU.has(n1) || n1 === 'for' || next3.some((x) => /^questions?$/.test(x))) return null;
    return { kind: 'action', at: k };
  }
  if (n === 'reaching' || n === 'reach') {
    if (n1 === 'out' && n2 === 'to' && !YOU.has(w[k + 3]?.norm ?? '')) return { kind: 'action', at: k };
    return { kind: 'communication', at: k };
  }
  if (n === 'following' || n === 'follow') {
    if (n1 === 'up' && n2 === 'with' && !YOU.has(w[k + 3]?.norm ?? '')) return { kind: 'action', at: k };
    return { kind: 'communication', at: k };
  }
  if (NON_ACTION.has(n)) return null;
  if (COMM.has(n)) {
    if (YOU.has(n1) && !OBJECT_DETERMINERS.has(n2)) return { kind: 'communication', at: k };
    if (YOU.has(n1) && (n === 'let' || n === 'letting' || n === 'keep' || n === 'keeping'))
      return { kind: 'communication', at: k };
    if (n1 === 'back' || (n1 === 'in' && (n2 === 'touch' || YOU.has(n2) || n2 === 'with')) || n1 === 'base')
      return { kind: 'communication', at: k };
    if (n1 === 'to' && YOU.has(n2)) return { kind: 'communication', at: k };
    if ((n === 'confirm' || n === 'confirming') && /^(?:here|once|when|with|as|shortly|soon|back)$/.test(n1))
      return { kind: 'communication', at: k };
    if (
      (n === 'chat' || n === 'talk' || n === 'talking' || n === 'speak' || n === 'speaking') &&
      (n1 === 'with' || n1 === 'to')
    ) {
      return YOU.has(n2) ? { kind: 'communication', at: k } : { kind: 'action', at: k };
    }
  }
  return { kind: 'action', at: k };
}

/** Every first-person statement of a next step (or of a promise to communicate, or an offer). */
export function findActionStatements(input: string | TextDoc): ActionStatement[] {
  const doc = asDoc(input);
  const out: ActionStatement[] = [];
  for (const clause of doc.clauses) {
    if (out.length >= 50) break;
    const w = clause.words.filter((t) => t.kind !== 'punct');
    const questionOpener = clause.isQuestion && QUESTION_STARTERS.has(w[0]?.norm ?? '');
    let lead = 0;
    const push = (res: { kind: ActionKind; at: number } | null): void => {
      if (res === null) return;
      const verb = w[res.at];
      if (verb === undefined) return;
      const kind: ActionKind = questionOpener && res.kind === 'action' ? 'offer' : res.kind;
      const from = w[Math.min(lead, res.at)] ?? verb;
      out.push({
        kind,
        verb: verb.text,
        quote: phraseFrom(doc, from.index, 12),
        start: clause.start,
        end: clause.end,
      });
    };

    for (let i = 0; i < w.length; i++) {
      lead = i;
      const n = w[i].norm;
      const n1 = w[i + 1]?.norm ?? '';
      const n2 = w[i + 2]?.norm ?? '';
      const subject = n === 'i' || n === 'we';
      // negated: "I won't", "I'm not going to", "I can't"
      if (n === "i'll" || n === "we'll") push(classifyVerb(w, i + 1));
      else if (subject && (n1 === 'will' || n1 === 'shall')) push(classifyVerb(w, i + 2));
      else if (n === 'let' && (n1 === 'me' || n1 === 'us')) {
        if (n2 === 'know') push({ kind: 'communication', at: i + 2 });
        else push(classifyVerb(w, i + 2));
      } else if (n === "i'm" || n === "we're" || (subject && (n1 === 'am' || n1 === 'are'))) {
        let k = n === "i'm" || n === "we're" ? i + 1 : i + 2;
        let guard = 0;
        while (guard++ < 3 && isAdverb(w[k]) && w[k].norm !== 'going') k++;
        const x = w[k];
        if (x === undefined) continue;
        if ((x.norm === 'going' && w[k + 1]?.norm === 'to') || x.norm === 'gonna') {
          push(classifyVerb(w, x.norm === 'gonna' ? k + 1 : k + 2));
        } else if (x.norm === 'about' && w[k + 1]?.norm === 'to') {
          push(classifyVerb(w, k + 2));
        } else if (x.norm === 'on' && w[k + 1]?.norm === 'it' && w.length <= k + 3) {
          // "I'm on it" alone is not a concrete step
        } else if (isIng(x)) {
          if (x.norm === 'looking' && w[k + 1]?.norm === 'forward') continue;
          if (x.norm === 'going' && !/^(?:through|over|to)$/.test(w[k + 1]?.norm ?? '')) continue;
          push(classifyVerb(w, k));
        }
      } else if (n === "i've" || n === "we've" || (subject && n1 === 'have')) {
        let k = n === "i've" || n === "we've" ? i + 1 : i + 2;
        let guard = 0;
        while (guard++ < 3 && isAdverb(w[k])) k++;
        if (w[k]?.norm === 'gone' && w[k + 1]?.norm === 'ahead') {
          k += w[k + 2]?.norm === 'and' ? 3 : 2;
          if (w[k] !== undefined && /ed$|^(?:sent|put|reset|paid)$/.test(w[k].norm)) push({ kind: 'action', at: k });
        } else if (w[k] !== undefined && DONE.has(w[k].norm)) push({ kind: 'action', at: k });
      } else if ((n === 'while' || n === 'whilst' || n === 'as') && (n1 === 'i' || n1 === 'we') && n2 !== 'speak') {
        push(classifyVerb(w, i + 2));
      } else if (startsChunk(w, i) && !questionOpener) {
        // chat style without the pronoun: "Checking now, one moment", "Will refund it now"
        const rest = w.slice(i + 1).map((t) => t.norm);
        const immediate =
          rest.includes('now') ||
          rest.includes('rn') ||
          (rest.includes('for') && rest.includes('you')) ||
          rest.includes('asap');
        if (isIng(w[i]) && immediate && !(n === 'looking' && n1 === 'forward')) push(classifyVerb(w, i));
        else if (n === 'will' && !/^(?:you|it|that|this|they|he|she|we|i)$/.test(n1)) push(classifyVerb(w, i + 1));
      }
      // offers: "would you like me to …", "shall I …", "do you want me to …"
      if (
        ((n === 'like' || n === 'want') && n1 === 'me' && n2 === 'to') ||
        ((n === 'shall' || n === 'should') && n1 === 'i' && clause.isQuestion)
      ) {
        out.push({
          kind: 'offer',
          verb: w[i + (n1 === 'me' ? 3 : 2)]?.text ?? n,
          quote: excerptAround(doc, clause, 0, clause.words.length),
          start: clause.start,
          end: clause.end,
        });
      }
    }
  }
  return out;
}

/** True when the text commits, in the first person, to a concrete next step. */
export function statesAction(input: string | TextDoc): boolean {
  return findActionStatements(input).some((a) => a.kind === 'action');
}
