import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor, Roles } from '../common/auth/decorators.js';
import { CurriculumService, toActivityModel } from '../curriculum/curriculum.service.js';
import { ActivityModel } from '../curriculum/dto/program.model.js';
import { UserModel } from '../identity/dto/user.model.js';
import { IdentityService } from '../identity/identity.service.js';
import { usersLoader } from '../identity/users.loader.js';
import { HandoffReviewInput, HandoffReviewModel, SignOffInput, SignOffModel } from './dto/supervision.model.js';
import { toHandoffReviewModel, toSignOffModel } from './supervision.mapper.js';
import { SupervisionService } from './supervision.service.js';

@Resolver(() => SignOffModel)
export class SupervisionResolver {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly curriculum: CurriculumService,
    private readonly identity: IdentityService,
  ) {}

  @Roles('SUPERVISOR', 'ADMIN')
  @Mutation(() => SignOffModel)
  async signOff(@CurrentActor() actor: Actor, @Args('input') input: SignOffInput): Promise<SignOffModel> {
    return toSignOffModel(await this.supervision.signOff(actor, input));
  }

  @Roles('SUPERVISOR', 'ADMIN')
  @Mutation(() => HandoffReviewModel)
  async recordHandoffReview(@CurrentActor() actor: Actor, @Args('input') input: HandoffReviewInput): Promise<HandoffReviewModel> {
    return toHandoffReviewModel(await this.supervision.recordHandoffReview(actor, input));
  }

  // Field resolvers take GraphQL's own arguments, so Nest calls them without a wrapper (see EnrollmentsResolver).
  @ResolveField(() => ActivityModel)
  async activity(s: SignOffModel): Promise<ActivityModel> {
    const a = await this.curriculum.activityById(s.activityId);
    if (!a) throw new Error(`Activity ${s.activityId} of a sign-off is missing`);
    return toActivityModel(a);
  }

  @ResolveField(() => UserModel)
  supervisor(s: SignOffModel, _args: unknown, { req }: { req: object }): Promise<UserModel> {
    return usersLoader(req, this.identity).load(s.supervisorId);
  }
}
