import { buildSchema, getIntrospectionQuery, Kind, Lexer, parse, Source, specifiedRules, TokenKind, validate, type DocumentNode, type SelectionSetNode } from 'graphql';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../api/src/common/config/config.js';
import { DEFAULT_INPUT_LIMITS } from '../../api/src/common/graphql/input-limits.js';
import { DEFAULT_QUERY_LIMITS, depthLimitRule, MAX_TOKENS } from '../../api/src/common/graphql/query-limits.js';
import { factories } from '../support/factories.js';
import { programShape } from '../support/program.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const root = join(import.meta.dirname, '../..');
const schema = buildSchema(readFileSync(join(root, 'api/schema.graphql'), 'utf8'));

let t: TestApi;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApi();
  f = factories(t);
});
afterAll(() => t?.close());

async function raw(body: string | object, headers: Record<string, string> = {}, token?: string) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: (await res.json()) as any };
}

const firstError = (r: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => r.errors?.[0];

/** Every GraphQL document the web app sends, with its `${FRAGMENT}` constants filled in. */
function webOperations(): { file: string; source: string }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name)) files.push(p);
    }
  };
  walk(join(root, 'web/app'));
  const texts = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));
  const constants = new Map<string, string>();
  for (const text of texts.values()) {
    for (const m of text.matchAll(/const (\w+) = (?:\/\* GraphQL \*\/ )?`([^`]*)`/g)) if (!m[2].includes('${')) constants.set(m[1], m[2]);
  }
  const sources: { file: string; source: string }[] = [];
  for (const [file, text] of texts) {
    for (const m of text.matchAll(/\/\* GraphQL \*\/ `([^`]*)`/g)) {
      sources.push({ file, source: m[1].replace(/\$\{(\w+)\}/g, (_, name: string) => constants.get(name) ?? '__typename') });
    }
  }
  // Fragments live in documents of their own and are sent with the operations that spread them.
  const fragments = new Map<string, string>();
  for (const { source } of sources) for (const m of source.matchAll(/fragment (\w+) on/g)) fragments.set(m[1], source);
  const ops = sources.filter(({ source }) => /^\s*(query|mutation|\{)/.test(source));
  return ops.map(({ file, source }) => {
    let full = source;
    for (let missing = spreadsMissing(full); missing.length; missing = spreadsMissing(full)) full += missing.map((name) => fragments.get(name) ?? '').join('\n');
    return { file, source: full };
  });
}

/** Fields selected, fragments included: what the complexity limit counts (one point per field). */
function fieldCount(document: DocumentNode): number {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const count = (set: SelectionSetNode): number =>
    set.selections.reduce((n, s) => {
      if (s.kind === Kind.FIELD) return n + (s.name.value.startsWith('__') ? 0 : 1) + (s.selectionSet ? count(s.selectionSet) : 0);
      if (s.kind === Kind.INLINE_FRAGMENT) return n + count(s.selectionSet);
      const fragment = fragments.get(s.name.value);
      return n + (fragment ? count(fragment) : 0);
    }, 0);
  return document.definitions.reduce((n, d) => n + (d.kind === Kind.OPERATION_DEFINITION ? count(d.selectionSet) : 0), 0);
}

function tokenCount(source: string): number {
  const lexer = new Lexer(new Source(source));
  let n = 0;
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) n++;
  return n;
}

function spreadsMissing(source: string): string[] {
  const defined = new Set([...source.matchAll(/fragment (\w+) on/g)].map((m) => m[1]));
  return [...new Set([...source.matchAll(/\.\.\.(\w+)/g)].map((m) => m[1]))].filter((name) => name !== 'on' && !defined.has(name));
}

describe('query depth and complexity', () => {
  it('lets every operation of the web app and the standard introspection query through, with room to spare', () => {
    const ops = webOperations();
    expect(ops.length).toBeGreaterThan(30);
    let deepest = 0;
    let heaviest = 0;
    let longest = 0;
    for (const { file, source } of ops) {
      const document = parse(source);
      expect(validate(schema, document, [...specifiedRules, depthLimitRule(DEFAULT_QUERY_LIMITS.maxDepth)]), file).toEqual([]);
      for (let depth = 1; validate(schema, document, [depthLimitRule(depth)]).length > 0; depth++) deepest = Math.max(deepest, depth + 1);
      heaviest = Math.max(heaviest, fieldCount(document));
      longest = Math.max(longest, tokenCount(source));
    }
    if (process.env.LIMITS_STATS) console.log({ operations: ops.length, deepest, heaviest, longest });
    // The limits leave the web app at most half of them, so a new field or two never trips them.
    expect(deepest * 1.5).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxDepth);
    expect(heaviest * 2).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxComplexity);
    expect(longest * 2).toBeLessThanOrEqual(MAX_TOKENS);
    expect(tokenCount(getIntrospectionQuery()) * 2).toBeLessThanOrEqual(MAX_TOKENS);
    expect(validate(schema, parse(getIntrospectionQuery()), [depthLimitRule(DEFAULT_QUERY_LIMITS.maxDepth)])).toEqual([]);
  });

  it('refuses a query nested deeper than the limit with BAD_USER_INPUT and the limit, before it runs', async () => {
    const admin = await f.admin();
    let selection = 'id';
    for (let i = 0; i < 7; i++) selection = `enrollments { cohort { ${selection} } }`;
    const r = await raw({ query: `{ cohorts { ${selection} } }` }, {}, admin.token);
    expect(r.status).toBe(400);
    expect(firstError(r.json)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(r.json)?.message).toMatch(/nested 16 levels deep; the limit is 12/);
  });

  it('refuses a query selecting more fields than the complexity limit (aliases count)', async () => {
    const admin = await f.admin();
    // A fragment keeps the document short (under the token limit) while each alias costs 7 fields.
    const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: me { ...U }`).join(' ');
    const r = await raw({ query: `{ ${aliases} } fragment U on User { id name email role active employeeId }` }, {}, admin.token);
    expect(r.status).toBe(400);
    expect(firstError(r.json)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', limit: 1500 } });
    expect(firstError(r.json)?.message).toMatch(/selects 2100 fields .* the limit is 1500/);
  });

  it('refuses a document too long or too deep to parse with a message, not a stack overflow', async () => {
    for (const levels of [1600, 20_000]) {
      const r = await raw({ query: `{ programs ${'{ weeks '.repeat(levels)}{ number }${' }'.repeat(levels)} }` });
      expect(r.status).toBe(400);
      expect(firstError(r.json)).toMatchObject({
        message: `The query is too long: at most ${MAX_TOKENS.toLocaleString('en-US')} tokens (names, braces, values). Ask for fewer fields, or split the query.`,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    // Introspection is free of the depth limit, not of the token limit.
    const intro = await raw({ query: `{ __schema { types { fields { type ${'{ ofType '.repeat(1600)}{ name }${' }'.repeat(1600)} } } } }` });
    expect(firstError(intro.json)?.message).toMatch(/too long/);
  });

  it('keeps introspection on, Apollo CSRF prevention on, and no landing page', async () => {
    const intro = await raw({ query: getIntrospectionQuery() });
    expect(intro.status).toBe(200);
    expect(intro.json.data.__schema.queryType.name).toBe('Query');
    // A "simple" cross-site request (no preflight) is refused.
    const simple = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ programs { id } }"}' });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/Cross-Site Request Forgery/);
    const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).not.toMatch(/html/);
  });
});

describe('sizes of what a caller sends', () => {
  it('refuses a JSON body over the limit with a 413 GraphQL error, not an HTML page', async () => {
    const r = await raw({ query: '{ programs { id } }', variables: { padding: 'x'.repeat(1_100_000) } });
    expect(r.status).toBe(413);
    expect(r.type).toMatch(/application\/json/);
    expect(r.json).toEqual({ errors: [{ message: 'The request body is too large: the limit is 1 MB.', extensions: { code: 'BAD_USER_INPUT' } }] });
    const broken = await raw('{"query": ');
    expect(broken.status).toBe(400);
    expect(broken.json.errors[0]).toEqual({ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses any string over the default length, naming the field and the limit', async () => {
    const admin = await f.admin();
    const r = await t.gql(
      `mutation($i: CreateCohortInput!) { createCohort(input: $i) { id } }`,
      { i: { name: 'x'.repeat(DEFAULT_INPUT_LIMITS.maxStringLength + 1), programKey: 'ai-handoff', startsOn: '2026-03-02' } },
      admin.token,
    );
    expect(firstError(r)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.name', limit: 10_000 } });
    expect(firstError(r)?.message).toBe('"input.name" can be at most 10,000 characters; it has 10,001.');
  });

  it('applies the tighter limits of free text no service checks: the public grader, revocation reasons, login', async () => {
    const context = { customerName: 'Sam Lee', issueSummary: 'Charged twice.', knownFacts: [{ label: 'order', value: 'x'.repeat(1001) }] };
    const r = await t.gql(`query($i: OpeningAnalysisInput!) { analyzeOpening(input: $i) { score } }`, { i: { message: 'Hi Sam', context } });
    expect(firstError(r)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.context.knownFacts.0.value', limit: 1000 } });
    const facts = Array.from({ length: 51 }, (_, i) => ({ label: `f${i}`, value: 'v' }));
    const many = await t.gql(`query($i: OpeningAnalysisInput!) { analyzeOpening(input: $i) { score } }`, { i: { message: 'Hi Sam', context: { ...context, knownFacts: facts } } });
    expect(firstError(many)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.context.knownFacts', limit: 50 } });
    const admin = await f.admin();
    const revoke = await t.gql(`mutation($id: ID!, $r: String!) { revokeCertificate(id: $id, reason: $r) { id } }`, { id: '00000000-0000-4000-8000-000000000000', r: 'r'.repeat(2001) }, admin.token);
    expect(firstError(revoke)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'reason', limit: 2000 } });
    const login = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: 'a@b.test', p: 'p'.repeat(1001) });
    expect(firstError(login)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password', limit: 1000 } });
    const id = await t.gql(`query($id: ID!) { cohort(id: $id) { id } }`, { id: '0'.repeat(101) }, admin.token);
    expect(firstError(id)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'id', limit: 100 } });
  });

  it('refuses lists over their limit: quiz answers, and any list over the default', async () => {
    const trainee = await f.trainee();
    const answers = Array.from({ length: 201 }, (_, i) => ({ questionKey: `q${i}`, value: 'a' }));
    const r = await t.gql(`mutation($a: ID!, $x: [AnswerInput!]!) { submitAttempt(attemptId: $a, answers: $x) { id } }`, { a: '00000000-0000-4000-8000-000000000000', x: answers }, trainee.token);
    expect(firstError(r)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'answers', limit: 200 } });
    const supervisor = await f.supervisor();
    const scorecard = Array.from({ length: 101 }, (_, i) => ({ key: `K${i}`, passed: true }));
    const review = {
      enrollmentId: '00000000-0000-4000-8000-000000000000', externalId: 'x', mode: 'SOLO', handedOffAt: '2026-03-02T10:00:00Z', firstResponseAt: '2026-03-02T10:00:30Z',
      contextItemsAvailable: 1, contextItemsUsed: 1, customerRepeated: false, resolved: true, scorecard,
    };
    const rr = await t.gql(`mutation($i: HandoffReviewInput!) { recordHandoffReview(input: $i) { id } }`, { i: review }, supervisor.token);
    expect(firstError(rr)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.scorecard', limit: 100 } });
  });

  it('still lets a full-size quiz submission and a real program through', async () => {
    const admin = await f.admin();
    const shape = await programShape(t, admin.token);
    expect(shape.weeks).toHaveLength(3);
  });
});

describe('configuration', () => {
  it('reads the limits from the environment, with defaults, and names a bad variable', () => {
    expect(loadConfig({}).limits).toEqual({ maxDepth: 12, maxComplexity: 1500, maxStringLength: 10_000, maxListLength: 500, jsonBodyBytes: 1024 * 1024 });
    const set = loadConfig({ BATON_GRAPHQL_MAX_DEPTH: '8', BATON_GRAPHQL_MAX_COMPLEXITY: '300', BATON_MAX_STRING_LENGTH: '2000', BATON_MAX_LIST_LENGTH: '50', BATON_JSON_BODY_LIMIT_KB: '256' });
    expect(set.limits).toEqual({ maxDepth: 8, maxComplexity: 300, maxStringLength: 2000, maxListLength: 50, jsonBodyBytes: 256 * 1024 });
    expect(() => loadConfig({ BATON_GRAPHQL_MAX_DEPTH: 'deep' })).toThrow(ConfigError);
    expect(() => loadConfig({ BATON_GRAPHQL_MAX_DEPTH: 'deep' })).toThrow(/BATON_GRAPHQL_MAX_DEPTH must be a whole number from 3 to 100/);
  });
});

describe('HTTP hardening', () => {
  it('answers with security headers suited to a JSON API, on GraphQL, files and errors alike', async () => {
    for (const path of ['/graphql', '/health', '/certificates/NOPE/certificate.pdf', '/nowhere']) {
      const res = await fetch(`${t.url}${path}`, path === '/graphql' ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ programs { id } }"}' } : {});
      expect(res.headers.get('content-security-policy'), path).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('cross-origin-resource-policy'), path).toBe('same-site');
      expect(res.headers.get('x-powered-by'), path).toBeNull();
      // http:// public address: no HSTS (it would pin a host that has no certificate).
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('allows CORS for the web origin only', async () => {
    const web = `http://localhost:${t.config.webPort}`;
    const ok = await fetch(`${t.url}/graphql`, { method: 'OPTIONS', headers: { origin: web, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(web);
    for (const origin of ['https://evil.example', 'http://localhost:3001', 'null']) {
      const preflight = await fetch(`${t.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
      expect(preflight.headers.get('access-control-allow-origin'), origin).toBeNull();
      const get = await fetch(`${t.url}/health`, { headers: { origin } });
      expect(get.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });
});
