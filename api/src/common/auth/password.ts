import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt from Node's crypto: memory-hard, no native dependency to build. Parameters are stored
// with each hash so they can be raised later without invalidating existing passwords.
const N = 16384;
const r = 8;
const p = 1;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, rr, pp, saltB64, keyB64] = parts;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(rr),
    p: Number(pp),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** The cost of checking a stored hash: scrypt's N, r, p and the key length; null when it cannot be read. */
export function hashCost(stored: string): { N: number; r: number; p: number; keyLength: number } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  return { N: Number(parts[1]), r: Number(parts[2]), p: Number(parts[3]), keyLength: Buffer.from(parts[5], 'base64').length };
}

/**
 * A well-formed hash that no password matches, checked when the account does not exist so both
 * paths cost one scrypt with the current parameters (password.test.ts holds it to that).
 */
export const DUMMY_HASH = `scrypt$${N}$${r}$${p}$AAAAAAAAAAAAAAAAAAAAAA==$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

// Passwords of 10+ characters that lead the breach corpora (NCSC top 100k, RockYou): a guesser
// tries these first, so the length rule alone lets them through. Short on purpose: the point is
// the obvious ones, not a dictionary.
const COMMON = new Set([
  '1234567890', '12345678910', '123456789a', '1234567890a', '0987654321', '1111111111', '0000000000',
  '1q2w3e4r5t', '1q2w3e4r5t6y', 'qwertyuiop', 'qwertyuiop1', 'qwerty1234', 'qwerty12345', 'qwerty123456',
  '1qaz2wsx3edc', 'zaq12wsxcde3', 'asdfghjkl1', 'asdfghjkl;', 'zxcvbnm123', 'password12', 'password123',
  'password1234', 'password12345', 'password!', 'password1!', 'passw0rd123', 'p@ssw0rd123', 'p@ssword123',
  'iloveyou12', 'iloveyou123', 'iloveyou1234', 'princess123', 'sunshine123', 'football123', 'baseball123',
  'basketball', 'basketball1', 'starwars123', 'superman123', 'welcome123', 'welcome1234', 'letmein123',
  'changeme123', 'administrator', 'admin12345', 'admin123456', 'adminadmin', 'trustno1234', 'monkey1234',
  'dragon1234', 'michael123', 'jennifer123', 'charlie123', 'computer123', 'internet123', 'whatever123',
  'abcdefghij', 'abcdefg123', 'abc1234567', 'abcd123456', 'a123456789', 'q1w2e3r4t5', 'q1w2e3r4t5y6',
  'azertyuiop', 'qazwsxedc1', 'qazwsxedcrfv', 'passwordpassword', '123123123123', '1231231231',
  '147258369a', '1234qwer!@#$', '12qwaszx12', 'summer2024', 'summer2025', 'summer2026', 'winter2024',
  'winter2025', 'winter2026', 'spring2025', 'spring2026', 'autumn2025', 'autumn2026',
]);

/** Why this password may not be used, or null. `email`: the account's own, which is refused as a password. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN) return `Passwords need at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Passwords can be at most ${PASSWORD_MAX} characters.`;
  const plain = password.normalize('NFKC').trim().toLowerCase();
  if (email) {
    const address = email.trim().toLowerCase();
    const local = address.split('@')[0];
    if (plain === address || (local.length >= 5 && plain.includes(local))) return 'A password cannot contain the email address it belongs to.';
  }
  if (new Set(plain).size <= 2) return 'Use more than one or two different characters in a password.';
  if (COMMON.has(plain)) return 'That password is one of the most common ones, tried first by anyone guessing. Choose another.';
  return null;
}
