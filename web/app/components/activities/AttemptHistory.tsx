import { Link } from '@remix-run/react';
import { formatSeconds, type AttemptSummary } from '~/lib/attempts';
import { formatDateTime, formatScore } from '~/lib/format';
import { YesNo } from '../StatusBadge';

/** Every attempt at one activity, newest first, each linking to its page. */
export function AttemptHistory({
  attempts,
  activityKey,
  currentId = null,
  timeZone,
  showDuration = false,
  limitSeconds = null,
  caption,
}: {
  attempts: AttemptSummary[];
  activityKey: string;
  currentId?: string | null;
  timeZone: string;
  showDuration?: boolean;
  limitSeconds?: number | null;
  caption: string;
}) {
  if (attempts.length === 0) return <p className="muted">No attempts yet.</p>;
  return (
    <div className="table-wrap">
      <table className="attempts">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Attempt</th>
            <th scope="col">Started</th>
            <th scope="col">Score</th>
            <th scope="col">Passed?</th>
            {showDuration ? <th scope="col">Time</th> : null}
          </tr>
        </thead>
        <tbody>
          {attempts.map((a, i) => {
            const number = attempts.length - i;
            const href = `/activities/${encodeURIComponent(activityKey)}/attempts/${encodeURIComponent(a.id)}`;
            const current = a.id === currentId;
            return (
              <tr key={a.id} className={current ? 'attempts__current' : undefined}>
                <th scope="row">
                  {current ? (
                    <span aria-current="page">
                      #{number} <span className="tag">This attempt</span>
                    </span>
                  ) : (
                    <Link to={href}>
                      #{number}
                      {a.submittedAt ? ', see results' : ', continue'}
                    </Link>
                  )}
                </th>
                <td>{formatDateTime(a.startedAt, timeZone)}</td>
                <td>{a.submittedAt ? (a.score != null ? formatScore(a.score) : '–') : <span className="muted">Not submitted</span>}</td>
                <td>{a.submittedAt && a.passed != null ? <YesNo value={a.passed} yes="Passed" no="Not passed" /> : '–'}</td>
                {showDuration ? (
                  <td>{a.submittedAt && a.durationSeconds != null ? formatSeconds(a.durationSeconds, limitSeconds) : '–'}</td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
