#!/usr/bin/env node
// Validates curriculum/ (or the folder given) without starting anything; exit 1 with every problem.
import { join, resolve } from 'node:path';
import { buildIfNeeded, root } from './lib.mjs';

buildIfNeeded({ api: true, web: false });
const { loadCurriculum, CurriculumError } = await import(join(root, 'dist/api/curriculum/domain/curriculum-loader.js'));
const dir = resolve(process.argv[2] ?? process.env.BATON_CURRICULUM_DIR ?? join(root, 'curriculum'));
try {
  const { definition, version } = await loadCurriculum(dir);
  const activities = definition.weeks.flatMap((w) => w.activities);
  console.log(
    `${definition.title} (${definition.key}) version ${version}: ${definition.weeks.length} weeks, ${activities.length} activities, ` +
      `${definition.cards.length} escalation cards, ${definition.openingScenarios.length} opening scenarios, ` +
      `${definition.errorSpotting.length} error-spotting transcripts, ${definition.rolePlayBriefs.length} role-play briefs. All valid.`,
  );
} catch (e) {
  if (e instanceof CurriculumError) {
    console.error(`${dir} is not valid:\n${e.message}`);
    process.exit(1);
  }
  throw e;
}
