import { formatDateTime } from '~/lib/format';

export interface WeekCompletionView {
  number: number;
  title: string | null;
  unlocked: boolean;
  completed: boolean;
  completedAt: string | null;
}

/** When each week was completed: the dates the completions CSV carries, in the cohort's zone. */
export function WeekCompletions({ weeks, timeZone }: { weeks: WeekCompletionView[]; timeZone: string }) {
  return (
    <div className="table-wrap">
      <table className="hr-weeks">
        <caption>Week completion dates (times in {timeZone})</caption>
        <thead>
          <tr>
            <th scope="col">Week</th>
            <th scope="col">State</th>
            <th scope="col">Completed on</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.number}>
              <th scope="row">
                Week {w.number}
                {w.title ? `: ${w.title}` : ''}
              </th>
              <td>
                <span aria-hidden="true">{w.completed ? '✓ ' : w.unlocked ? '○ ' : '⊘ '}</span>
                {w.completed ? 'Completed' : w.unlocked ? 'In progress' : 'Locked'}
              </td>
              <td>
                {w.completedAt ? (
                  <time dateTime={w.completedAt}>{formatDateTime(w.completedAt, timeZone)}</time>
                ) : (
                  <span className="muted">Not yet</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
