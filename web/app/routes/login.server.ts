import { ApiError, graphql } from '~/lib/api.server';
import type { Auth } from '~/lib/session.server';
import type { User } from '~/lib/types';

const LOGIN = /* GraphQL */ `
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      user { id name role }
    }
  }
`;

const LOGOUT = /* GraphQL */ `
  mutation Logout {
    logout
  }
`;

export type LoginResult = { ok: true; auth: Auth } | { ok: false; message: string; rateLimited: boolean };

/**
 * Exchanges credentials for a token; a refusal comes back as the API's own message (for
 * RATE_LIMITED it says when to try again). `clientAddress` is whom the API throttles.
 */
export async function logIn(email: string, password: string, clientAddress: string | undefined): Promise<LoginResult> {
  try {
    const data = await graphql<{ login: { token: string; user: Pick<User, 'id' | 'name' | 'role'> } }>(LOGIN, { email, password }, null, {
      clientAddress,
    });
    const { token, user } = data.login;
    return { ok: true, auth: { token, user: { id: user.id, name: user.name, role: user.role } } };
  } catch (error) {
    if (error instanceof ApiError && error.code !== 'INTERNAL') {
      return { ok: false, message: error.message, rateLimited: error.code === 'RATE_LIMITED' };
    }
    throw error;
  }
}

/**
 * Asks the API to revoke the session's token. Signing out goes on whatever the answer: the token
 * may already be invalid, or the API unreachable; the cookie is destroyed in any case.
 */
export async function revokeToken(token: string): Promise<void> {
  try {
    await graphql<{ logout: boolean }>(LOGOUT, {}, token);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
}
