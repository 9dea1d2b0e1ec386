// A small, deterministic English stemmer (a light Porter-style suffix stripper) and typo-tolerant
// word comparison. Both sides of a comparison go through the same function, so the stems only
// need to be consistent, not pretty: "charged" ~ "charge" ~ "charges" → "charg",
// "refunded" ~ "refund", "cancellation" ~ "cancelled" ~ "cancel", "delivery" ~ "delivered".

const IRREGULAR: Record<string, string> = {
  paid: 'pay',
  sent: 'send',
  bought: 'buy',
  lost: 'lose',
  got: 'get',
  gotten: 'get',
  broke: 'break',
  broken: 'break',
  shown: 'show',
  went: 'go',
  gone: 'go',
  done: 'do',
  did: 'do',
  made: 'make',
  told: 'tell',
  said: 'say',
  taken: 'take',
  took: 'take',
  gave: 'give',
  given: 'give',
  saw: 'see',
  seen: 'see',
  kept: 'keep',
  found: 'find',
  left: 'leave',
  came: 'come',
  ran: 'run',
  stuck: 'stick',
  chose: 'choose',
  chosen: 'choose',
  wrote: 'write',
  written: 'write',
  fell: 'fall',
  fallen: 'fall',
  forgot: 'forget',
  forgotten: 'forget',
  began: 'begin',
  begun: 'begin',
  knew: 'know',
  known: 'know',
  thought: 'think',
  brought: 'bring',
  caught: 'catch',
  sold: 'sell',
  held: 'hold',
  froze: 'freeze',
  frozen: 'freeze',
  drove: 'drive',
  driven: 'drive',
  spent: 'spend',
  built: 'build',
  meant: 'mean',
  felt: 'feel',
  hidden: 'hide',
  children: 'child',
  people: 'person',
  women: 'woman',
  men: 'man',
  feet: 'foot',
  teeth: 'tooth',
  'sign-ins': 'sign-in',
  'log-ins': 'log-in',
  logins: 'login',
};

const VOWEL = /[aeiouy]/;

function undouble(w: string): string {
  const n = w.length;
  if (n >= 3 && w[n - 1] === w[n - 2] && !VOWEL.test(w[n - 1]) && w[n - 1] !== 's') return w.slice(0, -1);
  return w;
}

const CACHE = new Map<string, string>();

/** Stem of one folded lower-case word. Non-Latin words and identifiers come back unchanged. */
export function stem(input: string): string {
  const cached = CACHE.get(input);
  if (cached !== undefined) return cached;
  const result = computeStem(input);
  if (CACHE.size >= 20000) CACHE.clear();
  if (input.length <= 40) CACHE.set(input, result);
  return result;
}

function computeStem(input: string): string {
  let w = input.toLowerCase();
  if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  const irregular = Object.hasOwn(IRREGULAR, w) ? IRREGULAR[w] : undefined; // not "constructor" from the prototype
  if (irregular !== undefined) w = irregular;
  if (/^\d+s$/.test(w)) return w.slice(0, -1); // "429s" → "429"
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;

  // plurals and third person
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);

  // derivational and inflectional suffixes (one of them)
  const strip = (suffix: string, minRest: number, replacement = ''): boolean => {
    if (!w.endsWith(suffix)) return false;
    const rest = w.slice(0, -suffix.length);
    if (rest.length < minRest || !VOWEL.test(rest)) return false;
    w = rest + replacement;
    return true;
  };
  if (
    strip('ied', 3, 'y') ||
    strip('ification', 2, 'ify') ||
    strip('ation', 3) ||
    strip('ment', 3) ||
    strip('ness', 3) ||
    strip('ure', 4) ||
    strip('ing', 3) ||
    strip('edly', 3) ||
    strip('ed', 3) ||
    strip('ly', 4) ||
    strip('al', 5)
  ) {
    // stripped
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  else if (w.length > 4 && w.endsWith('y')) w = w.slice(0, -1);
  return undouble(w);
}

/**
 * True when two folded words are the same up to one typo: an adjacent transposition ("histroy",
 * "wiat") for words of 4+ letters, or one inserted/deleted letter for words of 6+ letters.
 * Substitutions are not forgiven ("charge" is not "change").
 */
export function typoEqual(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    if (la < 4) return false;
    let i = 0;
    while (i < la && a[i] === b[i]) i++;
    if (i >= la - 1) return false;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  if (Math.abs(la - lb) !== 1 || Math.min(la, lb) < 6) return false;
  const [long, short] = la > lb ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  return long.slice(i + 1) === short.slice(i);
}
