// The progress state machine of one enrollment, as a pure function of its events. Services call it
// in the same transaction as each event and store the result; nothing here touches a database.

export type ActivityStatus = 'LOCKED' | 'AVAILABLE' | 'IN_PROGRESS' | 'AWAITING_SIGN_OFF' | 'COMPLETED';

/**
 * Kinds whose own work is logged piece by piece rather than passed in an attempt: shadowing
 * observations, completed role-play sessions, handoff reviews of the activity's mode.
 */
export const LOGGED_WORK_KINDS = ['SHADOWING', 'ROLE_PLAY', 'SUPERVISED_HANDOFFS', 'SOLO_HANDOFFS'] as const;
const isLoggedWorkKind = (kind: string) => (LOGGED_WORK_KINDS as readonly string[]).includes(kind);

export interface ActivityEvents {
  activityId: string;
  weekNumber: number;
  kind: string;
  requiresSignOff: boolean;
  /** Attempts started (submitted or not). */
  attemptsStarted: number;
  bestScore: number | null;
  /** When the first passing attempt was submitted. */
  firstPassedAt: Date | null;
  /** When the latest passing attempt was submitted. */
  lastPassedAt: Date | null;
  /** Logged work (LOGGED_WORK_KINDS only): observations, completed role-plays, reviews of the mode. */
  loggedWork: number;
  lastLoggedWorkAt: Date | null;
  /** How much logged work makes the trainee's own part done (then it awaits sign-off). */
  requiredWork: number;
  latestSignOff: { decision: 'APPROVED' | 'CHANGES_REQUESTED'; signedAt: Date } | null;
  override: { at: Date } | null;
}

export interface ActivityState {
  activityId: string;
  status: ActivityStatus;
  bestScore: number | null;
  completedAt: Date | null;
  overridden: boolean;
}

export interface WeekState {
  number: number;
  unlocked: boolean;
  completed: boolean;
  unlockedAt: Date | null;
  completedAt: Date | null;
}

export interface EnrollmentProgress {
  activities: ActivityState[];
  weeks: WeekState[];
  percentComplete: number;
  currentWeek: number;
  allCompleted: boolean;
  completedAt: Date | null;
}

type OwnStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'AWAITING_SIGN_OFF' | 'COMPLETED';

function ownState(e: ActivityEvents): { status: OwnStatus; completedAt: Date | null } {
  if (e.override) return { status: 'COMPLETED', completedAt: e.override.at };
  const started = e.attemptsStarted > 0 || e.loggedWork > 0;
  if (!e.requiresSignOff) {
    if (e.firstPassedAt) return { status: 'COMPLETED', completedAt: e.firstPassedAt };
    return { status: started ? 'IN_PROGRESS' : 'NOT_STARTED', completedAt: null };
  }
  const lastWorkAt = isLoggedWorkKind(e.kind)
    ? e.loggedWork >= Math.max(1, e.requiredWork)
      ? e.lastLoggedWorkAt
      : null
    : e.lastPassedAt;
  const signOff = e.latestSignOff;
  if (signOff?.decision === 'APPROVED') return { status: 'COMPLETED', completedAt: signOff.signedAt };
  if (signOff?.decision === 'CHANGES_REQUESTED') {
    // Work handed in after the request goes back to the supervisor; until then it is the trainee's turn.
    const resubmitted = lastWorkAt !== null && lastWorkAt > signOff.signedAt;
    return { status: resubmitted ? 'AWAITING_SIGN_OFF' : 'IN_PROGRESS', completedAt: null };
  }
  if (lastWorkAt) return { status: 'AWAITING_SIGN_OFF', completedAt: null };
  return { status: started ? 'IN_PROGRESS' : 'NOT_STARTED', completedAt: null };
}

const latest = (dates: (Date | null)[]): Date | null =>
  dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null);

/**
 * Week 1 is unlocked at enrolment; week N+1 unlocks when every activity of week N is COMPLETED.
 * Work already completed stays COMPLETED even if its week is locked (an admin override, say);
 * anything else in a locked week is LOCKED.
 */
export function computeProgress(enrolledAt: Date, events: ActivityEvents[]): EnrollmentProgress {
  const weekNumbers = [...new Set(events.map((e) => e.weekNumber))].sort((a, b) => a - b);
  const own = new Map(events.map((e) => [e.activityId, ownState(e)]));

  const weeks: WeekState[] = [];
  let previous: WeekState | null = null;
  for (const number of weekNumbers) {
    const inWeek = events.filter((e) => e.weekNumber === number);
    const unlocked: boolean = previous === null ? true : previous.unlocked && previous.completed;
    const completed = inWeek.every((e) => own.get(e.activityId)!.status === 'COMPLETED');
    const week: WeekState = {
      number,
      unlocked,
      completed: unlocked && completed,
      unlockedAt: previous === null ? enrolledAt : unlocked ? previous.completedAt : null,
      completedAt: unlocked && completed ? latest(inWeek.map((e) => own.get(e.activityId)!.completedAt)) : null,
    };
    weeks.push(week);
    previous = week;
  }
  const unlockedWeeks = new Set(weeks.filter((w) => w.unlocked).map((w) => w.number));

  const activities = events.map((e): ActivityState => {
    const o = own.get(e.activityId)!;
    let status: ActivityStatus;
    if (o.status === 'COMPLETED') status = 'COMPLETED';
    else if (!unlockedWeeks.has(e.weekNumber)) status = 'LOCKED';
    else status = o.status === 'NOT_STARTED' ? 'AVAILABLE' : o.status;
    return {
      activityId: e.activityId,
      status,
      bestScore: e.bestScore,
      completedAt: status === 'COMPLETED' ? o.completedAt : null,
      overridden: status === 'COMPLETED' && !!e.override,
    };
  });

  const completedCount = activities.filter((a) => a.status === 'COMPLETED').length;
  const allCompleted = activities.length > 0 && completedCount === activities.length;
  return {
    activities,
    weeks,
    percentComplete: activities.length === 0 ? 0 : (completedCount / activities.length) * 100,
    currentWeek: Math.max(1, ...weeks.filter((w) => w.unlocked).map((w) => w.number)),
    allCompleted,
    completedAt: allCompleted ? latest(activities.map((a) => a.completedAt)) : null,
  };
}
