import jwt from 'jsonwebtoken';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/src/common/config/config.js';
import { IdentityService } from '../../api/src/identity/identity.service.js';
import { LOGIN_LIMITS } from '../../api/src/identity/login-throttle.service.js';
import { RolePlayService } from '../../api/src/role-play/role-play.service.js';
import { overrideAll, programShape } from '../support/program.js';
import { factories } from '../support/factories.js';
import { startTestApi, TEST_PASSWORD, type TestApi } from '../support/test-api.js';
import { TRAINEE_HOME_DOCUMENT } from '../support/trainee-home.js';

let t: TestApi;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApi({ BATON_ADMIN_EMAIL: 'Boss@Example.test', BATON_ADMIN_PASSWORD: 'a-long-admin-password' });
  f = factories(t);
});
afterAll(() => t?.close());

const ME = `{ me { id email name role employeeId } }`;
const jwtSecret = () => readFileSync(`${t.config.dataDir}/jwt-secret`, 'utf8').trim();
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

describe('login and tokens', () => {
  it('creates the configured admin at start and lets it sign in, whatever the case of the email', async () => {
    const token = await t.login('boss@example.test', 'a-long-admin-password');
    const r = await t.ok(ME, {}, token);
    expect(r.me).toMatchObject({ email: 'Boss@Example.test', role: 'ADMIN' });
  });

  it('refuses a wrong password or an unknown email with UNAUTHENTICATED and the same message', async () => {
    const trainee = await f.trainee();
    const wrong = await t.gql(`mutation { login(email: "${trainee.email}", password: "nope-nope-nope") { token } }`);
    const unknown = await t.gql(`mutation { login(email: "nobody@example.test", password: "nope-nope-nope") { token } }`);
    expect(code(wrong)).toBe('UNAUTHENTICATED');
    expect(code(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
  });

  it('answers every protected operation without a token, or with a tampered, unsigned, foreign or expired one, with UNAUTHENTICATED', async () => {
    const trainee = await f.trainee();
    expect(code(await t.gql(ME))).toBe('UNAUTHENTICATED');
    const [h, p, s] = trainee.token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url')}.${s}`;
    expect(code(await t.gql(ME, {}, tampered))).toBe('UNAUTHENTICATED');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    expect(code(await t.gql(ME, {}, unsigned))).toBe('UNAUTHENTICATED');
    const foreign = jwt.sign(claims, 'some-other-secret-that-is-long-enough');
    expect(code(await t.gql(ME, {}, foreign))).toBe('UNAUTHENTICATED');
    // Signed with the real secret for the real, open session, but past its exp.
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, jwtSecret());
    expect(code(await t.gql(ME, {}, expired))).toBe('UNAUTHENTICATED');
    expect((await t.ok(ME, {}, trainee.token)).me.id).toBe(trainee.id);
  });

  it('refuses a token whose server-side session has expired, even when the JWT itself has not', async () => {
    const trainee = await f.trainee();
    await t.dataSource.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [trainee.id]);
    expect(code(await t.gql(ME, {}, trainee.token))).toBe('UNAUTHENTICATED');
  });

  it('refuses a token without a session id (issued before sessions existed)', async () => {
    const trainee = await f.trainee();
    const { jti: _jti, ...claims } = jwt.decode(trainee.token) as jwt.JwtPayload;
    expect(code(await t.gql(ME, {}, jwt.sign(claims, jwtSecret())))).toBe('UNAUTHENTICATED');
  });

  it('keeps the public operations public', async () => {
    const r = await t.gql(`{ verifyCertificate(code: "BTN-0000-0000-0000") { code } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ verifyCertificate: null });
  });
});

describe('users', () => {
  const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email role employeeId } }`;

  it('lets an admin create users, and refuses a second account with the same email in another case', async () => {
    const admin = await f.admin();
    const input = { email: 'New.Person@Example.test', name: 'New Person', role: 'TRAINEE', password: TEST_PASSWORD, employeeId: 'E-9' };
    const r = await t.ok(CREATE, { input }, admin.token);
    expect(r.createUser).toMatchObject({ email: 'New.Person@Example.test', role: 'TRAINEE', employeeId: 'E-9' });
    const again = await t.gql(CREATE, { input: { ...input, email: 'new.person@example.TEST' } }, admin.token);
    expect(code(again)).toBe('CONFLICT');
  });

  it('validates input with BAD_USER_INPUT and a message naming the problem', async () => {
    const admin = await f.admin();
    const bad = await t.gql(CREATE, { input: { email: 'not-an-email', name: 'X', role: 'HR', password: TEST_PASSWORD } }, admin.token);
    expect(code(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].message).toMatch(/email/i);
    const short = await t.gql(CREATE, { input: { email: 'a@b.test', name: 'X', role: 'HR', password: 'short' } }, admin.token);
    expect(code(short)).toBe('BAD_USER_INPUT');
    const badRole = await t.gql(CREATE, { input: { email: 'a@b.test', name: 'X', role: 'KING', password: TEST_PASSWORD } }, admin.token);
    expect(code(badRole)).toBe('BAD_USER_INPUT');
  });

  it('lets only admins create users', async () => {
    for (const who of [await f.trainee(), await f.supervisor(), await f.hr()]) {
      const r = await t.gql(CREATE, { input: { email: `x-${who.id}@b.test`, name: 'X', role: 'ADMIN', password: TEST_PASSWORD } }, who.token);
      expect(code(r)).toBe('FORBIDDEN');
    }
  });

  it('takes a deactivated account out at once, even with a valid token', async () => {
    const trainee = await f.trainee();
    await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [trainee.id]);
    expect(code(await t.gql(ME, {}, trainee.token))).toBe('UNAUTHENTICATED');
  });

  it('never answers with a stack trace or SQL, even for malformed requests', async () => {
    const admin = await f.admin();
    const injected = await t.gql(`{ enrollment(id: "'; DROP TABLE users; --") { id } }`, {}, admin.token);
    expect(injected).toEqual({ data: { enrollment: null } });
    const responses = [
      await t.gql(`{ me { nope } }`, {}, admin.token),
      await t.gql(`mutation { recordHandoffReview(input: { enrollmentId: "x", externalId: "1", mode: SOLO, handedOffAt: "yesterday", firstResponseAt: "now", contextItemsAvailable: 1, contextItemsUsed: 1, customerRepeated: false, resolved: true }) { id } }`, {}, admin.token),
      await t.gql(`{`, {}, admin.token),
    ];
    for (const r of responses) {
      const text = JSON.stringify(r);
      expect(r.errors?.length).toBeGreaterThan(0);
      expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(code(r));
      expect(text).not.toMatch(/stacktrace|at .*\.js:\d+|SELECT |INSERT |node_modules/);
    }
  });
});

describe('sessions', () => {
  const LOGOUT = `mutation { logout }`;

  it('logout ends the session on the server: the same token is refused from the next call, other sessions go on', async () => {
    const trainee = await f.trainee();
    const other = await t.login(trainee.email);
    expect(await t.ok(LOGOUT, {}, trainee.token)).toEqual({ logout: true });
    expect(code(await t.gql(ME, {}, trainee.token))).toBe('UNAUTHENTICATED');
    expect(code(await t.gql(LOGOUT, {}, trainee.token))).toBe('UNAUTHENTICATED');
    expect((await t.ok(ME, {}, other)).me.id).toBe(trainee.id);
    expect(code(await t.gql(LOGOUT))).toBe('UNAUTHENTICATED');
  });

  it('a changed password ends every session of that account', async () => {
    const admin = await f.admin();
    const second = await t.login(admin.email);
    const identity = t.api.app.get(IdentityService);
    await identity.ensureAdmin(admin.email, 'a-brand-new-passphrase');
    expect(code(await t.gql(ME, {}, admin.token))).toBe('UNAUTHENTICATED');
    expect(code(await t.gql(ME, {}, second))).toBe('UNAUTHENTICATED');
    expect((await t.ok(ME, {}, await t.login(admin.email, 'a-brand-new-passphrase'))).me.id).toBe(admin.id);
  });

  it('deactivation ends the sessions for good: reactivating does not bring the old token back', async () => {
    const trainee = await f.trainee();
    await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [trainee.id]);
    expect(code(await t.gql(ME, {}, trainee.token))).toBe('UNAUTHENTICATED');
    await t.dataSource.query(`UPDATE users SET active = true WHERE id = $1`, [trainee.id]);
    expect(code(await t.gql(ME, {}, trainee.token))).toBe('UNAUTHENTICATED');
    const [{ open }] = await t.dataSource.query(`SELECT count(*)::int AS open FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`, [trainee.id]);
    expect(open).toBe(0);
  });

  it('ends an open role-play event stream once its session is revoked', async () => {
    const admin = await f.admin();
    const cohort = await f.cohort();
    const [agent, partner] = [await f.trainee(), await f.trainee()];
    const enrollment = await f.enroll(cohort.id, agent.id);
    await f.enroll(cohort.id, partner.id);
    const program = await programShape(t, admin.token);
    await overrideAll(t, admin.token, enrollment.id, program.weeks[0].activities.map((a) => a.key));
    const rolePlayKey = program.weeks.flatMap((w) => w.activities).find((a) => a.kind === 'ROLE_PLAY')!.key;
    const session = await t.api.app.get(RolePlayService).start({ id: agent.id, role: 'TRAINEE', name: agent.name }, enrollment.id, rolePlayKey, partner.id);

    const res = await fetch(`${t.url}/role-plays/${session.id}/events`, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read(); // the stream is live
    await t.ok(`mutation { logout }`, {}, agent.token);
    let done = false;
    while (!done) done = (await reader.read()).done; // ends by itself, or the test times out
    expect(done).toBe(true);
  });

  it('checks token, session and account in one statement per request', async () => {
    const hr = await f.hr();
    const { statements } = await t.countQueries(() => t.ok(`{ users(role: HR) { id } }`, {}, hr.token));
    expect(statements.filter((s) => /\bsessions\b/.test(s))).toHaveLength(1);
    expect(statements).toHaveLength(2); // the guard's, then the resolver's
  });

  it('prunes expired sessions when someone signs in', async () => {
    const trainee = await f.trainee();
    await t.dataSource.query(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [trainee.id]);
    await t.login(trainee.email);
    const rows = await t.dataSource.query(`SELECT expires_at FROM sessions WHERE user_id = $1`, [trainee.id]);
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0].expires_at).getTime()).toBeGreaterThan(Date.now());
  });
});

describe('the trainee home checks the session in its own statement (decision 021)', () => {
  const PLAIN = `{ myEnrollments { id status } }`;
  type Enrollments = { myEnrollments: { id: string }[] };

  it('answers the home in one statement, which is also the check of token, session and account', async () => {
    const trainee = await f.trainee();
    const cohort = await f.cohort();
    const [older, newer] = [await f.enroll(cohort.id, trainee.id), await f.enroll((await f.cohort()).id, trainee.id)];
    const { result, statements } = await t.countQueries(() => t.ok<Enrollments>(TRAINEE_HOME_DOCUMENT, {}, trainee.token));
    expect(result.myEnrollments.map((e) => e.id)).toEqual([newer.id, older.id]);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/\bsessions\b/);
  });

  it.each([
    ['the home', TRAINEE_HOME_DOCUMENT],
    ['a plain list', PLAIN],
  ])('%s: refuses a logged-out, expired, deactivated or borrowed session, and shows nothing', async (_, document) => {
    const trainee = await f.trainee();
    const other = await f.trainee();
    await f.enroll((await f.cohort()).id, trainee.id);
    const refused = async (token: string) => {
      const r = await t.gql<Enrollments>(document, {}, token);
      expect(code(r)).toBe('UNAUTHENTICATED');
      expect(r.data ?? null).toBeNull();
    };
    const sessionOf = (token: string) => (jwt.decode(token) as jwt.JwtPayload).jti as string;

    let token = await t.login(trainee.email);
    expect((await t.ok<Enrollments>(document, {}, token)).myEnrollments).toHaveLength(1);
    // Someone else's token naming this trainee's open session: signed with the real secret.
    const claims = jwt.decode(await t.login(other.email)) as jwt.JwtPayload;
    await refused(jwt.sign({ ...claims, jti: sessionOf(token) }, jwtSecret()));
    await t.ok(`mutation { logout }`, {}, token);
    await refused(token);

    token = await t.login(trainee.email);
    await t.dataSource.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [sessionOf(token)]);
    await refused(token);

    token = await t.login(trainee.email);
    await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [trainee.id]);
    await refused(token);
    await t.dataSource.query(`UPDATE users SET active = true WHERE id = $1`, [trainee.id]);
    await refused(token);
    expect((await t.ok<Enrollments>(document, {}, await t.login(trainee.email))).myEnrollments).toHaveLength(1);
  });

  it('answers an open session without enrollments with an empty list', async () => {
    const supervisor = await f.supervisor();
    expect(await t.ok(TRAINEE_HOME_DOCUMENT, {}, supervisor.token)).toEqual({ myEnrollments: [] });
    expect(await t.ok(PLAIN, {}, supervisor.token)).toEqual({ myEnrollments: [] });
  });

  it('runs beside fields the guard checks, in one operation', async () => {
    const trainee = await f.trainee();
    const enrollment = await f.enroll((await f.cohort()).id, trainee.id);
    const both = TRAINEE_HOME_DOCUMENT.replace(/myEnrollments \{/, 'me { id role } myEnrollments {');
    const r = await t.ok<Enrollments & { me: { id: string; role: string } }>(both, {}, trainee.token);
    expect(r.me).toEqual({ id: trainee.id, role: 'TRAINEE' });
    expect(r.myEnrollments.map((e) => e.id)).toEqual([enrollment.id]);
    await t.ok(`mutation { logout }`, {}, trainee.token);
    const refused = await t.gql(both, {}, trainee.token);
    expect(code(refused)).toBe('UNAUTHENTICATED');
    expect(refused.data ?? null).toBeNull();
  });
});

describe('password checks', () => {
  const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;

  it('costs the same work for an unknown email, a wrong password and an inactive account, and says the same', async () => {
    const known = await f.trainee();
    const inactive = await f.trainee();
    await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [inactive.id]);
    const paths = [
      { e: 'nobody-here@example.test', p: TEST_PASSWORD },
      { e: known.email, p: 'not-the-password' },
      { e: inactive.email, p: TEST_PASSWORD },
    ];
    const runs = [];
    for (const v of paths) runs.push(await t.countQueries(() => t.gql(LOGIN, v)));
    for (const r of runs) {
      expect(code(r.result)).toBe('UNAUTHENTICATED');
      expect(r.result.errors![0].message).toBe(runs[0].result.errors![0].message);
      // Same statements in the same order: the lookup, then (password.test.ts) one scrypt with the same cost.
      expect(r.statements).toEqual(runs[0].statements);
    }
  });

  it('refuses the email itself and very common passwords when creating a user', async () => {
    const admin = await f.admin();
    const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
    const own = await t.gql(CREATE, { input: { email: 'sam.rivers@example.test', name: 'Sam', role: 'TRAINEE', password: 'Sam.Rivers@example.test' } }, admin.token);
    expect(code(own)).toBe('BAD_USER_INPUT');
    expect(own.errors![0].message).toMatch(/email/);
    const common = await t.gql(CREATE, { input: { email: 'sam.rivers@example.test', name: 'Sam', role: 'TRAINEE', password: 'Password123' } }, admin.token);
    expect(code(common)).toBe('BAD_USER_INPUT');
    expect(common.errors![0].message).toMatch(/common/);
  });
});

describe('login rate limiting', () => {
  const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;
  /** A login as if relayed by the web app (a trusted proxy on loopback) for `address`. */
  const loginFrom = async (address: string, e: string, p: string) => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ query: LOGIN, variables: { e, p } }),
    });
    return (await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
  };

  it(`blocks an account after ${LOGIN_LIMITS.account.failures} failures, from any address, saying when to retry`, async () => {
    const trainee = await f.trainee();
    for (let i = 0; i < LOGIN_LIMITS.account.failures; i++) {
      expect(code(await loginFrom(`198.51.100.${i + 1}`, trainee.email, 'wrong-password-guess'))).toBe('UNAUTHENTICATED');
    }
    const blocked = await loginFrom('198.51.100.200', trainee.email.toUpperCase(), TEST_PASSWORD);
    expect(code(blocked)).toBe('RATE_LIMITED');
    expect(blocked.errors![0].message).toMatch(/Try again in (1[0-5]|[1-9]) minutes \(after \d\d:\d\d UTC\)/);
    expect(blocked.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.errors![0].extensions!.retryAfterSeconds).toBeLessThanOrEqual(LOGIN_LIMITS.account.windowSeconds);
    // Other accounts are not affected.
    const other = await f.trainee();
    expect(code(await loginFrom('198.51.100.200', other.email, TEST_PASSWORD))).toBeUndefined();
  });

  it('resets the account count on a successful sign-in', async () => {
    const trainee = await f.trainee();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < LOGIN_LIMITS.account.failures - 1; i++) await loginFrom('198.51.100.77', trainee.email, 'wrong-password-guess');
      expect(code(await loginFrom('198.51.100.77', trainee.email, TEST_PASSWORD))).toBeUndefined();
    }
  });

  it(`blocks an address after ${LOGIN_LIMITS.address.failures} failures whatever the accounts, and no other address`, async () => {
    const trainee = await f.trainee();
    for (let i = 0; i < LOGIN_LIMITS.address.failures; i++) {
      await loginFrom('203.0.113.66', `guess-${i}@example.test`, 'wrong-password-guess');
    }
    const blocked = await loginFrom('203.0.113.66', trainee.email, TEST_PASSWORD);
    expect(code(blocked)).toBe('RATE_LIMITED');
    expect(blocked.errors![0].message).toMatch(/Try again in \d+ minutes/);
    expect(code(await loginFrom('203.0.113.67', trainee.email, TEST_PASSWORD))).toBeUndefined();
  });

  it('believes X-Forwarded-For only from the trusted proxies (loopback unless BATON_TRUST_PROXY says otherwise)', async () => {
    const addressRows = () => t.dataSource.query(`SELECT key FROM login_throttle WHERE key LIKE 'address:%'`).then((r: { key: string }[]) => r.map((x) => x.key));
    await loginFrom('192.0.2.10', 'nobody@example.test', 'wrong-password-guess');
    expect(await addressRows()).toContain('address:192.0.2.10');

    const express = t.api.app.getHttpAdapter().getInstance();
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    express.set('trust proxy', loadConfig({ BATON_TRUST_PROXY: '10.9.9.9, fd00::/8' }).trustProxy);
    try {
      await loginFrom('192.0.2.11', 'nobody@example.test', 'wrong-password-guess');
      const rows = await addressRows();
      expect(rows).not.toContain('address:192.0.2.11');
      expect(rows).toContain('address:127.0.0.1');
    } finally {
      express.set('trust proxy', t.config.trustProxy);
    }
  });

  it('validates BATON_TRUST_PROXY at start, naming the variable', () => {
    expect(loadConfig({ BATON_TRUST_PROXY: 'loopback,uniquelocal,172.16.0.0/12' }).trustProxy).toEqual(['loopback', 'uniquelocal', '172.16.0.0/12']);
    for (const bad of ['true', '*', '10.0.0.0/33', 'proxy.example.com', '2']) {
      expect(() => loadConfig({ BATON_TRUST_PROXY: bad })).toThrow(/BATON_TRUST_PROXY/);
    }
  });
});

describe('the audit log', () => {
  it('refuses TRUNCATE as well as UPDATE and DELETE (contract.test.ts covers those two)', async () => {
    await expect(t.dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });
});
