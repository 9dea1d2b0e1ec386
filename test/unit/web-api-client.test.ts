import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, graphql } from '../../web/app/lib/api.server';

// The web app's GraphQL client (web/app/lib/api.server.ts) against a stand-in API server: what it
// sends, how each kind of answer becomes data or an ApiError, and that it keeps its connection.

interface Seen {
  headers: IncomingMessage['headers'];
  body: unknown;
}

let server: Server;
let answer: (res: ServerResponse) => void;
let seen: Seen[] = [];
let connections = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      answer(res);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.BATON_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  delete process.env.BATON_API_URL;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
});

const json = (status: number, body: unknown) => (res: ServerResponse) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('the web app’s GraphQL client', () => {
  it('posts the query and variables with the token and client address, and resolves to data', async () => {
    answer = json(200, { data: { me: { name: 'Ben' } } });
    const data = await graphql('query Me { me { name } }', { a: 1 }, 'the-token', { clientAddress: '203.0.113.7' });
    expect(data).toEqual({ me: { name: 'Ben' } });
    expect(seen).toHaveLength(1);
    expect(seen[0].body).toEqual({ query: 'query Me { me { name } }', variables: { a: 1 } });
    expect(seen[0].headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer the-token',
      'x-forwarded-for': '203.0.113.7',
    });
  });

  it('sends no Authorization header without a token', async () => {
    answer = json(200, { data: { ok: true } });
    await graphql('{ ok }');
    expect(seen[0].headers.authorization).toBeUndefined();
    expect(seen[0].headers['x-forwarded-for']).toBeUndefined();
  });

  it('turns the first GraphQL error into an ApiError with its code and field', async () => {
    answer = json(200, { data: null, errors: [{ message: 'Name is too long', extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } }] });
    const error = await apiErrorOf(graphql('{ x }'));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Name is too long', field: 'name' });
  });

  it('says UNAVAILABLE for an answer that is not GraphQL, and INTERNAL for an HTTP error without errors', async () => {
    answer = (res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    };
    expect(await apiErrorOf(graphql('{ x }'))).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('HTTP 502') });

    answer = json(500, { data: { x: 1 } });
    expect(await apiErrorOf(graphql('{ x }'))).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('HTTP 500') });
  });

  it('keeps one connection open for request after request', async () => {
    answer = json(200, { data: { ok: true } });
    await graphql('{ ok }');
    const before = connections;
    for (let i = 0; i < 5; i++) await graphql('{ ok }');
    expect(connections).toBe(before);
  });

  it('says UNAVAILABLE when nothing answers at the API address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const previous = process.env.BATON_API_URL;
    process.env.BATON_API_URL = `http://127.0.0.1:${port}/graphql`;
    try {
      expect(await apiErrorOf(graphql('{ x }'))).toMatchObject({ code: 'UNAVAILABLE' });
    } finally {
      process.env.BATON_API_URL = previous;
    }
  });
});
