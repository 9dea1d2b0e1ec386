import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../support/factories.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

// solo_review_totals is kept by triggers (decision 018). These tests write handoff reviews the
// ways the app and an operator can — multi-row inserts, upserts, updates that move a review
// between enrollments, modes and cycles, deletes, TRUNCATE, a new cycle — and after every step
// compare the totals with the GROUP BY over the reviews that they replace.

let t: TestApi;
const enrollments: string[] = [];
const emails: string[] = [];
let adminToken: string;
beforeAll(async () => {
  t = await startTestApi();
  const f = factories(t);
  const supervisor = await f.supervisor();
  const cohort = await f.cohort({ supervisors: [supervisor] });
  for (let i = 0; i < 4; i++) {
    const trainee = await f.trainee();
    emails.push(trainee.email);
    enrollments.push((await f.enroll(cohort.id, trainee.id)).id);
  }
  adminToken = (await f.admin()).token;
});
afterAll(() => t?.close());

const FROM_SCRATCH = `
  SELECT r.enrollment_id, count(*)::int AS reviews, sum(extract(epoch FROM r.first_response_at - r.handed_off_at)) AS first_response_seconds,
         sum(r.context_items_used)::bigint AS context_items_used, sum(r.context_items_available)::bigint AS context_items_available,
         count(*) FILTER (WHERE r.customer_repeated)::int AS repeated, coalesce(sum(r.csat), 0)::bigint AS csat_sum,
         count(r.csat)::int AS csat_count, count(*) FILTER (WHERE r.resolved)::int AS resolved
    FROM handoff_reviews r JOIN enrollments e ON e.id = r.enrollment_id
   WHERE r.mode = 'SOLO' AND r.handed_off_at >= coalesce(e.cycle_started_at, '-infinity')
   GROUP BY r.enrollment_id`;

/** Totals as rows keyed by enrollment; all-zero rows (every review gone) count as no row. */
async function snapshot(sql: string) {
  const rows: Record<string, string | number>[] = await t.dataSource.query(sql);
  return Object.fromEntries(
    rows
      .filter((r) => Number(r.reviews) !== 0)
      .map((r) => [r.enrollment_id, { ...r, first_response_seconds: String(Number(r.first_response_seconds)), enrollment_id: undefined }]),
  );
}

async function expectTotalsMatch(step: string) {
  const kept = await snapshot(`SELECT * FROM solo_review_totals`);
  const counted = await snapshot(FROM_SCRATCH);
  expect(kept, step).toEqual(counted);
}

/** A small deterministic PRNG (mulberry32): the same steps on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the SOLO review totals kept by triggers', () => {
  it('equal the GROUP BY over the reviews after every kind of write', async () => {
    const random = prng(2026);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    let next = 0;
    const reviewValues = () => {
      const handedOff = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 200) * 86_400_000);
      const available = Math.floor(random() * 6);
      return [
        pick(enrollments),
        `c-${++next}`,
        random() < 0.7 ? 'SOLO' : 'SUPERVISED',
        handedOff.toISOString(),
        new Date(handedOff.getTime() + Math.floor(random() * 120_000) + 0.123).toISOString(),
        available,
        Math.floor(random() * (available + 1)),
        random() < 0.2,
        random() < 0.3 ? null : 1 + Math.floor(random() * 5),
        random() < 0.8,
      ];
    };
    const INSERT = (n: number) =>
      `INSERT INTO handoff_reviews (enrollment_id, external_id, mode, handed_off_at, first_response_at, context_items_available, context_items_used,
                                    customer_repeated, csat, resolved) VALUES ` +
      Array.from({ length: n }, (_, i) => `(${Array.from({ length: 10 }, (_, j) => `$${i * 10 + j + 1}`).join(', ')})`).join(', ');

    for (let step = 0; step < 60; step++) {
      const kind = pick(['insert', 'insert', 'upsert', 'update', 'move', 'delete', 'cycle']);
      if (kind === 'insert') {
        const n = 1 + Math.floor(random() * 8);
        await t.dataSource.query(INSERT(n), Array.from({ length: n }, reviewValues).flat());
      } else if (kind === 'upsert') {
        // The import's and recordHandoffReview's shape: some rows new, some replacing existing ones.
        const [existing] = await t.dataSource.query(`SELECT enrollment_id, external_id FROM handoff_reviews ORDER BY random() LIMIT 1`);
        const values = [reviewValues(), reviewValues()];
        if (existing) [values[0][0], values[0][1]] = [existing.enrollment_id, existing.external_id];
        await t.dataSource.query(
          `${INSERT(2)} ON CONFLICT (enrollment_id, external_id) DO UPDATE SET mode = excluded.mode, handed_off_at = excluded.handed_off_at,
             first_response_at = excluded.first_response_at, context_items_available = excluded.context_items_available,
             context_items_used = excluded.context_items_used, customer_repeated = excluded.customer_repeated, csat = excluded.csat, resolved = excluded.resolved`,
          values.flat(),
        );
      } else if (kind === 'update') {
        await t.dataSource.query(
          `UPDATE handoff_reviews SET mode = CASE WHEN random() < 0.5 THEN 'SOLO' ELSE 'SUPERVISED' END, csat = CASE WHEN csat IS NULL THEN 3 ELSE NULL END,
                  resolved = NOT resolved, handed_off_at = handed_off_at - interval '40 days', first_response_at = first_response_at - interval '40 days'
            WHERE id IN (SELECT id FROM handoff_reviews ORDER BY random() LIMIT 5)`,
        );
      } else if (kind === 'move') {
        await t.dataSource.query(`UPDATE handoff_reviews SET enrollment_id = $1 WHERE id IN (SELECT id FROM handoff_reviews ORDER BY random() LIMIT 3)`, [
          pick(enrollments),
        ]);
      } else if (kind === 'delete') {
        await t.dataSource.query(`DELETE FROM handoff_reviews WHERE id IN (SELECT id FROM handoff_reviews ORDER BY random() LIMIT 4)`);
      } else {
        // A new certification cycle, as startRecertification opens one: only later handoffs count.
        await t.dataSource.query(`UPDATE enrollments SET cycle_started_at = $2 WHERE id = $1`, [
          pick(enrollments),
          new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 200) * 86_400_000).toISOString(),
        ]);
      }
      await expectTotalsMatch(`step ${step}: ${kind}`);
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM solo_review_totals WHERE reviews > 0`);
    expect(n).toBeGreaterThan(0);

    // The migration's backfill computes the same totals from scratch.
    await t.dataSource.transaction(async (m) => {
      const before = await m.query(`SELECT * FROM solo_review_totals WHERE reviews > 0 ORDER BY enrollment_id`);
      await m.query(`DELETE FROM solo_review_totals`);
      await m.query(`SELECT baton_recount_solo_totals(ARRAY(SELECT id FROM enrollments))`);
      expect(await m.query(`SELECT * FROM solo_review_totals ORDER BY enrollment_id`)).toEqual(before);
    });

    await t.dataSource.query(`TRUNCATE handoff_reviews`);
    expect(await t.dataSource.query(`SELECT * FROM solo_review_totals`)).toEqual([]);
  });

  it('are right after a bulk import, which defers them and recounts once at its end', async () => {
    const header = 'conversation_id,agent_email,handed_off_at,first_response_at,csat,resolved,context_items_available,context_items_used,customer_repeated\n';
    const csv = (from: number, n: number, csat: number) =>
      header +
      Array.from({ length: n }, (_, k) => {
        const i = from + k;
        const at = Date.UTC(2026, 5, 1) + i * 60_000;
        return `bulk-${i},${emails[i % emails.length]},${new Date(at).toISOString()},${new Date(at + 15_000 + (i % 9) * 1000).toISOString()},${csat},${i % 3 > 0},4,${i % 5},${i % 11 === 0}\n`;
      }).join('');
    const post = async (body: string) => {
      const res = await fetch(`${t.url}/handoffs/import?mode=SOLO`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' }, body });
      expect(res.status).toBe(200);
      return res.json();
    };
    // Over the import's 500-row batches, every enrollment in every batch.
    expect(await post(csv(0, 1300, 4))).toMatchObject({ imported: 1300 });
    await expectTotalsMatch('after the import');
    // Half of them again with another CSAT (replaced), half new.
    expect(await post(csv(650, 1300, 2))).toMatchObject({ imported: 650, replaced: 650 });
    await expectTotalsMatch('after an import that replaces reviews');
    // The deferral ended with the import's transaction: an ordinary write updates the totals again.
    await t.dataSource.query(`DELETE FROM handoff_reviews WHERE external_id = 'bulk-0'`);
    await expectTotalsMatch('after a write following the import');
  });

  it('roll back with the write that made them', async () => {
    const before = await t.dataSource.query(`SELECT * FROM solo_review_totals ORDER BY enrollment_id`);
    await expect(
      t.dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO handoff_reviews (enrollment_id, external_id, mode, handed_off_at, first_response_at, context_items_available, context_items_used,
                                        customer_repeated, csat, resolved) VALUES ($1, 'rolled-back', 'SOLO', now(), now(), 1, 1, false, 5, true)`,
          [enrollments[0]],
        );
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await t.dataSource.query(`SELECT * FROM solo_review_totals ORDER BY enrollment_id`)).toEqual(before);
  });
});
