import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SignOffDecisionEnum {
  APPROVED = 'APPROVED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
}
registerEnumType(SignOffDecisionEnum, { name: 'SignOffDecision' });

export enum HandoffModeEnum {
  SUPERVISED = 'SUPERVISED',
  SOLO = 'SOLO',
}
registerEnumType(HandoffModeEnum, { name: 'HandoffMode' });

@ObjectType('SignOff')
export class SignOffModel {
  @Field(() => ID)
  id: string;

  @Field(() => SignOffDecisionEnum)
  decision: SignOffDecisionEnum;

  @Field(() => String, { nullable: true })
  comment: string | null;

  @Field(() => Date)
  signedAt: Date;

  // activity and supervisor are resolved by SignOffResolver.
  activityId: string;
  supervisorId: string;
}

@ObjectType('HandoffReview')
export class HandoffReviewModel {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  externalId: string;

  @Field(() => HandoffModeEnum)
  mode: HandoffModeEnum;

  @Field(() => Date)
  handedOffAt: Date;

  @Field(() => Date)
  firstResponseAt: Date;

  @Field(() => Int)
  contextItemsAvailable: number;

  @Field(() => Int)
  contextItemsUsed: number;

  @Field(() => Boolean)
  customerRepeated: boolean;

  @Field(() => Int, { nullable: true })
  csat: number | null;

  @Field(() => Boolean)
  resolved: boolean;

  @Field(() => String, { nullable: true })
  notes: string | null;
}

@InputType('SignOffInput')
export class SignOffInput {
  @Field(() => ID)
  enrollmentId: string;

  @Field(() => String)
  activityKey: string;

  @Field(() => SignOffDecisionEnum)
  decision: SignOffDecisionEnum;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@InputType('HandoffReviewInput')
export class HandoffReviewInput {
  @Field(() => ID)
  enrollmentId: string;

  @Field(() => String)
  externalId: string;

  @Field(() => HandoffModeEnum)
  mode: HandoffModeEnum;

  @Field(() => Date)
  handedOffAt: Date;

  @Field(() => Date)
  firstResponseAt: Date;

  @Field(() => Int)
  contextItemsAvailable: number;

  @Field(() => Int)
  contextItemsUsed: number;

  @Field(() => Boolean)
  customerRepeated: boolean;

  @Field(() => Int, { nullable: true })
  csat?: number | null;

  @Field(() => Boolean)
  resolved: boolean;

  @Field(() => String, { nullable: true })
  notes?: string | null;
}
