// Ids for imported reviews that sort by creation time: UUID version 7 (RFC 9562), a 48-bit Unix
// time in milliseconds followed by 74 random bits. The column's default, gen_random_uuid(), puts
// each new key at a random place in the primary key's B-tree: with a million reviews, every row of
// an import dirtied a different leaf page. Keys that grow with time land together at the right
// edge of the index (measured: about 5 µs less PostgreSQL CPU per row, docs/decisions/012).
import { randomBytes } from 'node:crypto';

/** `n` version 7 UUIDs for the time `now` (epoch milliseconds). */
export function uuidV7s(n: number, now = Date.now()): string[] {
  const time = now.toString(16).padStart(12, '0');
  const prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
  const random = randomBytes(10 * n).toString('hex');
  const ids = new Array<string>(n);
  for (let i = 0, at = 0; i < n; i++, at += 20) {
    // rand_a (12 bits), then the variant (binary 10) and rand_b (62 bits).
    const variant = ((parseInt(random[at + 3], 16) & 0x3) | 0x8).toString(16);
    ids[i] = `${prefix}${random.slice(at, at + 3)}-${variant}${random.slice(at + 4, at + 7)}-${random.slice(at + 7, at + 19)}`;
  }
  return ids;
}
