import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildApi,
  createDatabase,
  DATABASE_KINDS,
  gql,
  HANDOFF_HEADER,
  handoffRow,
  inBatches,
  login,
  overrideActivities,
  programActivities,
  seedTrainees,
  startApi,
  type ApiProcess,
  type SoakDatabase,
} from './support/api-process.js';

// kill -9 of the API while it issues certificates for many enrollments at once: no certificate
// may exist without its audit row and its enrollment's CERTIFIED state (and the reverse), and each
// has its five-metric snapshot of the current cycle. Issuing the rest after a restart works.
const CERTIFICATES = Number(process.env.SOAK_CERTIFICATES ?? 40);

const ISSUE = `mutation($e: ID!) { issueCertificate(enrollmentId: $e) { id } }`;

/** Per enrollment: its certificates and every record that must go with them. */
const CONSISTENCY_SQL = `
  SELECT e.id, e.status,
         (SELECT count(*) FROM certificates c WHERE c.enrollment_id = e.id)::int AS certificates,
         (SELECT count(*) FROM certificates c WHERE c.enrollment_id = e.id AND c.cycle = e.certification_cycle
             AND jsonb_array_length(c.metrics_snapshot) = 5 AND c.code IS NOT NULL AND c.trainee_name <> '')::int AS complete,
         (SELECT count(*) FROM audit_log a JOIN certificates c ON c.id::text = a.entity_id
           WHERE a.action = 'CERTIFICATE_ISSUED' AND c.enrollment_id = e.id)::int AS audited,
         (SELECT count(*) FROM audit_log a WHERE a.action = 'CERTIFICATE_ISSUED' AND a.details->>'enrollmentId' = e.id::text)::int AS audit_rows
    FROM enrollments e`;

interface Consistency {
  id: string;
  status: string;
  certificates: number;
  complete: number;
  audited: number;
  audit_rows: number;
}

function expectConsistent(rows: Consistency[]) {
  for (const r of rows) {
    if (r.certificates === 0) expect(r).toMatchObject({ status: 'COMPLETED', audit_rows: 0 });
    else expect(r).toMatchObject({ status: 'CERTIFIED', certificates: 1, complete: 1, audited: 1, audit_rows: 1 });
  }
  return rows.filter((r) => r.certificates === 1).length;
}

beforeAll(() => buildApi(), 300_000);

describe.each(DATABASE_KINDS)('kill -9 while issuing certificates on %s', (kind) => {
  let db: SoakDatabase;
  let api: ApiProcess | undefined;
  let enrollments: string[];
  beforeAll(async () => {
    db = await createDatabase(kind, 'certificates');
    api = await startApi(db);
    const token = await login(api.base);
    const trainees = await seedTrainees(api.base, token, CERTIFICATES, 'cert');
    enrollments = trainees.map((t) => t.enrollmentId);
    // Eligible: every activity completed (admin overrides) and 20 solo handoffs meeting the targets.
    const keys = (await programActivities(api.base, token)).map((a) => a.key);
    await overrideActivities([{ base: api.base, token }], enrollments, keys);
    let csv = HANDOFF_HEADER;
    for (const t of trainees) for (let i = 0; i < 20; i++) csv += handoffRow(`cert-${t.enrollmentId}`, t.email, i);
    const imported = await fetch(`${api.base}/handoffs/import?mode=SOLO`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await api?.kill9();
    await db?.drop();
  });

  it('leaves every certificate complete with its audit row and state, and issues the rest after a restart', async () => {
    const token = await login(api!.base);
    // Every enrollment at once; kill -9 as soon as the first certificate is answered.
    let first: () => void;
    const firstIssued = new Promise<void>((resolve) => (first = resolve));
    const calls = enrollments.map((e) =>
      gql(api!.base, ISSUE, { e }, token).then(
        (r) => {
          if (r.data) first();
          return r.data ? 'issued' : 'error';
        },
        () => 'cut' as const,
      ),
    );
    await Promise.race([firstIssued, Promise.all(calls)]);
    await api!.kill9();
    const answers = await Promise.all(calls);
    api = undefined;

    // Read the database directly after the kill (for PGlite: the data dir opens after SIGKILL).
    const afterKill = expectConsistent(await db.query<Consistency>(CONSISTENCY_SQL));
    console.log(
      `[soak certificates ${kind}] ${CERTIFICATES} issued at once, killed after the first answer: ${answers.filter((a) => a === 'issued').length} answered, ${afterKill} certificates in the database, all complete`,
    );
    expect(afterKill).toBeGreaterThanOrEqual(answers.filter((a) => a === 'issued').length);

    api = await startApi(db);
    const again = await login(api.base);
    const results = await inBatches(enrollments, 8, (e) => gql(api!.base, ISSUE, { e }, again));
    expect(results.filter((r) => r.errors)).toEqual([]);
    await api.stop();
    api = undefined;
    expect(expectConsistent(await db.query<Consistency>(CONSISTENCY_SQL))).toBe(CERTIFICATES);
  });
});
