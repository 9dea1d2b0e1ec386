import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CurriculumService } from '../../api/src/curriculum/curriculum.service.js';
import { CurriculumError } from '../../api/src/curriculum/domain/curriculum-loader.js';
import { factories } from '../support/factories.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

let t: TestApi;
let f: ReturnType<typeof factories>;
let dir: string;
beforeAll(async () => {
  t = await startTestApi();
  f = factories(t);
  dir = mkdtempSync(join(tmpdir(), 'baton-curriculum-'));
  cpSync(join(import.meta.dirname, '../../curriculum'), dir, { recursive: true });
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const PROGRAM = `{ program(key: "ai-handoff") { id version title minSoloHandoffs targets { code comparator threshold unit }
  weeks { number title activities { key kind requiresSignOff weekNumber } } } }`;

describe('publishing the curriculum', () => {
  it('serves the shipped program with the contract targets and three weeks', async () => {
    const admin = await f.admin();
    const { program } = await t.ok(PROGRAM, {}, admin.token);
    expect(program.title).toBe('AI Handoff Certification');
    expect(program.minSoloHandoffs).toBe(20);
    expect(program.weeks.map((w: any) => w.number)).toEqual([1, 2, 3]);
    expect(program.targets).toEqual([
      { code: 'TIME_TO_FIRST_RESPONSE', comparator: 'LT', threshold: 60, unit: 's' },
      { code: 'CONTEXT_UTILIZATION', comparator: 'GTE', threshold: 100, unit: '%' },
      { code: 'CUSTOMER_REPEAT_RATE', comparator: 'LT', threshold: 5, unit: '%' },
      { code: 'HANDOFF_CSAT', comparator: 'GT', threshold: 4.2, unit: 'score' },
      { code: 'RESOLUTION_RATE', comparator: 'GT', threshold: 90, unit: '%' },
    ]);
  });

  it('publishes changed files as a new version once; enrollments keep the version they started on', async () => {
    const curriculum = t.api.app.get(CurriculumService);
    const admin = await f.admin();
    const before = (await t.ok(PROGRAM, {}, admin.token)).program;
    const cohort = await f.cohort();
    const trainee = await f.trainee();
    const enrollment = await f.enroll(cohort.id, trainee.id);

    expect((await curriculum.publishFromDirectory(dir)).published).toBe(false); // same content, same version

    const programFile = join(dir, 'program.yaml');
    writeFileSync(programFile, readFileSync(programFile, 'utf8').replace('minSoloHandoffs: 20', 'minSoloHandoffs: 25'));
    const soloWeek = join(dir, 'weeks/week-3.yaml');
    writeFileSync(soloWeek, readFileSync(soloWeek, 'utf8').replace(/minimumCount: 20\b/, 'minimumCount: 25'));
    const result = await curriculum.publishFromDirectory(dir);
    expect(result.published).toBe(true);
    expect((await curriculum.publishFromDirectory(dir)).published).toBe(false);

    const after = (await t.ok(PROGRAM, {}, admin.token)).program;
    expect(after.version).not.toBe(before.version);
    expect(after.minSoloHandoffs).toBe(25);
    const pinned = await t.ok(`query($id: ID!) { enrollment(id: $id) { program { version minSoloHandoffs } certification { unmet } } }`, { id: enrollment.id }, admin.token);
    expect(pinned.enrollment.program).toEqual({ version: before.version, minSoloHandoffs: 20 });
    const newCohort = await f.cohort();
    const fresh = await f.enroll(newCohort.id, (await f.trainee()).id);
    const pinnedNew = await t.ok(`query($id: ID!) { enrollment(id: $id) { program { version } certification { unmet } } }`, { id: fresh.id }, admin.token);
    expect(pinnedNew.enrollment.program.version).toBe(after.version);
    expect(pinnedNew.enrollment.certification.unmet.join(' ')).toMatch(/at least 25/);
  });

  it('refuses broken files and keeps serving the published program', async () => {
    const curriculum = t.api.app.get(CurriculumService);
    const admin = await f.admin();
    const before = (await t.ok(PROGRAM, {}, admin.token)).program.version;
    const broken = mkdtempSync(join(tmpdir(), 'baton-broken-'));
    try {
      cpSync(dir, broken, { recursive: true });
      writeFileSync(join(broken, 'program.yaml'), 'key: [unclosed');
      const error = await curriculum.publishFromDirectory(broken).catch((e) => e);
      expect(error).toBeInstanceOf(CurriculumError);
      expect(error.message).toMatch(/program\.yaml/);
      expect((await t.ok(PROGRAM, {}, admin.token)).program.version).toBe(before);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
