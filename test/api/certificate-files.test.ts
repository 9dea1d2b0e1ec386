import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../support/factories.js';
import { overrideAll, programShape, review } from '../support/program.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const root = join(import.meta.dirname, '../..');
const schemaCopy = join(root, 'test/fixtures/standards/ob_v3p0_achievementcredential_schema.json');
const sharedSchema = join(root, '../shared/standards/ob_v3p0_achievementcredential_schema.json');

// CommonJS default exports seen through ESM.
const AjvClass = ((Ajv2019 as unknown as { default?: unknown }).default ?? Ajv2019) as typeof Ajv2019.default;
const withFormats = ((addFormats as unknown as { default?: unknown }).default ?? addFormats) as typeof addFormats.default;
const ajv = new AjvClass({ strict: false, allErrors: true });
withFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaCopy, 'utf8')));

const PUBLIC_URL = 'https://baton.example.com';
const RECORD = `mutation($input: HandoffReviewInput!) { recordHandoffReview(input: $input) { id } }`;
const ISSUE = `mutation($e: ID!) { issueCertificate(enrollmentId: $e) { id code } }`;
const REVOKE = `mutation($id: ID!) { revokeCertificate(id: $id, reason: "Issued in error") { revokedAt } }`;

let t: TestApi;
let valid: { code: string; email: string };
let revoked: { code: string; revokedAt: string };

beforeAll(async () => {
  t = await startTestApi({ BATON_PUBLIC_URL: PUBLIC_URL });
  const f = factories(t);
  const admin = await f.admin();
  const program = await programShape(t, admin.token);
  const keys = program.weeks.flatMap((w) => w.activities.map((a) => a.key));
  const supervisor = await f.supervisor();
  const cohort = await f.cohort({ supervisors: [supervisor] });
  async function certified(name: string) {
    const trainee = await f.trainee(name);
    const enrollment = await f.enroll(cohort.id, trainee.id);
    await overrideAll(t, admin.token, enrollment.id, keys);
    for (let i = 0; i < 20; i++) await t.ok(RECORD, { input: review(enrollment.id, `solo-${i}`, 'SOLO') }, supervisor.token);
    const { issueCertificate } = await t.ok<{ issueCertificate: { id: string; code: string } }>(ISSUE, { e: enrollment.id }, supervisor.token);
    return { ...issueCertificate, email: trainee.email as string };
  }
  valid = await certified('Rosa Lindqvist');
  const other = await certified('Jonas Berg');
  const { revokeCertificate } = await t.ok<{ revokeCertificate: { revokedAt: string } }>(REVOKE, { id: other.id }, admin.token);
  revoked = { code: other.code, revokedAt: revokeCertificate.revokedAt };
});
afterAll(() => t?.close());

const get = (path: string) => fetch(`${t.url}${path}`);

describe('the vendored OB 3.0 schema', () => {
  it('matches ../shared/standards when it is there', () => {
    if (!existsSync(sharedSchema)) return;
    expect(readFileSync(schemaCopy, 'utf8')).toBe(readFileSync(sharedSchema, 'utf8'));
  });
});

describe('GET /certificates/:code/credential.json (public)', () => {
  it('is an OB 3.0 AchievementCredential valid against the 1EdTech schema, without any email', async () => {
    const res = await get(`/certificates/${valid.code}/credential.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/json/);
    const text = await res.text();
    const credential = JSON.parse(text);
    expect(validate(credential), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(text).not.toContain(valid.email);
    expect(text.toLowerCase()).not.toContain(valid.email.toLowerCase());
    expect(credential).toMatchObject({
      id: `${PUBLIC_URL}/verify/${valid.code}`,
      type: ['VerifiableCredential', 'AchievementCredential'],
      issuer: { type: ['Profile'], name: 'Baton' },
      credentialStatus: { revoked: false },
      credentialSubject: {
        type: ['AchievementSubject'],
        name: 'Rosa Lindqvist',
        achievement: { type: ['Achievement'], name: 'AI Handoff Certification' },
      },
    });
    expect(new Date(credential.validUntil).getTime()).toBeGreaterThan(new Date(credential.validFrom).getTime());
    expect(credential.credentialSubject.achievement.criteria.narrative).toMatch(/at least 20 QA-reviewed solo handoffs/);
    expect(credential.credentialSubject.result).toHaveLength(5);
  });

  it('accepts the code in lower case', async () => {
    expect((await get(`/certificates/${valid.code.toLowerCase()}/credential.json`)).status).toBe(200);
  });

  it('answers 404 for an unknown or malformed code', async () => {
    for (const code of ['BTN-0000-0000-0000', 'x', '%27%20OR%201%3D1']) {
      const res = await get(`/certificates/${code}/credential.json`);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('NOT_FOUND');
    }
  });

  it('still serves a revoked certificate, with its status saying revoked', async () => {
    const res = await get(`/certificates/${revoked.code}/credential.json`);
    expect(res.status).toBe(200);
    const credential = await res.json();
    expect(validate(credential), JSON.stringify(validate.errors)).toBe(true);
    expect(credential.credentialStatus).toMatchObject({ revoked: true, revokedAt: new Date(revoked.revokedAt).toISOString() });
  });
});

describe('GET /certificates/:code/certificate.pdf (public)', () => {
  async function pdf(code: string) {
    const res = await get(`/certificates/${code}/certificate.pdf`);
    expect(res.status).toBe(200);
    return { res, text: Buffer.from(await res.arrayBuffer()).toString('latin1') };
  }
  /** pdfkit writes text as hex glyph strings: `<...> Tj`/`TJ`; join them back per text object. */
  const shownText = (pdfText: string) =>
    [...pdfText.matchAll(/BT([\s\S]*?)ET/g)]
      .map(([, body]) => [...body.matchAll(/<([0-9a-f]+)>/gi)].map(([, hex]) => Buffer.from(hex, 'hex').toString('latin1')).join(''))
      .join('\n');

  it('is an A4 landscape PDF with the name, program, code and verification URL, shown inline', async () => {
    const { res, text } = await pdf(valid.code);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="baton-certificate-${valid.code}.pdf"`);
    expect(text.startsWith('%PDF-')).toBe(true);
    const box = text.match(/\/MediaBox \[([^\]]+)\]/)![1].trim().split(/\s+/).map(Number);
    expect(box).toEqual([0, 0, 841.89, 595.28]);
    const shown = shownText(text);
    for (const part of ['Certificate of completion', 'Rosa Lindqvist', 'AI Handoff Certification', valid.code, `${PUBLIC_URL}/verify/${valid.code}`]) {
      expect(shown).toContain(part);
    }
    expect(shown).not.toContain('REVOKED');
    expect(text).toMatch(/\/Subtype \/Image/);
    expect(text).not.toContain(valid.email);
  });

  it('marks a revoked certificate REVOKED with the date', async () => {
    const { text } = await pdf(revoked.code);
    const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(revoked.revokedAt));
    expect(shownText(text)).toContain(`REVOKED on ${date}`);
  });

  it('answers 404 for an unknown code', async () => {
    expect((await get('/certificates/BTN-0000-0000-0000/certificate.pdf')).status).toBe(404);
  });
});
