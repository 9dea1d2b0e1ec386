import { formatDateTime } from '~/lib/format';

export interface OverrideView {
  key: string;
  title: string;
  weekNumber: number;
  completedAt: string | null;
}

/**
 * Activities an administrator marked complete by override instead of the trainee doing them.
 * The reason is recorded with each override but not yet readable here (the GraphQL API has no
 * field for it); the xAPI export carries it.
 */
export function Overrides({
  overrides,
  timeZone,
  traineeName,
  xapiHref,
}: {
  overrides: OverrideView[];
  timeZone: string;
  traineeName: string;
  /** The xAPI download of this trainee's cohort, where the reasons are. */
  xapiHref: string;
}) {
  return (
    <section className="panel" aria-labelledby="overrides-heading" id="overrides">
      <h2 id="overrides-heading">Overrides ({overrides.length})</h2>
      {overrides.length === 0 ? (
        <p className="empty">No activity of {traineeName}'s was completed by override: every completion is their own work.</p>
      ) : (
        <>
          <p>
            {overrides.length === 1 ? 'This activity was' : 'These activities were'} marked complete by an administrator instead of by{' '}
            {traineeName}'s own work:
          </p>
          <ul className="hr-overrides">
            {overrides.map((o) => (
              <li key={o.key}>
                <strong>{o.title}</strong> <span className="muted">(week {o.weekNumber})</span>
                {o.completedAt ? (
                  <>
                    {' '}
                    · completed <time dateTime={o.completedAt}>{formatDateTime(o.completedAt, timeZone)}</time>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          <p className="small muted">
            The reason given for each override is recorded, but this page cannot show it yet. It is in the{' '}
            <a href={xapiHref} download>
              xAPI download of this cohort
            </a>{' '}
            (each “waived” statement carries its reason).
          </p>
        </>
      )}
    </section>
  );
}
