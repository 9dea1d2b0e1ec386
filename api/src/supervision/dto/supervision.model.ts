import GraphQLJSON from '../../learning/dto/json.scalar.js';
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

@ObjectType('ScorecardAnswer', { description: "The answer to one question of the program's QA scorecard." })
export class ScorecardAnswerModel {
  @Field(() => String)
  key: string;

  @Field(() => Boolean)
  passed: boolean;

  @Field(() => String, { nullable: true })
  note: string | null;
}

@InputType('ScorecardAnswerInput')
export class ScorecardAnswerInput {
  @Field(() => String, { description: "A key of the program's scorecard (Program.scorecard)." })
  key: string;

  @Field(() => Boolean)
  passed: boolean;

  @Field(() => String, { nullable: true })
  note?: string | null;
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

  @Field(() => [ScorecardAnswerModel], {
    nullable: true,
    description: 'The QA scorecard, pre-filled from the transcript on import; null when nobody filled it in.',
  })
  scorecard: ScorecardAnswerModel[] | null;

  @Field(() => Int, { nullable: true, description: 'Share of scorecard items passed, 0 to 100; null without a scorecard.' })
  qaScore: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the review passes QA: no critical item failed and qaScore at least 80. Null without a scorecard.',
  })
  qaPassed: boolean | null;
  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'Imported with the handoff: { customerName, issueSummary, knownFacts, transcript } the pre-filled QA came from.',
  })
  conversation: Record<string, unknown> | null;
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

  @Field(() => [ScorecardAnswerInput], {
    nullable: true,
    description: "Answers to the program's QA scorecard (Program.scorecard); an item left out counts as not passed.",
  })
  scorecard?: ScorecardAnswerInput[] | null;
}
