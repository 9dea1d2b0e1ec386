import { Args, Context, ID, Info, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Actor, SessionClaims } from '../common/auth/actor.js';
import { ChecksSessionInStatement, CurrentActor, type AuthenticatedRequest } from '../common/auth/decorators.js';
import { unauthenticated } from '../common/errors/domain-error.js';
import { byKey, groupByKey, requestLoader, selectedFieldNames } from '../common/graphql/request-loader.js';
import { CertificationService, type CertificationStatus } from '../certification/certification.service.js';
import { toCertificateModel, toCertificationStatusModel } from '../certification/certificate.mapper.js';
import { CertificateModel, CertificationStatusModel } from '../certification/dto/certification.model.js';
import { toCohortModel } from '../cohorts/cohorts.resolver.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { CohortModel, EnrollmentModel } from '../cohorts/dto/cohort.model.js';
import { isBehindSchedule } from '../cohorts/domain/calendar.js';
import { toEnrollmentModel } from '../cohorts/enrollment.mapper.js';
import { CurriculumService, toActivityModel } from '../curriculum/curriculum.service.js';
import { ActivityKindEnum, ProgramModel } from '../curriculum/dto/program.model.js';
import { UserModel } from '../identity/dto/user.model.js';
import { toUserModel } from '../identity/identity.resolver.js';
import { IdentityService } from '../identity/identity.service.js';
import { SESSION_NOT_VALID, SessionsService } from '../identity/sessions.service.js';
import { usersLoader } from '../identity/users.loader.js';
import { AttemptModel } from '../learning/dto/attempt.model.js';
import { toAttemptModel } from '../learning/learning.resolver.js';
import { LearningService } from '../learning/learning.service.js';
import { ActivityStatusEnum, CompletionOverrideModel, WeekProgressModel, type ActivityProgressModel } from '../progress/dto/progress.model.js';
import { ProgressService } from '../progress/progress.service.js';
import { HandoffReviewModel, SignOffModel } from '../supervision/dto/supervision.model.js';
import { signOffsLoader } from '../supervision/sign-offs.loader.js';
import { toHandoffReviewModel, toSignOffModel } from '../supervision/supervision.mapper.js';
import { SupervisionService } from '../supervision/supervision.service.js';
import { EnrollmentTimelineService, type EnrollmentTimeline, type TraineeHomeRows } from './enrollment-timeline.service.js';

type Req = { actor: Actor };
/** Attempt fields read from the attempt's JSON columns, which the timeline does not carry. */
const ATTEMPT_MATERIAL = ['prompt', 'review', 'answers', 'feedback'];
/** The GraphQL context (app.module.ts), as the third argument of a field resolver. */
type FieldContext = { req: Req };

/**
 * The Enrollment graph: each field is batched per request, so a cohort of N trainees costs a fixed
 * number of queries. The field resolvers take GraphQL's own arguments (parent, args, context)
 * rather than @Parent()/@Context(): Nest then calls them directly, where parameter decorators cost
 * an async wrapper per call, which HR's list of every enrollment paid ten thousand times.
 */
@Resolver(() => EnrollmentModel)
export class EnrollmentsResolver {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly identity: IdentityService,
    private readonly curriculum: CurriculumService,
    private readonly progress: ProgressService,
    private readonly certificationService: CertificationService,
    private readonly supervision: SupervisionService,
    private readonly timelines: EnrollmentTimelineService,
    private readonly learning: LearningService,
    private readonly sessions: SessionsService,
  ) {}

  @Query(() => EnrollmentModel, { nullable: true })
  async enrollment(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<EnrollmentModel | null> {
    const e = await this.cohorts.enrollmentFor(actor, id);
    return e && toEnrollmentModel(e);
  }

  @ChecksSessionInStatement()
  @Query(() => [EnrollmentModel], { description: "The signed-in trainee's own enrollments, newest first." })
  async myEnrollments(@Context('req') req: Req & AuthenticatedRequest, @Info() info: GraphQLResolveInfo): Promise<EnrollmentModel[]> {
    const wants = selectedFieldNames(info);
    // The trainee home (the web app's TraineeHome) reads timelines and certification with the
    // enrollments, and checks the session, in the one statement of EnrollmentTimelineService.home.
    const home = (wants.has('weeks') || wants.has('signOffs') || wants.has('attempts')) && wants.has('certification');
    const { enrollments: rows, timelines, statusRows } =
      home && req.sessionClaims
        ? await this.traineeHome(req, req.sessionClaims)
        : { enrollments: await this.cohorts.myEnrollments(await this.sessions.actorOf(req)), timelines: null, statusRows: null };
    // The statement brought each cohort and the trainee along: their fields need no statement of their own.
    const cohorts = this.cohortLoader(req);
    const users = usersLoader(req, this.identity);
    for (const { cohort, trainee } of rows) {
      cohorts.prime(cohort.id, toCohortModel(cohort));
      users.prime(trainee.id, toUserModel(trainee));
    }
    const enrollments = rows.map((r) => toEnrollmentModel(r.enrollment));
    if (timelines && statusRows && enrollments.length > 0) {
      this.primeTimelines(req, timelines);
      const refs = enrollments.map((e) => ({ id: e.id, programVersionId: e.programVersionId }));
      const statuses = await this.certificationModels(await this.certificationService.statusFromRows(refs, statusRows));
      const loader = this.certificationLoader(req);
      enrollments.forEach((e, i) => loader.prime(certificationKey(e), statuses[i]));
    }
    return enrollments;
  }

  /** The home's one statement, which is also this request's session check (decision 021). */
  private async traineeHome(req: Req & AuthenticatedRequest, session: SessionClaims): Promise<TraineeHomeRows> {
    const found = await this.timelines.home(session);
    if (!found.actor) throw unauthenticated(SESSION_NOT_VALID);
    req.actor ??= found.actor;
    return found;
  }

  @ResolveField(() => UserModel)
  trainee(e: EnrollmentModel, _args: unknown, { req }: FieldContext): Promise<UserModel> {
    return usersLoader(req, this.identity).load(e.traineeId);
  }

  @ResolveField(() => CohortModel)
  cohort(e: EnrollmentModel, _args: unknown, { req }: FieldContext): Promise<CohortModel> {
    return this.cohortLoader(req).load(e.cohortId);
  }

  @ResolveField(() => Boolean, { description: "Not finished, and the cohort's calendar has moved past the trainee's current week." })
  async behindSchedule(e: EnrollmentModel, _args: unknown, { req }: FieldContext): Promise<boolean> {
    const cohort = await this.cohortLoader(req).load(e.cohortId);
    const finished = e.status === 'COMPLETED' || e.status === 'CERTIFIED' || e.status === 'WITHDRAWN';
    return isBehindSchedule(e.currentWeek, finished, cohort.plannedWeek);
  }

  @ResolveField(() => ProgramModel, { description: 'The program version this enrollment is pinned to.' })
  async program(e: EnrollmentModel): Promise<ProgramModel> {
    const [program] = await this.curriculum.versionModels([e.programVersionId]);
    return program;
  }

  @ResolveField(() => [WeekProgressModel])
  async weeks(e: EnrollmentModel, _args: unknown, { req }: FieldContext): Promise<WeekProgressModel[]> {
    const [program] = await this.curriculum.versionModels([e.programVersionId]);
    const { activities: activityRows, weeks: weekRows } = await this.timeline(req, e.id);
    const stateBy = new Map(activityRows.map((r) => [r.activityId, r]));
    const weekBy = new Map(weekRows.map((w) => [w.weekNumber, w]));
    return program.weeks.map((week) => {
      const w = weekBy.get(week.number);
      return {
        number: week.number,
        title: week.title,
        unlocked: week.number === 1 || !!w?.unlockedAt,
        completed: !!w?.completedAt,
        completedAt: w?.completedAt ?? null,
        activities: week.activities.map((activity): ActivityProgressModel => {
          const s = stateBy.get(activity.id);
          return {
            activity,
            status: (s?.status ?? (week.number === 1 ? 'AVAILABLE' : 'LOCKED')) as ActivityStatusEnum,
            bestScore: s?.bestScore ?? null,
            completedAt: s?.completedAt ?? null,
            overridden: s?.overridden ?? false,
            enrollmentId: e.id,
            activityId: activity.id,
          };
        }),
      };
    });
  }

  @ResolveField(() => CertificationStatusModel)
  certification(e: EnrollmentModel, _args: unknown, { req }: FieldContext): Promise<CertificationStatusModel> {
    return this.certificationLoader(req).load(certificationKey(e));
  }

  @ResolveField(() => [CertificateModel], { description: 'Every certificate of this enrollment, newest cycle first, with its snapshot.' })
  async certificates(e: EnrollmentModel, _args: unknown, { req }: FieldContext): Promise<CertificateModel[]> {
    const list = await requestLoader(req, 'enrollment.certificates', async (ids: readonly string[]) =>
      groupByKey(ids, await this.certificationService.certificatesOf(ids), (c) => c.enrollmentId),
    ).load(e.id);
    return Promise.all(list.map(async (c) => toCertificateModel(c, (await this.curriculum.versionRow(c.programVersionId)).version)));
  }

  @ResolveField(() => [CompletionOverrideModel], { description: 'Activities an admin completed by override, with who, when and why.' })
  async overrides(e: EnrollmentModel, _args: unknown, { req }: FieldContext): Promise<CompletionOverrideModel[]> {
    const rows = await requestLoader(req, 'enrollment.overrides', async (ids: readonly string[]) =>
      groupByKey(ids, await this.progress.overridesOf(ids), (o) => o.enrollmentId),
    ).load(e.id);
    return Promise.all(
      rows.map(async (o) => ({
        activity: toActivityModel((await this.curriculum.activityById(o.activityId))!),
        reason: o.reason,
        overriddenAt: o.overriddenAt,
        overriddenById: o.overriddenById,
      })),
    );
  }

  @ResolveField(() => [SignOffModel], { description: 'Every sign-off of this enrollment, newest first.' })
  async signOffs(e: EnrollmentModel, _args: unknown, { req }: FieldContext): Promise<SignOffModel[]> {
    return (await this.timeline(req, e.id)).signOffs.map(toSignOffModel);
  }

  /**
   * The trainee home shows the speed-reading drill's times beside the rest of the enrollment. A
   * list of times comes from the enrollment's timeline (the statement the home reads anyway); the
   * attempts' material (the card, answers, review) only when asked for, one statement per kind.
   */
  @ResolveField(() => [AttemptModel], { description: "The trainee's attempts at this enrollment's activities of one kind, newest first." })
  async attempts(
    @Parent() e: EnrollmentModel,
    @Args('kind', { type: () => ActivityKindEnum }) kind: ActivityKindEnum,
    @Context('req') req: Req,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AttemptModel[]> {
    const selected = selectedFieldNames(info);
    if (ATTEMPT_MATERIAL.some((field) => selected.has(field))) {
      return requestLoader<string, AttemptModel[]>(req, `enrollment.attempts.${kind}`, async (ids) =>
        groupByKey(ids, await this.learning.attemptsOfKind(ids, kind), (a) => a.enrollmentId).map((list) => list.map(toAttemptModel)),
      ).load(e.id);
    }
    return (await this.timeline(req, e.id)).attempts.filter((a) => a.kind === kind).map((a) => toAttemptModel(a.attempt));
  }

  @ResolveField(() => [HandoffReviewModel], { description: 'Recorded handoff reviews, newest handoff first.' })
  handoffReviews(e: EnrollmentModel, _args: unknown, { req }: FieldContext): Promise<HandoffReviewModel[]> {
    return requestLoader<string, HandoffReviewModel[]>(req, 'enrollment.reviews', async (ids) =>
      groupByKey(ids, await this.supervision.reviewsOf(ids), (r) => r.enrollmentId).map((list) => list.map(toHandoffReviewModel)),
    ).load(e.id);
  }

  private cohortLoader(req: Req) {
    return requestLoader<string, CohortModel>(req, 'cohorts', async (ids) =>
      byKey(ids, await this.cohorts.cohortsByIds(ids), (c) => c.id).map((c) => (c ? toCohortModel(c) : new Error('Cohort not found'))),
    );
  }

  // Keyed by "enrollment:version" so the batch knows each enrollment's targets without a lookup.
  private certificationLoader(req: Req) {
    return requestLoader<string, CertificationStatusModel>(req, 'certification', async (keys) => {
      const refs = keys.map((k) => {
        const [id, programVersionId] = k.split(':');
        return { id, programVersionId };
      });
      return this.certificationModels(await this.certificationService.statusOf(refs));
    });
  }

  private async certificationModels(statuses: CertificationStatus[]): Promise<CertificationStatusModel[]> {
    const labels = new Map<string, string>();
    for (const s of statuses) {
      const versionId = s.certificate?.programVersionId;
      if (versionId && !labels.has(versionId)) labels.set(versionId, (await this.curriculum.versionRow(versionId)).version);
    }
    return statuses.map((s) => toCertificationStatusModel(s, (versionId) => labels.get(versionId)!));
  }

  /**
   * Progress, weeks and sign-offs of the enrollments in this request, in one statement. It also
   * fills the request's sign-off and user loaders, so each activity's latestSignOff and each
   * sign-off's supervisor are answered without another statement.
   */
  private timeline(req: Req, enrollmentId: string): Promise<EnrollmentTimeline> {
    return this.timelineLoader(req).load(enrollmentId);
  }

  private timelineLoader(req: Req) {
    return requestLoader<string, EnrollmentTimeline>(req, 'enrollment.timeline', async (ids) => {
      const timelines = await this.timelines.timelines(ids);
      this.primeTimelines(req, timelines);
      return byKey(ids, timelines, (t) => t.enrollmentId).map((t) => t ?? new Error('Enrollment not found'));
    });
  }

  /** The sign-offs and supervisors of these timelines into their own loaders, and the timelines into theirs. */
  private primeTimelines(req: Req, timelines: EnrollmentTimeline[]): void {
    const own = this.timelineLoader(req);
    const signOffs = signOffsLoader(req, this.supervision);
    const users = usersLoader(req, this.identity);
    for (const t of timelines) {
      own.prime(t.enrollmentId, t);
      signOffs.prime(t.enrollmentId, t.signOffs);
      for (const u of t.supervisors) users.prime(u.id, toUserModel(u));
    }
  }
}

const certificationKey = (e: EnrollmentModel) => `${e.id}:${e.programVersionId}`;
