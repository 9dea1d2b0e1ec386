import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../support/factories.js';
import { ENROLLMENT_PROGRESS, overrideAll, programShape, type ProgramShape } from '../support/program.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

// Shadowing (logged observation by observation) and live role-play, the two practice activities
// that are not a single submitted attempt.
let t: TestApi;
let f: ReturnType<typeof factories>;
let program: ProgramShape;
let admin: Awaited<ReturnType<ReturnType<typeof factories>['admin']>>;
beforeAll(async () => {
  t = await startTestApi();
  f = factories(t);
  admin = await f.admin();
  program = await programShape(t, admin.token);
});
afterAll(() => t?.close());

const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const keyOf = (kind: string) => program.weeks.flatMap((w) => w.activities).find((a) => a.kind === kind)!.key;
const weekKeys = (n: number) => program.weeks.find((w) => w.number === n)!.activities.map((a) => a.key);
const statusOf = async (enrollmentId: string, key: string) => {
  const e = (await t.ok(ENROLLMENT_PROGRESS, { id: enrollmentId }, admin.token)).enrollment;
  return e.weeks.flatMap((w: any) => w.activities).find((a: any) => a.activity.key === key).status;
};

async function cohortOfTwo() {
  const supervisor = await f.supervisor();
  const cohort = await f.cohort({ supervisors: [supervisor] });
  const agent = await f.trainee('Amara Diallo');
  const partner = await f.trainee('Ben Carter');
  const eAgent = await f.enroll(cohort.id, agent.id);
  const ePartner = await f.enroll(cohort.id, partner.id);
  return { supervisor, cohort, agent, partner, eAgent, ePartner };
}

describe('shadowing', () => {
  const LOG = `mutation($input: ShadowingObservationInput!) { logShadowingObservation(input: $input) { id observedAt situation } }`;
  const observation = (enrollmentId: string, n: number, extra: Record<string, unknown> = {}) => ({
    enrollmentId,
    activityKey: keyOf('SHADOWING'),
    observedAt: new Date(Date.now() - n * 3_600_000).toISOString(),
    situation: `Handoff ${n}: billing dispute with a frustrated customer.`,
    didWell: 'Named the issue and gave a time estimate.',
    wouldChange: 'Confirm the fix before closing.',
    ...extra,
  });

  it('awaits sign-off once the curriculum minimum of observations is logged', async () => {
    const { agent, eAgent, supervisor } = await cohortOfTwo();
    const key = keyOf('SHADOWING');
    for (let n = 1; n <= 4; n++) await t.ok(LOG, { input: observation(eAgent.id, n) }, agent.token);
    expect(await statusOf(eAgent.id, key)).toBe('IN_PROGRESS');
    await t.ok(LOG, { input: observation(eAgent.id, 5) }, agent.token);
    expect(await statusOf(eAgent.id, key)).toBe('AWAITING_SIGN_OFF');
    const list = await t.ok(`query($e: ID!, $k: String!) { shadowingObservations(enrollmentId: $e, activityKey: $k) { id } }`, { e: eAgent.id, k: key }, supervisor.token);
    expect(list.shadowingObservations).toHaveLength(5);
  });

  it('refuses incomplete, future or foreign observations, and attempts at shadowing', async () => {
    const { agent, partner, eAgent } = await cohortOfTwo();
    expect(code(await t.gql(LOG, { input: observation(eAgent.id, 1, { didWell: ' ' }) }, agent.token))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(LOG, { input: observation(eAgent.id, 1, { observedAt: new Date(Date.now() + 86_400_000).toISOString() }) }, agent.token))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(LOG, { input: observation(eAgent.id, 1) }, partner.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(LOG, { input: { ...observation(eAgent.id, 1), activityKey: weekKeys(1)[0] } }, agent.token))).toBe('BAD_USER_INPUT');
    const attempt = await t.gql(`mutation($e: ID!, $k: String!) { startAttempt(enrollmentId: $e, activityKey: $k) { id } }`, { e: eAgent.id, k: keyOf('SHADOWING') }, agent.token);
    expect(code(attempt)).toBe('BAD_USER_INPUT');
  });
});

describe('role-play', () => {
  const START = `mutation($e: ID!, $k: String!, $p: ID!) { startRolePlay(enrollmentId: $e, activityKey: $k, partnerId: $p) { id status yourSide card customerBrief } }`;
  const VIEW = `query($id: ID!) { rolePlaySession(id: $id) { id status yourSide card customerBrief debrief firstResponseSeconds openingScore
    openingChecks { code passed } customerRating messages { id side body } agent { name } customer { name } } }`;

  async function ready() {
    const w = await cohortOfTwo();
    await overrideAll(t, admin.token, w.eAgent.id, weekKeys(1));
    return w;
  }

  it('is locked until week 2 and only takes partners from the cohort', async () => {
    const w = await cohortOfTwo();
    expect(code(await t.gql(START, { e: w.eAgent.id, k: keyOf('ROLE_PLAY'), p: w.partner.id }, w.agent.token))).toBe('FORBIDDEN');
    await overrideAll(t, admin.token, w.eAgent.id, weekKeys(1));
    const stranger = await f.trainee();
    expect(code(await t.gql(START, { e: w.eAgent.id, k: keyOf('ROLE_PLAY'), p: stranger.id }, w.agent.token))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(START, { e: w.eAgent.id, k: keyOf('ROLE_PLAY'), p: w.agent.id }, w.agent.token))).toBe('BAD_USER_INPUT');
    const partners = await t.ok(`query($e: ID!) { rolePlayPartners(enrollmentId: $e) { id } }`, { e: w.eAgent.id }, w.agent.token);
    expect(partners.rolePlayPartners.map((u: any) => u.id).sort()).toEqual([w.partner.id, w.supervisor.id].sort());
  });

  it('runs a live session: private views, server-timed first response, graded opening, rating, then sign-off', async () => {
    const w = await ready();
    const started = (await t.ok(START, { e: w.eAgent.id, k: keyOf('ROLE_PLAY'), p: w.partner.id }, w.agent.token)).startRolePlay;
    expect(started).toMatchObject({ status: 'INVITED', yourSide: 'AGENT', card: null, customerBrief: null });

    const customerView = (await t.ok(VIEW, { id: started.id }, w.partner.token)).rolePlaySession;
    expect(customerView.yourSide).toBe('CUSTOMER');
    expect(customerView.card).toBeNull();
    expect(customerView.customerBrief.brief.length).toBeGreaterThan(20);

    const SEND = `mutation($id: ID!, $b: String!) { sendRolePlayMessage(id: $id, body: $b) { id side } }`;
    expect(code(await t.gql(SEND, { id: started.id, b: 'Hello?' }, w.agent.token))).toBe('BAD_USER_INPUT'); // card not opened
    await t.ok(SEND, { id: started.id, b: 'Hello? Is anyone there?' }, w.partner.token);

    const opened = (await t.ok(`mutation($id: ID!) { openRolePlayCard(id: $id) { status card } }`, { id: started.id }, w.agent.token)).openRolePlayCard;
    expect(opened.status).toBe('LIVE');
    const card = opened.card;
    expect(card.customerName).toBeTruthy();
    expect(JSON.stringify(opened)).not.toContain(customerView.customerBrief.brief);

    const first = card.customerName.split(' ')[0];
    await t.ok(SEND, { id: started.id, b: `Hi ${first}, I'm Amara. I've read your chat about ${card.escalationReason.toLowerCase()} and I'm checking it now; it will take about two minutes.` }, w.agent.token);
    const outsider = await f.trainee();
    expect(code(await t.gql(VIEW, { id: started.id }, outsider.token))).toBe('FORBIDDEN');

    await t.ok(`mutation($id: ID!) { endRolePlay(id: $id) { status } }`, { id: started.id }, w.agent.token);
    expect(await statusOf(w.eAgent.id, keyOf('ROLE_PLAY'))).not.toBe('AWAITING_SIGN_OFF'); // waits for the rating
    expect(code(await t.gql(`mutation($id: ID!) { rateRolePlay(id: $id, rating: 5) { status } }`, { id: started.id }, w.agent.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(`mutation($id: ID!) { rateRolePlay(id: $id, rating: 6) { status } }`, { id: started.id }, w.partner.token))).toBe('BAD_USER_INPUT');
    await t.ok(`mutation($id: ID!) { rateRolePlay(id: $id, rating: 4) { status } }`, { id: started.id }, w.partner.token);

    const review = (await t.ok(VIEW, { id: started.id }, w.supervisor.token)).rolePlaySession;
    expect(review).toMatchObject({ status: 'ENDED', yourSide: 'OBSERVER', customerRating: 4, agent: { name: 'Amara Diallo' }, customer: { name: 'Ben Carter' } });
    expect(review.messages.map((m: any) => m.side)).toEqual(['CUSTOMER', 'AGENT']);
    expect(review.firstResponseSeconds).toBeGreaterThanOrEqual(0);
    expect(review.openingChecks).toHaveLength(10);
    expect(review.debrief).toBeTruthy();
    expect(await statusOf(w.eAgent.id, keyOf('ROLE_PLAY'))).toBe('AWAITING_SIGN_OFF');
    const mine = await t.ok(`{ myRolePlaySessions { id yourSide } }`, {}, w.partner.token);
    expect(mine.myRolePlaySessions).toEqual([{ id: started.id, yourSide: 'CUSTOMER' }]);
  });

  it('streams messages to the other side within a second (server-sent events)', async () => {
    const w = await ready();
    const { id } = (await t.ok(START, { e: w.eAgent.id, k: keyOf('ROLE_PLAY'), p: w.supervisor.id }, w.agent.token)).startRolePlay;
    const controller = new AbortController();
    const res = await fetch(`${t.url}/role-plays/${id}/events`, { headers: { authorization: `Bearer ${w.supervisor.token}` }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let received = '';
    const until = async (pattern: RegExp, ms: number) => {
      const deadline = Date.now() + ms;
      while (!pattern.test(received)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`No ${pattern} within ${ms} ms; got:\n${received}`);
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
        if (chunk && !chunk.done) received += new TextDecoder().decode(chunk.value);
      }
    };
    try {
      await until(/event: state/, 2000);
      await t.ok(`mutation($id: ID!) { openRolePlayCard(id: $id) { id } }`, { id }, w.agent.token);
      const sentAt = Date.now();
      await t.ok(`mutation($id: ID!, $b: String!) { sendRolePlayMessage(id: $id, body: $b) { id } }`, { id, b: 'Hi there, checking now.' }, w.agent.token);
      await until(/event: message\ndata: .*checking now/, 1000);
      expect(Date.now() - sentAt).toBeLessThan(1000);
      await until(/"status":"LIVE"/, 1000);
    } finally {
      controller.abort();
    }
    const denied = await fetch(`${t.url}/role-plays/${id}/events`, { headers: { authorization: `Bearer ${(await f.trainee()).token}` } });
    expect(denied.status).toBe(403);
    expect((await fetch(`${t.url}/role-plays/${id}/events`)).status).toBe(401);
  });
});
