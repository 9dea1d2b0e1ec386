import { Link } from '@remix-run/react';
import { ACTIVITY_KIND_LABEL, formatDate, formatScore } from '~/lib/format';
import { completedShare } from '~/lib/progress';
import type { ActivityProgress, EnrollmentDetail, WeekProgress } from '~/lib/types';
import { ProgressBar } from './ProgressBar';
import { Decision, StatusBadge } from './StatusBadge';

type WeekState = 'completed' | 'unlocked' | 'locked';

const WEEK_STATE: Record<WeekState, { icon: string; label: string }> = {
  completed: { icon: '✓', label: 'Completed' },
  unlocked: { icon: '○', label: 'Unlocked' },
  locked: { icon: '⊘', label: 'Locked' },
};

function weekState(week: WeekProgress): WeekState {
  return week.completed ? 'completed' : week.unlocked ? 'unlocked' : 'locked';
}

/**
 * The three weeks of one enrollment, in order, with each activity's status.
 * `nextKey` marks the activity to highlight; `linkActivities` links each to /activities/<key>.
 */
export function Timeline({
  enrollment,
  nextKey,
  linkActivities,
  headingId,
}: {
  enrollment: EnrollmentDetail;
  nextKey: string | null;
  linkActivities: boolean;
  headingId: string;
}) {
  const weekInfo = new Map(enrollment.program.weeks.map((w) => [w.number, w]));
  const weeks = [...enrollment.weeks].sort((a, b) => a.number - b.number);
  return (
    <ol className="timeline" aria-labelledby={headingId}>
      {weeks.map((week) => {
        const info = weekInfo.get(week.number);
        const state = weekState(week);
        const share = completedShare(week.activities);
        const isCurrent = week.number === enrollment.currentWeek && state !== 'completed';
        const titleId = `week-${enrollment.id}-${week.number}`;
        return (
          <li key={week.number} className={`week week--${state}${isCurrent ? ' week--current' : ''}`}>
            <div className="week__head">
              <h3 id={titleId} className="week__title">
                Week {week.number}
                {info ? `: ${info.title}` : ''}
              </h3>
              <span className={`week-state week-state--${state}`}>
                <span aria-hidden="true">{WEEK_STATE[state].icon} </span>
                {WEEK_STATE[state].label}
              </span>
              {isCurrent ? <span className="tag">Current week</span> : null}
            </div>
            {info?.summary ? <p className="week__summary">{info.summary}</p> : null}
            {state === 'locked' && week.number > 1 ? (
              <p className="muted">Opens when every activity of week {week.number - 1} is completed.</p>
            ) : null}
            <ProgressBar value={share.percent} label={`Week ${week.number} progress`} size="small" />
            <p className="muted small">
              {share.done} of {share.total} activities completed
            </p>
            <ul className="activity-list">
              {week.activities.map((progress) => (
                <ActivityRow
                  key={progress.activity.key}
                  progress={progress}
                  isNext={progress.activity.key === nextKey}
                  link={linkActivities}
                  timeZone={enrollment.cohort.timeZone}
                />
              ))}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}

function ActivityRow({ progress, isNext, link, timeZone }: { progress: ActivityProgress; isNext: boolean; link: boolean; timeZone: string }) {
  const { activity, latestSignOff } = progress;
  return (
    <li className={isNext ? 'activity activity--next' : 'activity'}>
      <div className="activity__main">
        {isNext ? <strong className="tag tag--next">Next up</strong> : null}
        {link ? (
          <Link to={`/activities/${encodeURIComponent(activity.key)}`} className="activity__title">
            {activity.title}
          </Link>
        ) : (
          <span className="activity__title">{activity.title}</span>
        )}
        <StatusBadge status={progress.status} overridden={progress.overridden} />
      </div>
      <p className="activity__meta">
        {ACTIVITY_KIND_LABEL[activity.kind] ?? activity.kind} · {activity.minutes} min
        {activity.requiresSignOff ? ' · needs supervisor sign-off' : ''}
        {progress.bestScore != null ? ` · best score ${formatScore(progress.bestScore)}` : ''}
      </p>
      {latestSignOff ? (
        <div className="activity__signoff">
          <p>
            <Decision decision={latestSignOff.decision} /> by {latestSignOff.supervisor.name}, {formatDate(latestSignOff.signedAt, timeZone)}
            {latestSignOff.comment ? ':' : '.'}
          </p>
          {latestSignOff.comment ? <blockquote>{latestSignOff.comment}</blockquote> : null}
        </div>
      ) : null}
    </li>
  );
}
