import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum OpeningCheckCodeEnum {
  USES_NAME = 'USES_NAME',
  INTRODUCES_SELF = 'INTRODUCES_SELF',
  ACKNOWLEDGES_ISSUE = 'ACKNOWLEDGES_ISSUE',
  STATES_ACTION = 'STATES_ACTION',
  SETS_TIME_EXPECTATION = 'SETS_TIME_EXPECTATION',
  NO_GENERIC_OPENER = 'NO_GENERIC_OPENER',
  NO_REPEAT_REQUEST = 'NO_REPEAT_REQUEST',
  NO_KNOWN_INFO_REQUEST = 'NO_KNOWN_INFO_REQUEST',
  NO_AI_BLAME = 'NO_AI_BLAME',
  NO_OVER_APOLOGY = 'NO_OVER_APOLOGY',
}
registerEnumType(OpeningCheckCodeEnum, { name: 'OpeningCheckCode' });

@ObjectType('OpeningCheck')
export class OpeningCheckModel {
  @Field(() => OpeningCheckCodeEnum)
  code: OpeningCheckCodeEnum;

  @Field(() => Boolean)
  passed: boolean;

  @Field(() => String)
  message: string;
}

@ObjectType('OpeningAnalysis')
export class OpeningAnalysisModel {
  @Field(() => Boolean)
  passed: boolean;

  @Field(() => Int)
  score: number;

  @Field(() => [OpeningCheckModel])
  checks: OpeningCheckModel[];
}

@InputType('KnownFactInput')
export class KnownFactInput {
  @Field(() => String)
  label: string;

  @Field(() => String)
  value: string;
}

@InputType('HandoffContextInput')
export class HandoffContextInput {
  @Field(() => String)
  customerName: string;

  @Field(() => String, { nullable: true })
  agentName?: string | null;

  @Field(() => String)
  issueSummary: string;

  @Field(() => [KnownFactInput], { nullable: true })
  knownFacts?: KnownFactInput[] | null;
}

@InputType('OpeningAnalysisInput')
export class OpeningAnalysisInput {
  @Field(() => String)
  message: string;

  @Field(() => HandoffContextInput)
  context: HandoffContextInput;
}
