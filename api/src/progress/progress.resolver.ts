import { Args, ID, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor, Roles } from '../common/auth/decorators.js';
import { CurriculumService, toActivityModel } from '../curriculum/curriculum.service.js';
import { SignOffModel } from '../supervision/dto/supervision.model.js';
import { signOffsLoader } from '../supervision/sign-offs.loader.js';
import { toSignOffModel } from '../supervision/supervision.mapper.js';
import { SupervisionService } from '../supervision/supervision.service.js';
import { ActivityProgressModel, type ActivityStatusEnum } from './dto/progress.model.js';
import { ProgressService } from './progress.service.js';

@Resolver(() => ActivityProgressModel)
export class ProgressResolver {
  constructor(
    private readonly progress: ProgressService,
    private readonly curriculum: CurriculumService,
    private readonly supervision: SupervisionService,
  ) {}

  @Roles('ADMIN')
  @Mutation(() => ActivityProgressModel)
  async overrideCompletion(
    @CurrentActor() actor: Actor,
    @Args('enrollmentId', { type: () => ID }) enrollmentId: string,
    @Args('activityKey') activityKey: string,
    @Args('reason') reason: string,
  ): Promise<ActivityProgressModel> {
    const row = await this.progress.overrideCompletion(actor, enrollmentId, activityKey, reason);
    const activity = await this.curriculum.activityById(row.activityId);
    return {
      activity: toActivityModel(activity!),
      status: row.status as ActivityStatusEnum,
      bestScore: row.bestScore,
      completedAt: row.completedAt,
      overridden: row.overridden,
      enrollmentId: row.enrollmentId,
      activityId: row.activityId,
    };
  }

  // GraphQL's own arguments rather than @Parent()/@Context(): Nest then calls it without a wrapper (see EnrollmentsResolver).
  @ResolveField(() => SignOffModel, { nullable: true, description: 'The sign-off that decides this activity, if any.' })
  async latestSignOff(p: ActivityProgressModel, _args: unknown, { req }: { req: object }): Promise<SignOffModel | null> {
    if (!p.activity.requiresSignOff) return null;
    const signOffs = await signOffsLoader(req, this.supervision).load(p.enrollmentId);
    // signOffsOf is newest first, so the first match is the one that decides.
    const latest = signOffs.find((s) => s.activityId === p.activityId);
    return latest ? toSignOffModel(latest) : null;
  }
}
