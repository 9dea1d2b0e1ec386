import { Link } from '@remix-run/react';
import { Fragment } from 'react';
import { activityAnchor } from './SignOffCaseView';
import type { MapCell, MapTrainee, MapWeek, PlannedWeek } from './types';
import { formatDayRange } from './format';

type CellKind = 'completed' | 'override' | 'awaiting' | 'changes' | 'in-progress' | 'available' | 'locked' | 'none';

/**
 * Each state as a symbol, a short word for the cell, and the words its accessible name uses. The
 * symbols are the ones the trainee's own badges use (StatusBadge), from ordinary text fonts: emoji
 * showed as empty boxes where no emoji font is installed.
 */
export const CELL_STATES: Record<CellKind, { symbol: string; short: string; words: string }> = {
  completed: { symbol: '✓', short: 'Done', words: 'completed' },
  override: { symbol: '✓', short: 'Override', words: 'completed by an administrator’s override' },
  awaiting: { symbol: '◷', short: 'Sign-off', words: 'awaiting sign-off' },
  changes: { symbol: '↺', short: 'Changes', words: 'in progress, changes requested' },
  'in-progress': { symbol: '◐', short: 'Started', words: 'in progress' },
  available: { symbol: '○', short: 'Open', words: 'available, not started' },
  locked: { symbol: '⊘', short: 'Locked', words: 'locked until the week before is completed' },
  none: { symbol: '–', short: 'n/a', words: 'not part of this trainee’s program version' },
};

const LEGEND_ORDER: CellKind[] = ['completed', 'override', 'awaiting', 'changes', 'in-progress', 'available', 'locked'];

export function cellKind(cell: MapCell | undefined): CellKind {
  if (!cell) return 'none';
  switch (cell.status) {
    case 'COMPLETED':
      return cell.overridden ? 'override' : 'completed';
    case 'AWAITING_SIGN_OFF':
      return 'awaiting';
    case 'IN_PROGRESS':
      return cell.latestDecision === 'CHANGES_REQUESTED' ? 'changes' : 'in-progress';
    case 'AVAILABLE':
      return 'available';
    default:
      return 'locked';
  }
}

/** What the symbols mean, above the map. */
export function HeatMapLegend() {
  return (
    <ul className="heat-legend" aria-label="Key to the progress map">
      {LEGEND_ORDER.map((kind) => (
        <li key={kind} className={`heat heat--${kind}`}>
          <span aria-hidden="true" className="heat__symbol">
            {CELL_STATES[kind].symbol}
          </span>{' '}
          <strong>{CELL_STATES[kind].short}</strong>: {CELL_STATES[kind].words}
        </li>
      ))}
    </ul>
  );
}

/**
 * Trainees down, activities across (grouped under their week), each cell the trainee's status in
 * words and a symbol, never colour alone. Cells awaiting sign-off link to the decision form.
 */
export function HeatMap({
  cohortName,
  weeks,
  schedule,
  plannedWeek,
  trainees,
}: {
  cohortName: string;
  weeks: MapWeek[];
  schedule: PlannedWeek[];
  plannedWeek: number;
  trainees: MapTrainee[];
}) {
  const dates = new Map(schedule.map((w) => [w.number, w]));
  const activities = weeks.flatMap((w) => w.activities);
  return (
    <div className="table-wrap heat-wrap" role="region" aria-labelledby="map-caption" tabIndex={0}>
      <table className="heatmap">
        <caption id="map-caption">
          Progress of each trainee in {cohortName}, activity by activity
        </caption>
        <colgroup>
          <col className="heatmap__names" />
        </colgroup>
        {weeks.map((w) => (
          <colgroup key={w.number} span={w.activities.length} className={w.number === plannedWeek ? 'heatmap__week--now' : undefined} />
        ))}
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="heatmap__names">
              Trainee
            </th>
            {weeks.map((w) => {
              const planned = dates.get(w.number);
              return (
                <th key={w.number} scope="colgroup" colSpan={w.activities.length} className="heatmap__week">
                  Week {w.number}
                  {w.title ? `: ${w.title}` : ''}
                  {planned ? <span className="block small">{formatDayRange(planned.startsOn, planned.endsOn)}</span> : null}
                  {w.number === plannedWeek ? <span className="tag">Calendar is here</span> : null}
                </th>
              );
            })}
          </tr>
          <tr>
            {weeks.map((w) => (
              <Fragment key={w.number}>
                {w.activities.map((a) => (
                  <th key={a.key} scope="col" className="heatmap__activity">
                    {a.title}
                  </th>
                ))}
              </Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {trainees.map((t) => (
            <tr key={t.enrollmentId}>
              <th scope="row" className="heatmap__names">
                <Link to={`/supervise/enrollments/${encodeURIComponent(t.enrollmentId)}`}>{t.name}</Link>
                <span className="block small muted">
                  Week {t.currentWeek} · {Math.round(t.percentComplete)}%
                </span>
                {t.behindSchedule ? (
                  <span className="block flag flag--behind">
                    <span aria-hidden="true">⚠ </span>Behind schedule
                  </span>
                ) : null}
              </th>
              {activities.map((a) => {
                const kind = cellKind(t.cells[a.key]);
                const state = CELL_STATES[kind];
                const label = `${t.name} — ${a.title}: ${state.words}`;
                const content = (
                  <>
                    <span aria-hidden="true" className="heat__symbol">
                      {state.symbol}
                    </span>{' '}
                    <span className="heat__word">{state.short}</span>
                  </>
                );
                return (
                  <td key={a.key} className={`heat heat--${kind}`} aria-label={label}>
                    {kind === 'awaiting' || kind === 'changes' ? (
                      <Link to={`/supervise/enrollments/${encodeURIComponent(t.enrollmentId)}#${activityAnchor(a.key)}`} aria-label={`${label}. Review and decide`}>
                        {content}
                      </Link>
                    ) : (
                      content
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
