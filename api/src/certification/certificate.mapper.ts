import type { CertificateModel } from './dto/certification.model.js';
import type { Certificate } from './entities/certificate.entity.js';

export function toCertificateModel(c: Certificate, programVersion: string, now = new Date()): CertificateModel {
  return {
    id: c.id,
    code: c.code,
    issuedAt: c.issuedAt,
    revokedAt: c.revokedAt,
    traineeName: c.traineeName,
    programTitle: c.programTitle,
    expiresAt: c.expiresAt,
    programVersion,
    valid: !c.revokedAt && c.expiresAt > now,
  };
}
