import { randomInt } from 'node:crypto';

// Lower-case letters and digits without the ones people confuse when reading a password aloud
// or off a screen (0/o, 1/l/i): 31 symbols.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 4;
const GROUP_LENGTH = 5;

/**
 * A random initial password such as `k7wq2-mxd9h-4rtpa-c8vne`: 20 symbols from 31, about 99 bits,
 * drawn with crypto.randomInt (uniform, no modulo bias). Shown once to the importing admin.
 */
export function initialPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
