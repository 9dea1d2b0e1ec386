import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { formatDate } from '~/lib/format';
import { verifyCertificate } from './verify.$code.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Certificate ${data?.verdict === 'VALID' ? 'valid' : data?.verdict === 'REVOKED' ? 'revoked' : 'not found'} · Baton` },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const code = (params.code ?? '').trim();
  const certificate = code ? await verifyCertificate(code) : null;
  const verdict = !certificate ? 'NOT_FOUND' : certificate.revokedAt ? 'REVOKED' : 'VALID';
  return data({ code, verdict, certificate } as const, { status: certificate ? 200 : 404 });
}

export default function VerifyCertificate() {
  const { code, verdict, certificate } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Certificate verification</h1>
      <section className={`panel verdict verdict--${verdict.toLowerCase().replace('_', '-')}`} aria-labelledby="verdict-heading">
        <h2 id="verdict-heading" className="verdict__title">
          <span aria-hidden="true" className="verdict__icon">
            {verdict === 'VALID' ? '✓' : verdict === 'REVOKED' ? '✗' : '?'}
          </span>{' '}
          {verdict === 'VALID' ? 'VALID' : verdict === 'REVOKED' ? 'REVOKED' : 'NOT FOUND'}
        </h2>
        {certificate ? (
          <>
            <p>
              {verdict === 'VALID'
                ? 'This certificate was issued by Baton and has not been revoked.'
                : 'This certificate was issued by Baton but has since been revoked. It no longer certifies the holder.'}
            </p>
            <dl className="facts">
              <div>
                <dt>Holder</dt>
                <dd>{certificate.traineeName}</dd>
              </div>
              <div>
                <dt>Program</dt>
                <dd>{certificate.programTitle}</dd>
              </div>
              <div>
                <dt>Issued</dt>
                <dd>{formatDate(certificate.issuedAt)}</dd>
              </div>
              <div>
                <dt>Revoked</dt>
                <dd>{certificate.revokedAt ? formatDate(certificate.revokedAt) : 'No'}</dd>
              </div>
              <div>
                <dt>Code</dt>
                <dd>
                  <code>{certificate.code}</code>
                </dd>
              </div>
            </dl>
            <p className="muted small">Dates are in UTC.</p>
            <ul>
              <li>
                <a href={`/verify/${encodeURIComponent(certificate.code)}/certificate.pdf`}>Download the PDF certificate</a>
              </li>
              <li>
                <a href={`/verify/${encodeURIComponent(certificate.code)}/credential.json`} type="application/ld+json">
                  Open Badges credential (JSON)
                </a>
              </li>
            </ul>
          </>
        ) : (
          <p>
            No certificate has the code <code>{code}</code>. Check the code for typing mistakes; codes are shown on the
            certificate itself.
          </p>
        )}
      </section>
      <p>
        <Link to="/verify">Check another code</Link>
      </p>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
