import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor, Roles } from '../common/auth/decorators.js';
import { ShadowingObservationInput, ShadowingObservationModel } from './dto/shadowing.model.js';
import type { ShadowingObservation } from './entities/shadowing-observation.entity.js';
import { ShadowingService } from './shadowing.service.js';

const toModel = (o: ShadowingObservation): ShadowingObservationModel => ({
  id: o.id,
  observedAt: o.observedAt,
  situation: o.situation,
  didWell: o.didWell,
  wouldChange: o.wouldChange,
  loggedAt: o.loggedAt,
});

@Resolver(() => ShadowingObservationModel)
export class ShadowingResolver {
  constructor(private readonly shadowing: ShadowingService) {}

  @Roles('TRAINEE')
  @Mutation(() => ShadowingObservationModel, { description: 'Log one handoff you watched; the activity awaits sign-off once enough are logged.' })
  async logShadowingObservation(@CurrentActor() actor: Actor, @Args('input') input: ShadowingObservationInput): Promise<ShadowingObservationModel> {
    return toModel(await this.shadowing.log(actor, input.enrollmentId, input.activityKey, input));
  }

  @Query(() => [ShadowingObservationModel], { description: 'Observations logged for a shadowing activity, oldest first.' })
  async shadowingObservations(
    @CurrentActor() actor: Actor,
    @Args('enrollmentId', { type: () => ID }) enrollmentId: string,
    @Args('activityKey') activityKey: string,
  ): Promise<ShadowingObservationModel[]> {
    return (await this.shadowing.list(actor, enrollmentId, activityKey)).map(toModel);
  }
}
