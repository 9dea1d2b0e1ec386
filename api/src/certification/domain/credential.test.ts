import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MetricTargetDefinition } from '../../curriculum/domain/program-definition.js';
import { buildAchievementCredential, identityHash, type CredentialInput } from './credential.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../test/fixtures/standards/ob_v3p0_achievementcredential_schema.json'), 'utf8'));
// CommonJS default exports seen through ESM.
const AjvClass = ((Ajv2019 as unknown as { default?: unknown }).default ?? Ajv2019) as typeof Ajv2019.default;
const withFormats = ((addFormats as unknown as { default?: unknown }).default ?? addFormats) as typeof addFormats.default;
const ajv = new AjvClass({ strict: false, allErrors: true });
withFormats(ajv);
const validate = ajv.compile(schema);

const targets: MetricTargetDefinition[] = [
  { code: 'TIME_TO_FIRST_RESPONSE', comparator: 'LT', threshold: 60, unit: 's' },
  { code: 'CONTEXT_UTILIZATION', comparator: 'GTE', threshold: 100, unit: '%' },
  { code: 'CUSTOMER_REPEAT_RATE', comparator: 'LT', threshold: 5, unit: '%' },
  { code: 'HANDOFF_CSAT', comparator: 'GT', threshold: 4.2, unit: 'score' },
  { code: 'RESOLUTION_RATE', comparator: 'GT', threshold: 90, unit: '%' },
];

const input = (over: Partial<CredentialInput['certificate']> = {}, email: string | null = 'rosa@example.com'): CredentialInput => ({
  certificate: {
    id: '0b7f6a4e-9d7c-4f37-8f1e-2c1d9a0b1c2d',
    code: 'BTN-ABCD-EFGH-JKMN',
    issuedAt: new Date('2026-03-20T09:00:00Z'),
    expiresAt: new Date('2027-03-20T09:00:00Z'),
    revokedAt: null,
    traineeName: 'Rosa Lindqvist',
    programTitle: 'AI Handoff Certification',
    programVersionId: '5c0a7c1e-1f2b-4c3d-9e8f-7a6b5c4d3e2f',
    metricsSnapshot: targets.map((t, i) => ({ ...t, value: i === 3 ? 4.6 : i === 0 ? 30 : 100, met: true, sampleSize: 20 })),
    ...over,
  },
  program: { description: 'Three weeks to hand off AI conversations well.', version: '1.0.0', targets, minSoloHandoffs: 20 },
  traineeEmail: email,
  publicUrl: 'https://baton.example.com',
});

describe('buildAchievementCredential', () => {
  it('is a valid OB 3.0 AchievementCredential', () => {
    const credential = buildAchievementCredential(input());
    expect(validate(credential), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'https://baton.example.com/verify/BTN-ABCD-EFGH-JKMN',
      type: ['VerifiableCredential', 'AchievementCredential'],
      issuer: { id: 'https://baton.example.com', type: ['Profile'], name: 'Baton' },
      validFrom: '2026-03-20T09:00:00.000Z',
      validUntil: '2027-03-20T09:00:00.000Z',
      credentialStatus: { revoked: false },
    });
    expect(credential.credentialSubject.achievement.criteria.narrative).toMatch(/at least 20 QA-reviewed solo handoffs/);
    expect(credential.credentialSubject.achievement.criteria.narrative).toMatch(/Handoff CSAT: over 4\.2/);
    expect(credential.credentialSubject.result).toHaveLength(5);
  });

  it('identifies the holder by name and a salted email hash, never the email itself', () => {
    const credential = buildAchievementCredential(input());
    expect(JSON.stringify(credential)).not.toContain('rosa@example.com');
    const hashed = credential.credentialSubject.identifier.find((i) => i.identityType === 'emailAddress')!;
    expect(hashed).toMatchObject({ hashed: true, salt: '0b7f6a4e-9d7c-4f37-8f1e-2c1d9a0b1c2d' });
    expect(hashed.identityHash).toBe(identityHash('rosa@example.com', hashed.salt as string));
    expect(hashed.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    const withoutEmail = buildAchievementCredential(input({}, null));
    expect(validate(withoutEmail)).toBe(true);
    expect(withoutEmail.credentialSubject.identifier).toEqual([{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Rosa Lindqvist' }]);
  });

  it('says revoked in credentialStatus, and keeps metrics without data out of the values', () => {
    const snapshot = input().certificate.metricsSnapshot.map((m, i) => (i === 1 ? { ...m, value: null, met: false, sampleSize: 0 } : m));
    const credential = buildAchievementCredential(input({ revokedAt: new Date('2026-04-01T12:00:00Z'), metricsSnapshot: snapshot }));
    expect(validate(credential), JSON.stringify(validate.errors)).toBe(true);
    expect(credential.credentialStatus).toMatchObject({ revoked: true, revokedAt: '2026-04-01T12:00:00.000Z', statusPurpose: 'revocation' });
    expect(credential.credentialSubject.result[1]).not.toHaveProperty('value');
  });

  it('fails the schema when a required part is missing (the validator is really checking)', () => {
    const { issuer: _issuer, ...withoutIssuer } = buildAchievementCredential(input());
    expect(validate(withoutIssuer)).toBe(false);
  });
});
