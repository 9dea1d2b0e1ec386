import { formatPercent } from '~/lib/format';

export interface CohortRateView {
  id: string;
  name: string;
  program: string;
  enrolled: number;
  completed: number;
  certified: number;
}

/** "3 of 7 (43%)", or a plain "none finished yet" when there is nothing to divide by. */
function Rate({ part, whole, empty }: { part: number; whole: number; empty: string }) {
  if (whole === 0) return <span className="muted">{empty}</span>;
  return (
    <>
      <strong>{formatPercent((part / whole) * 100)}</strong>{' '}
      <span className="muted small">
        ({part} of {whole})
      </span>
    </>
  );
}

/**
 * Certified ÷ enrolled and certified ÷ completed, one row per cohort, with the cohort's calendar.
 * `scope` says which filters the figures follow.
 */
export function CertificationRates({ rates, scope }: { rates: CohortRateView[]; scope: string }) {
  if (rates.length === 0) return <p className="empty">No cohort matches the filters.</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby="rates-caption" tabIndex={0}>
      <table className="hr-rates">
        <caption id="rates-caption">
          Certified of enrolled, and of those who completed <span className="caption-note">{scope}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Cohort</th>
            <th scope="col">Enrolled</th>
            <th scope="col">Completed</th>
            <th scope="col">Certified</th>
            <th scope="col">Certified of enrolled</th>
            <th scope="col">Certified of completed</th>
            <th scope="col">Calendar</th>
          </tr>
        </thead>
        <tbody>
          {rates.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                {r.name}
                <span className="block small muted">{r.program}</span>
              </th>
              <td>{r.enrolled}</td>
              <td>{r.completed}</td>
              <td>{r.certified}</td>
              <td>
                <Rate part={r.certified} whole={r.enrolled} empty="nobody enrolled" />
              </td>
              <td>
                <Rate part={r.certified} whole={r.completed} empty="nobody has completed yet" />
              </td>
              <td>
                <a href={`/hr/cohorts/${encodeURIComponent(r.id)}/schedule.ics`} download>
                  Download .ics<span className="visually-hidden"> calendar of {r.name}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
