import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ActivityKindEnum {
  LESSON = 'LESSON',
  QUIZ = 'QUIZ',
  SPEED_READING = 'SPEED_READING',
  FIRST_MESSAGE = 'FIRST_MESSAGE',
  ERROR_SPOTTING = 'ERROR_SPOTTING',
  ROLE_PLAY = 'ROLE_PLAY',
  SHADOWING = 'SHADOWING',
  SUPERVISED_HANDOFFS = 'SUPERVISED_HANDOFFS',
  SOLO_HANDOFFS = 'SOLO_HANDOFFS',
}
registerEnumType(ActivityKindEnum, { name: 'ActivityKind' });

export enum MetricCodeEnum {
  TIME_TO_FIRST_RESPONSE = 'TIME_TO_FIRST_RESPONSE',
  CONTEXT_UTILIZATION = 'CONTEXT_UTILIZATION',
  CUSTOMER_REPEAT_RATE = 'CUSTOMER_REPEAT_RATE',
  HANDOFF_CSAT = 'HANDOFF_CSAT',
  RESOLUTION_RATE = 'RESOLUTION_RATE',
}
registerEnumType(MetricCodeEnum, { name: 'MetricCode' });

export enum ComparatorEnum {
  LT = 'LT',
  LTE = 'LTE',
  GT = 'GT',
  GTE = 'GTE',
}
registerEnumType(ComparatorEnum, { name: 'Comparator' });

@ObjectType('Activity')
export class ActivityModel {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  key: string;

  @Field(() => ActivityKindEnum)
  kind: ActivityKindEnum;

  @Field(() => String)
  title: string;

  @Field(() => Int)
  weekNumber: number;

  @Field(() => Boolean)
  requiresSignOff: boolean;

  @Field(() => String, { description: 'One or two sentences shown on the timeline.' })
  summary: string;

  @Field(() => Int, { description: 'Estimated minutes.' })
  minutes: number;
}

@ObjectType('Week')
export class WeekModel {
  @Field(() => Int)
  number: number;

  @Field(() => String)
  title: string;

  @Field(() => String)
  summary: string;

  @Field(() => [ActivityModel])
  activities: ActivityModel[];
}

@ObjectType('MetricTarget')
export class MetricTargetModel {
  @Field(() => MetricCodeEnum)
  code: MetricCodeEnum;

  @Field(() => ComparatorEnum)
  comparator: ComparatorEnum;

  @Field(() => Float)
  threshold: number;

  @Field(() => String)
  unit: string;
}

@ObjectType('ScorecardItem', { description: 'One question of the QA scorecard of a handoff review.' })
export class ScorecardItemModel {
  @Field(() => String)
  key: string;

  @Field(() => String)
  question: string;

  @Field(() => Boolean, { description: 'A failed critical item fails the review whatever the score.' })
  critical: boolean;
}

/** A published program version (the latest one for `program(key)`). */
@ObjectType('Program')
export class ProgramModel {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  key: string;

  @Field(() => String)
  version: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  description: string;

  @Field(() => [WeekModel])
  weeks: WeekModel[];

  @Field(() => [MetricTargetModel])
  targets: MetricTargetModel[];

  @Field(() => [ScorecardItemModel], { description: 'The QA scorecard of a handoff review in this program.' })
  scorecard: ScorecardItemModel[];

  @Field(() => Int)
  minSoloHandoffs: number;

  @Field(() => Int, { description: 'Months a certificate stays valid.' })
  validityMonths: number;

  @Field(() => Date, { description: 'When this version was published.' })
  publishedAt: Date;
}
