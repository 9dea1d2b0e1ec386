import { formatDateTime } from '~/lib/format';

export interface OverrideView {
  key: string;
  title: string;
  weekNumber: number;
  overriddenAt: string;
  by: string;
  reason: string;
}

/** Activities an administrator marked complete by override instead of the trainee doing them: who, when and why. */
export function Overrides({ overrides, timeZone, traineeName }: { overrides: OverrideView[]; timeZone: string; traineeName: string }) {
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
                <strong>{o.title}</strong> <span className="muted">(week {o.weekNumber})</span> · by {o.by},{' '}
                <time dateTime={o.overriddenAt}>{formatDateTime(o.overriddenAt, timeZone)}</time>
                <br />
                <span>Reason: {o.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
