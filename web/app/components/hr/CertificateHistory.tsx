import { Link } from '@remix-run/react';
import { formatDate } from '~/lib/format';
import type { MetricValue } from '~/lib/types';
import { certificateState } from './EnrollmentTable';
import { MetricsTable } from './MetricsTable';

export interface CertificateRecordView {
  id: string;
  code: string;
  cycle: number;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  expired: boolean;
  valid: boolean;
  programTitle: string;
  programVersion: string;
  metricsSnapshot: MetricValue[];
}

const STATE_TEXT = { valid: 'Valid', expired: 'Expired', revoked: 'Revoked' } as const;
const STATE_ICON = { valid: '✓', expired: '✗', revoked: '✗' } as const;

/** Every certificate of an enrollment, newest cycle first, each with the metrics it was issued on. */
export function CertificateHistory({
  certificates,
  timeZone,
  traineeName,
}: {
  certificates: CertificateRecordView[];
  timeZone: string;
  traineeName: string;
}) {
  return (
    <section className="panel" aria-labelledby="certificates-heading" id="certificates">
      <h2 id="certificates-heading">Certificates ({certificates.length})</h2>
      {certificates.length === 0 ? (
        <p className="empty">{traineeName} has no certificate yet; the checklist above shows where they stand.</p>
      ) : (
        certificates.map((c) => {
          const state = certificateState(c);
          return (
            <article key={c.id} className={`hr-certificate hr-certificate--${state}`} aria-labelledby={`cert-${c.id}`}>
              <h3 id={`cert-${c.id}`}>
                Certificate <code>{c.code}</code>
                <span className="muted h3-note"> · cycle {c.cycle}</span>
              </h3>
              <dl className="facts">
                <div>
                  <dt>State</dt>
                  <dd>
                    <span className={`hr-cert hr-cert--${state}`}>
                      <span aria-hidden="true">{STATE_ICON[state]} </span>
                      {STATE_TEXT[state]}
                    </span>
                  </dd>
                </div>
                <div>
                  <dt>Issued</dt>
                  <dd>
                    <time dateTime={c.issuedAt}>{formatDate(c.issuedAt, timeZone)}</time>
                  </dd>
                </div>
                <div>
                  <dt>{c.expired ? 'Expired' : 'Expires'}</dt>
                  <dd>
                    <time dateTime={c.expiresAt}>{formatDate(c.expiresAt, timeZone)}</time>
                  </dd>
                </div>
                {c.revokedAt ? (
                  <div>
                    <dt>Revoked</dt>
                    <dd>
                      <time dateTime={c.revokedAt}>{formatDate(c.revokedAt, timeZone)}</time>
                    </dd>
                  </div>
                ) : null}
                <div>
                  <dt>Program</dt>
                  <dd>
                    {c.programTitle} (version {c.programVersion})
                  </dd>
                </div>
              </dl>
              <p>
                <Link to={`/verify/${encodeURIComponent(c.code)}`}>
                  Public verification page<span className="visually-hidden"> of certificate {c.code}</span>
                </Link>
              </p>
              <MetricsTable
                metrics={c.metricsSnapshot}
                captionId={`cert-${c.id}-snapshot`}
                caption={`Snapshot: the handoff metrics when ${c.code} was issued`}
              />
            </article>
          );
        })
      )}
    </section>
  );
}
