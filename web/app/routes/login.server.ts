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

export type LoginResult = { ok: true; auth: Auth } | { ok: false; message: string };

/** Exchanges credentials for a token; a refusal comes back as the API's own message. */
export async function logIn(email: string, password: string): Promise<LoginResult> {
  try {
    const data = await graphql<{ login: { token: string; user: Pick<User, 'id' | 'name' | 'role'> } }>(LOGIN, { email, password });
    const { token, user } = data.login;
    return { ok: true, auth: { token, user: { id: user.id, name: user.name, role: user.role } } };
  } catch (error) {
    if (error instanceof ApiError && error.code !== 'INTERNAL') return { ok: false, message: error.message };
    throw error;
  }
}
