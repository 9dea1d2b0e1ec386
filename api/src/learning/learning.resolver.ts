import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor, Roles } from '../common/auth/decorators.js';
import { CurriculumService, toActivityModel } from '../curriculum/curriculum.service.js';
import { ActivityModel } from '../curriculum/dto/program.model.js';
import { AnswerInput, AttemptModel } from './dto/attempt.model.js';
import type { Attempt } from './entities/attempt.entity.js';
import { LearningService } from './learning.service.js';
import GraphQLJSON from './dto/json.scalar.js';

export function toAttemptModel(a: Attempt): AttemptModel {
  return {
    id: a.id,
    startedAt: a.startedAt,
    submittedAt: a.submittedAt,
    score: a.score,
    passed: a.passed,
    feedback: a.feedback ?? [],
    durationSeconds: a.submittedAt ? (a.submittedAt.getTime() - a.startedAt.getTime()) / 1000 : null,
    prompt: a.prompt ?? {},
    review: a.submittedAt ? a.review : null,
    answers: a.answers,
    activityId: a.activityId,
  };
}

@Resolver(() => AttemptModel)
export class LearningResolver {
  constructor(
    private readonly learning: LearningService,
    private readonly curriculum: CurriculumService,
  ) {}

  @Roles('TRAINEE')
  @Mutation(() => AttemptModel)
  async startAttempt(
    @CurrentActor() actor: Actor,
    @Args('enrollmentId', { type: () => ID }) enrollmentId: string,
    @Args('activityKey') activityKey: string,
  ): Promise<AttemptModel> {
    return toAttemptModel(await this.learning.start(actor, enrollmentId, activityKey));
  }

  @Roles('TRAINEE')
  @Mutation(() => AttemptModel)
  async submitAttempt(
    @CurrentActor() actor: Actor,
    @Args('attemptId', { type: () => ID }) attemptId: string,
    @Args('answers', { type: () => [AnswerInput] }) answers: AnswerInput[],
  ): Promise<AttemptModel> {
    return toAttemptModel(await this.learning.submit(actor, attemptId, answers));
  }

  @Query(() => [AttemptModel], { description: 'Attempts at one activity of an enrollment, newest first.' })
  async attempts(
    @CurrentActor() actor: Actor,
    @Args('enrollmentId', { type: () => ID }) enrollmentId: string,
    @Args('activityKey') activityKey: string,
  ): Promise<AttemptModel[]> {
    return (await this.learning.attemptsOf(actor, enrollmentId, activityKey)).map(toAttemptModel);
  }

  @Query(() => AttemptModel, { nullable: true, description: 'One attempt, with its feedback and review once submitted.' })
  async attempt(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<AttemptModel | null> {
    const a = await this.learning.attemptFor(actor, id);
    return a && toAttemptModel(a);
  }

  @ResolveField(() => ActivityModel)
  async activity(@Parent() a: AttemptModel): Promise<ActivityModel> {
    const activity = await this.curriculum.activityById(a.activityId);
    if (!activity) throw new Error(`Activity ${a.activityId} of an attempt is missing`);
    return toActivityModel(activity);
  }
}

