#!/usr/bin/env node
// `npm run bench:seed -- --trainees 10000 [--handoffs 1000000] [--verify N]`: a deterministic benchmark dataset
// in the database of DATABASE_URL (a PostgreSQL server), or without it in the embedded PGlite
// database of BATON_DATA_DIR (./.data; small sizes only). The database must not hold a bench
// dataset yet. `npm run bench` calls seedDatabase() on scratch databases of its own.
//
// How: the built API is started once on the database to run the migrations and publish
// curriculum/, then stopped; the rows are generated here and written with COPY, in chunks of
// trainees (users, enrollments, week and activity progress rows, attempts, shadowing
// observations, role-plays, sign-offs, handoff reviews, certificates). Every trainee's history is
// drawn from a PRNG seeded with the trainee's number, so the same arguments give the same rows
// (ids included; only the curriculum's own ids come from the API). The progress rows are computed
// by the API's own pure rules (progress/domain/progress-rules.ts) from the generated events, and
// every "eligible" or "certified" trainee is checked against certification-rules.ts, so the data
// is what the app would have written itself. `--verify N` proves it afterwards: the API's own
// progress recompute runs for N enrollments (rolled back) and must change nothing.
//
// Stages, by share of trainees: week 1 (15%), week 2 (15%), week 3 (20%) in progress, awaiting a
// supervisor's sign-off (10%), eligible for certification (15%), certified (20%), withdrawn (5%).
// Handoff reviews: 10–15 SUPERVISED per trainee past week 2's supervised handoffs, at least 20
// SOLO (on target) per trainee at or past solo sign-off, fewer or weaker for week 3; the rest of
// `--handoffs` goes to the SOLO reviews of those trainees, so the total is exactly `--handoffs`.
// Without `--handoffs`, only those minimums (about 18 per trainee).
import { createHash, scryptSync } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { buildIfNeeded, root } from '../lib.mjs';
import { apiEnv, freePort, startApi } from './lib.mjs';

export const BENCH_DOMAIN = 'bench.example';
export const BENCH_PASSWORD = 'bench-password-2026';
export const BENCH_ADMIN = `bench-admin@${BENCH_DOMAIN}`;
export const BENCH_HR = `bench-hr@${BENCH_DOMAIN}`;
export const traineeEmail = (t) => `trainee-${String(t + 1).padStart(6, '0')}@${BENCH_DOMAIN}`;

const PROGRAM_KEY = 'ai-handoff';
const TRAINEES_PER_COHORT = 50;
const COHORTS_PER_SUPERVISOR = 2;
const CHUNK = 1000; // trainees per round of COPYs
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Every date derives from this fixed instant (not from "now"), so reruns give the same rows.
const ANCHOR = Date.UTC(2026, 8, 7, 9); // Monday 7 September 2026, 09:00 UTC
const TIME_ZONES = ['Europe/London', 'America/New_York', 'Asia/Singapore', 'UTC'];
const FIRST = ['Amara', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farah', 'Gabe', 'Hana', 'Ines', 'Jamal', 'Kofi', 'Lena', 'Mateo', 'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zoe', 'Aiko', 'Bruno', 'Chiara', 'Diego', 'Emeka', 'Fatima', 'Goran', 'Hiroshi', 'Ingrid', 'Jonas', 'Keira', 'Luca', 'Mei', 'Nikolai'];
const LAST = ['Diallo', 'Carter', 'Nguyen', 'Patel', 'Rossi', 'Haddad', 'Morris', 'Sato', 'Moreau', 'Wright', 'Okafor', 'Fernández', 'Fischer', 'Kowalski', 'Andersson', 'Mensah', 'Silva', 'Kim', 'Novak', 'Jensen', 'Costa', 'Dubois', 'Schmidt', 'Ibrahim', 'Tanaka', 'Murphy', 'Ahmed', 'Garcia', 'Olsen', 'Rahman', 'Lopez', 'Yilmaz', 'Ivanova', 'Brown', 'Chen', 'Singh', 'Martin', 'Owusu', 'Larsen', 'Reyes', 'Kaur', 'Bianchi', 'Horvat', 'Nakamura', 'Adeyemi', 'Walsh', 'Petrov', 'Lindqvist', 'Mbeki', "O'Brien"];
const OBSERVATION = [
  'Billing escalation: customer charged twice, already angry with the assistant.',
  'Opened with the name, the double charge and "two minutes"; never asked for the order number.',
  'Confirm the refund reached the card before closing.',
];

/** mulberry32: a small, fast PRNG; one per trainee, seeded with the trainee's number. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), pick: (xs) => xs[Math.floor(next() * xs.length)] };
}

/** Deterministic ids: a tag per table and a counter. */
const uuid = (tag, n) => `${tag}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const ID = { user: 'b0000001', supervisor: 'b000000a', trainee: 'b000000b', cohort: 'b0000002', enrollment: 'b0000003', attempt: 'b0000004', observation: 'b0000005', rolePlay: 'b0000006', signOff: 'b0000007', review: 'b0000008', certificate: 'b0000009' };

/** The API's own password scheme (api/src/common/auth/password.ts) with a fixed salt: same hash every run. */
function benchPasswordHash() {
  const [N, r, p] = [16384, 8, 1];
  const salt = createHash('sha256').update('baton-bench-salt').digest().subarray(0, 16);
  const key = scryptSync(BENCH_PASSWORD.normalize('NFKC'), salt, 32, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function certificateCode(t) {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const chars = [...createHash('sha256').update(`bench-certificate-${t}`).digest().subarray(0, 12)].map((b) => alphabet[b % 32]).join('');
  return `BTN-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

// ---------------------------------------------------------------------------------------------
// CSV for COPY … WITH (FORMAT csv): an unquoted empty cell is NULL, everything else is quoted.

function cell(v) {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return `"${s.replaceAll('"', '""')}"`;
}

const TABLES = {
  users: ['id', 'email', 'name', 'role', 'employee_id', 'password_hash', 'active', 'created_at'],
  cohorts: ['id', 'name', 'program_version_id', 'starts_on', 'time_zone', 'created_at'],
  cohort_supervisors: ['cohort_id', 'supervisor_id', 'assigned_at'],
  enrollments: ['id', 'trainee_id', 'cohort_id', 'program_version_id', 'status', 'percent_complete', 'current_week', 'enrolled_at', 'completed_at', 'withdrawn_at', 'certification_cycle'],
  enrollment_weeks: ['enrollment_id', 'week_number', 'unlocked_at', 'completed_at'],
  activity_progress: ['enrollment_id', 'activity_id', 'status', 'best_score', 'completed_at', 'overridden', 'updated_at'],
  attempts: ['id', 'enrollment_id', 'activity_id', 'started_at', 'submitted_at', 'score', 'passed', 'prompt', 'answers', 'feedback'],
  shadowing_observations: ['id', 'enrollment_id', 'activity_id', 'observed_at', 'situation', 'did_well', 'would_change', 'logged_at'],
  role_play_sessions: ['id', 'enrollment_id', 'activity_id', 'agent_id', 'customer_id', 'brief_key', 'status', 'created_at', 'card_opened_at', 'first_response_at', 'ended_at', 'customer_rating', 'rated_at'],
  sign_offs: ['id', 'enrollment_id', 'activity_id', 'supervisor_id', 'decision', 'comment', 'signed_at'],
  handoff_reviews: ['id', 'enrollment_id', 'external_id', 'mode', 'handed_off_at', 'first_response_at', 'context_items_available', 'context_items_used', 'customer_repeated', 'csat', 'resolved', 'reviewer_id', 'recorded_at'],
  certificates: ['id', 'enrollment_id', 'cycle', 'code', 'issued_at', 'expires_at', 'issued_by', 'trainee_name', 'program_title', 'program_version_id', 'metrics_snapshot'],
};
// Parents before children, for the foreign keys.
const CHUNK_TABLES = ['users', 'enrollments', 'enrollment_weeks', 'activity_progress', 'attempts', 'shadowing_observations', 'role_play_sessions', 'sign_offs', 'handoff_reviews', 'certificates'];

class Rows {
  constructor() {
    this.parts = Object.fromEntries(Object.keys(TABLES).map((t) => [t, []]));
    this.counts = Object.fromEntries(Object.keys(TABLES).map((t) => [t, 0]));
  }
  add(table, values) {
    this.parts[table].push(values.map(cell).join(','));
    this.counts[table]++;
  }
  take(table) {
    const lines = this.parts[table];
    this.parts[table] = [];
    return lines.length ? `${lines.join('\n')}\n` : '';
  }
}

/** Where the rows go: a pg client (COPY FROM STDIN) or PGlite (COPY FROM '/dev/blob'). */
async function openSink({ databaseUrl, dataDir }) {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return {
      query: async (sql, params) => (await client.query(sql, params)).rows,
      async copy(table, csv) {
        if (!csv) return;
        const stream = client.query(copyStreams.from(`COPY ${table} (${TABLES[table].join(', ')}) FROM STDIN WITH (FORMAT csv)`));
        await pipeline(Readable.from([Buffer.from(csv)]), stream);
      },
      close: () => client.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(join(dataDir, 'pglite'));
  await db.waitReady;
  return {
    query: async (sql, params) => (await db.query(sql, params)).rows,
    async copy(table, csv) {
      if (!csv) return;
      await db.query(`COPY ${table} (${TABLES[table].join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) });
    },
    close: () => db.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// The plan: each trainee's stage and handoff counts, decided before any row is written so that
// the total of handoff reviews can be exactly what was asked for.

const STAGES = [
  ['week1', 0.15],
  ['week2', 0.15],
  ['week3', 0.2],
  ['awaiting', 0.1],
  ['eligible', 0.15],
  ['certified', 0.2],
  ['withdrawn', 0.05],
];

function curriculumShape(activities) {
  const idx = (kind) => activities.findIndex((a) => a.kind === kind);
  const weekRange = (w) => {
    const i = activities.map((a, n) => (a.week_number === w ? n : -1)).filter((n) => n >= 0);
    return [i[0], i[i.length - 1]];
  };
  const weeks = [...new Set(activities.map((a) => a.week_number))].sort((a, b) => a - b);
  return {
    total: activities.length,
    weeks: weeks.map(weekRange),
    supervised: idx('SUPERVISED_HANDOFFS'),
    solo: idx('SOLO_HANDOFFS'),
    signOffIdx: activities.map((a, n) => (a.requires_sign_off ? n : -1)).filter((n) => n >= 0),
  };
}

function planTrainee(t, shape, activities) {
  const rng = prng(0x9e3779b1 ^ Math.imul(t + 1, 2654435761));
  let x = rng.next();
  let stage = STAGES[STAGES.length - 1][0];
  for (const [name, share] of STAGES) {
    if (x < share) {
      stage = name;
      break;
    }
    x -= share;
  }
  const inWeek = (w) => {
    const [lo, hi] = shape.weeks[Math.min(w, shape.weeks.length) - 1];
    const k = rng.int(lo, hi);
    const next = activities[k].requires_sign_off ? rng.pick(['started', 'changes-requested']) : rng.pick(['started', null]);
    return { k, next };
  };
  let k;
  let next = null;
  if (stage === 'week1' || stage === 'week2' || stage === 'week3') ({ k, next } = inWeek(Number(stage.slice(4))));
  else if (stage === 'awaiting') {
    k = rng.pick(shape.signOffIdx);
    next = 'awaiting';
  } else if (stage === 'eligible' || stage === 'certified') k = shape.total;
  else k = rng.int(0, shape.total - 1);

  // Handoff reviews: supervised ones once the supervised activity is reached, solo ones likewise.
  const reached = (i) => i >= 0 && (i < k || (i === k && next));
  const supervised = reached(shape.supervised) ? (shape.supervised < k || next !== 'started' ? rng.int(10, 15) : rng.int(1, 9)) : 0;
  let soloMin = 0;
  let soloQuality = 'good';
  let soloExtra = false;
  if (reached(shape.solo)) {
    if (shape.solo === k && next === 'started') {
      // Week 3 in progress: a few reviews so far, or many that miss the targets.
      soloQuality = rng.next() < 0.5 ? 'weak' : 'good';
      soloMin = soloQuality === 'weak' ? rng.int(20, 30) : rng.int(1, 19);
      soloExtra = soloQuality === 'weak';
    } else {
      soloMin = rng.int(20, 25);
      soloExtra = true;
    }
  }
  return { t, stage, k, next, withdrawn: stage === 'withdrawn', certified: stage === 'certified', supervised, soloMin, soloQuality, soloExtra, weight: 0.5 + rng.next(), rng };
}

function plan(trainees, handoffs, shape, activities) {
  const plans = Array.from({ length: trainees }, (_, t) => planTrainee(t, shape, activities));
  const base = plans.reduce((s, p) => s + p.supervised + p.soloMin, 0);
  const total = handoffs ?? base;
  if (total < base) throw new Error(`--handoffs must be at least ${base} for ${trainees} trainees (their supervised and minimum solo reviews)`);
  const takers = plans.filter((p) => p.soloExtra);
  const weight = takers.reduce((s, p) => s + p.weight, 0);
  let rest = total - base;
  if (rest > 0 && takers.length === 0) throw new Error('No trainee takes SOLO reviews: use more trainees or leave --handoffs out');
  const share = rest;
  for (const p of takers) {
    p.solo = p.soloMin + Math.floor((share * p.weight) / weight);
    rest -= p.solo - p.soloMin;
  }
  for (const p of plans) p.solo ??= p.soloMin;
  for (let i = 0; rest > 0; i = (i + 1) % takers.length, rest--) takers[i].solo++;
  return { plans, total };
}

// ---------------------------------------------------------------------------------------------
// One trainee's history, as rows.

function activityTimes(enrolledAt, activities) {
  const perWeek = new Map();
  for (const a of activities) perWeek.set(a.week_number, (perWeek.get(a.week_number) ?? 0) + 1);
  const seen = new Map();
  return activities.map((a) => {
    const p = seen.get(a.week_number) ?? 0;
    seen.set(a.week_number, p + 1);
    const step = (6 * DAY) / (perWeek.get(a.week_number) + 1);
    return enrolledAt + (a.week_number - 1) * 7 * DAY + Math.round((p + 1) * step);
  });
}

function reviewValues(i, quality, rng) {
  if (quality === 'good') {
    return { ttfr: rng.int(12, 55), available: 4, used: 4, repeated: false, csat: i % 9 === 8 ? null : i % 4 === 0 ? 4 : 5, resolved: i % 25 !== 24 };
  }
  if (quality === 'weak') {
    return { ttfr: rng.int(40, 130), available: 4, used: i % 3 === 0 ? 3 : 4, repeated: i % 8 === 0, csat: 3 + (i % 3), resolved: i % 6 !== 0 };
  }
  return { ttfr: rng.int(20, 90), available: 3 + (i % 2), used: 3, repeated: i % 10 === 0, csat: 3 + (i % 3), resolved: i % 7 !== 0 };
}

function writeTrainee(p, ctx, rows) {
  const { activities, version, rules, passwordHash, cohortOf, counters } = ctx;
  const { t, k, next, rng } = p;
  const userId = uuid(ID.trainee, t + 1);
  const cohort = cohortOf(t);
  const enrollmentId = uuid(ID.enrollment, t + 1);
  const email = traineeEmail(t);
  const name = `${FIRST[t % FIRST.length]} ${LAST[Math.floor(t / FIRST.length) % LAST.length]}`;
  const enrolledAt = cohort.startsAt + (t % 5) * HOUR;
  rows.add('users', [userId, email, name, 'TRAINEE', `B-${String(t + 1).padStart(6, '0')}`, passwordHash, true, new Date(enrolledAt - 3 * DAY)]);

  const times = activityTimes(enrolledAt, activities);
  const events = [];
  let lastEventAt = enrolledAt;
  const solo = { reviews: 0, ttfr: 0, used: 0, available: 0, repeated: 0, csatSum: 0, csatCount: 0, resolved: 0 };
  const at = (ms) => {
    if (ms > lastEventAt) lastEventAt = ms;
    return new Date(ms);
  };

  activities.forEach((a, i) => {
    const ev = { activityId: a.id, weekNumber: a.week_number, kind: a.kind, requiresSignOff: a.requires_sign_off, attemptsStarted: 0, bestScore: null, firstPassedAt: null, lastPassedAt: null, loggedWork: 0, lastLoggedWorkAt: null, requiredWork: a.kind === 'SHADOWING' || a.kind === 'ROLE_PLAY' ? Math.max(1, a.config?.minimumCount ?? 1) : 1, latestSignOff: null, override: null };
    events.push(ev);
    const state = i < k ? 'done' : i === k ? next : null;
    if (!state) return;
    const T = times[i];
    const fullWork = state !== 'started' || a.kind === 'SUPERVISED_HANDOFFS' || a.kind === 'SOLO_HANDOFFS';
    switch (a.kind) {
      case 'SHADOWING': {
        const n = fullWork ? ev.requiredWork : Math.max(1, ev.requiredWork - 2);
        for (let j = 0; j < n; j++) {
          const logged = T - (n - j) * 3 * HOUR;
          rows.add('shadowing_observations', [uuid(ID.observation, ++counters.observation), enrollmentId, a.id, new Date(logged - HOUR), OBSERVATION[0], OBSERVATION[1], OBSERVATION[2], at(logged)]);
          ev.loggedWork++;
          ev.lastLoggedWorkAt = new Date(logged);
        }
        break;
      }
      case 'ROLE_PLAY': {
        const briefs = a.config?.briefKeys ?? ['brief'];
        const n = fullWork ? ev.requiredWork : 1;
        for (let j = 0; j < n; j++) {
          const end = T - (n - j) * 2 * HOUR;
          const rated = fullWork;
          rows.add('role_play_sessions', [uuid(ID.rolePlay, ++counters.rolePlay), enrollmentId, a.id, userId, cohort.supervisorId, briefs[j % briefs.length], rated ? 'ENDED' : 'LIVE', new Date(end - 40 * 60_000), new Date(end - 38 * 60_000), new Date(end - 37 * 60_000), rated ? new Date(end) : null, rated ? 4 + (t % 2) : null, rated ? at(end) : null]);
          if (rated) {
            ev.loggedWork++;
            ev.lastLoggedWorkAt = new Date(end);
          }
        }
        break;
      }
      case 'SUPERVISED_HANDOFFS':
      case 'SOLO_HANDOFFS': {
        const mode = a.kind === 'SOLO_HANDOFFS' ? 'SOLO' : 'SUPERVISED';
        const n = mode === 'SOLO' ? p.solo : p.supervised;
        const quality = mode === 'SOLO' ? p.soloQuality : 'supervised';
        const window = (mode === 'SOLO' ? 5 : 4) * DAY;
        for (let j = 0; j < n; j++) {
          const handed = T - window + Math.floor((j * (window - HOUR)) / Math.max(1, n));
          const v = reviewValues(j, quality, rng);
          const recorded = handed + 30 * 60_000;
          rows.add('handoff_reviews', [uuid(ID.review, ++counters.review), enrollmentId, `${mode === 'SOLO' ? 'zd' : 'sup'}-${t + 1}-${j + 1}`, mode, new Date(handed), new Date(handed + v.ttfr * 1000), v.available, v.used, v.repeated, v.csat, v.resolved, mode === 'SUPERVISED' ? cohort.supervisorId : null, at(recorded)]);
          ev.loggedWork++;
          ev.lastLoggedWorkAt = new Date(recorded);
          if (mode === 'SOLO') {
            solo.reviews++;
            solo.ttfr += v.ttfr;
            solo.used += v.used;
            solo.available += v.available;
            solo.repeated += v.repeated ? 1 : 0;
            solo.resolved += v.resolved ? 1 : 0;
            if (v.csat !== null) {
              solo.csatSum += v.csat;
              solo.csatCount++;
            }
          }
        }
        break;
      }
      default: {
        // Graded attempts: sometimes a failed one first; "started" leaves one open.
        const limit = a.kind === 'SPEED_READING' ? (a.config?.timeLimitSeconds ?? 30) : null;
        const prompt = limit ? { timeLimitSeconds: limit } : {};
        const took = limit ? rng.int(12, limit - 2) * 1000 : rng.int(4, 25) * 60_000;
        if (state === 'started') {
          rows.add('attempts', [uuid(ID.attempt, ++counters.attempt), enrollmentId, a.id, at(T - 10 * 60_000), null, null, null, prompt, null, []]);
          ev.attemptsStarted++;
          break;
        }
        if (rng.next() < 0.3) {
          const start = T - 2 * HOUR;
          rows.add('attempts', [uuid(ID.attempt, ++counters.attempt), enrollmentId, a.id, new Date(start), new Date(start + took), 40 + rng.int(0, 20), false, prompt, [], []]);
          ev.attemptsStarted++;
          ev.bestScore = 40;
        }
        const score = rng.int(70, 100);
        rows.add('attempts', [uuid(ID.attempt, ++counters.attempt), enrollmentId, a.id, new Date(T - took), at(T), score, true, prompt, [], []]);
        ev.attemptsStarted++;
        ev.bestScore = Math.max(ev.bestScore ?? 0, score);
        ev.firstPassedAt = ev.lastPassedAt = new Date(T);
      }
    }
    if (a.requires_sign_off && (state === 'done' || state === 'changes-requested')) {
      const work = ev.lastLoggedWorkAt?.getTime() ?? ev.lastPassedAt?.getTime() ?? T;
      const sendBack = state === 'changes-requested' || rng.next() < 0.2;
      if (sendBack) {
        const signed = work + 2 * HOUR;
        rows.add('sign_offs', [uuid(ID.signOff, ++counters.signOff), enrollmentId, a.id, cohort.supervisorId, 'CHANGES_REQUESTED', 'Add what you would do differently, one concrete change per item.', at(signed)]);
        ev.latestSignOff = { decision: 'CHANGES_REQUESTED', signedAt: new Date(signed) };
      }
      if (state === 'done') {
        const signed = work + 6 * HOUR;
        rows.add('sign_offs', [uuid(ID.signOff, ++counters.signOff), enrollmentId, a.id, cohort.supervisorId, 'APPROVED', null, at(signed)]);
        ev.latestSignOff = { decision: 'APPROVED', signedAt: new Date(signed) };
      }
    }
  });

  const progress = rules.computeProgress(new Date(enrolledAt), events);
  const aggregate = solo.reviews
    ? {
        reviews: solo.reviews,
        meanFirstResponseSeconds: solo.ttfr / solo.reviews,
        contextUtilizationPct: solo.available ? (100 * solo.used) / solo.available : null,
        repeatRatePct: (100 * solo.repeated) / solo.reviews,
        csatMean: solo.csatCount ? solo.csatSum / solo.csatCount : null,
        csatCount: solo.csatCount,
        resolutionRatePct: (100 * solo.resolved) / solo.reviews,
      }
    : rules.EMPTY_AGGREGATE;
  const completed = progress.activities.filter((x) => x.status === 'COMPLETED').length;
  const evaluation = rules.evaluateCertification({ targets: version.targets, minSoloHandoffs: version.min_solo_handoffs, aggregate, activitiesCompleted: completed, activitiesTotal: activities.length });
  if ((p.stage === 'eligible' || p.stage === 'certified') && !evaluation.eligible) {
    throw new Error(`Seed bug: trainee ${t + 1} (${p.stage}) is not eligible: ${evaluation.unmet.join(' ')}`);
  }
  if (p.stage === 'week3' && p.next === 'started' && evaluation.eligible) throw new Error(`Seed bug: trainee ${t + 1} (week 3) is already eligible`);

  const updatedAt = new Date(lastEventAt);
  let status = progress.allCompleted ? 'COMPLETED' : 'ACTIVE';
  let certificateAt = null;
  if (p.certified) {
    certificateAt = (progress.completedAt?.getTime() ?? lastEventAt) + DAY;
    status = 'CERTIFIED';
  }
  const withdrawnAt = p.withdrawn ? new Date(lastEventAt + 2 * DAY) : null;
  if (p.withdrawn) status = 'WITHDRAWN';
  rows.add('enrollments', [enrollmentId, userId, cohort.id, version.id, status, progress.percentComplete, progress.currentWeek, new Date(enrolledAt), progress.completedAt, withdrawnAt, 1]);
  for (const w of progress.weeks) rows.add('enrollment_weeks', [enrollmentId, w.number, w.unlockedAt, w.completedAt]);
  for (const x of progress.activities) rows.add('activity_progress', [enrollmentId, x.activityId, x.status, x.bestScore, x.completedAt, x.overridden, updatedAt]);
  if (certificateAt) {
    const snapshot = evaluation.metrics.map((m) => ({ code: m.code, value: m.value, threshold: m.threshold, comparator: m.comparator, unit: m.unit, met: m.met, sampleSize: m.sampleSize }));
    const expires = new Date(certificateAt);
    expires.setUTCMonth(expires.getUTCMonth() + version.validity_months);
    rows.add('certificates', [uuid(ID.certificate, t + 1), enrollmentId, 1, certificateCode(t), new Date(certificateAt), expires, cohort.supervisorId, name, version.title, version.id, snapshot]);
  }
  ctx.stages[p.stage] = (ctx.stages[p.stage] ?? 0) + 1;
}

// ---------------------------------------------------------------------------------------------

/** Starts the built API once on the database: it migrates and publishes curriculum/. */
export async function prepareDatabase({ databaseUrl, dataDir }) {
  buildIfNeeded({ web: false });
  const api = await startApi(apiEnv({ port: await freePort(), dataDir, databaseUrl }));
  await api.stop();
}

/**
 * Seeds a migrated database with the published curriculum. Returns the row counts, the stages and
 * the seconds it took.
 */
export async function seedDatabase({ databaseUrl, dataDir, trainees, handoffs, log = () => {} }) {
  const started = performance.now();
  await prepareDatabase({ databaseUrl, dataDir });
  const rules = {
    ...(await import(pathToFileURL(join(root, 'dist/api/progress/domain/progress-rules.js')).href)),
    ...(await import(pathToFileURL(join(root, 'dist/api/certification/domain/certification-rules.js')).href)),
  };
  const sink = await openSink({ databaseUrl, dataDir });
  try {
    const [existing] = await sink.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE $1`, [`%@${BENCH_DOMAIN}`]);
    if (existing.n > 0) throw new Error(`This database already holds a bench dataset (${existing.n} users @${BENCH_DOMAIN}); seed a new one`);
    const [version] = await sink.query(
      `SELECT pv.id, pv.title, pv.min_solo_handoffs, pv.validity_months, pv.targets
         FROM program_versions pv JOIN programs p ON p.id = pv.program_id
        WHERE p.key = $1 ORDER BY pv.published_at DESC LIMIT 1`,
      [PROGRAM_KEY],
    );
    if (!version) throw new Error(`No published program "${PROGRAM_KEY}"`);
    const activities = await sink.query(
      `SELECT id, key, kind, week_number, position, requires_sign_off, config FROM activities WHERE program_version_id = $1 ORDER BY week_number, position`,
      [version.id],
    );
    const shape = curriculumShape(activities);
    const { plans, total } = plan(trainees, handoffs, shape, activities);
    log(`Seeding ${trainees.toLocaleString('en')} trainees, ${total.toLocaleString('en')} handoff reviews…`);

    const passwordHash = benchPasswordHash();
    const rows = new Rows();
    const cohortCount = Math.max(1, Math.ceil(trainees / TRAINEES_PER_COHORT));
    const supervisorCount = Math.ceil(cohortCount / COHORTS_PER_SUPERVISOR);
    rows.add('users', [uuid(ID.user, 1), BENCH_ADMIN, 'Bench Admin', 'ADMIN', null, passwordHash, true, new Date(ANCHOR - 400 * DAY)]);
    rows.add('users', [uuid(ID.user, 2), BENCH_HR, 'Bench HR', 'HR', 'HR-B001', passwordHash, true, new Date(ANCHOR - 400 * DAY)]);
    const supervisorId = (s) => uuid(ID.supervisor, s + 1);
    for (let s = 0; s < supervisorCount; s++) {
      rows.add('users', [supervisorId(s), `supervisor-${String(s + 1).padStart(4, '0')}@${BENCH_DOMAIN}`, `${FIRST[(s * 7) % FIRST.length]} ${LAST[(s * 3) % LAST.length]} (supervisor)`, 'SUPERVISOR', `S-${String(s + 1).padStart(4, '0')}`, passwordHash, true, new Date(ANCHOR - 400 * DAY)]);
    }
    const cohorts = [];
    for (let c = 0; c < cohortCount; c++) {
      // Weekly intakes, the newest starting four weeks before the anchor, oldest first.
      const startsAt = ANCHOR - (4 + ((cohortCount - 1 - c) % 52)) * 7 * DAY - Math.floor((cohortCount - 1 - c) / 52) * DAY;
      const startsOn = new Date(startsAt).toISOString().slice(0, 10);
      const cohort = { id: uuid(ID.cohort, c + 1), startsAt, supervisorId: supervisorId(Math.floor(c / COHORTS_PER_SUPERVISOR)) };
      cohorts.push(cohort);
      rows.add('cohorts', [cohort.id, `Bench intake ${String(c + 1).padStart(4, '0')} — ${startsOn}`, version.id, startsOn, TIME_ZONES[c % TIME_ZONES.length], new Date(startsAt - 14 * DAY)]);
      rows.add('cohort_supervisors', [cohort.id, cohort.supervisorId, new Date(startsAt - 14 * DAY)]);
    }
    for (const table of ['users', 'cohorts', 'cohort_supervisors']) await sink.copy(table, rows.take(table));

    const ctx = { activities, version, rules, passwordHash, cohortOf: (t) => cohorts[t % cohortCount], counters: { attempt: 0, observation: 0, rolePlay: 0, signOff: 0, review: 0 }, stages: {} };
    for (let from = 0; from < trainees; from += CHUNK) {
      for (const p of plans.slice(from, from + CHUNK)) writeTrainee(p, ctx, rows);
      for (const table of CHUNK_TABLES) await sink.copy(table, rows.take(table));
      if (trainees > CHUNK) log(`  ${Math.min(trainees, from + CHUNK).toLocaleString('en')} trainees written (${ctx.counters.review.toLocaleString('en')} reviews)`);
    }
    await sink.query('ANALYZE');
    return { counts: rows.counts, stages: ctx.stages, seconds: (performance.now() - started) / 1000 };
  } finally {
    await sink.close();
  }
}

/**
 * Checks the seeded progress against the app itself: for `sample` enrollments (spread over all),
 * the API's ProgressService.recompute runs in a transaction that is rolled back, and the activity,
 * week and enrollment rows must come out exactly as seeded. Returns how many differ (0 expected).
 */
export async function verifySeed({ databaseUrl, dataDir, sample = 200, log = () => {} }) {
  await import('reflect-metadata');
  const dist = (path) => import(pathToFileURL(join(root, 'dist/api', path)).href);
  const [{ loadConfig }, { createApi }, { ProgressService }, { CurriculumService }, { DataSource }] = await Promise.all([
    dist('common/config/config.js'),
    dist('server.js'),
    dist('progress/progress.service.js'),
    dist('curriculum/curriculum.service.js'),
    import('typeorm'),
  ]);
  const env = apiEnv({ port: await freePort(), dataDir, databaseUrl }); // not listened on: createApi() only builds the app
  const api = await createApi(loadConfig(env), { logger: ['error'] });
  try {
    const dataSource = api.app.get(DataSource);
    const progress = api.app.get(ProgressService);
    // The program versions are cached before any transaction: on PGlite's one connection, a cache
    // miss inside the transaction would wait for a second connection that never comes.
    for (const { program_version_id: id } of await dataSource.query(`SELECT DISTINCT program_version_id FROM enrollments`)) {
      await api.app.get(CurriculumService).activitiesOf(id);
    }
    const all = (await dataSource.query(`SELECT e.id FROM enrollments e JOIN users u ON u.id = e.trainee_id WHERE u.email LIKE $1 ORDER BY e.id`, [`%@${BENCH_DOMAIN}`])).map((r) => r.id);
    const ids = all.filter((_, i) => i % Math.max(1, Math.floor(all.length / sample)) === 0).slice(0, sample);
    const snapshot = async (m, id) =>
      JSON.stringify(
        await m.query(
          `SELECT (SELECT json_agg(x ORDER BY x.activity_id) FROM (SELECT activity_id, status, best_score, completed_at, overridden FROM activity_progress WHERE enrollment_id = $1) x) AS activities,
                  (SELECT json_agg(w ORDER BY w.week_number) FROM (SELECT week_number, unlocked_at, completed_at FROM enrollment_weeks WHERE enrollment_id = $1) w) AS weeks,
                  (SELECT json_build_object('status', status, 'percent', percent_complete, 'week', current_week, 'completedAt', completed_at) FROM enrollments WHERE id = $1) AS enrollment`,
          [id],
        ),
      );
    let differ = 0;
    for (const id of ids) {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        const seeded = await snapshot(runner.manager, id);
        await progress.recompute(runner.manager, id);
        const recomputed = await snapshot(runner.manager, id);
        if (seeded !== recomputed) {
          differ++;
          if (differ <= 3) log(`  enrollment ${id} differs from the app's recompute:\n    seeded     ${seeded.slice(0, 600)}\n    recomputed ${recomputed.slice(0, 600)}`);
        }
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }
    log(`  Checked ${ids.length} enrollments against the app's progress recompute: ${differ} differ`);
    return { checked: ids.length, differ };
  } finally {
    await api.close();
  }
}

async function main() {
  const { values } = parseArgs({ options: { trainees: { type: 'string', default: '10000' }, handoffs: { type: 'string' }, verify: { type: 'string' } } });
  const trainees = Number(values.trainees);
  const handoffs = values.handoffs === undefined ? undefined : Number(values.handoffs);
  if (!Number.isInteger(trainees) || trainees < 1) throw new Error('--trainees must be a whole number ≥ 1');
  if (handoffs !== undefined && (!Number.isInteger(handoffs) || handoffs < 0)) throw new Error('--handoffs must be a whole number ≥ 0');
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = resolve(root, process.env.BATON_DATA_DIR || '.data');
  console.log(`Database: ${databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded PGlite in ${dataDir}`}`);
  const result = await seedDatabase({ databaseUrl, dataDir, trainees, handoffs, log: (line) => console.log(line) });
  console.log(`Seeded in ${result.seconds.toFixed(1)} s:`);
  for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(24)} ${n.toLocaleString('en')}`);
  console.log(`  stages: ${Object.entries(result.stages).map(([s, n]) => `${s} ${n}`).join(', ')}`);
  if (values.verify !== undefined) {
    const { differ } = await verifySeed({ databaseUrl, dataDir, sample: Number(values.verify) || 200, log: (line) => console.log(line) });
    if (differ) process.exitCode = 1;
  }
  console.log(`Sign in as ${BENCH_ADMIN}, ${BENCH_HR}, supervisor-0001@${BENCH_DOMAIN} or ${traineeEmail(0)}; password ${BENCH_PASSWORD}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(`\nFAILED: ${e.stack ?? e}`);
    process.exit(1);
  });
}
