import { randomBytes } from 'node:crypto';
import type { Actor } from '../../api/src/common/auth/actor.js';
import { CohortsService } from '../../api/src/cohorts/cohorts.service.js';
import type { RoleEnum } from '../../api/src/identity/dto/user.model.js';
import type { User } from '../../api/src/identity/entities/user.entity.js';
import { IdentityService } from '../../api/src/identity/identity.service.js';
import { TEST_PASSWORD, type TestApi } from './test-api.js';

/** Small factories over the real services: each call makes a new, uniquely named row. */
export function factories(t: TestApi) {
  const identity = t.api.app.get(IdentityService);
  const cohorts = t.api.app.get(CohortsService);
  const system: Actor = { id: '00000000-0000-0000-0000-000000000000', role: 'ADMIN', name: 'test' };
  let n = 0;
  const unique = () => `${++n}-${randomBytes(3).toString('hex')}`;

  const user = async (role: 'TRAINEE' | 'SUPERVISOR' | 'HR' | 'ADMIN', name?: string): Promise<User & { token: string }> => {
    const id = unique();
    const u = await identity.createUser(null, {
      email: `${role.toLowerCase()}-${id}@example.test`,
      name: name ?? `${role[0]}${role.slice(1).toLowerCase()} ${id}`,
      role: role as RoleEnum,
      password: TEST_PASSWORD,
      employeeId: `E-${id}`,
    });
    return Object.assign(u, { token: await t.login(u.email) });
  };

  return {
    user,
    trainee: (name?: string) => user('TRAINEE', name),
    supervisor: (name?: string) => user('SUPERVISOR', name),
    hr: () => user('HR'),
    admin: () => user('ADMIN'),
    async cohort(options: { supervisors?: { id: string }[]; startsOn?: string; timeZone?: string } = {}) {
      const c = await cohorts.create(system, {
        name: `Cohort ${unique()}`,
        programKey: 'ai-handoff',
        startsOn: options.startsOn ?? '2026-01-05',
        timeZone: options.timeZone ?? 'UTC',
      });
      for (const s of options.supervisors ?? []) await cohorts.assignSupervisor(system, c.id, s.id);
      return c;
    },
    enroll: (cohortId: string, traineeId: string) => cohorts.enroll(system, cohortId, traineeId),
  };
}
