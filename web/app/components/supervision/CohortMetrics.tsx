import { Link } from '@remix-run/react';
import { formatMeasure, formatTarget } from '~/lib/format';
import type { MetricValue } from '~/lib/types';
import type { MapTrainee } from './types';

/** A metric's value against its target: the figure, met ✓ / not met ✗ in words, and the sample size. */
function MetricCell({ metric }: { metric: MetricValue | undefined }) {
  if (!metric) return <td className="muted">—</td>;
  return (
    <td className={metric.met ? 'metric metric--met' : 'metric metric--unmet'}>
      <span className="metric__value">{metric.value == null ? 'No data' : formatMeasure(metric.value, metric.unit)}</span>{' '}
      <span className="metric__verdict block">
        <span aria-hidden="true">{metric.met ? '✓' : '✗'}</span> {metric.met ? 'met' : 'not met'}
      </span>
      <span className="block small muted">
        {metric.sampleSize} {metric.sampleSize === 1 ? 'handoff' : 'handoffs'}
      </span>
    </td>
  );
}

/** Trainees down, the five handoff metrics across, each with its target in the column head. */
export function CohortMetrics({ trainees, cohortName }: { trainees: MapTrainee[]; cohortName: string }) {
  const columns = trainees.find((t) => t.metrics.length > 0)?.metrics ?? [];
  return (
    <div className="table-wrap" role="region" aria-labelledby="metrics-caption" tabIndex={0}>
      <table className="metrics-table">
        <caption id="metrics-caption">Handoff metrics of {cohortName}, measured on each trainee's solo handoffs</caption>
        <thead>
          <tr>
            <th scope="col">Trainee</th>
            {columns.map((m) => (
              <th scope="col" key={m.code}>
                {m.label}
                <span className="block target-line">target {formatTarget(m.comparator, m.threshold, m.unit)}</span>
              </th>
            ))}
            <th scope="col">Solo handoffs</th>
            <th scope="col">Certification</th>
          </tr>
        </thead>
        <tbody>
          {trainees.map((t) => {
            const byCode = new Map(t.metrics.map((m) => [m.code, m]));
            const enough = t.soloHandoffs >= t.minSoloHandoffs;
            return (
              <tr key={t.enrollmentId}>
                <th scope="row">
                  <Link to={`/supervise/enrollments/${encodeURIComponent(t.enrollmentId)}`}>{t.name}</Link>
                </th>
                {columns.map((c) => (
                  <MetricCell key={c.code} metric={byCode.get(c.code)} />
                ))}
                <td className={enough ? 'metric metric--met' : 'metric metric--unmet'}>
                  {t.soloHandoffs} of {t.minSoloHandoffs}{' '}
                  <span className="metric__verdict">
                    <span aria-hidden="true">{enough ? '✓' : '✗'}</span> {enough ? 'enough' : 'not enough'}
                  </span>
                </td>
                <td>
                  {t.certificate && !t.certificate.revokedAt ? (
                    <span className="yesno yesno--yes">
                      <span aria-hidden="true">✓ </span>Certified
                    </span>
                  ) : t.certificate ? (
                    <span className="yesno yesno--no">
                      <span aria-hidden="true">✗ </span>Revoked
                    </span>
                  ) : t.eligible ? (
                    <span className="yesno yesno--yes">
                      <span aria-hidden="true">✓ </span>Ready to issue
                    </span>
                  ) : (
                    <span className="yesno yesno--no">
                      <span aria-hidden="true">✗ </span>Not yet
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
