import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/src/common/database/data-source.js';
import { createApi } from '../../api/src/server.js';
import { factories } from '../support/factories.js';
import { ENROLLMENT_PROGRESS, overrideAll, programShape, review, type ProgramShape } from '../support/program.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

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
const allKeys = () => program.weeks.flatMap((w) => w.activities.map((a) => a.key));
const RECORD = `mutation($input: HandoffReviewInput!) { recordHandoffReview(input: $input) { id } }`;
const ISSUE = `mutation($e: ID!) { issueCertificate(enrollmentId: $e) { id code issuedAt revokedAt traineeName programTitle } }`;

async function setup(name?: string) {
  const supervisor = await f.supervisor();
  const trainee = await f.trainee(name);
  const cohort = await f.cohort({ supervisors: [supervisor] });
  const enrollment = await f.enroll(cohort.id, trainee.id);
  return { supervisor, trainee, cohort, enrollment };
}

/** n SOLO reviews; `each(i)` overrides fields of review i. */
async function soloReviews(enrollmentId: string, token: string, n: number, each: (i: number) => Record<string, unknown> = () => ({})) {
  for (let i = 0; i < n; i++) await t.ok(RECORD, { input: review(enrollmentId, `solo-${i}`, 'SOLO', each(i)) }, token);
}

async function certification(enrollmentId: string, token = admin.token) {
  return (await t.ok<{ enrollment: any }>(ENROLLMENT_PROGRESS, { id: enrollmentId }, token)).enrollment.certification;
}
const metric = (c: any, m: string) => c.metrics.find((x: any) => x.code === m);

describe('certification metrics (SOLO reviews only, strict boundaries)', () => {
  it('reports no data as null and unmet, with every missing thing in plain words', async () => {
    const { enrollment, trainee } = await setup();
    const c = await certification(enrollment.id, trainee.token);
    expect(c.eligible).toBe(false);
    expect(c.soloHandoffs).toBe(0);
    expect(c.metrics).toHaveLength(5);
    for (const m of c.metrics) expect(m).toMatchObject({ value: null, met: false, sampleSize: 0 });
    expect(c.unmet.length).toBe(7);
    expect(c.unmet.join(' ')).toMatch(/20 QA-reviewed solo handoffs/);
  });

  it('computes the five metrics in SQL, ignoring SUPERVISED reviews', async () => {
    const { enrollment, supervisor } = await setup();
    // 20 solo: TTFR 30 s … one at 90 s; one repeat (5%: not met); CSAT 21/5 = 4.2 exactly (not met); 18/20 resolved (90%: not met).
    await soloReviews(enrollment.id, supervisor.token, 20, (i) => ({
      firstResponseAt: i === 0 ? '2026-03-02T10:01:30Z' : '2026-03-02T10:00:30Z',
      customerRepeated: i === 3,
      csat: i < 5 ? [4, 4, 5, 4, 4][i] : null,
      resolved: i >= 2,
      contextItemsUsed: i === 7 ? 3 : 4,
    }));
    await t.ok(RECORD, { input: review(enrollment.id, 'supervised-slow', 'SUPERVISED', { firstResponseAt: '2026-03-02T11:00:00Z', csat: 1 }) }, supervisor.token);
    const c = await certification(enrollment.id);
    expect(c.soloHandoffs).toBe(20);
    expect(metric(c, 'TIME_TO_FIRST_RESPONSE')).toMatchObject({ value: 33, met: true, sampleSize: 20, comparator: 'LT', threshold: 60 });
    expect(metric(c, 'CUSTOMER_REPEAT_RATE')).toMatchObject({ value: 5, met: false });
    expect(metric(c, 'HANDOFF_CSAT')).toMatchObject({ value: 4.2, met: false, sampleSize: 5 });
    expect(metric(c, 'RESOLUTION_RATE')).toMatchObject({ value: 90, met: false });
    expect(metric(c, 'CONTEXT_UTILIZATION')).toMatchObject({ value: 98.75, met: false });
  });

  it('needs minSoloHandoffs even when every metric is met', async () => {
    const { enrollment, supervisor } = await setup();
    await overrideAll(t, admin.token, enrollment.id, allKeys());
    await soloReviews(enrollment.id, supervisor.token, 19);
    const c = await certification(enrollment.id);
    expect(c.metrics.every((m: any) => m.met)).toBe(true);
    expect(c.eligible).toBe(false);
    expect(c.unmet).toEqual(['Take at least 20 QA-reviewed solo handoffs: 19 so far.']);
    const r = await t.gql(ISSUE, { e: enrollment.id }, supervisor.token);
    expect(code(r)).toBe('REQUIREMENTS_UNMET');
    expect(r.errors![0].message).toMatch(/19 so far/);
  });
});

describe('issuing and revoking certificates', () => {
  async function eligible() {
    const s = await setup('Rosa Lindqvist');
    await overrideAll(t, admin.token, s.enrollment.id, allKeys());
    await soloReviews(s.enrollment.id, s.supervisor.token, 20);
    return s;
  }

  it('issues once, even under concurrent calls, with a snapshot of the metrics, and the enrollment becomes CERTIFIED', async () => {
    const { enrollment, supervisor, trainee } = await eligible();
    expect((await certification(enrollment.id)).eligible).toBe(true);
    const results = await Promise.all(Array.from({ length: 6 }, () => t.ok(ISSUE, { e: enrollment.id }, supervisor.token)));
    const ids = new Set(results.map((r) => r.issueCertificate.id));
    expect(ids.size).toBe(1);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM certificates WHERE enrollment_id = $1`, [enrollment.id]);
    expect(n).toBe(1);
    const [row] = await t.dataSource.query(`SELECT metrics_snapshot FROM certificates WHERE enrollment_id = $1`, [enrollment.id]);
    expect(row.metrics_snapshot).toHaveLength(5);
    expect(row.metrics_snapshot.every((m: any) => m.met)).toBe(true);
    const e = (await t.ok(ENROLLMENT_PROGRESS, { id: enrollment.id }, trainee.token)).enrollment;
    expect(e.status).toBe('CERTIFIED');
    expect(e.certification.certificate).toMatchObject({ traineeName: 'Rosa Lindqvist', programTitle: 'AI Handoff Certification', revokedAt: null });
    const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'CERTIFICATE_ISSUED' AND actor_id = $1`, [supervisor.id]);
    expect(audit[0].n).toBe(1);
  });

  it('is verifiable publicly without an email, and stays findable once revoked', async () => {
    const { enrollment, supervisor, trainee } = await eligible();
    const { issueCertificate: cert } = await t.ok(ISSUE, { e: enrollment.id }, supervisor.token);
    const VERIFY = `query($c: String!) { verifyCertificate(code: $c) { id code traineeName programTitle issuedAt revokedAt } }`;
    const verified = await t.ok(VERIFY, { c: cert.code.toLowerCase() });
    expect(verified.verifyCertificate).toMatchObject({ id: cert.id, traineeName: 'Rosa Lindqvist', revokedAt: null });
    expect(JSON.stringify(verified)).not.toContain(trainee.email);

    const bySupervisor = await t.gql(`mutation($id: ID!) { revokeCertificate(id: $id, reason: "x") { id } }`, { id: cert.id }, supervisor.token);
    expect(code(bySupervisor)).toBe('FORBIDDEN');
    const noReason = await t.gql(`mutation($id: ID!) { revokeCertificate(id: $id, reason: "") { id } }`, { id: cert.id }, admin.token);
    expect(code(noReason)).toBe('BAD_USER_INPUT');
    const revoked = await t.ok(`mutation($id: ID!) { revokeCertificate(id: $id, reason: "Issued in error") { revokedAt } }`, { id: cert.id }, admin.token);
    expect(revoked.revokeCertificate.revokedAt).toBeTruthy();
    const after = await t.ok(VERIFY, { c: cert.code });
    expect(after.verifyCertificate.revokedAt).toBeTruthy();
    expect((await t.ok(ENROLLMENT_PROGRESS, { id: enrollment.id }, admin.token)).enrollment.status).toBe('COMPLETED');
  });

  it('expires, then recertifies in a new cycle on new solo handoffs, keeping every earlier certificate', async () => {
    const { enrollment, supervisor, trainee } = await eligible();
    const first = (await t.ok(ISSUE, { e: enrollment.id }, supervisor.token)).issueCertificate;
    const RECERT = `mutation($e: ID!) { startRecertification(enrollmentId: $e) }`;
    const early = await t.gql(RECERT, { e: enrollment.id }, supervisor.token);
    expect(code(early)).toBe('CONFLICT');
    expect(early.errors![0].message).toMatch(/valid until/);

    await t.dataSource.query(`UPDATE certificates SET expires_at = now() - interval '1 day' WHERE id = $1`, [first.id]);
    const expired = await t.ok(`query($c: String!) { verifyCertificate(code: $c) { valid expired } }`, { c: first.code });
    expect(expired.verifyCertificate).toEqual({ valid: false, expired: true });

    await t.ok(RECERT, { e: enrollment.id }, supervisor.token);
    const reopened = (await t.ok(ENROLLMENT_PROGRESS, { id: enrollment.id }, trainee.token)).enrollment;
    expect(reopened.status).toBe('COMPLETED');
    expect(reopened.certification).toMatchObject({ eligible: false, soloHandoffs: 0, certificate: null });
    expect(code(await t.gql(ISSUE, { e: enrollment.id }, supervisor.token))).toBe('REQUIREMENTS_UNMET');

    const now = Date.now();
    await soloReviews(enrollment.id, supervisor.token, 20, (i) => ({
      externalId: `cycle2-${i}`,
      handedOffAt: new Date(now + i * 1000).toISOString(),
      firstResponseAt: new Date(now + i * 1000 + 25_000).toISOString(),
    }));
    const second = (await t.ok(ISSUE, { e: enrollment.id }, supervisor.token)).issueCertificate;
    expect(second.code).not.toBe(first.code);
    const history = await t.ok(`query($id: ID!) { enrollment(id: $id) { status certificates { code cycle expired metricsSnapshot { code value met } } } }`, { id: enrollment.id }, trainee.token);
    expect(history.enrollment.status).toBe('CERTIFIED');
    expect(history.enrollment.certificates.map((c: any) => [c.cycle, c.expired])).toEqual([[2, false], [1, true]]);
    expect(history.enrollment.certificates[1].metricsSnapshot).toHaveLength(5);
  });

  // Two API instances, each with its own connection pool, on one PostgreSQL server (PGlite is a
  // single embedded session, so this runs with DATABASE_URL, as CI does).
  it.runIf(!!process.env.DATABASE_URL)('issues exactly one certificate when two API instances race', async () => {
    const { enrollment, supervisor } = await eligible();
    const second = await createApi(t.config, { database: await openDatabase({ url: t.databaseUrl! }), logger: false });
    try {
      await second.app.listen(0, '127.0.0.1');
      const otherUrl = `${await second.app.getUrl()}`.replace('[::1]', '127.0.0.1');
      const viaSecond = () =>
        fetch(`${otherUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${supervisor.token}` },
          body: JSON.stringify({ query: ISSUE, variables: { e: enrollment.id } }),
        }).then((r) => r.json() as Promise<any>);
      const results = await Promise.all([
        ...Array.from({ length: 4 }, () => t.ok(ISSUE, { e: enrollment.id }, supervisor.token)),
        ...Array.from({ length: 4 }, viaSecond),
      ]);
      const ids = new Set(results.map((r) => (r.issueCertificate ?? r.data.issueCertificate).id));
      expect(ids.size).toBe(1);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM certificates WHERE enrollment_id = $1`, [enrollment.id]);
      expect(n).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('lets only the cohort supervisors (and admins) issue', async () => {
    const { enrollment } = await eligible();
    const other = await f.supervisor();
    for (const who of [other, await f.hr(), await f.trainee()]) {
      expect(code(await t.gql(ISSUE, { e: enrollment.id }, who.token))).toBe('FORBIDDEN');
    }
    expect((await t.ok(ISSUE, { e: enrollment.id }, admin.token)).issueCertificate.code).toMatch(/^BTN-/);
  });
});
