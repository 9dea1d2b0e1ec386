import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { hydrate } from '../common/database/hydrate.js';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/actor.js';
import { badInput, conflict, notFound, requirementsUnmet } from '../common/errors/domain-error.js';
import { AccessService } from '../cohorts/access.service.js';
import { CurriculumService, isUuid } from '../curriculum/curriculum.service.js';
import type { ProgramVersion } from '../curriculum/entities/program-version.entity.js';
import { ProgressService } from '../progress/progress.service.js';
import { activitiesDone, EMPTY_AGGREGATE, evaluateCertification, type CertificationEvaluation, type SoloReviewAggregate } from './domain/certification-rules.js';
import { Certificate } from './entities/certificate.entity.js';

export interface CertificationStatus extends CertificationEvaluation {
  minSoloHandoffs: number;
  certificate: Certificate | null;
}

export interface StatusRow {
  enrollment_id: string;
  reviews: number | null;
  ttfr: number | null;
  context_pct: number | null;
  repeat_pct: number | null;
  csat_mean: number | null;
  csat_count: number | null;
  resolution_pct: number | null;
  /** The enrollment's percent_complete: with the version's activity count, how many are done. */
  percent_complete: number | null;
  certificate: Record<string, unknown> | null;
}

export interface EnrollmentRef {
  id: string;
  programVersionId: string;
}

/**
 * The SOLO review metrics of the current certification cycle, from the enrollment's running totals
 * (`solo_review_totals`, kept by triggers in the same transaction as every review: decision 018).
 * Each metric is the numeric (exact decimal) division the GROUP BY over the reviews did, cast to
 * float only at the end, so boundaries such as 1 of 20 = 5% or a mean CSAT of 4.2 compare exactly.
 * `t` is the totals row (NULL columns when the enrollment has none).
 */
export const soloMetricsSql = (t: string) => `
  ${t}.reviews,
  (${t}.first_response_seconds / nullif(${t}.reviews, 0))::float8 AS ttfr,
  (100 * ${t}.context_items_used::numeric / nullif(${t}.context_items_available, 0))::float8 AS context_pct,
  (100 * ${t}.repeated::numeric / nullif(${t}.reviews, 0))::float8 AS repeat_pct,
  (${t}.csat_sum::numeric / nullif(${t}.csat_count, 0))::float8 AS csat_mean,
  ${t}.csat_count,
  (100 * ${t}.resolved::numeric / nullif(${t}.reviews, 0))::float8 AS resolution_pct`;

/**
 * STATUS_SQL's columns (StatusRow's, but enrollment_id) for enrollment `e` joined by statusJoins:
 * also read inside the trainee home's statement (EnrollmentTimelineService.home).
 */
export const statusColumns = (e: string) => `${soloMetricsSql('solo')}, ${e}.percent_complete, row_to_json(cert) AS certificate`;
/** The running SOLO totals (`solo`) and the current cycle's certificate (`cert`) of enrollment `e`. */
export const statusJoins = (e: string) => `
    LEFT JOIN solo_review_totals solo ON solo.enrollment_id = ${e}.id
    LEFT JOIN certificates cert ON cert.enrollment_id = ${e}.id AND cert.cycle = ${e}.certification_cycle`;

/**
 * Everything the certification status needs, for many enrollments in one statement: the SOLO
 * metrics, the share of activities completed and the current cycle's certificate (as JSON,
 * hydrated into the entity). The activities completed are read from percent_complete, which
 * ProgressService writes in the same statement batch as the activity_progress rows it is the
 * share of, rather than counted again over every enrollment's activity rows.
 */
export const STATUS_SQL = `
  SELECT e.id AS enrollment_id, ${statusColumns('e')}
    FROM enrollments e ${statusJoins('e')}
   WHERE e.id = ANY($1::uuid[])`;

@Injectable()
export class CertificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly curriculum: CurriculumService,
    private readonly progress: ProgressService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Certification status of many enrollments in one statement. HR asks for every enrollment at
   * once, so the targets are looked up once per program version and the rest is a plain loop.
   */
  async statusOf(enrollments: readonly EnrollmentRef[], m: EntityManager = this.dataSource.manager): Promise<CertificationStatus[]> {
    if (enrollments.length === 0) return [];
    const rows: StatusRow[] = await m.query(STATUS_SQL, [[...new Set(enrollments.map((e) => e.id))]]);
    return this.statusFromRows(enrollments, rows, m);
  }

  /** The status of each enrollment from the rows of STATUS_SQL (also read as part of a larger statement). */
  async statusFromRows(enrollments: readonly EnrollmentRef[], rows: readonly StatusRow[], m: EntityManager = this.dataSource.manager): Promise<CertificationStatus[]> {
    const rowBy = new Map(rows.map((r) => [r.enrollment_id, r]));
    const versions = new Map<string, { version: ProgramVersion; activitiesTotal: number }>();
    for (const id of new Set(enrollments.map((e) => e.programVersionId))) {
      versions.set(id, { version: await this.curriculum.versionRow(id), activitiesTotal: (await this.curriculum.activitiesOf(id)).length });
    }
    // Enrollments without a SOLO review in this cycle evaluate alike for the same version and
    // completed count: one evaluation each, shared (nothing downstream mutates it). For HR's list of
    // every enrollment that is about half of them, and as much less garbage.
    const withoutReviews = new Map<string, CertificationEvaluation>();
    return enrollments.map((e): CertificationStatus => {
      const r = rowBy.get(e.id);
      const { version, activitiesTotal } = versions.get(e.programVersionId)!;
      const activitiesCompleted = activitiesDone(r?.percent_complete ?? 0, activitiesTotal);
      let evaluation: CertificationEvaluation | undefined;
      if (r?.reviews) {
        const aggregate: SoloReviewAggregate = {
          reviews: r.reviews,
          meanFirstResponseSeconds: r.ttfr,
          contextUtilizationPct: r.context_pct,
          repeatRatePct: r.repeat_pct,
          csatMean: r.csat_mean,
          csatCount: r.csat_count ?? 0,
          resolutionRatePct: r.resolution_pct,
        };
        evaluation = evaluateCertification({ targets: version.targets, minSoloHandoffs: version.minSoloHandoffs, aggregate, activitiesCompleted, activitiesTotal });
      } else {
        const key = `${e.programVersionId}:${activitiesCompleted}`;
        evaluation = withoutReviews.get(key);
        if (!evaluation) {
          evaluation = evaluateCertification({
            targets: version.targets,
            minSoloHandoffs: version.minSoloHandoffs,
            aggregate: EMPTY_AGGREGATE,
            activitiesCompleted,
            activitiesTotal,
          });
          withoutReviews.set(key, evaluation);
        }
      }
      return {
        eligible: evaluation.eligible,
        unmet: evaluation.unmet,
        metrics: evaluation.metrics,
        soloHandoffs: evaluation.soloHandoffs,
        minSoloHandoffs: version.minSoloHandoffs,
        certificate: r?.certificate ? hydrate(m.connection, Certificate, r.certificate) : null,
      };
    });
  }

  /**
   * The supervisor's final sign-off. The enrollment's row lock serialises concurrent calls (also
   * from several API processes), and the unique (enrollment, cycle) constraint backs it up: the
   * second caller gets the certificate the first one created.
   */
  async issue(actor: Actor, enrollmentId: string): Promise<Certificate> {
    await this.access.supervisableEnrollment(actor, enrollmentId);
    return this.dataSource.transaction(async (m) => {
      const locked = await this.progress.lockEnrollment(m, enrollmentId);
      const ref = { id: locked.id, programVersionId: locked.program_version_id };
      const [status] = await this.statusOf([ref], m);
      if (status.certificate) return status.certificate;
      if (!status.eligible) {
        throw requirementsUnmet(`Not eligible for certification yet: ${status.unmet.join(' ')}`, status.unmet);
      }
      const version = await this.curriculum.versionRow(ref.programVersionId);
      const [trainee] = await m.query(`SELECT u.name FROM enrollments e JOIN users u ON u.id = e.trainee_id WHERE e.id = $1`, [enrollmentId]);
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO certificates (enrollment_id, cycle, code, issued_at, expires_at, issued_by, trainee_name, program_title, program_version_id, metrics_snapshot)
         VALUES ($1, (SELECT certification_cycle FROM enrollments WHERE id = $1), $2, now(), now() + make_interval(months => $3), $4, $5, $6, $7, $8)
         ON CONFLICT (enrollment_id, cycle) DO NOTHING RETURNING id`,
        [
          enrollmentId,
          certificateCode(),
          version.validityMonths,
          actor.id,
          trainee.name,
          version.title,
          version.id,
          JSON.stringify(
            status.metrics.map((x) => ({
              code: x.code,
              value: x.value,
              threshold: x.threshold,
              comparator: x.comparator,
              unit: x.unit,
              met: x.met,
              sampleSize: x.sampleSize,
            })),
          ),
        ],
      );
      const [{ certification_cycle: cycle }] = await m.query(`SELECT certification_cycle FROM enrollments WHERE id = $1`, [enrollmentId]);
      const certificate = await m.findOneByOrFail(Certificate, { enrollmentId, cycle });
      if (inserted.length) {
        await this.audit.record(m, {
          actorId: actor.id,
          action: 'CERTIFICATE_ISSUED',
          entityType: 'certificate',
          entityId: certificate.id,
          details: { enrollmentId, code: certificate.code, programVersion: version.version },
        });
        await this.progress.recompute(m, enrollmentId);
      }
      return certificate;
    });
  }

  async revoke(actor: Actor, certificateId: string, reason: string): Promise<Certificate> {
    const why = reason.trim();
    if (!why) throw badInput('Give a reason for revoking the certificate.', { field: 'reason' });
    return this.dataSource.transaction(async (m) => {
      const certificate = isUuid(certificateId) ? await m.findOneBy(Certificate, { id: certificateId }) : null;
      if (!certificate) throw notFound('Certificate');
      await this.progress.lockEnrollment(m, certificate.enrollmentId);
      const updated = await m.query(
        `UPDATE certificates SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
        [certificate.id, why],
      );
      if (updated[1] ?? updated.length) {
        await this.audit.record(m, {
          actorId: actor.id,
          action: 'CERTIFICATE_REVOKED',
          entityType: 'certificate',
          entityId: certificate.id,
          reason: why,
          details: { enrollmentId: certificate.enrollmentId, code: certificate.code },
        });
        await this.progress.recompute(m, certificate.enrollmentId);
      }
      return m.findOneByOrFail(Certificate, { id: certificate.id });
    });
  }

  /**
   * Opens a new certification cycle once the current certificate has expired, been revoked or is
   * within 90 days of expiry: the next certificate needs solo handoffs taken from now on. The
   * training history and every earlier certificate, with its snapshot, stay.
   */
  async startRecertification(actor: Actor, enrollmentId: string): Promise<void> {
    await this.access.supervisableEnrollment(actor, enrollmentId);
    await this.dataSource.transaction(async (m) => {
      await this.progress.lockEnrollment(m, enrollmentId);
      const [current] = await m.query(
        `SELECT c.id, c.expires_at, c.revoked_at, c.expires_at - interval '90 days' <= now() AS renewable
           FROM certificates c JOIN enrollments e ON e.id = c.enrollment_id AND c.cycle = e.certification_cycle
          WHERE e.id = $1`,
        [enrollmentId],
      );
      if (!current) throw conflict('There is no certificate to renew yet: issue the first one when the trainee is eligible.');
      if (!current.revoked_at && !current.renewable) {
        throw conflict(`The certificate is valid until ${new Date(current.expires_at).toISOString().slice(0, 10)}; recertification opens 90 days before.`);
      }
      await m.query(
        `UPDATE enrollments SET certification_cycle = certification_cycle + 1, cycle_started_at = clock_timestamp() WHERE id = $1`,
        [enrollmentId],
      );
      await this.audit.record(m, { actorId: actor.id, action: 'RECERTIFICATION_STARTED', entityType: 'enrollment', entityId: enrollmentId });
      await this.progress.recompute(m, enrollmentId);
    });
  }

  /** Every certificate of the enrollments, newest cycle first: the history HR and trainees see. */
  certificatesOf(enrollmentIds: readonly string[]): Promise<Certificate[]> {
    if (enrollmentIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(Certificate)
      .createQueryBuilder('c')
      .where('c.enrollment_id = ANY(:ids)', { ids: [...enrollmentIds] })
      .orderBy('c.cycle', 'DESC')
      .getMany();
  }

  async verify(code: string): Promise<Certificate | null> {
    const normalised = code.trim().toUpperCase();
    if (!/^[A-Z0-9-]{4,40}$/.test(normalised)) return null;
    return this.dataSource.getRepository(Certificate).findOneBy({ code: normalised });
  }

  async programVersionLabel(versionId: string): Promise<string> {
    return (await this.curriculum.versionRow(versionId)).version;
  }
}

/** Short, unambiguous, unguessable: BTN- and 12 characters of Crockford base32. */
function certificateCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % 32]).join('');
  return `BTN-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}
