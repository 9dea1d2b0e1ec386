import { Link } from '@remix-run/react';
import { ACTIVITY_KIND_LABEL } from '~/lib/format';
import type { ActivityProgress } from '~/lib/types';
import { StatusBadge } from './StatusBadge';

/**
 * The highlighted "next thing to do" card. With nothing open, it says why: work waiting for a
 * supervisor's sign-off, or every activity done.
 */
export function NextUp({
  next,
  waitingForSignOff,
  heading,
  headingId,
  link,
}: {
  next: ActivityProgress | null;
  waitingForSignOff: number;
  heading: string;
  headingId: string;
  link: boolean;
}) {
  if (!next) {
    return (
      <section className="next-up next-up--idle" aria-labelledby={headingId}>
        <h2 id={headingId}>{heading}</h2>
        <p>
          {waitingForSignOff > 0
            ? `Nothing to start right now: ${waitingForSignOff} ${waitingForSignOff === 1 ? 'activity is' : 'activities are'} waiting for a supervisor's sign-off.`
            : 'Every activity is completed.'}
        </p>
      </section>
    );
  }
  const { activity } = next;
  return (
    <section className="next-up" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <p className="next-up__title">
        {link ? <Link to={`/activities/${encodeURIComponent(activity.key)}`}>{activity.title}</Link> : activity.title}{' '}
        <StatusBadge status={next.status} />
      </p>
      <p>{activity.summary}</p>
      <p className="muted small">
        Week {activity.weekNumber} · {ACTIVITY_KIND_LABEL[activity.kind] ?? activity.kind} · about {activity.minutes} minutes
      </p>
    </section>
  );
}
