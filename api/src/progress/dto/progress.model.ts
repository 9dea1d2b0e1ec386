import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ActivityModel } from '../../curriculum/dto/program.model.js';

export enum ActivityStatusEnum {
  LOCKED = 'LOCKED',
  AVAILABLE = 'AVAILABLE',
  IN_PROGRESS = 'IN_PROGRESS',
  AWAITING_SIGN_OFF = 'AWAITING_SIGN_OFF',
  COMPLETED = 'COMPLETED',
}
registerEnumType(ActivityStatusEnum, { name: 'ActivityStatus' });

@ObjectType('ActivityProgress')
export class ActivityProgressModel {
  @Field(() => ActivityModel)
  activity: ActivityModel;

  @Field(() => ActivityStatusEnum)
  status: ActivityStatusEnum;

  @Field(() => Float, { nullable: true })
  bestScore: number | null;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  @Field(() => Boolean)
  overridden: boolean;

  // latestSignOff is resolved by ActivityProgressResolver.
  enrollmentId: string;
  activityId: string;
}

@ObjectType('WeekProgress')
export class WeekProgressModel {
  @Field(() => Int)
  number: number;

  @Field(() => String)
  title: string;

  @Field(() => Boolean)
  unlocked: boolean;

  @Field(() => Boolean)
  completed: boolean;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  @Field(() => [ActivityProgressModel])
  activities: ActivityProgressModel[];
}

@ObjectType('CompletionOverride')
export class CompletionOverrideModel {
  @Field(() => ActivityModel)
  activity: ActivityModel;

  @Field(() => String)
  reason: string;

  @Field(() => Date)
  overriddenAt: Date;

  // overriddenBy is resolved by EnrollmentsResolver.
  overriddenById: string;
}
