import { Args, Context, Info, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { EnrollmentModel } from '../cohorts/dto/cohort.model.js';
import { groupByKey, requestLoader, selectedFieldNames } from '../common/graphql/request-loader.js';
import { ActivityKindEnum } from '../curriculum/dto/program.model.js';
import { AttemptModel } from './dto/attempt.model.js';
import { toAttemptModel } from './learning.resolver.js';
import { LearningService } from './learning.service.js';

/**
 * Enrollment.attempts: the trainee home shows the speed-reading drill's times beside the rest of
 * the enrollment, and asking for them here saves it a second request to the API. Batched per
 * request and kind: one statement for every enrollment in the answer.
 */
/** Attempt fields read from the attempt's JSON columns; the rest are a summary. */
const MATERIAL = ['prompt', 'review', 'answers', 'feedback'];

@Resolver(() => EnrollmentModel)
export class EnrollmentAttemptsResolver {
  constructor(private readonly learning: LearningService) {}

  @ResolveField(() => [AttemptModel], { description: "The trainee's attempts at this enrollment's activities of one kind, newest first." })
  attempts(
    @Parent() e: EnrollmentModel,
    @Args('kind', { type: () => ActivityKindEnum }) kind: ActivityKindEnum,
    @Context('req') req: object,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AttemptModel[]> {
    const selected = selectedFieldNames(info);
    const material = MATERIAL.some((field) => selected.has(field));
    return requestLoader<string, AttemptModel[]>(req, `enrollment.attempts.${kind}.${material ? 'material' : 'summary'}`, async (ids) =>
      groupByKey(ids, await this.learning.attemptsOfKind(ids, kind, { material }), (a) => a.enrollmentId).map((list) => list.map(toAttemptModel)),
    ).load(e.id);
  }
}
