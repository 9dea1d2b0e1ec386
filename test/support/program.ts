import type { TestApi } from './test-api.js';

export interface ProgramShape {
  weeks: { number: number; activities: { key: string; kind: string; requiresSignOff: boolean }[] }[];
}

/** The shipped program's weeks and activities, read through the API like any client would. */
export async function programShape(t: TestApi, token: string): Promise<ProgramShape> {
  const r = await t.ok<{ program: ProgramShape }>(
    `{ program(key: "ai-handoff") { weeks { number activities { key kind requiresSignOff } } } }`,
    {},
    token,
  );
  return r.program;
}

export const ENROLLMENT_PROGRESS = `query($id: ID!) { enrollment(id: $id) {
  id status percentComplete
  weeks { number unlocked completed activities { status overridden bestScore completedAt activity { key kind requiresSignOff } } }
  certification { eligible unmet soloHandoffs metrics { code value threshold comparator met sampleSize } certificate { id code revokedAt traineeName programTitle } }
} }`;

/** Completes activities through admin overrides (the fastest legitimate path in tests). */
export async function overrideAll(t: TestApi, adminToken: string, enrollmentId: string, keys: string[]) {
  for (const key of keys) {
    await t.ok(
      `mutation($e: ID!, $k: String!) { overrideCompletion(enrollmentId: $e, activityKey: $k, reason: "test setup") { status } }`,
      { e: enrollmentId, k: key },
      adminToken,
    );
  }
}

/** A valid handoff review input; override any field. */
export function review(enrollmentId: string, externalId: string, mode: 'SOLO' | 'SUPERVISED', extra: Record<string, unknown> = {}) {
  return {
    enrollmentId,
    externalId,
    mode,
    handedOffAt: '2026-03-02T10:00:00Z',
    firstResponseAt: '2026-03-02T10:00:30Z',
    contextItemsAvailable: 4,
    contextItemsUsed: 4,
    customerRepeated: false,
    csat: 5,
    resolved: true,
    ...extra,
  };
}
