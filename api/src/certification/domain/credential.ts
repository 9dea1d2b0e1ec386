// The certificate as an Open Badges 3.0 AchievementCredential (CONTRACT.md "Exports"), as a pure
// function: the controller loads the rows, this shapes them. Valid against the 1EdTech JSON schema
// (test/fixtures/standards/ob_v3p0_achievementcredential_schema.json, draft 2019-09). The credential
// is not signed (no `proof`): verifiers fetch it from Baton and check `credentialStatus`.
import { createHash } from 'node:crypto';
import type { Comparator, MetricTargetDefinition } from '../../curriculum/domain/program-definition.js';
import type { MetricSnapshot } from '../entities/certificate.entity.js';
import { METRIC_LABELS } from './certification-rules.js';

export const OB3_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const;

export interface CredentialInput {
  certificate: {
    id: string;
    code: string;
    issuedAt: Date;
    expiresAt: Date;
    revokedAt: Date | null;
    traineeName: string;
    programTitle: string;
    programVersionId: string;
    metricsSnapshot: MetricSnapshot[];
  };
  program: { description: string; version: string; targets: MetricTargetDefinition[]; minSoloHandoffs: number };
  /** Hashed (salted) into an IdentityObject; never written out as is. */
  traineeEmail: string | null;
  /** The web app's public base URL without a trailing slash. */
  publicUrl: string;
}

const COMPARATOR_WORDS: Record<Comparator, string> = { LT: 'under', LTE: 'at most', GT: 'over', GTE: 'at least' };

function measure(value: number, unit: string): string {
  const n = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return unit === '%' ? `${n}%` : unit === 's' ? `${n} s` : n;
}

function resultType(unit: string): string {
  return unit === '%' ? 'Percent' : unit === 's' ? 'ext:Seconds' : 'RawScore';
}

/** The page a person opens, and the address the credential is identified by. */
export const verificationUrl = (publicUrl: string, code: string) => `${publicUrl}/verify/${encodeURIComponent(code)}`;

/** OB3 IdentityHash: `sha256$` + hex(SHA-256(identifier + salt)), identifier and salt in UTF-8. */
export function identityHash(identifier: string, salt: string): string {
  return `sha256$${createHash('sha256').update(identifier + salt, 'utf8').digest('hex')}`;
}

export function buildAchievementCredential({ certificate: c, program, traineeEmail, publicUrl }: CredentialInput) {
  const url = verificationUrl(publicUrl, c.code);
  const achievementId = `urn:uuid:${c.programVersionId}`;
  const metricId = (code: string) => `${achievementId}#${code}`;
  const criteria = [
    `Complete every activity of the three-week program, then take at least ${program.minSoloHandoffs} QA-reviewed solo handoffs meeting every target:`,
    ...program.targets.map((t) => `- ${METRIC_LABELS[t.code] ?? t.code}: ${COMPARATOR_WORDS[t.comparator] ?? t.comparator} ${measure(t.threshold, t.unit)}`),
  ].join('\n');

  const identifier: Record<string, unknown>[] = [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: c.traineeName }];
  if (traineeEmail) {
    // Salted per certificate so equal emails do not hash alike across credentials.
    const salt = c.id;
    identifier.push({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: identityHash(traineeEmail.trim().toLowerCase(), salt), salt });
  }

  return {
    '@context': [...OB3_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'AchievementCredential'],
    name: `${c.programTitle}: ${c.traineeName}`,
    issuer: { id: publicUrl, type: ['Profile'], name: 'Baton', url: publicUrl },
    validFrom: c.issuedAt.toISOString(),
    validUntil: c.expiresAt.toISOString(),
    credentialSubject: {
      type: ['AchievementSubject'],
      name: c.traineeName,
      identifier,
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Certification',
        name: c.programTitle,
        description: program.description || `Certification of the ${c.programTitle} program.`,
        criteria: { narrative: criteria },
        version: program.version,
        humanCode: c.code,
        resultDescription: c.metricsSnapshot.map((m) => ({
          id: metricId(m.code),
          type: ['ResultDescription'],
          name: `${METRIC_LABELS[m.code as keyof typeof METRIC_LABELS] ?? m.code} (${COMPARATOR_WORDS[m.comparator as Comparator] ?? m.comparator} ${measure(m.threshold, m.unit)})`,
          resultType: resultType(m.unit),
          requiredValue: String(m.threshold),
        })),
      },
      // The metrics as they were when the certificate was issued.
      result: c.metricsSnapshot.map((m) => ({
        type: ['Result'],
        resultDescription: metricId(m.code),
        ...(m.value === null ? {} : { value: String(Math.round(m.value * 100) / 100) }),
      })),
    },
    // Revocation: Baton's own status method. `id` is where the current status is served (this
    // credential, fetched again); `revoked`/`revokedAt` say what it was when this copy was made.
    credentialStatus: {
      id: `${url}/credential.json`,
      type: 'BatonCertificateStatus',
      statusPurpose: 'revocation',
      revoked: c.revokedAt !== null,
      ...(c.revokedAt ? { revokedAt: c.revokedAt.toISOString() } : {}),
    },
  };
}

export type AchievementCredential = ReturnType<typeof buildAchievementCredential>;
