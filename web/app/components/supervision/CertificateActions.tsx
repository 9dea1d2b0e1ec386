import { Form, Link } from '@remix-run/react';
import { FormMessage, type ActionFeedback } from '~/components/FormBits';
import { formatDate } from '~/lib/format';
import type { CertificationStatus } from '~/lib/types';

/** The issue button (when eligible), or the issued certificate with its public page. */
export function CertificateActions({
  enrollmentId,
  traineeName,
  certification,
  timeZone,
  feedback,
  unmet,
  detailsHref,
}: {
  enrollmentId: string;
  traineeName: string;
  certification: CertificationStatus;
  timeZone: string;
  feedback: ActionFeedback | undefined;
  unmet: string[];
  detailsHref: string;
}) {
  const certificate = certification.certificate;
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
          </p>
        </>
      ) : certification.eligible ? (
        <>
          <p>
            <span aria-hidden="true">✓ </span>
            {traineeName} meets every requirement. Issuing the certificate marks the enrollment certified and records today's metrics with
            it.
          </p>
          <Form method="post">
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
