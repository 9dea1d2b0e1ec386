import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeOpening } from '../../grading/domain/opening-grader.js';
import { loadCurriculum } from './curriculum-loader.js';
import type { ProgramDefinition } from './program-definition.js';

// The shipped content must practise what it preaches: every model opening passes the grader the
// trainees are graded with.
let program: ProgramDefinition;
beforeAll(async () => {
  program = (await loadCurriculum(join(import.meta.dirname, '../../../../curriculum'))).definition;
});

describe('the shipped curriculum content', () => {
  it('has model openings that pass all ten opening checks', () => {
    const failures: string[] = [];
    for (const scenario of program.openingScenarios) {
      const card = program.cards.find((c) => c.key === scenario.cardKey)!;
      const result = analyzeOpening(scenario.exampleOpening, {
        customerName: card.customerName,
        agentName: scenario.agentName,
        issueSummary: card.summary,
        knownFacts: card.knownFacts,
      });
      for (const check of result.checks.filter((c) => !c.passed)) failures.push(`${scenario.key}: ${check.code}: ${check.message}`);
    }
    expect(failures).toEqual([]);
  });

  it('covers the four opening situations and every classic mistake', () => {
    expect(new Set(program.openingScenarios.map((s) => s.situation))).toEqual(new Set(['STANDARD', 'COMPLEX', 'PRIORITY', 'AFTER_HOURS']));
    const codes = new Set(program.errorSpotting.flatMap((t) => t.mistakes.map((m) => m.code)));
    expect(codes).toEqual(new Set(['GENERIC_OPENER', 'AI_BLAME', 'KNOWN_INFO_REQUEST', 'OVER_APOLOGY', 'SILENCE', 'NO_CONFIRMATION']));
  });
});
