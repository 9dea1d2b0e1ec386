// Who may call what (CONTRACT.md, "Authentication and roles"; docs/decisions/014-access-controls.md).
// Every query, mutation and subscription of api/schema.graphql and every HTTP route of the running
// Express app has one row here, with the outcome for each kind of caller. A new operation or route
// without a row fails the first test, so nothing ships unchecked.
import { buildSchema } from 'graphql';
import jwt from 'jsonwebtoken';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../api/src/common/auth/actor.js';
import { signatureHeader } from '../../api/src/handoff-import/domain/signature.js';
import { IdentityService } from '../../api/src/identity/identity.service.js';
import type { RoleEnum } from '../../api/src/identity/dto/user.model.js';
import { LearningService } from '../../api/src/learning/learning.service.js';
import { RolePlayService } from '../../api/src/role-play/role-play.service.js';
import { factories } from '../support/factories.js';
import { overrideAll, programShape, review } from '../support/program.js';
import { startTestApi, TEST_PASSWORD, type TestApi } from '../support/test-api.js';

const WEBHOOK_SECRET = 'matrix-webhook-secret-0123456789abcdef';

/** The callers, one column each. Own/other: the same signed-in person on their own data or someone else's. */
const COLUMNS = [
  'anonymous', // no Authorization header
  'expired', // an admin's real session, signed with the real secret, past its exp
  'tampered', // a trainee's token re-labelled as the admin: the signature no longer matches
  'unsigned', // the admin's claims with alg "none"
  'traineeOwn',
  'traineeOther', // the trainee on another cohort's trainee
  'supervisorOwn', // the supervisor on their own cohort
  'supervisorOther', // the same supervisor on a cohort they do not supervise
  'hr',
  'admin',
] as const;
type Column = (typeof COLUMNS)[number];
type Side = 'own' | 'other';

/**
 * Outcomes, written as one line of 10 cells in COLUMNS order:
 * GraphQL: `ok` (data), `null` (no data, no error), or the error code's letter (U UNAUTHENTICATED,
 * F FORBIDDEN, N NOT_FOUND, B BAD_USER_INPUT, C CONFLICT, R REQUIREMENTS_UNMET); HTTP: the status.
 */
const CODES: Record<string, string> = { U: 'UNAUTHENTICATED', F: 'FORBIDDEN', N: 'NOT_FOUND', B: 'BAD_USER_INPUT', C: 'CONFLICT', R: 'REQUIREMENTS_UNMET' };

interface Person {
  id: string;
  email: string;
  name: string;
  token: string;
}
interface Target {
  trainee: Person;
  /** A second trainee of the same cohort: role-play partner. */
  partner: Person;
  enrollmentId: string;
  partnerEnrollmentId: string;
  cohortId: string;
  attemptId: string;
  rolePlayId: string;
}
interface World {
  own: Target;
  other: Target;
  trainee: Person;
  supervisor: Person;
  spareSupervisor: Person;
  hr: Person;
  admin: Person;
  cohortA2: string;
  certificate: { id: string; code: string };
  tokens: Record<'expired' | 'tampered' | 'unsigned', string>;
}
interface Cell {
  column: Column;
  side: Side;
  /** The target's world for this cell (own for the columns without own/other). */
  t: Target;
  token?: string;
  /** The signed-in person of this column, if any. */
  who?: Person;
}
interface Row {
  /** `Query.x`, `Mutation.x`, `Subscription.x`, or `METHOD /path` as the router has it. */
  key: string;
  expect: string;
  run(c: Cell): Promise<string | number>;
  /** logout: each cell signs in afresh so it does not end the session later rows use. */
  freshSession?: boolean;
}

let t: TestApi;
let w: World;
let f: ReturnType<typeof factories>;
let keys: { quiz: string; shadowing: string; rolePlay: string; firstWeek: string[]; signOff: string };

const root = join(import.meta.dirname, '../..');

// --- callers ---------------------------------------------------------------------------------

async function gqlOutcome(c: Cell, query: string, variables: Record<string, unknown> = {}): Promise<string> {
  const r = await t.gql(query, variables, c.token);
  if (r.errors?.length) return Object.entries(CODES).find(([, code]) => code === r.errors![0].extensions?.code)?.[0] ?? JSON.stringify(r.errors);
  const value = Object.values(r.data ?? {})[0];
  return value === null ? 'null' : 'ok';
}

async function httpStatus(c: Cell, method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<number> {
  const abort = new AbortController();
  const res = await fetch(`${t.url}${path}`, {
    method,
    body: init.body,
    signal: abort.signal,
    headers: { ...(c.token ? { authorization: `Bearer ${c.token}` } : {}), ...init.headers },
  });
  // Streams (the role-play events) never end by themselves: the status is what this row is about.
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) abort.abort();
  else await res.arrayBuffer();
  return res.status;
}

const actorOf = (p: Person, role: Actor['role']): Actor => ({ id: p.id, role, name: p.name });
let seq = 0;
const unique = () => `${Date.now().toString(36)}-${++seq}`;

/** A new role-play of the target's trainee as the agent (or, with `asCustomer`, as the customer). */
async function freshRolePlay(target: Target, asCustomer = false): Promise<string> {
  const [agent, agentEnrollment, customer] = asCustomer
    ? [target.partner, target.partnerEnrollmentId, target.trainee]
    : [target.trainee, target.enrollmentId, target.partner];
  const s = await t.api.app.get(RolePlayService).start(actorOf(agent, 'TRAINEE'), agentEnrollment, keys.rolePlay, customer.id);
  return s.id;
}

/** A new trainee enrolled in the target's cohort (for the changes only admins may make). */
async function freshEnrollment(target: Target): Promise<string> {
  const p = await t.api.app.get(IdentityService).createUser(null, {
    email: `fresh-${unique()}@example.test`,
    name: 'Fresh Trainee',
    role: 'TRAINEE' as RoleEnum,
    password: TEST_PASSWORD,
  });
  return (await f.enroll(target.cohortId, p.id)).id;
}

// --- the matrix --------------------------------------------------------------------------------

const gqlRow = (key: string, expect: string, query: string, vars: (c: Cell) => Record<string, unknown> | Promise<Record<string, unknown>> = () => ({})): Row => ({
  key,
  expect,
  run: async (c) => gqlOutcome(c, query, await vars(c)),
});

const ROWS: Row[] = [
  // Queries                                          anon exp tamp none | trainee own other | supervisor own other | hr | admin
  gqlRow('Query.analyzeOpening', 'ok ok ok ok  ok ok  ok ok  ok ok', `query($i: OpeningAnalysisInput!) { analyzeOpening(input: $i) { score } }`, () => ({
    i: { message: 'Hi Priya, I am Sam. I can see the double charge; I am refunding it now and will confirm within 10 minutes.', context: { customerName: 'Priya', issueSummary: 'double charge' } },
  })),
  gqlRow('Query.attempt', 'U U U U  ok F  ok F  ok ok', `query($id: ID!) { attempt(id: $id) { id } }`, (c) => ({ id: c.t.attemptId })),
  gqlRow('Query.attempts', 'U U U U  ok F  ok F  ok ok', `query($e: ID!, $k: String!) { attempts(enrollmentId: $e, activityKey: $k) { id } }`, (c) => ({ e: c.t.enrollmentId, k: keys.quiz })),
  gqlRow('Query.cohort', 'U U U U  ok F  ok F  ok ok', `query($id: ID!) { cohort(id: $id) { id } }`, (c) => ({ id: c.t.cohortId })),
  gqlRow('Query.cohorts', 'U U U U  ok ok  ok ok  ok ok', `{ cohorts { id } }`),
  gqlRow('Query.enrollment', 'U U U U  ok F  ok F  ok ok', `query($id: ID!) { enrollment(id: $id) { id } }`, (c) => ({ id: c.t.enrollmentId })),
  gqlRow('Query.lrsStatus', 'U U U U  F F  F F  F ok', `{ lrsStatus { configured } }`),
  gqlRow('Query.me', 'U U U U  ok ok  ok ok  ok ok', `{ me { id } }`),
  gqlRow('Query.myEnrollments', 'U U U U  ok ok  ok ok  ok ok', `{ myEnrollments { id } }`),
  gqlRow('Query.myRolePlaySessions', 'U U U U  ok ok  ok ok  ok ok', `{ myRolePlaySessions { id } }`),
  gqlRow('Query.program', 'U U U U  ok ok  ok ok  ok ok', `{ program(key: "ai-handoff") { key } }`),
  gqlRow('Query.programs', 'U U U U  ok ok  ok ok  ok ok', `{ programs { key } }`),
  gqlRow('Query.rolePlayPartners', 'U U U U  ok F  ok F  ok ok', `query($e: ID!) { rolePlayPartners(enrollmentId: $e) { id } }`, (c) => ({ e: c.t.enrollmentId })),
  gqlRow('Query.rolePlaySession', 'U U U U  ok F  ok F  ok ok', `query($id: ID!) { rolePlaySession(id: $id) { id } }`, (c) => ({ id: c.t.rolePlayId })),
  gqlRow('Query.rolePlaySessions', 'U U U U  ok F  ok F  ok ok', `query($e: ID!) { rolePlaySessions(enrollmentId: $e) { id } }`, (c) => ({ e: c.t.enrollmentId })),
  gqlRow('Query.shadowingObservations', 'U U U U  ok F  ok F  ok ok', `query($e: ID!, $k: String!) { shadowingObservations(enrollmentId: $e, activityKey: $k) { id } }`, (c) => ({
    e: c.t.enrollmentId,
    k: keys.shadowing,
  })),
  gqlRow('Query.users', 'U U U U  F F  F F  ok ok', `{ users { id } }`),
  gqlRow('Query.verifyCertificate', 'ok ok ok ok  ok ok  ok ok  ok ok', `query($c: String!) { verifyCertificate(code: $c) { code } }`, () => ({ c: w.certificate.code })),

  // Mutations
  gqlRow('Mutation.assignSupervisor', 'U U U U  F F  F F  F ok', `mutation($c: ID!, $s: ID!) { assignSupervisor(cohortId: $c, supervisorId: $s) { id } }`, (c) => ({ c: c.t.cohortId, s: w.spareSupervisor.id })),
  gqlRow('Mutation.createCohort', 'U U U U  F F  F F  F ok', `mutation($n: String!) { createCohort(input: { name: $n, programKey: "ai-handoff", startsOn: "2026-06-01" }) { id } }`, () => ({ n: `Matrix ${unique()}` })),
  gqlRow('Mutation.createUser', 'U U U U  F F  F F  F ok', `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, () => ({
    i: { email: `made-${unique()}@example.test`, name: 'Made Here', role: 'ADMIN', password: TEST_PASSWORD },
  })),
  gqlRow('Mutation.endRolePlay', 'U U U U  ok F  F F  F F', `mutation($id: ID!) { endRolePlay(id: $id) { status } }`, async (c) => ({ id: await freshRolePlay(c.t) })),
  gqlRow('Mutation.enroll', 'U U U U  F F  F F  F ok', `mutation($c: ID!, $t: ID!) { enroll(cohortId: $c, traineeId: $t) { id } }`, async (c) => {
    const p = await t.api.app.get(IdentityService).createUser(null, { email: `new-${unique()}@example.test`, name: 'New', role: 'TRAINEE' as RoleEnum, password: TEST_PASSWORD });
    return { c: c.t.cohortId, t: p.id };
  }),
  gqlRow('Mutation.importUsers', 'U U U U  F F  F F  F ok', `mutation($csv: String!) { importUsers(csv: $csv, dryRun: true) { dryRun } }`, () => ({
    csv: `email,name,employee_id,role,cohort\nimported-${unique()}@example.test,Imported Person,,TRAINEE,\n`,
  })),
  gqlRow('Mutation.issueCertificate', 'U U U U  F F  R F  F R', `mutation($e: ID!) { issueCertificate(enrollmentId: $e) { id } }`, (c) => ({ e: c.t.enrollmentId })),
  gqlRow('Mutation.logShadowingObservation', 'U U U U  ok F  F F  F F', `mutation($i: ShadowingObservationInput!) { logShadowingObservation(input: $i) { id } }`, (c) => ({
    i: {
      enrollmentId: c.t.enrollmentId,
      activityKey: keys.shadowing,
      observedAt: new Date(Date.now() - 3_600_000).toISOString(),
      situation: 'A billing dispute handed over by the assistant.',
      didWell: 'Named the issue and gave a time estimate.',
      wouldChange: 'Confirm the fix before closing.',
    },
  })),
  gqlRow('Mutation.login', 'ok ok ok ok  ok ok  ok ok  ok ok', `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, () => ({ e: w.trainee.email, p: TEST_PASSWORD })),
  { ...gqlRow('Mutation.logout', 'U U U U  ok ok  ok ok  ok ok', `mutation { logout }`), freshSession: true },
  gqlRow('Mutation.moveEnrollment', 'U U U U  F F  F F  F ok', `mutation($e: ID!, $c: ID!) { moveEnrollment(enrollmentId: $e, cohortId: $c, reason: "matrix") { id } }`, async (c) => ({
    e: await freshEnrollment(c.t),
    c: w.cohortA2,
  })),
  gqlRow('Mutation.openRolePlayCard', 'U U U U  ok F  F F  F F', `mutation($id: ID!) { openRolePlayCard(id: $id) { status } }`, async (c) => ({ id: await freshRolePlay(c.t) })),
  gqlRow('Mutation.overrideCompletion', 'U U U U  F F  F F  F ok', `mutation($e: ID!, $k: String!) { overrideCompletion(enrollmentId: $e, activityKey: $k, reason: "matrix") { status } }`, async (c) => ({
    e: await freshEnrollment(c.t),
    k: keys.quiz,
  })),
  gqlRow('Mutation.rateRolePlay', 'U U U U  ok F  F F  F F', `mutation($id: ID!) { rateRolePlay(id: $id, rating: 4) { status } }`, async (c) => ({ id: await freshRolePlay(c.t, true) })),
  gqlRow('Mutation.recordHandoffReview', 'U U U U  F F  ok F  F ok', `mutation($i: HandoffReviewInput!) { recordHandoffReview(input: $i) { id } }`, (c) => ({
    i: review(c.t.enrollmentId, `matrix-${unique()}`, 'SUPERVISED'),
  })),
  gqlRow('Mutation.revokeCertificate', 'U U U U  F F  F F  F ok', `mutation($id: ID!) { revokeCertificate(id: $id, reason: "matrix") { id } }`, () => ({ id: w.certificate.id })),
  gqlRow('Mutation.sendRolePlayMessage', 'U U U U  ok F  F F  F F', `mutation($id: ID!) { sendRolePlayMessage(id: $id, body: "Hello? Is anyone there?") { id } }`, async (c) => ({
    id: await freshRolePlay(c.t, true),
  })),
  gqlRow('Mutation.signOff', 'U U U U  F F  ok F  F ok', `mutation($e: ID!, $k: String!) { signOff(input: { enrollmentId: $e, activityKey: $k, decision: APPROVED }) { id } }`, (c) => ({
    e: c.t.enrollmentId,
    k: keys.signOff,
  })),
  gqlRow('Mutation.startAttempt', 'U U U U  ok F  F F  F F', `mutation($e: ID!, $k: String!) { startAttempt(enrollmentId: $e, activityKey: $k) { id } }`, (c) => ({ e: c.t.enrollmentId, k: keys.quiz })),
  gqlRow('Mutation.startRecertification', 'U U U U  F F  C F  F C', `mutation($e: ID!) { startRecertification(enrollmentId: $e) }`, (c) => ({ e: c.t.enrollmentId })),
  gqlRow('Mutation.startRolePlay', 'U U U U  ok F  F F  F F', `mutation($e: ID!, $k: String!, $p: ID!) { startRolePlay(enrollmentId: $e, activityKey: $k, partnerId: $p) { id } }`, (c) => ({
    e: c.t.enrollmentId,
    k: keys.rolePlay,
    p: c.t.partner.id,
  })),
  gqlRow('Mutation.submitAttempt', 'U U U U  ok F  F F  F F', `mutation($a: ID!) { submitAttempt(attemptId: $a, answers: []) { id } }`, async (c) => ({
    a: (await t.api.app.get(LearningService).start(actorOf(c.t.trainee, 'TRAINEE'), c.t.enrollmentId, keys.quiz)).id,
  })),
  gqlRow('Mutation.withdrawEnrollment', 'U U U U  F F  F F  F ok', `mutation($e: ID!) { withdrawEnrollment(enrollmentId: $e, reason: "matrix") { status } }`, async (c) => ({ e: await freshEnrollment(c.t) })),

  // HTTP routes
  { key: 'USE /graphql', expect: '200 200 200 200  200 200  200 200  200 200', run: (c) => httpStatus(c, 'POST', '/graphql', { body: '{"query":"{ __typename }"}', headers: { 'content-type': 'application/json' } }) },
  { key: 'GET /health', expect: '200 200 200 200  200 200  200 200  200 200', run: (c) => httpStatus(c, 'GET', '/health') },
  { key: 'GET /ready', expect: '200 200 200 200  200 200  200 200  200 200', run: (c) => httpStatus(c, 'GET', '/ready') },
  { key: 'GET /certificates/:code/credential.json', expect: '200 200 200 200  200 200  200 200  200 200', run: (c) => httpStatus(c, 'GET', `/certificates/${w.certificate.code}/credential.json`) },
  { key: 'GET /certificates/:code/certificate.pdf', expect: '200 200 200 200  200 200  200 200  200 200', run: (c) => httpStatus(c, 'GET', `/certificates/${w.certificate.code}/certificate.pdf`) },
  { key: 'GET /role-plays/:id/events', expect: '401 401 401 401  200 403  200 403  200 200', run: (c) => httpStatus(c, 'GET', `/role-plays/${c.t.rolePlayId}/events`) },
  {
    key: 'POST /handoffs/import',
    expect: '401 401 401 401  403 403  200 403  403 200',
    run: (c) =>
      httpStatus(c, 'POST', '/handoffs/import?dryRun=true', {
        headers: { 'content-type': 'text/csv' },
        body: `conversation_id,agent_email,handed_off_at,first_response_at,resolved,context_items_used,customer_repeated\nmatrix-${unique()},${c.t.trainee.email},2026-03-02T10:00:00Z,2026-03-02T10:00:30Z,yes,1,no\n`,
      }),
  },
  {
    // The HMAC signature is this route's authentication: a bearer token neither helps nor hurts (bad signatures: the test below).
    key: 'POST /webhooks/handoffs',
    expect: '200 200 200 200  200 200  200 200  200 200',
    run: (c) => {
      const body = JSON.stringify({
        conversation_id: `hook-${unique()}`,
        agent_email: w.own.trainee.email,
        handed_off_at: '2026-03-02T10:00:00Z',
        first_response_at: '2026-03-02T10:00:20Z',
        resolved: true,
        context_items_used: 1,
        customer_repeated: false,
      });
      return httpStatus(c, 'POST', '/webhooks/handoffs', { body, headers: { 'content-type': 'application/json', 'x-baton-signature': signatureHeader(WEBHOOK_SECRET, body) } });
    },
  },
  { key: 'GET /exports/completions.csv', expect: '401 401 401 401  403 403  403 403  200 200', run: (c) => httpStatus(c, 'GET', '/exports/completions.csv') },
  { key: 'GET /exports/xapi.json', expect: '401 401 401 401  403 403  403 403  200 200', run: (c) => httpStatus(c, 'GET', '/exports/xapi.json') },
  { key: 'GET /cohorts/:id/schedule.ics', expect: '401 401 401 401  200 403  200 403  200 200', run: (c) => httpStatus(c, 'GET', `/cohorts/${c.t.cohortId}/schedule.ics`) },
];

// --- what the app has ----------------------------------------------------------------------------

function schemaOperations(): string[] {
  const schema = buildSchema(readFileSync(join(root, 'api/schema.graphql'), 'utf8'));
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
    type ? Object.keys(type.getFields()).map((name) => `${type.name}.${name}`) : [],
  );
}

interface Layer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
}
function routerRoutes(): string[] {
  const express = t.api.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  return express.router.stack.flatMap((layer) => {
    if (layer.route) return Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`);
    // Middleware mounted on a path (Apollo's /graphql); app-wide middleware (parsers, CORS) has none.
    return typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? [`USE ${layer.rawPath}`] : [];
  });
}

// --- the world -----------------------------------------------------------------------------------

function forgedTokens(admin: Person, trainee: Person): World['tokens'] {
  const secret = readFileSync(`${t.config.dataDir}/jwt-secret`, 'utf8').trim();
  const adminClaims = jwt.decode(admin.token) as jwt.JwtPayload;
  const [h, p, s] = trainee.token.split('.');
  const relabelled = { ...(JSON.parse(Buffer.from(p, 'base64url').toString()) as jwt.JwtPayload), sub: admin.id, role: 'ADMIN' };
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return {
    expired: jwt.sign({ ...adminClaims, exp: Math.floor(Date.now() / 1000) - 60 }, secret),
    tampered: `${h}.${b64(relabelled)}.${s}`,
    unsigned: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(adminClaims)}.`,
  };
}

beforeAll(async () => {
  t = await startTestApi({ BATON_WEBHOOK_SECRET: WEBHOOK_SECRET });
  f = factories(t);
  const admin = await f.admin();
  const program = await programShape(t, admin.token);
  const activities = program.weeks.flatMap((wk) => wk.activities);
  const byKind = (kind: string) => activities.find((a) => a.kind === kind)!.key;
  keys = {
    quiz: byKind('QUIZ'),
    shadowing: byKind('SHADOWING'),
    rolePlay: byKind('ROLE_PLAY'),
    signOff: byKind('SHADOWING'),
    firstWeek: program.weeks.find((wk) => wk.number === 1)!.activities.map((a) => a.key),
  };

  const supervisor = await f.supervisor();
  const otherSupervisor = await f.supervisor();
  const cohortA = await f.cohort({ supervisors: [supervisor] });
  const cohortB = await f.cohort({ supervisors: [otherSupervisor] });
  const cohortA2 = await f.cohort({ supervisors: [supervisor] });

  async function target(cohortId: string): Promise<Target> {
    const trainee = await f.trainee();
    const partner = await f.trainee();
    const e = await f.enroll(cohortId, trainee.id);
    const pe = await f.enroll(cohortId, partner.id);
    // Week 2 open, so role-plays can start.
    await overrideAll(t, admin.token, e.id, keys.firstWeek);
    await overrideAll(t, admin.token, pe.id, keys.firstWeek);
    const attempt = await t.api.app.get(LearningService).start(actorOf(trainee, 'TRAINEE'), e.id, keys.quiz);
    const tg: Target = { trainee, partner, enrollmentId: e.id, partnerEnrollmentId: pe.id, cohortId, attemptId: attempt.id, rolePlayId: '' };
    tg.rolePlayId = await freshRolePlay(tg);
    return tg;
  }
  const own = await target(cohortA.id);
  const other = await target(cohortB.id);

  // A certified trainee for the public certificate rows.
  const certified = await f.trainee('Rosa Lindqvist');
  const ce = await f.enroll(cohortA.id, certified.id);
  await overrideAll(t, admin.token, ce.id, activities.map((a) => a.key));
  for (let i = 0; i < 20; i++) {
    await t.ok(`mutation($i: HandoffReviewInput!) { recordHandoffReview(input: $i) { id } }`, { i: review(ce.id, `solo-${i}`, 'SOLO') }, supervisor.token);
  }
  const issued = await t.ok<{ issueCertificate: { id: string; code: string } }>(`mutation($e: ID!) { issueCertificate(enrollmentId: $e) { id code } }`, { e: ce.id }, supervisor.token);

  w = {
    own,
    other,
    trainee: own.trainee,
    supervisor,
    spareSupervisor: await f.supervisor(),
    hr: await f.hr(),
    admin,
    cohortA2: cohortA2.id,
    certificate: issued.issueCertificate,
    tokens: forgedTokens(admin, own.trainee),
  };
}, 180_000);
afterAll(() => t?.close());

function cellsOf(): { column: Column; side: Side; who?: Person; token?: string }[] {
  return COLUMNS.map((column) => {
    switch (column) {
      case 'anonymous':
        return { column, side: 'own' };
      case 'expired':
      case 'tampered':
      case 'unsigned':
        return { column, side: 'own', token: w.tokens[column] };
      case 'traineeOwn':
      case 'traineeOther':
        return { column, side: column === 'traineeOwn' ? 'own' : 'other', who: w.trainee };
      case 'supervisorOwn':
      case 'supervisorOther':
        return { column, side: column === 'supervisorOwn' ? 'own' : 'other', who: w.supervisor };
      case 'hr':
        return { column, side: 'own', who: w.hr };
      case 'admin':
        return { column, side: 'own', who: w.admin };
    }
  });
}

const expected = (row: Row): Record<Column, string> => {
  const cells = row.expect.trim().split(/\s+/);
  if (cells.length !== COLUMNS.length) throw new Error(`${row.key}: ${cells.length} outcomes for ${COLUMNS.length} columns`);
  return Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i]])) as Record<Column, string>;
};

describe('the authorization matrix', () => {
  it('has exactly one row for every GraphQL operation in api/schema.graphql and every route of the running app', () => {
    const rows = ROWS.map((r) => r.key);
    expect(new Set(rows).size).toBe(rows.length);
    const present = [...schemaOperations(), ...routerRoutes()];
    expect(present.length).toBeGreaterThan(50);
    expect({ withoutRow: present.filter((k) => !rows.includes(k)), rowWithoutOperation: rows.filter((k) => !present.includes(k)) }).toEqual({
      withoutRow: [],
      rowWithoutOperation: [],
    });
  });

  it.each(ROWS.map((r) => [r.key, r] as const))('%s', async (_key, row) => {
    const want = expected(row);
    const got: Partial<Record<Column, string>> = {};
    // Cells expected to succeed run last, so a refusal is always checked against untouched data.
    const cells = cellsOf().sort((a, b) => Number(!/^(U|F|N|401|403|404)$/.test(want[a.column])) - Number(!/^(U|F|N|401|403|404)$/.test(want[b.column])));
    for (const cell of cells) {
      const token = cell.who ? (row.freshSession ? await t.login(cell.who.email) : cell.who.token) : cell.token;
      got[cell.column] = String(await row.run({ ...cell, token, t: cell.side === 'own' ? w.own : w.other }));
    }
    expect(got).toEqual(want);
  });

  it('refuses the webhook without a valid signature, whatever token comes with it', async () => {
    const body = JSON.stringify({ conversation_id: 'hook-unsigned', agent_email: w.own.trainee.email, handed_off_at: '2026-03-02T10:00:00Z', resolved: true });
    const base = { column: 'admin' as Column, side: 'own' as Side, t: w.own };
    const post = (headers: Record<string, string>, token?: string) =>
      httpStatus({ ...base, token }, 'POST', '/webhooks/handoffs', { body, headers: { 'content-type': 'application/json', ...headers } });
    expect(await post({})).toBe(401);
    expect(await post({}, w.admin.token)).toBe(401);
    expect(await post({ 'x-baton-signature': signatureHeader('another-secret-0123456789abcdefghijk', body) }, w.admin.token)).toBe(401);
    expect(await post({ 'x-baton-signature': signatureHeader(WEBHOOK_SECRET, `${body} `) })).toBe(401);
  });
});
