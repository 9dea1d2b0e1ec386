import { Args, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../common/auth/decorators.js';
import { badInput } from '../common/errors/domain-error.js';
import { analyzeOpening } from './domain/opening-grader.js';
import { OpeningAnalysisInput, OpeningAnalysisModel, type OpeningCheckCodeEnum } from './dto/opening.model.js';

const MAX_MESSAGE = 5_000;
const MAX_FACTS = 50;

@Resolver(() => OpeningAnalysisModel)
export class GradingResolver {
  @Public()
  @Query(() => OpeningAnalysisModel, { description: 'Public: grade a first message after a handoff on the ten checks of the rubric.' })
  analyzeOpening(@Args('input') input: OpeningAnalysisInput): OpeningAnalysisModel {
    if (input.message.length > MAX_MESSAGE) throw badInput(`Keep the message under ${MAX_MESSAGE.toLocaleString('en')} characters.`);
    if ((input.context.knownFacts?.length ?? 0) > MAX_FACTS) throw badInput(`Send at most ${MAX_FACTS} known facts.`);
    const result = analyzeOpening(input.message, {
      customerName: input.context.customerName,
      agentName: input.context.agentName ?? null,
      issueSummary: input.context.issueSummary,
      knownFacts: input.context.knownFacts ?? [],
    });
    return { ...result, checks: result.checks.map((c) => ({ ...c, code: c.code as OpeningCheckCodeEnum })) };
  }
}
