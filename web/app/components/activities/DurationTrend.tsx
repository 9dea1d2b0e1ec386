import { formatSeconds, type AttemptSummary } from '~/lib/attempts';
import { formatDateTime } from '~/lib/format';

const WIDTH = 360;
const HEIGHT = 150;
const PAD = { left: 44, right: 14, top: 14, bottom: 28 };
const MAX_POINTS = 10;

/** A round upper bound for the y axis: the next multiple of 10 s. */
function niceCeiling(value: number): number {
  return Math.max(10, Math.ceil(value / 10) * 10);
}

/**
 * The durations of the trainee's last speed-reading attempts against the target, as a small
 * server-rendered SVG. Shapes tell passed (filled circle) from not passed (cross), never colour
 * alone; the same figures follow as a table. Times far over the target are drawn at the top edge
 * with an arrow, so one slow attempt does not flatten the rest.
 */
export function DurationTrend({
  attempts,
  limitSeconds,
  timeZone,
  idPrefix,
}: {
  /** Newest first, as the API lists them. */
  attempts: AttemptSummary[];
  limitSeconds: number;
  timeZone: string;
  idPrefix: string;
}) {
  const points = attempts
    .filter((a) => a.submittedAt && a.durationSeconds != null)
    .slice(0, MAX_POINTS)
    .reverse()
    .map((a) => ({ ...a, seconds: a.durationSeconds as number }));
  if (points.length === 0) {
    return <p className="muted">No timed attempt yet: your times appear here, with the {limitSeconds} s target.</p>;
  }

  const slowest = Math.max(...points.map((p) => p.seconds));
  const yMax = niceCeiling(Math.max(limitSeconds * 1.5, Math.min(slowest, limitSeconds * 3)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (s: number) => PAD.top + plotH - (Math.min(s, yMax) / yMax) * plotH;
  const within = points.filter((p) => p.seconds <= limitSeconds).length;
  const fastest = Math.min(...points.map((p) => p.seconds));
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;

  return (
    <figure className="trend">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        className="trend__chart"
        focusable="false"
      >
        <title id={titleId}>Speed-reading times, last {points.length === 1 ? 'attempt' : `${points.length} attempts`}</title>
        <desc id={descId}>
          {`Oldest first: ${points.map((p) => formatSeconds(p.seconds, limitSeconds)).join(', ')}. Target under ${limitSeconds} s; ${within} of ${points.length} within it. Fastest ${formatSeconds(fastest, limitSeconds)}.`}
        </desc>
        {/* axes and scale */}
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + plotH} className="trend__axis" />
        <line x1={PAD.left} y1={PAD.top + plotH} x2={PAD.left + plotW} y2={PAD.top + plotH} className="trend__axis" />
        <text x={PAD.left - 6} y={y(0) + 4} className="trend__label" textAnchor="end">
          0 s
        </text>
        <text x={PAD.left - 6} y={y(yMax) + 4} className="trend__label" textAnchor="end">
          {yMax} s
        </text>
        {/* the target */}
        <line x1={PAD.left} y1={y(limitSeconds)} x2={PAD.left + plotW} y2={y(limitSeconds)} className="trend__target" />
        <text x={PAD.left - 6} y={y(limitSeconds) + 4} className="trend__label trend__label--target" textAnchor="end">
          {limitSeconds} s
        </text>
        <text x={PAD.left + plotW} y={y(limitSeconds) - 5} className="trend__label trend__label--target" textAnchor="end">
          target
        </text>
        {/* the attempts */}
        {points.length > 1 ? (
          <polyline points={points.map((p, i) => `${x(i)},${y(p.seconds)}`).join(' ')} className="trend__line" />
        ) : null}
        {points.map((p, i) => {
          const cx = x(i);
          const cy = y(p.seconds);
          const off = p.seconds > yMax;
          return (
            <g key={p.id}>
              {p.passed ? (
                <circle cx={cx} cy={cy} r={4.5} className="trend__point trend__point--passed" />
              ) : (
                <path d={`M${cx - 4},${cy - 4}L${cx + 4},${cy + 4}M${cx - 4},${cy + 4}L${cx + 4},${cy - 4}`} className="trend__point trend__point--failed" />
              )}
              {off ? <path d={`M${cx - 4},${cy - 7}L${cx},${cy - 12}L${cx + 4},${cy - 7}Z`} className="trend__off" /> : null}
              <text x={cx} y={HEIGHT - 8} className="trend__label" textAnchor="middle">
                {i + 1}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="trend__legend small">
        <span>
          <span aria-hidden="true">● </span>passed
        </span>{' '}
        <span>
          <span aria-hidden="true">✕ </span>not passed
        </span>{' '}
        <span>
          <span aria-hidden="true">- - </span>target {limitSeconds} s
        </span>
        {slowest > yMax ? (
          <span>
            {' '}
            <span aria-hidden="true">▲ </span>over {yMax} s
          </span>
        ) : null}
        <span className="muted"> · attempts numbered oldest to newest</span>
      </figcaption>
      <details className="trend__table">
        <summary>The same times as a table</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Speed-reading times, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Submitted</th>
                <th scope="col">Time</th>
                <th scope="col">Within {limitSeconds} s?</th>
                <th scope="col">Passed?</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={p.id}>
                  <th scope="row">{i + 1}</th>
                  <td>{formatDateTime(p.submittedAt as string, timeZone)}</td>
                  <td>{formatSeconds(p.seconds, limitSeconds)}</td>
                  <td>{p.seconds <= limitSeconds ? 'Yes' : 'No'}</td>
                  <td>{p.passed ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
