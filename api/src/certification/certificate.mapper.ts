import type { ComparatorEnum, MetricCodeEnum } from '../curriculum/dto/program.model.js';
import { METRIC_LABELS } from './domain/certification-rules.js';
import type { CertificationStatus } from './certification.service.js';
import type { CertificateModel, CertificationStatusModel, MetricValueModel } from './dto/certification.model.js';
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
    expired: c.expiresAt <= now,
    cycle: c.cycle,
    metricsSnapshot: c.metricsSnapshot.map((m) => ({
      code: m.code as MetricCodeEnum,
      label: METRIC_LABELS[m.code as keyof typeof METRIC_LABELS] ?? m.code,
      value: m.value,
      threshold: m.threshold,
      comparator: m.comparator as ComparatorEnum,
      unit: m.unit,
      met: m.met,
      sampleSize: m.sampleSize,
    })),
  };
}

/** `versionLabel` names the certificate's program version (e.g. "1.2.0"). */
export function toCertificationStatusModel(s: CertificationStatus, versionLabel: (programVersionId: string) => string): CertificationStatusModel {
  return {
    eligible: s.eligible,
    unmet: s.unmet,
    soloHandoffs: s.soloHandoffs,
    minSoloHandoffs: s.minSoloHandoffs,
    // The rules' metric results already have the model's fields, and their codes and comparators
    // are the enums' own strings: no copy per metric (HR lists five per enrollment, for thousands).
    metrics: s.metrics as unknown as MetricValueModel[],
    certificate: s.certificate ? toCertificateModel(s.certificate, versionLabel(s.certificate.programVersionId)) : null,
  };
}
