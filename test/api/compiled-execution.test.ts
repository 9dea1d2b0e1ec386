import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledExecution } from '../../api/src/common/graphql/compiled-execution.js';
import { factories } from '../support/factories.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

// Operations run through graphql-jit (decision 017). The rest of the API suite checks answers;
// this file checks that the compiled executor is the one answering, that each operation is
// compiled once, and that errors keep the shape and codes graphql-js gave them.

let t: TestApi;
let execution: CompiledExecution;
let token: string;
beforeAll(async () => {
  t = await startTestApi();
  execution = t.api.app.get(CompiledExecution);
  token = (await factories(t).hr()).token;
});
afterAll(() => t?.close());

const post = (body: unknown) =>
  fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

describe('compiled execution', () => {
  it('compiles an operation once and answers from the compiled code after that', async () => {
    const query = `query MeTwice { me { id role } }`;
    const before = execution.operationsCompiled;
    const first = await t.ok<{ me: { role: string } }>(query, {}, token);
    expect(execution.operationsCompiled).toBe(before + 1);
    const second = await t.ok<{ me: { role: string } }>(query, {}, token);
    expect(execution.operationsCompiled).toBe(before + 1);
    expect(second).toEqual(first);
    expect(first.me.role).toBe('HR');
  });

  it("reads plain fields inline: Nest's property resolvers are gone, the real ones stay", () => {
    const schema = t.api.app.get(GraphQLSchemaHost).schema;
    const fields = (name: string) => (schema.getType(name) as GraphQLObjectType).getFields();
    expect(execution.propertyResolversRemoved).toBeGreaterThan(100);
    expect(fields('Enrollment').id.resolve).toBeUndefined();
    expect(fields('Activity').title.resolve).toBeUndefined();
    expect(fields('Enrollment').weeks.resolve).toBeDefined();
    expect(fields('ActivityProgress').latestSignOff.resolve).toBeDefined();
  });

  it('keeps domain error codes, paths and locations', async () => {
    const r = await t.gql(`mutation { login(email: "nobody@example.test", password: "not-the-password") { token } }`);
    expect(r.errors?.[0]).toMatchObject({ path: ['login'], locations: [{ line: 1, column: 12 }], extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses an operation name the document does not have, as graphql-js did, and keeps nothing for it', async () => {
    const before = execution.operationsCompiled;
    for (const name of ['Elsewhere', 'Nowhere', 'Anywhere']) {
      const res = await post({ query: '{ me { id } }', operationName: name });
      const body = await res.json();
      expect(res.status).toBe(400);
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].message).toMatch(new RegExp(name));
    }
    expect(execution.operationsCompiled).toBe(before);
  });

  it('refuses variables of the wrong type with 400 BAD_USER_INPUT', async () => {
    const res = await post({ query: 'query($id: ID!) { enrollment(id: $id) { id } }', variables: { id: { not: 'an id' } } });
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.data).toBeUndefined();
  });
});
