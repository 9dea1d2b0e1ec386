#!/usr/bin/env node
// `npm run bench`: the performance goals of issue #6, measured in one run against a PostgreSQL
// server (DATABASE_URL; the bench creates its own databases there and drops them afterwards).
// What each figure means, and the latest table: docs/PERFORMANCE.md. The choices behind it:
// docs/decisions/011-benchmarks.md.
//
//   npm run bench                       full size: 10,000 trainees, 1,000,000 handoff reviews,
//                                       100,000 enrollments to export, 100,000 rows to import
//   npm run bench -- --smoke            small and short (CI): fails on statement counts and errors
//                                       only; timing goals are reported, not enforced
//   options: --trainees N --handoffs N --export-enrollments N --import-rows N --duration S
//            --skip-web --keep (keep the databases) --out FILE (default bench/results.json; with
//            --smoke, baton-bench-smoke.json in the temporary directory)
//
// It prints a table (name | figure | reference | ratio | goal | met), writes the results with the
// machine and sizes to bench/results.json, and exits 1 when a goal it enforces is missed or
// anything fails.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { buildIfNeeded, root } from '../lib.mjs';
import { apiEnv, countCsvRecords, createDatabase, databaseUrlFor, dropDatabase, freePort, graphql, login, mb, percentile, median, rss, rssSampler, runScript, sleep, startApi, stopChild, waitUntilReady, withPg } from './lib.mjs';
import { CERTIFICATION_SQL, COMPLETIONS_SELECT, DASHBOARD_SQL, IMPORT_COPY_COLUMNS } from './reference-sql.mjs';
import { BENCH_ADMIN, BENCH_HR, BENCH_PASSWORD, seedDatabase, verifySeed } from './seed.mjs';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    trainees: { type: 'string' },
    handoffs: { type: 'string' },
    'export-enrollments': { type: 'string' },
    'import-rows': { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    'skip-web': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const smoke = args.smoke;
// bench/results.json is the committed record of the latest full run; a smoke run does not replace it.
args.out ??= smoke ? join(os.tmpdir(), 'baton-bench-smoke.json') : join(root, 'bench/results.json');
const int = (v, fallback) => (v === undefined ? fallback : Number.parseInt(v, 10));
const SIZES = {
  trainees: int(args.trainees, smoke ? 500 : 10_000),
  handoffs: int(args.handoffs, smoke ? 20_000 : 1_000_000),
  exportEnrollments: int(args['export-enrollments'], smoke ? 2_000 : 100_000),
  importRows: int(args['import-rows'], smoke ? 5_000 : 100_000),
  durationSeconds: int(args.duration, smoke ? 3 : 20),
  // Load at the same concurrency before each measured load run, not counted: the API's first
  // seconds under concurrency (JIT, heap growth) are not its steady state.
  warmupSeconds: int(args.warmup, smoke ? 1 : 5),
  dashboardConnections: 16,
  webConnections: 8,
};
const TOKENS = Math.min(64, SIZES.trainees); // trainees whose tokens the dashboard load rotates through

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl?.startsWith('postgres')) {
  console.error('npm run bench needs DATABASE_URL: a PostgreSQL server where it may create and drop its own databases,\n  e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench');
  process.exit(2);
}
const tag = `${process.pid}_${Date.now().toString(36)}`;
const mainDb = `baton_bench_${tag}`;
const exportDb = `baton_bench_export_${tag}`;
const dataDir = mkdtempSync(join(os.tmpdir(), 'baton-bench-'));
const created = [];
const running = new Set();
const results = [];
const problems = [];
const log = (line) => console.log(line);

/**
 * One row of the table. kind "count" goals (statements per request) are enforced in every mode;
 * "timing" and "size" goals only in the full run, since a loaded CI box is not a benchmark machine.
 */
function record({ name, figure, unit, reference = null, referenceLabel = null, ratio = null, goal, met, kind = 'timing', note }) {
  const row = { name, figure, unit, reference, referenceLabel, ratio, goal, met, kind, enforced: kind === 'count' || !smoke, ...(note ? { note } : {}) };
  results.push(row);
  log(`  → ${name}: ${fmt(figure)} ${unit}${reference !== null ? ` (reference ${fmt(reference)}, ratio ${fmt(ratio)})` : ''} — goal ${goal}: ${met ? 'met' : 'MISSED'}`);
  return row;
}
const fmt = (v) => (v === null || v === undefined || Number.isNaN(v) ? '—' : typeof v === 'number' ? (Number.isInteger(v) || Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(2)) : String(v));

// ---------------------------------------------------------------------------------------------

const ENROLLMENT_SOURCE = readFileSync(join(root, 'web/app/lib/enrollment.server.ts'), 'utf8');
/** The exact document the web trainee home sends: the fragment and the query, as in the web app. */
function dashboardQuery() {
  const fragment = /ENROLLMENT_DETAIL = \/\* GraphQL \*\/ `([\s\S]*?)`;/.exec(ENROLLMENT_SOURCE)?.[1];
  const query = /TRAINEE_HOME = \/\* GraphQL \*\/ `([\s\S]*?)\$\{ENROLLMENT_DETAIL\}/.exec(ENROLLMENT_SOURCE)?.[1];
  if (!fragment || !query) throw new Error('Could not find the TraineeHome query in web/app/lib/enrollment.server.ts');
  return `${query}\n${fragment}`;
}

const CERTIFICATION_QUERY = `query AllCertification {
  cohorts { id enrollments { id status certification { eligible soloHandoffs minSoloHandoffs unmet metrics { code value threshold comparator met sampleSize unit } certificate { id code } } } }
}`;

/** One trainee per stage: each (status, current week), with and without work awaiting sign-off. */
async function traineePerStage(url) {
  return withPg(url, async (c) => {
    const { rows } = await c.query(
      `SELECT DISTINCT ON (e.status, e.current_week, awaiting) u.id, u.email, e.status, e.current_week, awaiting
         FROM users u JOIN enrollments e ON e.trainee_id = u.id
         CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM activity_progress ap WHERE ap.enrollment_id = e.id AND ap.status = 'AWAITING_SIGN_OFF') AS awaiting) w
        WHERE u.role = 'TRAINEE' ORDER BY e.status, e.current_week, awaiting, u.email`,
    );
    return rows;
  });
}

/** Trainees spread over every stage (ordered by email, which is by number, so stages interleave). */
async function sampleTrainees(url, n) {
  return withPg(url, async (c) => {
    const { rows } = await c.query(
      `SELECT u.id, u.email, e.id AS enrollment_id, e.status, e.current_week
         FROM users u JOIN enrollments e ON e.trainee_id = u.id
        WHERE u.role = 'TRAINEE' ORDER BY u.email`,
    );
    const step = rows.length / n;
    return Array.from({ length: Math.min(n, rows.length) }, (_, i) => rows[Math.floor(i * step)]);
  });
}

/** Runs autocannon and keeps every response time (autocannon's own summary has no p95). */
function load(opts) {
  return new Promise((resolvePromise, reject) => {
    const times = [];
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolvePromise({ result, times })));
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

/**
 * `run(SIZES.warmupSeconds)`, not counted but described in `warmupNote`, then the measured
 * `run(SIZES.durationSeconds)`: the API's first seconds under concurrency (JIT, heap growth) are
 * not its steady state.
 */
async function warmedLoad(unit, run) {
  const warmup = await run(SIZES.warmupSeconds);
  const warmupNote = `warm-up ${SIZES.warmupSeconds} s (not counted): ${warmup.times.length} ${unit}, p95 ${percentile(warmup.times, 95).toFixed(1)} ms`;
  log(`  ${warmupNote}`);
  return { ...(await run(SIZES.durationSeconds)), warmupNote };
}

/** Loops `run(i)` on `connections` concurrent workers for `seconds`, timing each call. */
async function loopFor(seconds, connections, run) {
  const times = [];
  const until = performance.now() + seconds * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const n = i++;
        const t = performance.now();
        await run(n);
        times.push(performance.now() - t);
      }
    }),
  );
  return times;
}

// ---------------------------------------------------------------------------------------------
// Statement counts: one API with BATON_STATEMENT_COUNT=1, single requests.

/** The figures the trainee home shows, from either answer, to check the reference is the same data. */
function essentials(enrollments) {
  return enrollments.map((e) => ({
    id: e.id,
    status: e.status,
    percent: Math.round(e.percentComplete * 100) / 100,
    currentWeek: e.currentWeek,
    weeks: e.weeks.map((w) => ({ number: w.number, unlocked: w.unlocked, completed: w.completed, activities: w.activities.map((a) => `${a.activity.key}:${a.status}:${a.latestSignOff?.decision ?? '-'}`) })),
    eligible: e.certification.eligible,
    soloHandoffs: e.certification.soloHandoffs,
    met: e.certification.metrics.map((m) => `${m.code}:${m.met}:${m.sampleSize}`),
    certificate: e.certification.certificate?.code ?? null,
    signOffs: e.signOffs.length,
    speedReadingAttempts: e.speedReadingAttempts.map((a) => `${a.activity.key}:${a.id}:${a.passed}`),
  }));
}

async function compareWithReference(traineeId, fromApi) {
  const [row] = await withPg(databaseUrlOf(mainDb), async (c) => (await c.query(DASHBOARD_SQL, [traineeId])).rows);
  const api = JSON.stringify(essentials(fromApi));
  const reference = JSON.stringify(essentials(row.enrollments));
  if (api === reference) return null;
  const at = [...api].findIndex((ch, i) => ch !== reference[i]);
  return `API …${api.slice(Math.max(0, at - 80), at + 80)}… vs SQL …${reference.slice(Math.max(0, at - 80), at + 80)}…`;
}

async function statementCounts() {
  log('\n== Statements per request (BATON_STATEMENT_COUNT=1)');
  const api = await startApi(apiEnv({ port: await freePort(), dataDir, databaseUrl: databaseUrlOf(mainDb), extra: { BATON_STATEMENT_COUNT: '1' } }));
  running.add(api);
  try {
    const sample = await traineePerStage(databaseUrlOf(mainDb));
    const query = dashboardQuery();
    const counts = [];
    for (const trainee of sample) {
      const token = await login(api.base, trainee.email, BENCH_PASSWORD);
      await graphql(api.base, query, {}, token); // the first request of a token may warm caches
      const { json, headers } = await graphql(api.base, query, {}, token);
      if (json.errors) throw new Error(`TraineeHome failed for ${trainee.email}: ${JSON.stringify(json.errors)}`);
      const header = headers.get('x-statement-count');
      const stage = `${trainee.status} week ${trainee.current_week}${trainee.awaiting ? ' awaiting sign-off' : ''}`;
      counts.push({ email: trainee.email, stage, statements: header === null ? null : Number(header) });
      const mismatch = await compareWithReference(trainee.id, json.data.myEnrollments);
      if (mismatch) problems.push(`the dashboard reference SQL does not return what the API does for ${stage}: ${mismatch}`);
    }
    log(`  TraineeHome: ${counts.map((c) => `${c.stage}: ${c.statements ?? '?'}`).join(', ')}`);
    const missing = counts.some((c) => c.statements === null);
    const max = missing ? null : Math.max(...counts.map((c) => c.statements));
    record({
      name: 'dashboard statements per request',
      figure: max,
      unit: 'statements',
      reference: 1,
      referenceLabel: 'the hand-written statement',
      ratio: max === null ? null : max,
      goal: '≤ 6 (max over trainees at every stage)',
      met: max !== null && max <= 6,
      kind: 'count',
      note: missing ? 'the API sent no X-Statement-Count header' : `per stage: ${counts.map((c) => `${c.stage}: ${c.statements}`).join('; ')}`,
    });

    const hr = await login(api.base, BENCH_HR, BENCH_PASSWORD);
    const { json, headers } = await graphql(api.base, CERTIFICATION_QUERY, {}, hr);
    if (json.errors) throw new Error(`The certification query failed: ${JSON.stringify(json.errors).slice(0, 500)}`);
    const n = Number(headers.get('x-statement-count'));
    log(`  certification of all enrollments (HR): ${headers.get('x-statement-count') ?? '?'} statements`);
    return { dashboard: counts, certification: Number.isFinite(n) ? n : null };
  } finally {
    await api.stop();
    running.delete(api);
  }
}

// ---------------------------------------------------------------------------------------------

async function dashboard(api) {
  log(`\n== Dashboard: TraineeHome, ${SIZES.dashboardConnections} connections, ${SIZES.durationSeconds} s, ${TOKENS} trainees' tokens`);
  const trainees = await sampleTrainees(databaseUrlOf(mainDb), TOKENS);
  const tokens = [];
  for (const t of trainees) tokens.push(await login(api.base, t.email, BENCH_PASSWORD));
  const body = JSON.stringify({ operationName: 'TraineeHome', query: dashboardQuery(), variables: {} });
  let next = 0;
  let graphqlErrors = 0;
  let firstError = null;
  const { result, times, warmupNote } = await warmedLoad('requests', (duration) =>
    load({
      url: `${api.base}/graphql`,
      connections: SIZES.dashboardConnections,
      duration,
      requests: [
        {
          method: 'POST',
          body,
          setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'content-type': 'application/json', authorization: `Bearer ${tokens[next++ % tokens.length]}` } }),
          onResponse: (status, text) => {
            if (status !== 200 || text.startsWith('{"errors"') || !text.includes('"myEnrollments"')) {
              graphqlErrors++;
              firstError ??= `${status} ${text.slice(0, 300)}`;
            }
          },
        },
      ],
    }),
  );
  const errors = result.errors + result.timeouts + result.non2xx + graphqlErrors;
  if (errors) problems.push(`dashboard: ${errors} failed requests (${firstError ?? 'connection errors or timeouts'})`);
  const p95 = percentile(times, 95);
  log(`  API: ${times.length} requests, ${(times.length / SIZES.durationSeconds).toFixed(0)}/s, p50 ${median(times).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, errors ${errors}`);

  // The reference: the same data in one statement, on 16 connections for the same time.
  const pool = new pg.Pool({ connectionString: databaseUrlOf(mainDb), max: SIZES.dashboardConnections });
  let refTimes;
  try {
    await Promise.all(trainees.slice(0, SIZES.dashboardConnections).map((t) => pool.query(DASHBOARD_SQL, [t.id])));
    refTimes = await loopFor(SIZES.durationSeconds, SIZES.dashboardConnections, (i) => pool.query(DASHBOARD_SQL, [trainees[i % trainees.length].id]));
  } finally {
    await pool.end();
  }
  const refP95 = percentile(refTimes, 95);
  log(`  one SQL statement: ${refTimes.length} queries, p50 ${median(refTimes).toFixed(1)} ms, p95 ${refP95.toFixed(1)} ms`);
  record({
    name: 'dashboard p95 (16 concurrent)',
    figure: p95,
    unit: 'ms',
    reference: refP95,
    referenceLabel: 'one hand-written SQL statement, 16 concurrent',
    ratio: p95 / refP95,
    goal: 'p95 < 50 ms',
    met: p95 < 50 && errors === 0,
    note: `${times.length} requests (${(times.length / SIZES.durationSeconds).toFixed(0)}/s), p50 ${median(times).toFixed(1)} ms; reference ${refTimes.length} statements, p50 ${median(refTimes).toFixed(1)} ms; ${warmupNote}`,
  });
}

async function certification(api) {
  log('\n== Certification of every enrollment (HR, one GraphQL request)');
  const hr = await login(api.base, BENCH_HR, BENCH_PASSWORD);
  const runs = [];
  let enrollments = 0;
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    const { json } = await graphql(api.base, CERTIFICATION_QUERY, {}, hr);
    const ms = performance.now() - t;
    if (json.errors) throw new Error(`The certification query failed: ${JSON.stringify(json.errors).slice(0, 500)}`);
    enrollments = json.data.cohorts.reduce((s, c) => s + c.enrollments.length, 0);
    if (i > 0) runs.push(ms); // the first run warms the API's caches
  }
  if (enrollments !== SIZES.trainees) problems.push(`certification: ${enrollments} enrollments answered, expected ${SIZES.trainees}`);
  const refRuns = await withPg(databaseUrlOf(mainDb), async (c) => {
    await c.query(CERTIFICATION_SQL);
    const out = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await c.query(CERTIFICATION_SQL);
      out.push(performance.now() - t);
    }
    return out;
  });
  const figure = median(runs);
  const reference = median(refRuns);
  record({
    name: `certification of ${enrollments.toLocaleString('en')} enrollments`,
    figure,
    unit: 'ms',
    reference,
    referenceLabel: 'one GROUP BY over the SOLO reviews',
    ratio: figure / reference,
    goal: '≤ 1.5 × the GROUP BY',
    met: figure / reference <= 1.5,
    note: `median of 3 requests after a warm-up: ${runs.map((r) => r.toFixed(0)).join(', ')} ms; GROUP BY ${refRuns.map((r) => r.toFixed(0)).join(', ')} ms`,
  });
}

/** Help-desk export rows for the import, spread over up to 1,000 trainees who are not withdrawn. */
async function importAgents() {
  return withPg(databaseUrlOf(mainDb), async (c) => {
    const { rows } = await c.query(
      `SELECT u.email, e.id AS enrollment_id FROM users u JOIN enrollments e ON e.trainee_id = u.id
        WHERE u.role = 'TRAINEE' AND e.status <> 'WITHDRAWN' ORDER BY u.email LIMIT 1000`,
    );
    return rows;
  });
}

function importRow(i, agents) {
  const agent = agents[i % agents.length];
  const at = Date.UTC(2026, 8, 1, 9) + i * 30_000;
  return { agent, id: `bench-import-${i + 1}`, handed: new Date(at).toISOString(), first: new Date(at + 20_000 + (i % 40) * 1000).toISOString(), csat: i % 7 === 0 ? null : 1 + (i % 5), resolved: i % 10 !== 0, available: 4, used: i % 5, repeated: i % 17 === 0 };
}

function* importCsv(n, agents) {
  yield 'conversation_id,agent_email,handed_off_at,first_response_at,csat,resolved,context_items_available,context_items_used,customer_repeated\n';
  let lines = [];
  for (let i = 0; i < n; i++) {
    const r = importRow(i, agents);
    lines.push(`${r.id},${r.agent.email},${r.handed},${r.first},${r.csat ?? ''},${r.resolved},${r.available},${r.used},${r.repeated}\n`);
    if (lines.length === 1000) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length) yield lines.join('');
}

function* importCopyRows(n, agents) {
  let lines = [];
  for (let i = 0; i < n; i++) {
    const r = importRow(i, agents);
    lines.push(`${r.agent.enrollment_id},${r.id},SOLO,${r.handed},${r.first},${r.available},${r.used},${r.repeated},${r.csat ?? ''},${r.resolved}\n`);
    if (lines.length === 1000) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length) yield lines.join('');
}

async function importBench(api) {
  log(`\n== Import: ${SIZES.importRows.toLocaleString('en')} handoff reviews in one CSV (POST /handoffs/import)`);
  const agents = await importAgents();
  const admin = await login(api.base, BENCH_ADMIN, BENCH_PASSWORD);
  const memory = rssSampler(api.pid);
  const before = rss(api.pid);
  const t = performance.now();
  const res = await fetch(`${api.base}/handoffs/import?mode=SOLO`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
    body: Readable.toWeb(Readable.from(importCsv(SIZES.importRows, agents))),
    duplex: 'half',
  });
  const answer = await res.json();
  const seconds = (performance.now() - t) / 1000;
  const peak = memory.stop();
  const oneTransaction = res.status === 200 && answer.imported === SIZES.importRows && answer.rows === SIZES.importRows;
  if (!oneTransaction) problems.push(`import: expected ${SIZES.importRows} imported rows in one go, got ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
  const rowsPerSecond = SIZES.importRows / seconds;
  log(`  API: ${res.status} ${JSON.stringify(answer).slice(0, 200)} in ${seconds.toFixed(2)} s; RSS +${mb(peak - before)} MB`);

  // The reference: COPY FROM of the same rows into a table shaped like handoff_reviews.
  const refSeconds = await withPg(databaseUrlOf(mainDb), async (c) => {
    await c.query(`CREATE TABLE bench_import_reference (LIKE handoff_reviews INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    try {
      const start = performance.now();
      await c.query('BEGIN');
      await pipeline(Readable.from(importCopyRows(SIZES.importRows, agents)), c.query(copyStreams.from(`COPY bench_import_reference (${IMPORT_COPY_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`)));
      await c.query('COMMIT');
      return (performance.now() - start) / 1000;
    } finally {
      await c.query('DROP TABLE bench_import_reference');
    }
  });
  const refRowsPerSecond = SIZES.importRows / refSeconds;
  log(`  COPY FROM: ${refSeconds.toFixed(2)} s`);
  record({
    name: `import of ${SIZES.importRows.toLocaleString('en')} reviews`,
    figure: rowsPerSecond,
    unit: 'rows/s',
    reference: refRowsPerSecond,
    referenceLabel: 'COPY FROM of the same rows',
    ratio: rowsPerSecond / refRowsPerSecond,
    goal: '≥ 20,000 rows/s in one transaction',
    met: rowsPerSecond >= 20_000 && oneTransaction,
    note: `${seconds.toFixed(2)} s for ${SIZES.importRows} rows to ${agents.length} trainees (${answer.enrollmentsUpdated ?? '?'} enrollments recomputed); API RSS +${mb(peak - before)} MB; COPY ${refSeconds.toFixed(2)} s`,
  });
}

async function exportBench() {
  log(`\n== Export: completions.csv of ${SIZES.exportEnrollments.toLocaleString('en')} enrollments`);
  const api = await startApi(apiEnv({ port: await freePort(), dataDir, databaseUrl: databaseUrlOf(exportDb) }));
  running.add(api);
  let apiResult;
  try {
    const hr = await login(api.base, BENCH_HR, BENCH_PASSWORD);
    await (await fetch(`${api.base}/exports/completions.csv?status=WITHDRAWN`, { headers: { authorization: `Bearer ${hr}` } })).text();
    await sleep(1000);
    const before = rss(api.pid);
    const memory = rssSampler(api.pid);
    const t = performance.now();
    const res = await fetch(`${api.base}/exports/completions.csv`, { headers: { authorization: `Bearer ${hr}` } });
    if (res.status !== 200) throw new Error(`GET /exports/completions.csv answered ${res.status}: ${await res.text()}`);
    const { records, bytes } = await countCsvRecords(res.body);
    const seconds = (performance.now() - t) / 1000;
    const peak = memory.stop();
    apiResult = { rows: records - 1, bytes, seconds, growth: peak - before };
    if (apiResult.rows !== SIZES.exportEnrollments) problems.push(`export: ${apiResult.rows} rows, expected ${SIZES.exportEnrollments}`);
    log(`  API: ${apiResult.rows} rows, ${mb(bytes)} MB in ${seconds.toFixed(2)} s; RSS ${mb(before)} MB, peak +${mb(apiResult.growth)} MB`);
  } finally {
    await api.stop();
    running.delete(api);
  }
  const ref = await withPg(databaseUrlOf(exportDb), async (c) => {
    let bytes = 0;
    const sink = new Writable({
      write(chunk, _enc, done) {
        bytes += chunk.length;
        done();
      },
    });
    const t = performance.now();
    await pipeline(c.query(copyStreams.to(`COPY (${COMPLETIONS_SELECT}) TO STDOUT WITH (FORMAT csv, HEADER)`)), sink);
    return { bytes, seconds: (performance.now() - t) / 1000 };
  });
  log(`  COPY TO: ${mb(ref.bytes)} MB in ${ref.seconds.toFixed(2)} s`);
  const bps = apiResult.bytes / apiResult.seconds / 1024 / 1024;
  const refBps = ref.bytes / ref.seconds / 1024 / 1024;
  record({
    name: `export of ${SIZES.exportEnrollments.toLocaleString('en')} enrollments`,
    figure: bps,
    unit: 'MB/s',
    reference: refBps,
    referenceLabel: 'COPY (same SELECT) TO STDOUT WITH CSV',
    ratio: bps / refBps,
    goal: '≥ 0.5 × COPY',
    met: bps / refBps >= 0.5,
    note: `${mb(apiResult.bytes)} MB in ${apiResult.seconds.toFixed(2)} s; COPY ${mb(ref.bytes)} MB in ${ref.seconds.toFixed(2)} s`,
  });
  record({
    name: 'export: API RSS growth',
    figure: apiResult.growth / 1024 / 1024,
    unit: 'MB',
    goal: '< 100 MB',
    met: apiResult.growth < 100 * 1024 * 1024,
    kind: 'size',
  });
}

// ---------------------------------------------------------------------------------------------
// Web: the app as scripts/start.mjs starts it, a trainee signed in like a browser.

const decode = (s) => s.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
const attr = (tag, name) => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decode(m[2] ?? m[3] ?? m[4] ?? '') : null;
};

class CookieJar {
  cookies = new Map();
  take(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** GET /login, then POST its form back with every hidden input, the email and the password. */
async function browserSignIn(base, email, password) {
  const jar = new CookieJar();
  const page = await fetch(`${base}/login`, { redirect: 'manual' });
  jar.take(page);
  const html = await page.text();
  const form = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)].map((m) => m[0]).find((f) => /name=["']?password/i.test(f));
  if (!form) throw new Error('No sign-in form with a password field on /login');
  const fields = new URLSearchParams();
  for (const [input] of form.matchAll(/<input\b[^>]*>/gi)) {
    const name = attr(input, 'name');
    if (name && attr(input, 'type')?.toLowerCase() === 'hidden') fields.set(name, attr(input, 'value') ?? '');
  }
  fields.set('email', email);
  fields.set('password', password);
  const action = new URL(attr(/<form\b[^>]*>/i.exec(form)[0], 'action') ?? '/login', `${base}/login`);
  const res = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header(), origin: base, referer: `${base}/login` },
    body: fields,
  });
  jar.take(res);
  if (res.status < 300 || res.status >= 400) throw new Error(`Signing in on the web answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return jar.header();
}

/** Every JS module the page loads before it is interactive: scripts, modulepreloads and their static imports. */
async function pageJavaScript(base, html) {
  const urls = new Set();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) if (attr(tag, 'src')) urls.add(new URL(attr(tag, 'src'), base).href);
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) if (attr(tag, 'rel')?.toLowerCase() === 'modulepreload' && attr(tag, 'href')) urls.add(new URL(attr(tag, 'href'), base).href);
  for (const [, body] of html.matchAll(/<script\b[^>]*type=["']?module["']?[^>]*>([\s\S]*?)<\/script>/gi)) {
    for (const [, spec] of body.matchAll(/\bimport\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g)) urls.add(new URL(spec, base).href);
  }
  const sizes = new Map();
  const queue = [...urls];
  while (queue.length) {
    const url = queue.shift();
    if (sizes.has(url)) continue;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    const code = Buffer.from(await res.arrayBuffer());
    sizes.set(url, { raw: code.length, gzip: gzipSync(code).length });
    for (const [, spec] of code.toString('utf8').matchAll(/\bimport\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+\.js)["']/g)) queue.push(new URL(spec, url).href);
  }
  return sizes;
}

async function webBench() {
  log(`\n== Web: trainee home (${SIZES.webConnections} connections, ${SIZES.durationSeconds} s)`);
  const [port, apiPort] = [await freePort(), await freePort()];
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...apiEnv({ port: apiPort, dataDir, databaseUrl: databaseUrlOf(mainDb) }),
    PORT: String(port),
    SESSION_SECRET: 'bench-only-session-secret-0123456789abcdef0123456789',
    BATON_PUBLIC_URL: base,
  };
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const handle = { stop: () => stopChild(child, exited) };
  running.add(handle);
  try {
    await waitUntilReady(`${base}/login`, exited, () => `The web app (scripts/start.mjs):\n${stderr}\n`);
    const [trainee] = await withPg(databaseUrlOf(mainDb), async (c) =>
      (await c.query(`SELECT u.email FROM users u JOIN enrollments e ON e.trainee_id = u.id WHERE e.status = 'ACTIVE' AND e.current_week = 1 ORDER BY u.email LIMIT 1`)).rows,
    );
    const cookie = await browserSignIn(base, trainee.email, BENCH_PASSWORD);
    const home = await fetch(`${base}/`, { headers: { cookie }, redirect: 'manual' });
    const html = await home.text();
    if (home.status !== 200 || !html.includes('Your training')) throw new Error(`GET / as ${trainee.email} answered ${home.status}: ${html.slice(0, 300)}`);
    const js = await pageJavaScript(base, html);
    const gzipKb = [...js.values()].reduce((s, f) => s + f.gzip, 0) / 1024;
    const rawKb = [...js.values()].reduce((s, f) => s + f.raw, 0) / 1024;
    log(`  ${js.size} JS files, ${rawKb.toFixed(1)} kB, ${gzipKb.toFixed(1)} kB gzipped`);
    record({ name: 'web: JS on the trainee home (gzipped)', figure: gzipKb, unit: 'kB', goal: '≤ 120 kB', met: gzipKb <= 120, kind: 'size', note: `${js.size} files, ${rawKb.toFixed(1)} kB before gzip (level 6)` });

    let bad = 0;
    let firstBad = null;
    const { result, times, warmupNote } = await warmedLoad('pages', (duration) =>
      load({
        url: `${base}/`,
        connections: SIZES.webConnections,
        duration,
        headers: { cookie },
        requests: [
          {
            method: 'GET',
            onResponse: (status, text) => {
              if (status !== 200 || !text.includes('Your training')) {
                bad++;
                firstBad ??= `${status} ${text.slice(0, 200)}`;
              }
            },
          },
        ],
      }),
    );
    const errors = result.errors + result.timeouts + result.non2xx + bad;
    if (errors) problems.push(`web: ${errors} failed page loads (${firstBad ?? 'connection errors or timeouts'})`);
    const p95 = percentile(times, 95);
    log(`  SSR: ${times.length} pages, p50 ${median(times).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, errors ${errors}`);
    record({ name: `web: SSR of / (${SIZES.webConnections} concurrent)`, figure: p95, unit: 'ms', goal: 'p95 < 100 ms', met: p95 < 100 && errors === 0, note: `${times.length} pages (${(times.length / SIZES.durationSeconds).toFixed(0)}/s), p50 ${median(times).toFixed(1)} ms; ${warmupNote}` });
  } finally {
    await handle.stop();
    running.delete(handle);
  }
}

// ---------------------------------------------------------------------------------------------

const databaseUrlOf = (name) => databaseUrlFor(serverUrl, name);

async function machine() {
  const cpus = os.cpus();
  const postgres = await withPg(serverUrl, async (c) => (await c.query('SHOW server_version')).rows[0].server_version);
  return { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGb: Math.round(os.totalmem() / 1024 ** 3), os: `${os.type()} ${os.release()}`, node: process.version, postgres, loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))) };
}

function printTable() {
  const head = ['name', 'figure', 'reference', 'ratio', 'goal', 'met'];
  const rows = results.map((r) => [r.name, `${fmt(r.figure)} ${r.unit}`, r.reference === null ? '—' : `${fmt(r.reference)} ${r.unit}`, r.ratio === null ? '—' : fmt(r.ratio), r.goal, r.met ? 'yes' : r.enforced ? 'NO' : 'no (not enforced)']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${line(head)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}`);
}

async function cleanUp() {
  for (const r of running) await r.stop().catch(() => undefined);
  if (!args.keep) for (const name of created) await dropDatabase(serverUrl, name).catch((e) => console.error(`Could not drop ${name}: ${e.message}`));
  else if (created.length) console.log(`Kept the databases: ${created.join(', ')}`);
  rmSync(dataDir, { recursive: true, force: true });
}

async function main() {
  const startedAt = new Date();
  const t0 = performance.now();
  buildIfNeeded({ api: true, web: !args['skip-web'] });
  const info = await machine();
  log(`Bench (${smoke ? 'smoke' : 'full'}): ${JSON.stringify(SIZES)}\nMachine: ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB, PostgreSQL ${info.postgres}, load ${info.loadAverage.join(' ')}`);
  if (info.loadAverage[0] > info.cores * 0.75) log(`WARNING: the machine is busy (load ${info.loadAverage[0]} on ${info.cores} cores): the timings will say more about the other work than about Baton.`);

  log(`\n== Seeding ${mainDb}`);
  await createDatabase(serverUrl, mainDb);
  created.push(mainDb);
  const mainSeed = await seedDatabase({ databaseUrl: databaseUrlOf(mainDb), dataDir, trainees: SIZES.trainees, handoffs: SIZES.handoffs, log });
  log(`  ${mainSeed.seconds.toFixed(1)} s: ${Object.entries(mainSeed.counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  mainSeed.verified = await verifySeed({ databaseUrl: databaseUrlOf(mainDb), dataDir, sample: 200, log });
  if (mainSeed.verified.differ) problems.push(`seed: ${mainSeed.verified.differ} of ${mainSeed.verified.checked} enrollments differ from the app's progress recompute`);
  log(`\n== Seeding ${exportDb} (${SIZES.exportEnrollments} enrollments to export)`);
  await createDatabase(serverUrl, exportDb);
  created.push(exportDb);
  const exportSeed = await seedDatabase({ databaseUrl: databaseUrlOf(exportDb), dataDir: mkdtempSync(join(dataDir, 'export-')), trainees: SIZES.exportEnrollments, log });
  log(`  ${exportSeed.seconds.toFixed(1)} s: ${Object.entries(exportSeed.counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);

  const counts = await statementCounts();
  const api = await startApi(apiEnv({ port: await freePort(), dataDir, databaseUrl: databaseUrlOf(mainDb) }));
  running.add(api);
  try {
    await dashboard(api);
    await certification(api);
  } finally {
    await api.stop();
    running.delete(api);
  }
  if (!args['skip-web']) await webBench();
  const importApi = await startApi(apiEnv({ port: await freePort(), dataDir, databaseUrl: databaseUrlOf(mainDb) }));
  running.add(importApi);
  try {
    await importBench(importApi);
  } finally {
    await importApi.stop();
    running.delete(importApi);
  }
  await exportBench();

  printTable();
  const missed = results.filter((r) => !r.met);
  const failing = missed.filter((r) => r.enforced);
  const out = {
    date: startedAt.toISOString(),
    mode: smoke ? 'smoke' : 'full',
    sizes: SIZES,
    machine: { ...info, loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))) },
    seed: { main: mainSeed, export: exportSeed },
    statementCounts: counts,
    results,
    problems,
    missed: missed.map((r) => r.name),
    seconds: Math.round((performance.now() - t0) / 1000),
  };
  const outPath = resolve(args.out);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nWrote ${outPath} (${out.seconds} s in all).`);
  for (const p of problems) console.error(`PROBLEM: ${p}`);
  if (missed.length) console.log(`Goals missed: ${missed.map((r) => `${r.name}${r.enforced ? '' : ' (not enforced in smoke mode)'}`).join('; ')}`);
  if (failing.length || problems.length) process.exitCode = 1;
}

await runScript(main, cleanUp);
