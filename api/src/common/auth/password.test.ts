import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashCost, hashPassword, passwordProblem, verifyPassword } from './password.js';

describe('password checks cost the same whether the account exists or not', () => {
  it('the dummy hash is read with the same scrypt parameters and key length as a real one', async () => {
    const real = await hashPassword('correct-horse-battery');
    expect(hashCost(DUMMY_HASH)).not.toBeNull();
    expect(hashCost(DUMMY_HASH)).toEqual(hashCost(real));
  });

  it('no password matches the dummy hash, and checking it runs scrypt rather than returning early', async () => {
    expect(await verifyPassword('', DUMMY_HASH)).toBe(false);
    expect(await verifyPassword('correct-horse-battery', DUMMY_HASH)).toBe(false);
    // An unreadable hash returns at once: the dummy must never be one.
    expect(hashCost('not-a-hash')).toBeNull();
  });

  it('verifies a real hash, normalising Unicode the same way on both sides', async () => {
    const stored = await hashPassword('Ångström-passphrase');
    expect(await verifyPassword('A\u030Angstro\u0308m-passphrase', stored)).toBe(true);
    expect(await verifyPassword('angstrom-passphrase', stored)).toBe(false);
  });
});

describe('password rules', () => {
  it('wants 10 to 200 characters', () => {
    expect(passwordProblem('short-one')).toMatch(/at least 10/);
    expect(passwordProblem('x'.repeat(150) + 'y'.repeat(51))).toMatch(/at most 200/);
    expect(passwordProblem('correct-horse-battery')).toBeNull();
  });

  it('refuses the email itself, or a password built on its name part', () => {
    expect(passwordProblem('Maya.Okafor@Baton.example', 'maya.okafor@baton.example')).toMatch(/email/);
    expect(passwordProblem('maya.okafor2026', 'maya.okafor@baton.example')).toMatch(/email/);
    expect(passwordProblem('handoff-demo-2026', 'maya.okafor@baton.example')).toBeNull();
    // A short name part is too likely to occur by chance to refuse on.
    expect(passwordProblem('bananarama-tree', 'ana@baton.example')).toBeNull();
  });

  it('refuses the most common long passwords and one- or two-character ones, whatever the case', () => {
    expect(passwordProblem('Password123')).toMatch(/common/);
    expect(passwordProblem('QWERTYUIOP')).toMatch(/common/);
    expect(passwordProblem('1234567890')).toMatch(/common/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/different characters/);
    expect(passwordProblem('abababababab')).toMatch(/different characters/);
    expect(passwordProblem('handoff-demo-2026')).toBeNull();
  });
});
