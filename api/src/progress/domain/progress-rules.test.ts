import { describe, expect, it } from 'vitest';
import { computeProgress, type ActivityEvents } from './progress-rules.js';

const t = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 9, minutes));

function activity(id: string, weekNumber: number, extra: Partial<ActivityEvents> = {}): ActivityEvents {
  return {
    activityId: id,
    weekNumber,
    kind: 'QUIZ',
    requiresSignOff: false,
    attemptsStarted: 0,
    bestScore: null,
    firstPassedAt: null,
    lastPassedAt: null,
    loggedWork: 0,
    lastLoggedWorkAt: null,
    requiredWork: 1,
    latestSignOff: null,
    override: null,
    ...extra,
  };
}

const passed = (at: Date, score = 90): Partial<ActivityEvents> => ({
  attemptsStarted: 1,
  bestScore: score,
  firstPassedAt: at,
  lastPassedAt: at,
});

const status = (p: ReturnType<typeof computeProgress>, id: string) => p.activities.find((a) => a.activityId === id)!.status;

describe('progress state machine', () => {
  it('unlocks week 1 only at enrolment', () => {
    const p = computeProgress(t(0), [activity('a', 1), activity('b', 2), activity('c', 3)]);
    expect(p.weeks.map((w) => w.unlocked)).toEqual([true, false, false]);
    expect([status(p, 'a'), status(p, 'b'), status(p, 'c')]).toEqual(['AVAILABLE', 'LOCKED', 'LOCKED']);
    expect(p.percentComplete).toBe(0);
    expect(p.currentWeek).toBe(1);
  });

  it('completes an activity without sign-off on a passing attempt, and unlocks the next week when all are done', () => {
    const p = computeProgress(t(0), [activity('a', 1, passed(t(5))), activity('b', 1, { attemptsStarted: 2 }), activity('c', 2)]);
    expect(status(p, 'a')).toBe('COMPLETED');
    expect(status(p, 'b')).toBe('IN_PROGRESS');
    expect(status(p, 'c')).toBe('LOCKED');

    const q = computeProgress(t(0), [activity('a', 1, passed(t(5))), activity('b', 1, passed(t(9))), activity('c', 2)]);
    expect(q.weeks[0]).toMatchObject({ completed: true, completedAt: t(9) });
    expect(q.weeks[1]).toMatchObject({ unlocked: true, unlockedAt: t(9) });
    expect(status(q, 'c')).toBe('AVAILABLE');
    expect(q.percentComplete).toBeCloseTo((2 / 3) * 100);
    expect(q.currentWeek).toBe(2);
  });

  it('waits for sign-off once the own work is done, and follows the latest decision', () => {
    const logged = (n: number, at: Date): Partial<ActivityEvents> => ({ loggedWork: n, lastLoggedWorkAt: at });
    const shadowing = (extra: Partial<ActivityEvents>) => activity('s', 1, { kind: 'SHADOWING', requiresSignOff: true, requiredWork: 5, ...extra });
    expect(status(computeProgress(t(0), [shadowing(logged(4, t(3)))]), 's')).toBe('IN_PROGRESS');
    expect(status(computeProgress(t(0), [shadowing(logged(5, t(3)))]), 's')).toBe('AWAITING_SIGN_OFF');
    expect(
      status(computeProgress(t(0), [shadowing({ ...logged(5, t(3)), latestSignOff: { decision: 'CHANGES_REQUESTED', signedAt: t(4) } })]), 's'),
    ).toBe('IN_PROGRESS');
    expect(
      status(computeProgress(t(0), [shadowing({ ...logged(6, t(6)), latestSignOff: { decision: 'CHANGES_REQUESTED', signedAt: t(4) } })]), 's'),
    ).toBe('AWAITING_SIGN_OFF');
    const approved = computeProgress(t(0), [shadowing({ ...logged(5, t(3)), latestSignOff: { decision: 'APPROVED', signedAt: t(8) } })]);
    expect(approved.activities[0]).toMatchObject({ status: 'COMPLETED', completedAt: t(8) });
    expect(approved.allCompleted).toBe(true);
  });

  it('counts handoff reviews of the activity mode as the own work of handoff activities', () => {
    const solo = (extra: Partial<ActivityEvents>) => activity('h', 1, { kind: 'SOLO_HANDOFFS', requiresSignOff: true, ...extra });
    expect(status(computeProgress(t(0), [solo({})]), 'h')).toBe('AVAILABLE');
    expect(status(computeProgress(t(0), [solo({ loggedWork: 1, lastLoggedWorkAt: t(2) })]), 'h')).toBe('AWAITING_SIGN_OFF');
  });

  it('marks an override as completed and overridden, even in a locked week', () => {
    const p = computeProgress(t(0), [activity('a', 1), activity('b', 2, { override: { at: t(7) } })]);
    expect(p.activities[1]).toMatchObject({ status: 'COMPLETED', overridden: true, completedAt: t(7) });
    expect(p.weeks[1].unlocked).toBe(false);
    expect(p.percentComplete).toBe(50);
  });
});
