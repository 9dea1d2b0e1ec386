import validateStatementModule from '@learninglocker/xapi-validation';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CurriculumService } from '../../api/src/curriculum/curriculum.service.js';
import { copyOut } from '../../api/src/exports/database-copy.js';
import { completionsCsvFromCopy, completionsCsvFromRows, ExportsService } from '../../api/src/exports/exports.service.js';
import type { ProgramDefinition } from '../../api/src/curriculum/domain/program-definition.js';
import { factories } from '../support/factories.js';
import { overrideAll, programShape, review, type ProgramShape } from '../support/program.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

// CommonJS package with an ES-style default export.
const validateStatement = ((validateStatementModule as unknown as { default?: unknown }).default ?? validateStatementModule) as (
  s: unknown,
) => { message?: string; path?: string[] }[];

type Person = Awaited<ReturnType<ReturnType<typeof factories>['user']>>;
type Enrollment = { id: string };
type Cohort = { id: string; name: string };

let t: TestApi;
let f: ReturnType<typeof factories>;
let program: ProgramShape;
let definition: ProgramDefinition;
let admin: Person;
let hr: Person;
let supA: Person;
let supB: Person;
let cohortA: Cohort;
let cohortB: Cohort;
/** Certified through overrides and 20 SOLO reviews. */
let certified: { trainee: Person; enrollment: Enrollment };
/** Certified, then revoked (so COMPLETED). */
let revoked: { trainee: Person; enrollment: Enrollment };
/** Week 1 overridden; a supervised handoff sent back, then approved. */
let overridden: { trainee: Person; enrollment: Enrollment };
/** Named like a formula; one passed and one failed attempt. */
let formula: { trainee: Person; enrollment: Enrollment };
/** Cohort B, enrolled in January, nothing done. */
let other: { trainee: Person; enrollment: Enrollment };

const RECORD = `mutation($input: HandoffReviewInput!) { recordHandoffReview(input: $input) { id } }`;
const ISSUE = `mutation($e: ID!) { issueCertificate(enrollmentId: $e) { id code } }`;
const SIGN_OFF = `mutation($input: SignOffInput!) { signOff(input: $input) { id } }`;
const START = `mutation($e: ID!, $k: String!) { startAttempt(enrollmentId: $e, activityKey: $k) { id } }`;
const SUBMIT = `mutation($a: ID!, $answers: [AnswerInput!]!) { submitAttempt(attemptId: $a, answers: $answers) { passed score } }`;
const FORMULA_NAME = '=HYPERLINK("http://evil.example","Click")';

const allKeys = () => program.weeks.flatMap((w) => w.activities.map((a) => a.key));
const keysOf = (week: number) => program.weeks.find((w) => w.number === week)!.activities.map((a) => a.key);

async function enrolled(cohort: Cohort, name?: string) {
  const trainee = await f.trainee(name);
  const enrollment = await f.enroll(cohort.id, trainee.id);
  return { trainee, enrollment };
}

async function soloReviews(enrollmentId: string, token: string, n: number, each: (i: number) => Record<string, unknown> = () => ({})) {
  for (let i = 0; i < n; i++) await t.ok(RECORD, { input: review(enrollmentId, `solo-${i}`, 'SOLO', each(i)) }, token);
}

function rightAnswers(activityKey: string) {
  const activity = definition.weeks.flatMap((w) => w.activities).find((a) => a.key === activityKey)!;
  return activity.config.questions!.map((q) => ({ questionKey: q.key, value: q.options.filter((o) => o.correct).map((o) => o.key).join(',') }));
}

beforeAll(async () => {
  t = await startTestApi();
  f = factories(t);
  admin = await f.admin();
  hr = await f.hr();
  program = await programShape(t, admin.token);
  const curriculum = t.api.app.get(CurriculumService);
  definition = (await curriculum.versionRow((await curriculum.latestByKey('ai-handoff'))!.id)).content;
  supA = await f.supervisor();
  supB = await f.supervisor();
  cohortA = await f.cohort({ supervisors: [supA], startsOn: '2026-03-02', timeZone: 'Europe/Berlin' });
  cohortB = await f.cohort({ supervisors: [supB], startsOn: '2026-01-05' });

  certified = await enrolled(cohortA, 'Rosa Lindqvist');
  await overrideAll(t, admin.token, certified.enrollment.id, allKeys());
  // 20 reviews that meet every target: TTFR 30 s but one at 90 s, CSAT 4.8 over 5 answers, 19/20 resolved.
  await soloReviews(certified.enrollment.id, supA.token, 20, (i) => ({
    firstResponseAt: i === 0 ? '2026-03-02T10:01:30Z' : '2026-03-02T10:00:30Z',
    csat: i < 5 ? [5, 5, 4, 5, 5][i] : null,
    resolved: i !== 3,
  }));
  await t.ok(ISSUE, { e: certified.enrollment.id }, supA.token);
  // A worse review after issuing: the export shows the live metrics, not the certificate's snapshot.
  await t.ok(
    RECORD,
    { input: review(certified.enrollment.id, 'solo-late', 'SOLO', { customerRepeated: true, csat: 3, resolved: false, contextItemsUsed: 2 }) },
    supA.token,
  );

  revoked = await enrolled(cohortA, 'Tomás Ortega');
  await overrideAll(t, admin.token, revoked.enrollment.id, allKeys());
  await soloReviews(revoked.enrollment.id, supA.token, 20);
  const { issueCertificate } = await t.ok(ISSUE, { e: revoked.enrollment.id }, supA.token);
  await t.ok(`mutation($id: ID!) { revokeCertificate(id: $id, reason: "Issued in error") { id } }`, { id: issueCertificate.id }, admin.token);

  overridden = await enrolled(cohortA, 'Ilse Brandt');
  await overrideAll(t, admin.token, overridden.enrollment.id, keysOf(1));
  const supervised = program.weeks.flatMap((w) => w.activities).find((a) => a.kind === 'SUPERVISED_HANDOFFS')!;
  await t.ok(RECORD, { input: review(overridden.enrollment.id, 'sup-1', 'SUPERVISED') }, supA.token);
  const signOff = { enrollmentId: overridden.enrollment.id, activityKey: supervised.key };
  await t.ok(SIGN_OFF, { input: { ...signOff, decision: 'CHANGES_REQUESTED', comment: 'Narrate more.' } }, supA.token);
  await t.ok(SIGN_OFF, { input: { ...signOff, decision: 'APPROVED' } }, supA.token);

  formula = await enrolled(cohortA, FORMULA_NAME);
  const first = (await t.ok(START, { e: formula.enrollment.id, k: 'w1-why-handoffs' }, formula.trainee.token)).startAttempt;
  await t.ok(SUBMIT, { a: first.id, answers: [] }, formula.trainee.token);
  const second = (await t.ok(START, { e: formula.enrollment.id, k: 'w1-why-handoffs' }, formula.trainee.token)).startAttempt;
  await t.ok(SUBMIT, { a: second.id, answers: rightAnswers('w1-why-handoffs') }, formula.trainee.token);

  other = await enrolled(cohortB, 'Ben Carter');
  // Enrolment dates for the from/to filters.
  await t.dataSource.query(`UPDATE enrollments SET enrolled_at = '2026-01-05T08:00:00Z' WHERE id = $1`, [other.enrollment.id]);
  await t.dataSource.query(`UPDATE enrollments SET enrolled_at = '2026-03-02T09:00:00Z' WHERE cohort_id = $1`, [cohortA.id]);
}, 120_000);
afterAll(() => t?.close());

async function get(path: string, token?: string) {
  return fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function csvOf(query = '', token = hr.token): Promise<Record<string, string>[]> {
  const res = await get(`/exports/completions.csv${query}`, token);
  expect(res.status, await res.clone().text()).toBe(200);
  return parseCsv(await res.text(), { columns: true }) as Record<string, string>[];
}

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

const ENROLLMENT = `query($id: ID!) { enrollment(id: $id) {
  id status enrolledAt
  trainee { employeeId email name }
  cohort { name }
  program { title version }
  weeks { number completedAt activities { overridden activity { key } } }
  certification { soloHandoffs metrics { code value } certificate { code issuedAt revokedAt } }
} }`;

const round2 = (v: number | null) => (v === null ? '' : String(Math.round(v * 100) / 100));

describe('GET /exports/completions.csv', () => {
  it('answers with a UTF-8 CSV attachment, header first, CRLF records, streamed in chunks', async () => {
    const res = await get('/exports/completions.csv', hr.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="baton-completions-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const text = await res.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'employee_id,email,name,cohort,program,program_version,status,enrolled_at,week1_completed_at,week2_completed_at,week3_completed_at,certified_at,certificate_code,revoked_at,overrides,solo_handoffs,ttfr_seconds,context_utilization_pct,repeat_rate_pct,csat,resolution_rate_pct,overridden_activities,enrollment_id,cohort_id',
    );
    expect(lines).toHaveLength(5 + 2); // header, five enrollments, and the empty string after the last CRLF
    expect(lines.at(-1)).toBe('');
  });

  it('matches the API in every column for a certified, a revoked, an overridden and a formula-named enrollment', async () => {
    const rows = await csvOf();
    for (const who of [certified, revoked, overridden, formula, other]) {
      const row = rows.find((r) => r.enrollment_id === who.enrollment.id)!;
      expect(row, who.trainee.name).toBeTruthy();
      const e = (await t.ok<{ enrollment: any }>(ENROLLMENT, { id: who.enrollment.id }, admin.token)).enrollment;
      const metric = (code: string) => round2(e.certification.metrics.find((m: any) => m.code === code).value);
      const week = (n: number) => e.weeks.find((w: any) => w.number === n).completedAt ?? '';
      const overriddenKeys = e.weeks.flatMap((w: any) => w.activities.filter((a: any) => a.overridden).map((a: any) => a.activity.key));
      const cert = e.certification.certificate;
      const neutral = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
      expect(row).toEqual({
        employee_id: e.trainee.employeeId,
        email: e.trainee.email,
        name: neutral(e.trainee.name),
        cohort: e.cohort.name,
        program: e.program.title,
        program_version: e.program.version,
        status: e.status,
        enrolled_at: new Date(e.enrolledAt).toISOString(),
        week1_completed_at: week(1),
        week2_completed_at: week(2),
        week3_completed_at: week(3),
        certified_at: cert?.issuedAt ?? '',
        certificate_code: cert?.code ?? '',
        revoked_at: cert?.revokedAt ?? '',
        overrides: String(overriddenKeys.length),
        solo_handoffs: String(e.certification.soloHandoffs),
        ttfr_seconds: metric('TIME_TO_FIRST_RESPONSE'),
        context_utilization_pct: metric('CONTEXT_UTILIZATION'),
        repeat_rate_pct: metric('CUSTOMER_REPEAT_RATE'),
        csat: metric('HANDOFF_CSAT'),
        resolution_rate_pct: metric('RESOLUTION_RATE'),
        overridden_activities: overriddenKeys.join(';'),
        enrollment_id: who.enrollment.id,
        cohort_id: who === other ? cohortB.id : cohortA.id,
      });
    }

    // The values themselves, as a person would check them.
    const c = rows.find((r) => r.enrollment_id === certified.enrollment.id)!;
    expect(c).toMatchObject({ status: 'CERTIFIED', overrides: String(allKeys().length), solo_handoffs: '21', revoked_at: '' });
    expect(c.certificate_code).toMatch(/^BTN-/);
    expect(c.certified_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(c.week3_completed_at).toMatch(/Z$/);
    // 21 reviews: (20×30 + 90) / 21 = 32.857… s; 82/84 context; 1/21 repeats; CSAT (24+3)/6; 19/21 resolved.
    expect(c).toMatchObject({ ttfr_seconds: '32.86', context_utilization_pct: '97.62', repeat_rate_pct: '4.76', csat: '4.5', resolution_rate_pct: '90.48' });
    const r = rows.find((x) => x.enrollment_id === revoked.enrollment.id)!;
    expect(r.status).toBe('COMPLETED');
    expect(r.revoked_at).toMatch(/Z$/);
    const o = rows.find((x) => x.enrollment_id === overridden.enrollment.id)!;
    expect(o).toMatchObject({ status: 'ACTIVE', overrides: String(keysOf(1).length), overridden_activities: keysOf(1).join(';'), week2_completed_at: '', certificate_code: '' });
    expect(o.week1_completed_at).not.toBe('');
    const fx = rows.find((x) => x.enrollment_id === formula.enrollment.id)!;
    expect(fx.name).toBe(`'${FORMULA_NAME}`);
    expect(fx).toMatchObject({ overrides: '0', solo_handoffs: '0', ttfr_seconds: '', csat: '', enrolled_at: '2026-03-02T09:00:00.000Z' });
  });

  it('quotes only where RFC 4180 needs it and keeps numbers unquoted', async () => {
    const text = await (await get(`/exports/completions.csv?cohort=${cohortA.id}&status=CERTIFIED`, hr.token)).text();
    const line = text.split('\r\n')[1];
    expect(line).toContain(`,${allKeys().length},21,32.86,97.62,4.76,4.5,90.48,`);
    const fx = await (await get(`/exports/completions.csv?cohort=${cohortA.id}`, hr.token)).text();
    expect(fx).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
  });

  it('filters by cohort, status and enrolment dates (inclusive)', async () => {
    const ids = async (q: string) => (await csvOf(q)).map((r) => r.enrollment_id).sort();
    const sorted = (...xs: { enrollment: Enrollment }[]) => xs.map((x) => x.enrollment.id).sort();
    expect(await ids(`?cohort=${cohortB.id}`)).toEqual(sorted(other));
    expect(await ids(`?cohort=${cohortA.id}`)).toEqual(sorted(certified, revoked, overridden, formula));
    expect(await ids(`?status=CERTIFIED`)).toEqual(sorted(certified));
    expect(await ids(`?status=completed&cohort=${cohortA.id}`)).toEqual(sorted(revoked));
    expect(await ids(`?status=ACTIVE`)).toEqual(sorted(overridden, formula, other));
    expect(await ids(`?from=2026-03-01`)).toEqual(sorted(certified, revoked, overridden, formula));
    expect(await ids(`?to=2026-01-05`)).toEqual(sorted(other));
    expect(await ids(`?from=2026-01-05&to=2026-01-05`)).toEqual(sorted(other));
    expect(await ids(`?to=2026-01-05T08:00:00Z`)).toEqual(sorted(other));
    expect(await ids(`?to=2026-01-05T07:59:59.999Z`)).toEqual([]);
    expect(await ids(`?from=2026-03-02T10:00:00%2B01:00`)).toEqual(sorted(certified, revoked, overridden, formula));
    expect(await ids(`?from=2026-03-02T10:00:01%2B01:00`)).toEqual([]);
    expect(await ids(`?cohort=${cohortB.id}&status=CERTIFIED`)).toEqual([]);
    // q: part of the trainee's name, email or employee id, as HR searches; % and _ are literal.
    const certifiedRow = (await csvOf(`?status=CERTIFIED`))[0];
    expect(await ids(`?q=${encodeURIComponent(certifiedRow.employee_id.toLowerCase())}`)).toEqual(sorted(certified));
    expect(await ids(`?q=${encodeURIComponent(certifiedRow.name.slice(0, 5).toUpperCase())}&status=CERTIFIED`)).toEqual(sorted(certified));
    expect(await ids(`?q=%25`)).toEqual([]);
    // An empty result is still a valid file: just the header.
    const empty = await (await get(`/exports/completions.csv?cohort=00000000-0000-4000-8000-000000000000`, hr.token)).text();
    expect(empty.split('\r\n')).toEqual([expect.stringMatching(/^employee_id,/), '']);
  });

  it('refuses bad filter values with BAD_USER_INPUT naming the parameter', async () => {
    for (const [query, parameter] of [
      ['cohort=not-a-cohort', 'cohort'],
      ['status=DONE', 'status'],
      ['from=2026-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['from=2026-03-02&to=2026-03-01', 'to'],
      ['status=ACTIVE&status=CERTIFIED', 'status'],
    ]) {
      for (const path of ['/exports/completions.csv', '/exports/xapi.json']) {
        const res = await get(`${path}?${query}`, hr.token);
        expect(res.status, `${path}?${query}`).toBe(400);
        const error = await errorOf(res);
        expect(error.code).toBe('BAD_USER_INPUT');
        expect(error.message).toContain(`"${parameter}"`);
      }
    }
  });

  it('is for HR and admins only', async () => {
    for (const path of ['/exports/completions.csv', '/exports/xapi.json']) {
      const anonymous = await get(path);
      expect(anonymous.status).toBe(401);
      expect((await errorOf(anonymous)).code).toBe('UNAUTHENTICATED');
      const badToken = await get(path, 'not-a-token');
      expect(badToken.status).toBe(401);
      for (const who of [certified.trainee, supA]) {
        const res = await get(path, who.token);
        expect(res.status).toBe(403);
        expect((await errorOf(res)).code).toBe('FORBIDDEN');
      }
      for (const who of [hr, admin]) {
        const res = await get(path, who.token);
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
    }
  });

  it('reads thousands of rows through the cursor in batches, in order, and leaves no cursor behind', async () => {
    const big = await f.cohort({ startsOn: '2026-04-06' });
    const n = 2345;
    await t.dataSource.query(
      `WITH u AS (
         INSERT INTO users (email, name, role, employee_id, password_hash)
         SELECT 'bulk-' || g || '-' || $2 || '@example.test', 'Bulk ' || lpad(g::text, 5, '0'), 'TRAINEE', 'B-' || g, 'x'
           FROM generate_series(1, $1::int) g RETURNING id)
       INSERT INTO enrollments (trainee_id, cohort_id, program_version_id)
       SELECT u.id, c.id, c.program_version_id FROM u, cohorts c WHERE c.id = $3`,
      [n, big.id.slice(0, 8), big.id],
    );
    const rows = await csvOf(`?cohort=${big.id}`);
    expect(rows).toHaveLength(n);
    expect(rows.map((r) => r.name)).toEqual(Array.from({ length: n }, (_, i) => `Bulk ${String(i + 1).padStart(5, '0')}`));
    expect(new Set(rows.map((r) => r.enrollment_id)).size).toBe(n);

    // A client that goes away mid-download: the cursor is closed and the connection handed back.
    const controller = new AbortController();
    const res = await fetch(`${t.url}/exports/completions.csv?cohort=${big.id}`, { headers: { authorization: `Bearer ${hr.token}` }, signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.read().catch(() => undefined);
    await expect.poll(openExportCursors, { timeout: 5_000 }).toBe(0);
    // …and the API still answers.
    expect((await csvOf(`?cohort=${cohortB.id}`)).length).toBe(1);
  });

  it.runIf(!!process.env.DATABASE_URL)('gives up a COPY whose reader stalls, and hands no broken connection back to the pool', async () => {
    const chunks = copyOut(t.dataSource, `COPY (SELECT g, repeat('x', 1000) FROM generate_series(1, 100000) g) TO STDOUT WITH (FORMAT csv)`, { stallMs: 300 });
    expect((await chunks.next()).done).toBe(false);
    await new Promise((r) => setTimeout(r, 1000));
    await expect(chunks.next()).rejects.toThrow(/abandoned: its reader took no data/);
    await expect.poll(openExportCursors, { timeout: 5_000 }).toBe(0);
    // Every pooled connection still works.
    await Promise.all(Array.from({ length: 12 }, () => csvOf(`?cohort=${cohortB.id}`)));
  });

  // On a server, PostgreSQL writes the file (COPY, decision 020) and Node's writer is the reference.
  it.runIf(!!process.env.DATABASE_URL)('writes through COPY exactly the bytes the Node writer does, whatever the data and filters', async () => {
    const odd = await f.cohort({ supervisors: [supA], startsOn: '2026-05-04' });
    await t.dataSource.query(`UPDATE cohorts SET name = 'Night shift, "B" team ' || id WHERE id = $1`, [odd.id]);
    const names = ['Quote "Q" Person', 'Comma, Person', 'Line\nBreak', 'Carriage\rReturn', '+plus', '-minus', '@at', '\ttab', '\uFF1Dwide', 'Zoë Ünïcode', "O'Brien \\ 100%_"];
    const people = [];
    for (const name of names) {
      const person = await enrolled(odd);
      // As stored (the account form trims names; imports and older rows may not have).
      await t.dataSource.query(`UPDATE users SET name = $2 WHERE id = $1`, [person.trainee.id, name]);
      people.push(person);
    }
    await t.dataSource.query(`UPDATE users SET employee_id = CASE WHEN name LIKE 'Comma%' THEN '' WHEN name LIKE '+%' THEN '=1+1' ELSE employee_id END WHERE id = ANY($1::uuid[])`, [
      people.map((p) => p.trainee.id),
    ]);
    // Metrics that need rounding: TTFR (7+13+29+1)/4 = 12.5 s, context 10/13, CSAT 13/3, 3/4 resolved.
    const [a] = people;
    await soloReviews(a.enrollment.id, supA.token, 4, (i) => ({
      firstResponseAt: new Date(Date.parse('2026-03-02T10:00:00Z') + [7, 13, 29, 1][i] * 1000).toISOString(),
      contextItemsAvailable: [4, 3, 3, 3][i],
      contextItemsUsed: [4, 3, 2, 1][i],
      csat: [4, 5, 4, null][i],
      resolved: i !== 2,
      customerRepeated: i === 1,
    }));
    await t.dataSource.query(`UPDATE enrollments SET enrolled_at = '2026-05-04T07:59:59.9995Z' WHERE id = $1`, [a.enrollment.id]);

    const exportsService = t.api.app.get(ExportsService);
    const collect = async (pieces: AsyncIterable<string | Uint8Array>) => {
      const parts: Buffer[] = [];
      for await (const p of pieces) parts.push(typeof p === 'string' ? Buffer.from(p) : Buffer.from(p));
      return Buffer.concat(parts).toString('utf8');
    };
    const queries = [{}, { cohort: odd.id }, { status: 'ACTIVE' }, { status: 'CERTIFIED', cohort: cohortA.id }, { from: '2026-03-01', to: '2026-03-02' }, { q: "o'brien \\ 100%_" }, { q: 'line' }, { q: "'; DROP TABLE users; --" }];
    for (const query of queries) {
      const filters = exportsService.filtersFrom(query);
      const viaNode = await collect(await completionsCsvFromRows(t.dataSource, filters));
      const viaCopy = await collect(await completionsCsvFromCopy(t.dataSource, filters));
      expect(viaCopy, JSON.stringify(query)).toBe(viaNode);
    }
    const oddRows = parseCsv(await collect(await completionsCsvFromCopy(t.dataSource, exportsService.filtersFrom({ cohort: odd.id }))), { relax_quotes: false }) as string[][];
    expect(oddRows).toHaveLength(names.length);
    const row = oddRows.find((r) => r[22] === a.enrollment.id)!;
    expect(row.slice(15, 21)).toEqual(['4', '12.5', '76.92', '25', '4.33', '75']);
    expect(row[7]).toBe('2026-05-04T07:59:59.999Z');
    expect(oddRows.map((r) => r[2]).sort()).toEqual(
      names.map((n) => (/^[=+\-@\t\r\uFF1D]/.test(n) ? `'${n}` : n)).sort(),
    );
  });
});

/** Export cursors still open: PGlite's single session lists them; on a server, open transactions or COPYs of ours. */
async function openExportCursors(): Promise<number> {
  if (!process.env.DATABASE_URL) {
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_cursors WHERE name LIKE 'baton_export_%'`);
    return n;
  }
  const [{ n }] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
        AND (state LIKE 'idle in transaction%' OR (query LIKE 'FETCH FORWARD%' OR query LIKE 'COPY (%') AND state = 'active')`,
  );
  return n;
}

describe('GET /exports/xapi.json', () => {
  async function statements(query = '', token = hr.token): Promise<any[]> {
    const res = await get(`/exports/xapi.json${query}`, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    return (await res.json()) as any[];
  }
  const forEnrollment = (all: any[], e: Enrollment) => all.filter((s) => s.context.registration === e.id);

  it('produces valid xAPI 1.0.3 statements, every one of them', async () => {
    const all = await statements();
    // Per certificate: a waived per activity and one earned; week 1 waived, two sign-offs and the
    // approved activity completed; two attempts and the passed lesson completed.
    expect(all).toHaveLength(2 * (allKeys().length + 1) + (keysOf(1).length + 2 + 1) + (2 + 1));
    for (const s of all) {
      const problems = validateStatement(s);
      expect(problems.map((p) => `${p.path?.join('.')}: ${p.message}`), JSON.stringify(s)).toEqual([]);
      expect(s.version).toBe('1.0.3');
      expect(s.timestamp).toMatch(/Z$/);
    }
    expect(all.map((s) => s.timestamp)).toEqual([...all.map((s) => s.timestamp)].sort());
  });

  it('keeps statement ids unique and stable across requests', async () => {
    const [a, b] = [await statements(), await statements()];
    expect(new Set(a.map((s) => s.id)).size).toBe(a.length);
    expect(b.map((s) => s.id)).toEqual(a.map((s) => s.id));
    expect(b).toEqual(a);
  });

  it('reports attempts, completions, overrides, sign-offs and certificates with the documented verbs', async () => {
    const all = await statements();
    const base = t.config.publicUrl;

    const attempts = forEnrollment(all, formula.enrollment).filter((s) => s.verb.id.endsWith('/passed') || s.verb.id.endsWith('/failed'));
    expect(attempts.map((s) => s.verb.id)).toEqual(['http://adlnet.gov/expapi/verbs/failed', 'http://adlnet.gov/expapi/verbs/passed']);
    expect(attempts[1]).toMatchObject({
      actor: { objectType: 'Agent', name: FORMULA_NAME, mbox: `mailto:${formula.trainee.email.toLowerCase()}` },
      object: { id: `${base}/xapi/activities/ai-handoff/w1-why-handoffs`, definition: { type: 'http://adlnet.gov/expapi/activities/lesson' } },
      result: { success: true, score: { scaled: 1, raw: 100, min: 0, max: 100 } },
    });
    expect(attempts[0].result).toMatchObject({ success: false, score: { scaled: 0 } });
    expect(attempts[1].result.duration).toMatch(/^PT(\d+H)?(\d+M)?(\d+(\.\d+)?S)?$/);
    const completed = forEnrollment(all, formula.enrollment).filter((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/completed');
    expect(completed.map((s) => s.object.id)).toEqual([`${base}/xapi/activities/ai-handoff/w1-why-handoffs`]);

    const waived = forEnrollment(all, overridden.enrollment).filter((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/waived');
    expect(waived.map((s) => s.object.id.split('/').at(-1)).sort()).toEqual([...keysOf(1)].sort());
    expect(waived[0].result).toMatchObject({ success: true, completion: true, response: 'test setup' });
    // An overridden activity is waived, not also completed.
    const overriddenCompleted = forEnrollment(all, overridden.enrollment).filter((s) => s.verb.id.endsWith('/completed'));
    expect(overriddenCompleted.map((s) => s.object.id.split('/').at(-1))).not.toContain(keysOf(1)[0]);

    const signOffs = forEnrollment(all, overridden.enrollment).filter((s) => s.verb.id.startsWith('http://activitystrea.ms/'));
    expect(signOffs.map((s) => s.verb.id)).toEqual(['http://activitystrea.ms/schema/1.0/reject', 'http://activitystrea.ms/schema/1.0/approve']);
    expect(signOffs[0]).toMatchObject({
      actor: { mbox: `mailto:${supA.email.toLowerCase()}` },
      object: { objectType: 'SubStatement', actor: { mbox: `mailto:${overridden.trainee.email.toLowerCase()}` } },
      result: { success: false, response: 'Narrate more.' },
    });

    const earned = all.filter((s) => s.verb.id === 'http://id.tincanapi.com/verb/earned');
    expect(earned.map((s) => s.context.registration).sort()).toEqual([certified.enrollment.id, revoked.enrollment.id].sort());
    const [code] = await t.dataSource.query(`SELECT code FROM certificates WHERE enrollment_id = $1`, [certified.enrollment.id]);
    const mine = earned.find((s) => s.context.registration === certified.enrollment.id);
    expect(mine.object).toMatchObject({ id: `${base}/xapi/activities/ai-handoff`, definition: { type: 'http://adlnet.gov/expapi/activities/course' } });
    expect(JSON.stringify(mine.result)).toContain(`${base}/verify/${code.code}`);
  });

  it('takes the same filters as the CSV', async () => {
    const onlyB = await statements(`?cohort=${cohortB.id}`);
    expect(onlyB).toEqual([]); // Ben has done nothing yet
    const certifiedOnly = await statements('?status=CERTIFIED');
    expect(new Set(certifiedOnly.map((s) => s.context.registration))).toEqual(new Set([certified.enrollment.id]));
    const march = await statements('?from=2026-03-01&to=2026-03-31');
    expect(new Set(march.map((s) => s.context.registration)).size).toBe(4);
  });
});

describe('GET /cohorts/:id/schedule.ics', () => {
  const ics = (cohort: { id: string }, token?: string) => get(`/cohorts/${cohort.id}/schedule.ics`, token);

  function parse(text: string) {
    const component = new ICAL.Component(ICAL.parse(text));
    for (const tz of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    return { component, events: component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
  }

  it('lists the three program weeks from the start date and a check-in per week, in the cohort time zone', async () => {
    const res = await ics(cohortA, hr.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    const { component, events } = parse(text);
    expect(component.getFirstPropertyValue('version')).toBe('2.0');
    expect(component.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'))).toEqual(['Europe/Berlin']);

    const { program: p } = await t.ok<{ program: { weeks: { number: number; title: string; activities: { title: string }[] }[] } }>(
      `{ program(key: "ai-handoff") { weeks { number title activities { title } } } }`,
      {},
      hr.token,
    );
    const weeks = events.filter((e) => e.startDate.isDate);
    expect(weeks).toHaveLength(3);
    expect(weeks.map((e) => [e.summary, e.startDate.toString(), e.endDate.toString()])).toEqual([
      [`Week 1: ${p.weeks[0].title}`, '2026-03-02', '2026-03-09'],
      [`Week 2: ${p.weeks[1].title}`, '2026-03-09', '2026-03-16'],
      [`Week 3: ${p.weeks[2].title}`, '2026-03-16', '2026-03-23'],
    ]);
    for (const [i, w] of weeks.entries()) for (const a of p.weeks[i].activities) expect(w.description).toContain(a.title);

    const checkIns = events.filter((e) => !e.startDate.isDate);
    expect(checkIns).toHaveLength(3);
    for (const e of checkIns) {
      expect(e.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
      expect(e.startDate.hour).toBe(15);
    }
    expect(checkIns.map((e) => e.startDate.toJSDate().toISOString())).toEqual([
      '2026-03-06T14:00:00.000Z',
      '2026-03-13T14:00:00.000Z',
      '2026-03-20T14:00:00.000Z',
    ]);

    // Stable UIDs: the same cohort gives the same events on every download.
    const again = parse(await (await ics(cohortA, admin.token)).text());
    expect(again.events.map((e) => e.uid)).toEqual(events.map((e) => e.uid));
    expect(new Set(events.map((e) => e.uid)).size).toBe(6);
    expect(events[0].uid).toContain(cohortA.id);
  });

  it('is readable by HR, admins, the cohort supervisors and its trainees only', async () => {
    for (const who of [hr, admin, supA, certified.trainee, formula.trainee]) {
      const res = await ics(cohortA, who.token);
      expect(res.status, who.email).toBe(200);
      await res.text();
    }
    for (const who of [supB, other.trainee]) {
      const res = await ics(cohortA, who.token);
      expect(res.status, who.email).toBe(403);
      expect((await errorOf(res)).code).toBe('FORBIDDEN');
    }
    const anonymous = await ics(cohortA);
    expect(anonymous.status).toBe(401);
    expect((await errorOf(anonymous)).code).toBe('UNAUTHENTICATED');
    expect((await ics({ id: '00000000-0000-4000-8000-000000000000' }, hr.token)).status).toBe(404);
    const bad = await ics({ id: 'not-a-cohort' }, hr.token);
    expect(bad.status).toBe(404);
    expect((await errorOf(bad)).code).toBe('NOT_FOUND');
  });

  it('writes UTC times for a UTC cohort', async () => {
    const text = await (await ics(cohortB, supB.token)).text();
    expect(text).toContain('DTSTART;VALUE=DATE:20260105');
    expect(text).toContain('DTSTART:20260109T150000Z');
    expect(text).not.toContain('TZID');
  });
});
