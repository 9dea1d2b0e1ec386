import { Form, Link } from '@remix-run/react';
import { CsrfField } from '~/components/CsrfField';
import { FormMessage, type ActionFeedback } from '~/components/FormBits';
import { formatDate } from '~/lib/format';
import type { CertificationStatus } from '~/lib/types';
import type { CertificateRecord } from './types';

const RENEWAL_WINDOW_MS = 90 * 24 * 3600 * 1000;

/** Whether a new certification cycle may start: the current certificate expired, was revoked, or expires within 90 days. */
export function canRecertify(current: CertificateRecord | undefined, now = Date.now()): boolean {
  if (!current) return false;
  return current.revokedAt !== null || current.expired || new Date(current.expiresAt).getTime() - RENEWAL_WINDOW_MS <= now;
}

/** The issue button (when eligible), or the issued certificate with its public page. */
export function CertificateActions({
  enrollmentId,
  traineeName,
  certification,
  timeZone,
  feedback,
  unmet,
  detailsHref,
  certificates = [],
}: {
  enrollmentId: string;
  traineeName: string;
  certification: CertificationStatus;
  timeZone: string;
  feedback: ActionFeedback | undefined;
  unmet: string[];
  detailsHref: string;
  /** Every certificate of the enrollment, newest cycle first. */
  certificates?: CertificateRecord[];
}) {
  const certificate = certification.certificate;
  const current = certificate ? certificates.find((c) => c.code === certificate.code) : undefined;
  return (
    <section className="panel" aria-labelledby="certificate-heading" id="certificate">
      <h2 id="certificate-heading">Certificate</h2>
      {certificate ? (
        <>
          <p className={certificate.revokedAt ? 'notice notice--warning' : 'notice notice--success'}>
            {certificate.revokedAt ? (
              <>
                <strong>Revoked</strong> on {formatDate(certificate.revokedAt, timeZone)}: certificate <code>{certificate.code}</code>, issued{' '}
                {formatDate(certificate.issuedAt, timeZone)}.
              </>
            ) : (
              <>
                <strong>
                  <span aria-hidden="true">✓ </span>Issued
                </strong>{' '}
                on {formatDate(certificate.issuedAt, timeZone)}. Certificate code <code className="certificate-code">{certificate.code}</code>.
              </>
            )}
          </p>
          <p>
            Anyone can check it at{' '}
            <Link to={`/verify/${encodeURIComponent(certificate.code)}`}>/verify/{certificate.code}</Link>.
            {current && !certificate.revokedAt ? (
              <>
                {' '}
                {current.expired ? 'It expired' : 'It expires'} on {formatDate(current.expiresAt, timeZone)}.
              </>
            ) : null}
          </p>
          {canRecertify(current) ? (
            <Form method="post" className="form">
              <CsrfField />
              <input type="hidden" name="intent" value="startRecertification" />
              <input type="hidden" name="enrollmentId" value={enrollmentId} />
              <p id="recertify-hint">
                Recertification starts a new certification cycle: {traineeName} needs new solo handoffs, reviewed from now on, that meet the
                targets before the next certificate can be issued. This certificate and its history stay.
              </p>
              <button type="submit" className="button" aria-describedby="recertify-hint">
                Start recertification
              </button>
            </Form>
          ) : null}
        </>
      ) : certification.eligible ? (
        <>
          <p>
            <span aria-hidden="true">✓ </span>
            {traineeName} meets every requirement. Issuing the certificate marks the enrollment certified and records today's metrics with
            it.
          </p>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="issueCertificate" />
            <input type="hidden" name="enrollmentId" value={enrollmentId} />
            <button type="submit" className="button">
              Issue certificate
            </button>
          </Form>
        </>
      ) : (
        <p>
          Not eligible yet: {certification.unmet.length} {certification.unmet.length === 1 ? 'requirement is' : 'requirements are'} still open.{' '}
          <a href={detailsHref}>See the certification checklist</a>.
        </p>
      )}
      <FormMessage feedback={feedback} />
      <UnmetList items={unmet} />
      {certificates.length > 0 ? <CertificateHistory certificates={certificates} timeZone={timeZone} /> : null}
    </section>
  );
}

/** What REQUIREMENTS_UNMET listed. */
export function UnmetList({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <p className="small">Still missing:</p>
      <ul className="unmet">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </>
  );
}

/** Every certificate of the enrollment, one per certification cycle, newest first. */
function CertificateHistory({ certificates, timeZone }: { certificates: CertificateRecord[]; timeZone: string }) {
  return (
    <div className="table-wrap">
      <table className="compact">
        <caption>Certificate history</caption>
        <thead>
          <tr>
            <th scope="col">Cycle</th>
            <th scope="col">Code</th>
            <th scope="col">Issued</th>
            <th scope="col">Expires</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {certificates.map((c) => (
            <tr key={c.code}>
              <th scope="row">{c.cycle}</th>
              <td>
                <Link to={`/verify/${encodeURIComponent(c.code)}`}>
                  <code>{c.code}</code>
                </Link>
              </td>
              <td>{formatDate(c.issuedAt, timeZone)}</td>
              <td>{formatDate(c.expiresAt, timeZone)}</td>
              <td>{c.revokedAt ? `Revoked ${formatDate(c.revokedAt, timeZone)}` : c.expired ? 'Expired' : 'Valid'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
