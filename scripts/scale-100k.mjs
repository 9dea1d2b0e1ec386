// `npm run test:100k`: the two bulk paths at company scale, against the built API. It downloads
// GET /exports/completions.csv over 100,000 enrollments, then uploads 100,000 handoff reviews to
// POST /handoffs/import in one streamed file, and checks that both stream: every row arrives (and
// is imported in one transaction), and the API's memory stays flat.
//
// - With DATABASE_URL (a PostgreSQL server): creates its own database there, and drops it afterwards.
//   Without it: an embedded PGlite database in a temporary directory.
// - Builds the API when its sources changed, starts `node dist/api/main.js` once to migrate and
//   publish the curriculum, stops it, seeds with plain SQL (generate_series: users, cohorts,
//   enrollments, week rows and some SOLO reviews), starts it again, logs in as the admin, downloads
//   the CSV while reading the API process's VmRSS every 200 ms, and prints the figures.
// - Exits non-zero when the row count is not 100,000 + the header, when the import does not report
//   100,000 imported rows, or when RSS grows by more than 100 MB during either. Not part of
//   `npm test` (it takes a minute or two).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buildIfNeeded } from './lib.mjs';
import { apiEnv, countCsvRecords, databaseUrlFor, dropDatabase, freePort, login as loginAs, mb, rss, runScript, sleep, startApi, withPg } from './bench/lib.mjs';

const ENROLLMENTS = Number(process.env.EXPORT_ROWS ?? 100_000);
const REVIEWS = Number(process.env.IMPORT_ROWS ?? 100_000);
const COHORTS = 200;
const MAX_RSS_GROWTH_MB = 100;
const ADMIN = { email: 'export-check@baton.example', password: `pw-${randomBytes(12).toString('hex')}` };

const serverUrl = process.env.DATABASE_URL;
const dataDir = mkdtempSync(join(tmpdir(), 'baton-scale-100k-'));
const dbName = `baton_scale_100k_${process.pid}_${randomBytes(3).toString('hex')}`;
let databaseUrl;
let api;

async function main() {
  buildIfNeeded({ web: false });

  if (serverUrl) {
    await withPg(serverUrl, (c) => c.query(`CREATE DATABASE "${dbName}"`));
    databaseUrl = databaseUrlFor(serverUrl, dbName);
  }
  const port = await freePort();
  const env = apiEnv({
    port,
    dataDir,
    databaseUrl,
    extra: { JWT_SECRET: randomBytes(32).toString('hex'), BATON_ADMIN_EMAIL: ADMIN.email, BATON_ADMIN_PASSWORD: ADMIN.password },
  });
  const base = `http://127.0.0.1:${port}`;

  console.log(`Database: ${databaseUrl ? `PostgreSQL server, database ${dbName}` : `embedded PGlite in ${dataDir}`}`);
  console.log('Migrating and publishing the curriculum…');
  api = await startApi(env);
  await stopApi();

  console.log(`Seeding ${ENROLLMENTS.toLocaleString('en')} enrollments…`);
  let started = performance.now();
  await seed();
  console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  api = await startApi(env);
  const token = await login(base);
  // Warm up (first request, JIT, pools), then let the heap settle before "before".
  await (await fetch(`${base}/exports/completions.csv?status=WITHDRAWN`, { headers: { authorization: `Bearer ${token}` } })).text();
  await sleep(1000);
  const before = rss(api.pid);

  let peak = before;
  const sampler = setInterval(() => {
    const now = rss(api.pid);
    if (now > peak) peak = now;
  }, 200);
  started = performance.now();
  const res = await fetch(`${base}/exports/completions.csv`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET /exports/completions.csv answered ${res.status}: ${await res.text()}`);
  const { records, bytes } = await countCsvRecords(res.body);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rss(api.pid));
  await sleep(1000);
  const after = rss(api.pid);

  const rows = records - 1;
  const growth = peak - before;
  console.log('');
  console.log(`rows        ${rows.toLocaleString('en')} (+ header)`);
  console.log(`bytes       ${bytes.toLocaleString('en')} (${mb(bytes)} MB)`);
  console.log(`seconds     ${seconds.toFixed(2)}`);
  console.log(`throughput  ${(bytes / 1024 / 1024 / seconds).toFixed(1)} MB/s, ${Math.round(rows / seconds).toLocaleString('en')} rows/s`);
  console.log(`API RSS     before ${mb(before)} MB, peak ${mb(peak)} MB (+${mb(growth)} MB), after ${mb(after)} MB`);

  const problems = [];
  if (rows !== ENROLLMENTS) problems.push(`expected ${ENROLLMENTS} rows, got ${rows}`);
  if (growth > MAX_RSS_GROWTH_MB * 1024 * 1024) problems.push(`RSS grew by ${mb(growth)} MB (limit ${MAX_RSS_GROWTH_MB} MB)`);

  // The import: one CSV of REVIEWS rows, generated as it is sent, never held whole on either side.
  await sleep(1000);
  const importBefore = rss(api.pid);
  let importPeak = importBefore;
  const importSampler = setInterval(() => {
    const now = rss(api.pid);
    if (now > importPeak) importPeak = now;
  }, 200);
  started = performance.now();
  const upload = await fetch(`${base}/handoffs/import?mode=SOLO`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: Readable.toWeb(Readable.from(handoffCsv(REVIEWS))),
    duplex: 'half',
  });
  const result = await upload.json();
  const importSeconds = (performance.now() - started) / 1000;
  clearInterval(importSampler);
  importPeak = Math.max(importPeak, rss(api.pid));
  const importGrowth = importPeak - importBefore;
  console.log('');
  console.log(`import      ${upload.status}: ${JSON.stringify(result).slice(0, 300)}`);
  console.log(`seconds     ${importSeconds.toFixed(2)}, ${Math.round(REVIEWS / importSeconds).toLocaleString('en')} rows/s`);
  console.log(`API RSS     before ${mb(importBefore)} MB, peak ${mb(importPeak)} MB (+${mb(importGrowth)} MB)`);
  if (upload.status !== 200 || result.imported !== REVIEWS) problems.push(`expected ${REVIEWS} imported reviews, got ${upload.status} ${JSON.stringify(result).slice(0, 200)}`);
  if (importGrowth > MAX_RSS_GROWTH_MB * 1024 * 1024) problems.push(`RSS grew by ${mb(importGrowth)} MB during the import (limit ${MAX_RSS_GROWTH_MB} MB)`);
  if (problems.length) {
    console.error(`\nFAILED: ${problems.join('; ')}`);
    process.exitCode = 1;
  } else console.log('\nOK: every row arrived, the import took every review in one go, and memory stayed flat.');
}

/**
 * Help-desk export rows: 200 handoffs each for 500 of the seeded trainees who are not withdrawn
 * (g % 4 !== 3), as a contact centre's export of a busy month would have them.
 */
function* handoffCsv(n) {
  const AGENTS = 667; // about 500 not withdrawn among the first 667
  yield 'conversation_id,agent_email,handed_off_at,first_response_at,csat,resolved,context_items_available,context_items_used,customer_repeated\n';
  let g = 0;
  for (let i = 1; i <= n; i++) {
    do g = (g % Math.min(AGENTS, ENROLLMENTS)) + 1;
    while (g % 4 === 3);
    const at = Date.UTC(2026, 2, 2, 9) + i * 60_000;
    yield `scale-${i},load-${g}@example.test,${new Date(at).toISOString()},${new Date(at + 25_000 + (i % 40) * 1000).toISOString()},${1 + (i % 5)},${i % 10 !== 0},4,${i % 5},${i % 17 === 0}\n`;
  }
}

/** Users, cohorts, enrollments, week rows and SOLO reviews, all from generate_series. */
function seedSql(n) {
  return [
    `INSERT INTO cohorts (name, program_version_id, starts_on, time_zone)
       SELECT 'Load cohort ' || lpad(g::text, 3, '0'), (SELECT id FROM program_versions ORDER BY published_at DESC LIMIT 1),
              date '2025-01-06' + (g % 52) * 7, 'UTC'
         FROM generate_series(1, ${COHORTS}) g`,
    `INSERT INTO users (email, name, role, employee_id, password_hash)
       SELECT 'load-' || g || '@example.test', 'Load Trainee ' || g, 'TRAINEE', 'L-' || lpad(g::text, 6, '0'), '!'
         FROM generate_series(1, ${n}) g`,
    `INSERT INTO enrollments (trainee_id, cohort_id, program_version_id, status, percent_complete, current_week, enrolled_at)
       SELECT u.id, c.id, c.program_version_id,
              (ARRAY['ACTIVE','ACTIVE','COMPLETED','WITHDRAWN'])[1 + u.g % 4], (u.g % 101)::float, 1 + u.g % 3,
              timestamptz '2025-01-06T09:00:00Z' + (u.g % 365) * interval '1 day'
         FROM (SELECT id, substr(employee_id, 3)::int AS g FROM users WHERE employee_id LIKE 'L-%') u
         JOIN (SELECT id, program_version_id, row_number() OVER (ORDER BY name) - 1 AS k FROM cohorts WHERE name LIKE 'Load cohort %') c
           ON c.k = u.g % ${COHORTS}`,
    `INSERT INTO enrollment_weeks (enrollment_id, week_number, unlocked_at, completed_at)
       SELECT e.id, w, e.enrolled_at + (w - 1) * interval '7 days',
              CASE WHEN e.current_week > w THEN e.enrolled_at + w * interval '7 days' END
         FROM enrollments e CROSS JOIN generate_series(1, 3) w`,
    // Every tenth enrollment has five SOLO reviews, so the metric columns are filled and computed.
    `INSERT INTO handoff_reviews (enrollment_id, external_id, mode, handed_off_at, first_response_at,
                                  context_items_available, context_items_used, customer_repeated, csat, resolved)
       SELECT e.id, 'load-' || r, 'SOLO', e.enrolled_at + interval '15 days' + r * interval '1 hour',
              e.enrolled_at + interval '15 days' + r * interval '1 hour' + (20 + r * 7) * interval '1 second',
              4, 3 + (r % 2), r = 5, CASE WHEN r < 4 THEN 3 + r % 3 END, r <> 2
         FROM (SELECT id, enrolled_at FROM enrollments WHERE current_week = 3 AND percent_complete::int % 10 = 0) e
         CROSS JOIN generate_series(1, 5) r`,
    `ANALYZE`,
  ];
}

async function seed() {
  const statements = seedSql(ENROLLMENTS);
  if (databaseUrl) {
    await withPg(databaseUrl, async (c) => {
      for (const s of statements) await c.query(s);
    });
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(join(dataDir, 'pglite'));
    await db.waitReady;
    try {
      for (const s of statements) await db.query(s);
    } finally {
      await db.close();
    }
  }
}

async function stopApi() {
  if (!api) return;
  const current = api;
  api = undefined;
  await current.stop();
}

const login = (base) => loginAs(base, ADMIN.email, ADMIN.password);

async function cleanUp() {
  await stopApi().catch(() => undefined);
  if (databaseUrl) await dropDatabase(serverUrl, dbName).catch((e) => console.error(`Could not drop ${dbName}: ${e.message}`));
  rmSync(dataDir, { recursive: true, force: true });
}

await runScript(main, cleanUp);
