import { YesNo } from '~/components/StatusBadge';
import { formatMeasure, formatTarget } from '~/lib/format';
import type { MetricValue } from '~/lib/types';

/** The five handoff metrics against their targets, each with its verdict in words. */
export function MetricsTable({
  metrics,
  caption,
  captionId,
}: {
  metrics: Omit<MetricValue, 'code'>[];
  caption: string;
  captionId: string;
}) {
  if (metrics.length === 0) return <p className="empty">No metric was recorded.</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table>
        <caption id={captionId}>{caption}</caption>
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
          {metrics.map((m) => (
            <tr key={m.label}>
              <th scope="row">{m.label}</th>
              <td>{m.value == null ? <span className="muted">No data</span> : formatMeasure(m.value, m.unit)}</td>
              <td>{formatTarget(m.comparator, m.threshold, m.unit)}</td>
              <td>{m.sampleSize}</td>
              <td>
                <YesNo value={m.met} yes="Met" no="Not met" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
