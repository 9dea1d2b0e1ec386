import { Link } from '@remix-run/react';
import { formatDate, formatMeasure, formatTarget } from '~/lib/format';
import { allActivities, completedShare } from '~/lib/progress';
import type { EnrollmentDetail } from '~/lib/types';
import { YesNo } from './StatusBadge';

/** The certification checklist, the five metrics, what is still missing, and the certificate. */
export function CertificationPanel({ enrollment, headingId }: { enrollment: EnrollmentDetail; headingId: string }) {
  const { certification, program } = enrollment;
  const activities = completedShare(allActivities(enrollment.weeks));
  const soloEnough = certification.soloHandoffs >= program.minSoloHandoffs;
  const certificate = certification.certificate;
  const timeZone = enrollment.cohort.timeZone;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Certification</h2>
      {certificate ? (
        <div className={certificate.revokedAt ? 'notice notice--warning' : 'notice notice--success'}>
          {certificate.revokedAt ? (
            <p>
              <strong>Certificate revoked</strong> on {formatDate(certificate.revokedAt, timeZone)} (issued{' '}
              {formatDate(certificate.issuedAt, timeZone)}).
            </p>
          ) : (
            <p>
              <strong>
                <span aria-hidden="true">✓ </span>Certified
              </strong>{' '}
              on {formatDate(certificate.issuedAt, timeZone)}. Certificate code <code>{certificate.code}</code>.
            </p>
          )}
          <p>
            <Link to={`/verify/${encodeURIComponent(certificate.code)}`}>Open the public verification page</Link> ·{' '}
            <a href={`/verify/${encodeURIComponent(certificate.code)}/certificate.pdf`}>Download the PDF certificate</a>
          </p>
        </div>
      ) : certification.eligible ? (
        <p className="notice notice--success">
          <strong>
            <span aria-hidden="true">✓ </span>Every requirement is met.
          </strong>{' '}
          The cohort's supervisor can now issue the certificate.
        </p>
      ) : (
        <p className="notice">Not yet eligible for certification. The checklist below shows what is still needed.</p>
      )}

      <h3>Checklist</h3>
      <ul className="checklist">
        <li>
          <YesNo value={activities.done === activities.total && activities.total > 0} yes="Done" no="Not yet" />{' '}
          Every activity completed ({activities.done} of {activities.total})
        </li>
        <li>
          <YesNo value={soloEnough} yes="Done" no="Not yet" /> Solo handoffs reviewed: {certification.soloHandoffs} (at least{' '}
          {program.minSoloHandoffs} needed)
        </li>
        <li>
          <YesNo value={certification.metrics.length > 0 && certification.metrics.every((m) => m.met)} yes="Done" no="Not yet" />{' '}
          Every handoff metric on target
        </li>
      </ul>

      <div className="table-wrap">
        <table>
          <caption>Handoff metrics, measured on solo handoffs</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Value</th>
              <th scope="col">Target</th>
              <th scope="col">Handoffs counted</th>
              <th scope="col">On target?</th>
            </tr>
          </thead>
          <tbody>
            {certification.metrics.map((metric) => (
              <tr key={metric.code}>
                <th scope="row">{metric.label}</th>
                <td>{metric.value == null ? <span className="muted">No data yet</span> : formatMeasure(metric.value, metric.unit)}</td>
                <td>{formatTarget(metric.comparator, metric.threshold, metric.unit)}</td>
                <td>{metric.sampleSize}</td>
                <td>
                  <YesNo value={metric.met} yes="Met" no="Not met" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {certification.unmet.length > 0 ? (
        <>
          <h3>Still missing</h3>
          <ul className="unmet">
            {certification.unmet.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
