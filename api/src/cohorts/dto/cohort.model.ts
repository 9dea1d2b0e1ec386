import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum EnrollmentStatusEnum {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  CERTIFIED = 'CERTIFIED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(EnrollmentStatusEnum, { name: 'EnrollmentStatus' });

@ObjectType('PlannedWeek')
export class PlannedWeekModel {
  @Field(() => Int)
  number: number;

  @Field(() => String, { description: 'First day, YYYY-MM-DD in the cohort time zone.' })
  startsOn: string;

  @Field(() => String, { description: 'Last day, YYYY-MM-DD in the cohort time zone.' })
  endsOn: string;
}

@ObjectType('Cohort')
export class CohortModel {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'YYYY-MM-DD, in the cohort time zone.' })
  startsOn: string;

  @Field(() => String, { description: 'IANA time zone the cohort schedule runs in.' })
  timeZone: string;

  @Field(() => [PlannedWeekModel], { description: "Each program week's planned dates, from the start date." })
  schedule: PlannedWeekModel[];

  @Field(() => Int, { description: 'The week the calendar says the cohort is in today (0 before the start).' })
  plannedWeek: number;

  // program, supervisors and enrollments are resolved by CohortResolver.
  programVersionId: string;
}

@ObjectType('Enrollment')
export class EnrollmentModel {
  @Field(() => ID)
  id: string;

  @Field(() => EnrollmentStatusEnum)
  status: EnrollmentStatusEnum;

  @Field(() => Float)
  percentComplete: number;

  @Field(() => Int, { description: 'The highest unlocked week.' })
  currentWeek: number;

  @Field(() => Date)
  enrolledAt: Date;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  // trainee, cohort, program, weeks, certification and signOffs are resolved by EnrollmentResolver.
  traineeId: string;
  cohortId: string;
  programVersionId: string;
}

@InputType('CreateCohortInput')
export class CreateCohortInput {
  @Field(() => String)
  name: string;

  @Field(() => String)
  programKey: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  startsOn: string;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Europe/Berlin. Default UTC.' })
  timeZone?: string | null;
}
