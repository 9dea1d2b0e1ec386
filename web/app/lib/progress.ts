import type { ActivityProgress, ActivityStatus, WeekProgress } from './types';

/** Derived views of an enrollment's progress, shared by the trainee, supervisor and activity pages. */

export function allActivities(weeks: WeekProgress[]): ActivityProgress[] {
  return weeks.flatMap((week) => week.activities);
}

/** The first activity the trainee can work on now (AVAILABLE or IN_PROGRESS), in timeline order. */
export function nextActivity(weeks: WeekProgress[]): ActivityProgress | null {
  const ordered = [...weeks].sort((a, b) => a.number - b.number);
  return allActivities(ordered).find((p) => p.status === 'AVAILABLE' || p.status === 'IN_PROGRESS') ?? null;
}

/** How many activities have `status`; needs only the statuses, so lighter queries can use it too. */
export function countStatus(weeks: { activities: { status: ActivityStatus }[] }[], status: ActivityStatus): number {
  return weeks.reduce((sum, week) => sum + week.activities.filter((p) => p.status === status).length, 0);
}

export function completedShare(activities: ActivityProgress[]): { done: number; total: number; percent: number } {
  const total = activities.length;
  const done = activities.filter((p) => p.status === 'COMPLETED').length;
  return { done, total, percent: total ? (done / total) * 100 : 0 };
}
