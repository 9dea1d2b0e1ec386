import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../support/factories.js';
import { startTestApi, TEST_PASSWORD, type TestApi } from '../support/test-api.js';

let t: TestApi;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApi({ BATON_ADMIN_EMAIL: 'Boss@Example.test', BATON_ADMIN_PASSWORD: 'a-long-admin-password' });
  f = factories(t);
});
afterAll(() => t?.close());

const ME = `{ me { id email name role employeeId } }`;
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

  it('answers every protected operation without a token, or with a tampered or expired one, with UNAUTHENTICATED', async () => {
    const trainee = await f.trainee();
    expect(code(await t.gql(ME))).toBe('UNAUTHENTICATED');
    const [h, p, s] = trainee.token.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'ADMIN' })).toString('base64url')}.${s}`;
    expect(code(await t.gql(ME, {}, tampered))).toBe('UNAUTHENTICATED');
    const foreign = jwt.sign({ sub: trainee.id }, 'some-other-secret-that-is-long-enough', { issuer: 'baton' });
    expect(code(await t.gql(ME, {}, foreign))).toBe('UNAUTHENTICATED');
    const { readFileSync } = await import('node:fs');
    const secret = readFileSync(`${t.config.dataDir}/jwt-secret`, 'utf8').trim();
    const expired = jwt.sign({ sub: trainee.id, role: 'TRAINEE', name: 'x', exp: Math.floor(Date.now() / 1000) - 10 }, secret, { issuer: 'baton' });
    expect(code(await t.gql(ME, {}, expired))).toBe('UNAUTHENTICATED');
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
