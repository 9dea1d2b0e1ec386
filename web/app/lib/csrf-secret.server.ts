import Tokens from 'csrf';

// The synchronizer-token primitives (docs/decisions/013-web-security.md), apart from csrf.server.ts
// so that the session module can give a new session its secret without importing the checks.

export const tokens = new Tokens();

/** A new per-session CSRF secret, kept in the signed session cookie. */
export function newCsrfSecret(): string {
  return tokens.secretSync();
}
