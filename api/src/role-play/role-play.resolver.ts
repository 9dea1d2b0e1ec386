import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor, Roles } from '../common/auth/decorators.js';
import { notFound } from '../common/errors/domain-error.js';
import { CurriculumService, toActivityModel } from '../curriculum/curriculum.service.js';
import { ActivityModel } from '../curriculum/dto/program.model.js';
import { UserModel } from '../identity/dto/user.model.js';
import { toUserModel } from '../identity/identity.resolver.js';
import { IdentityService } from '../identity/identity.service.js';
import { usersLoader } from '../identity/users.loader.js';
import { RolePlayMessageModel, RolePlaySessionModel } from './dto/role-play.model.js';
import { toMessageModel, toSessionModel } from './role-play.mapper.js';
import { RolePlayService } from './role-play.service.js';

@Resolver(() => RolePlaySessionModel)
export class RolePlayResolver {
  constructor(
    private readonly rolePlay: RolePlayService,
    private readonly identity: IdentityService,
    private readonly curriculum: CurriculumService,
  ) {}

  private async viewOrFail(actor: Actor, id: string): Promise<RolePlaySessionModel> {
    const v = await this.rolePlay.view(actor, id);
    if (!v) throw notFound('Role-play');
    return toSessionModel(v);
  }

  @Query(() => RolePlaySessionModel, { nullable: true })
  async rolePlaySession(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<RolePlaySessionModel | null> {
    const v = await this.rolePlay.view(actor, id);
    return v && toSessionModel(v);
  }

  @Query(() => [RolePlaySessionModel], { description: 'Role-plays you play in (as agent or customer), newest first.' })
  async myRolePlaySessions(@CurrentActor() actor: Actor): Promise<RolePlaySessionModel[]> {
    const sessions = await this.rolePlay.mine(actor);
    return Promise.all(sessions.map((s) => this.viewOrFail(actor, s.id)));
  }

  @Query(() => [RolePlaySessionModel], { description: "A trainee's role-plays as the agent, for review and sign-off." })
  async rolePlaySessions(@CurrentActor() actor: Actor, @Args('enrollmentId', { type: () => ID }) enrollmentId: string): Promise<RolePlaySessionModel[]> {
    const sessions = await this.rolePlay.ofEnrollment(actor, enrollmentId);
    return Promise.all(sessions.map((s) => this.viewOrFail(actor, s.id)));
  }

  @Query(() => [UserModel], { description: 'Who can play the customer: the other trainees of the cohort and its supervisors.' })
  async rolePlayPartners(@CurrentActor() actor: Actor, @Args('enrollmentId', { type: () => ID }) enrollmentId: string): Promise<UserModel[]> {
    return (await this.rolePlay.partnerOptions(actor, enrollmentId)).map(toUserModel);
  }

  @Roles('TRAINEE')
  @Mutation(() => RolePlaySessionModel, { description: 'Invite a partner to play the customer; you take the handoff as the agent.' })
  async startRolePlay(
    @CurrentActor() actor: Actor,
    @Args('enrollmentId', { type: () => ID }) enrollmentId: string,
    @Args('activityKey') activityKey: string,
    @Args('partnerId', { type: () => ID }) partnerId: string,
  ): Promise<RolePlaySessionModel> {
    const s = await this.rolePlay.start(actor, enrollmentId, activityKey, partnerId);
    return this.viewOrFail(actor, s.id);
  }

  @Mutation(() => RolePlaySessionModel, { description: 'The agent opens the escalation card; the first-response clock starts.' })
  async openRolePlayCard(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<RolePlaySessionModel> {
    await this.rolePlay.openCard(actor, id);
    return this.viewOrFail(actor, id);
  }

  @Mutation(() => RolePlayMessageModel)
  async sendRolePlayMessage(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('body') body: string,
  ): Promise<RolePlayMessageModel> {
    return toMessageModel(await this.rolePlay.send(actor, id, body));
  }

  @Mutation(() => RolePlaySessionModel)
  async endRolePlay(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<RolePlaySessionModel> {
    await this.rolePlay.end(actor, id);
    return this.viewOrFail(actor, id);
  }

  @Mutation(() => RolePlaySessionModel, { description: "The customer player's 1–5 rating; it ends the session." })
  async rateRolePlay(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('rating', { type: () => Int }) rating: number,
  ): Promise<RolePlaySessionModel> {
    await this.rolePlay.rate(actor, id, rating);
    return this.viewOrFail(actor, id);
  }

  @ResolveField(() => [RolePlayMessageModel])
  async messages(@Parent() s: RolePlaySessionModel): Promise<RolePlayMessageModel[]> {
    return (await this.rolePlay.messages(s.id)).map(toMessageModel);
  }

  @ResolveField(() => UserModel)
  agent(@Parent() s: RolePlaySessionModel, @Context('req') req: object): Promise<UserModel> {
    return usersLoader(req, this.identity).load(s.agentId);
  }

  @ResolveField(() => UserModel)
  customer(@Parent() s: RolePlaySessionModel, @Context('req') req: object): Promise<UserModel> {
    return usersLoader(req, this.identity).load(s.customerId);
  }

  @ResolveField(() => ActivityModel)
  async activity(@Parent() s: RolePlaySessionModel): Promise<ActivityModel> {
    const a = await this.curriculum.activityById(s.activityId);
    if (!a) throw notFound('Activity');
    return toActivityModel(a);
  }
}
