import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor, Roles } from '../common/auth/decorators.js';
import { groupByKey, requestLoader } from '../common/graphql/request-loader.js';
import { CurriculumService } from '../curriculum/curriculum.service.js';
import { ProgramModel } from '../curriculum/dto/program.model.js';
import { UserModel } from '../identity/dto/user.model.js';
import { toUserModel } from '../identity/identity.resolver.js';
import { CohortsService, type CohortRow } from './cohorts.service.js';
import { CohortModel, CreateCohortInput, EnrollmentModel } from './dto/cohort.model.js';
import { plannedWeekOn, plannedWeeks, todayIn } from './domain/calendar.js';
import { toEnrollmentModel } from './enrollment.mapper.js';

export function toCohortModel(c: CohortRow): CohortModel {
  return {
    id: c.id,
    name: c.name,
    startsOn: c.startsOn,
    timeZone: c.timeZone,
    programVersionId: c.programVersionId,
    // Every shipped program has weeks 1 to 3 (the loader enforces it).
    schedule: plannedWeeks(c.startsOn, [1, 2, 3]),
    plannedWeek: plannedWeekOn(c.startsOn, todayIn(c.timeZone)),
  };
}

@Resolver(() => CohortModel)
export class CohortsResolver {
  constructor(
    private readonly cohortsService: CohortsService,
    private readonly curriculum: CurriculumService,
  ) {}

  @Query(() => [CohortModel], { description: 'ADMIN and HR: every cohort; SUPERVISOR: theirs; TRAINEE: the ones they are in.' })
  async cohorts(@CurrentActor() actor: Actor): Promise<CohortModel[]> {
    return (await this.cohortsService.listFor(actor)).map(toCohortModel);
  }

  @Query(() => CohortModel, { nullable: true })
  async cohort(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<CohortModel | null> {
    const c = await this.cohortsService.getFor(actor, id);
    return c && toCohortModel(c);
  }

  @Roles('ADMIN')
  @Mutation(() => CohortModel)
  async createCohort(@CurrentActor() actor: Actor, @Args('input') input: CreateCohortInput): Promise<CohortModel> {
    return toCohortModel(await this.cohortsService.create(actor, input));
  }

  @Roles('ADMIN')
  @Mutation(() => CohortModel)
  async assignSupervisor(
    @CurrentActor() actor: Actor,
    @Args('cohortId', { type: () => ID }) cohortId: string,
    @Args('supervisorId', { type: () => ID }) supervisorId: string,
  ): Promise<CohortModel> {
    return toCohortModel(await this.cohortsService.assignSupervisor(actor, cohortId, supervisorId));
  }

  @Roles('ADMIN')
  @Mutation(() => EnrollmentModel)
  async enroll(
    @CurrentActor() actor: Actor,
    @Args('cohortId', { type: () => ID }) cohortId: string,
    @Args('traineeId', { type: () => ID }) traineeId: string,
  ): Promise<EnrollmentModel> {
    return toEnrollmentModel(await this.cohortsService.enroll(actor, cohortId, traineeId));
  }

  @Roles('ADMIN')
  @Mutation(() => EnrollmentModel, { description: 'Status WITHDRAWN; the reason goes to the audit log. Idempotent.' })
  async withdrawEnrollment(
    @CurrentActor() actor: Actor,
    @Args('enrollmentId', { type: () => ID }) enrollmentId: string,
    @Args('reason') reason: string,
  ): Promise<EnrollmentModel> {
    return toEnrollmentModel(await this.cohortsService.withdraw(actor, enrollmentId, reason));
  }

  @Roles('ADMIN')
  @Mutation(() => EnrollmentModel, {
    description: 'Moves the enrollment, with all its history and its pinned program version, to another cohort of the same program.',
  })
  async moveEnrollment(
    @CurrentActor() actor: Actor,
    @Args('enrollmentId', { type: () => ID }) enrollmentId: string,
    @Args('cohortId', { type: () => ID }) cohortId: string,
    @Args('reason') reason: string,
  ): Promise<EnrollmentModel> {
    return toEnrollmentModel(await this.cohortsService.move(actor, enrollmentId, cohortId, reason));
  }

  // Field resolvers take GraphQL's own arguments, so Nest calls them without a wrapper (see EnrollmentsResolver).
  @ResolveField(() => ProgramModel)
  async program(cohort: CohortModel): Promise<ProgramModel> {
    const [program] = await this.curriculum.versionModels([cohort.programVersionId]);
    return program;
  }

  @ResolveField(() => [UserModel])
  supervisors(cohort: CohortModel, _args: unknown, { req }: { req: object }): Promise<UserModel[]> {
    return requestLoader<string, UserModel[]>(req, 'cohort.supervisors', async (ids) => {
      const links = await this.cohortsService.supervisorLinks(ids);
      return groupByKey(ids, links, (l) => l.cohortId).map((ls) => ls.map((l) => toUserModel(l.supervisor)));
    }).load(cohort.id);
  }

  @ResolveField(() => [EnrollmentModel])
  enrollments(cohort: CohortModel, _args: unknown, { req }: { req: { actor: Actor } }): Promise<EnrollmentModel[]> {
    return requestLoader<string, EnrollmentModel[]>(req, 'cohort.enrollments', async (ids) => {
      const rows = await this.cohortsService.enrollmentsOfCohorts(req.actor, ids);
      return groupByKey(ids, rows, (e) => e.cohortId).map((es) => es.map(toEnrollmentModel));
    }).load(cohort.id);
  }
}
