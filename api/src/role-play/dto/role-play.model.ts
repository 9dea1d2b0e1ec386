import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OpeningCheckModel } from '../../grading/dto/opening.model.js';
import GraphQLJSON from '../../learning/dto/json.scalar.js';

export enum RolePlayStatusEnum {
  INVITED = 'INVITED',
  LIVE = 'LIVE',
  ENDED = 'ENDED',
}
registerEnumType(RolePlayStatusEnum, { name: 'RolePlayStatus' });

export enum RolePlaySideEnum {
  AGENT = 'AGENT',
  CUSTOMER = 'CUSTOMER',
  OBSERVER = 'OBSERVER',
}
registerEnumType(RolePlaySideEnum, { name: 'RolePlaySide', description: 'The part the viewer plays; OBSERVER for supervisors, HR and admins.' });

@ObjectType('RolePlayMessage')
export class RolePlayMessageModel {
  @Field(() => ID, { description: 'Increasing within a session.' })
  id: string;

  @Field(() => RolePlaySideEnum)
  side: RolePlaySideEnum;

  @Field(() => String)
  body: string;

  @Field(() => Date)
  sentAt: Date;
}

@ObjectType('RolePlaySession')
export class RolePlaySessionModel {
  @Field(() => ID)
  id: string;

  @Field(() => RolePlayStatusEnum)
  status: RolePlayStatusEnum;

  @Field(() => RolePlaySideEnum)
  yourSide: RolePlaySideEnum;

  @Field(() => ID)
  enrollmentId: string;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  cardOpenedAt: Date | null;

  @Field(() => Date, { nullable: true })
  firstResponseAt: Date | null;

  @Field(() => Float, { nullable: true, description: 'Seconds from opening the card to the first agent message.' })
  firstResponseSeconds: number | null;

  @Field(() => Date, { nullable: true })
  endedAt: Date | null;

  @Field(() => Int, { nullable: true, description: "The customer player's rating, 1 to 5." })
  customerRating: number | null;

  @Field(() => Int, { nullable: true, description: "The opening grader's score on the agent's first message." })
  openingScore: number | null;

  @Field(() => [OpeningCheckModel], { nullable: true })
  openingChecks: OpeningCheckModel[] | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The escalation card: the agent sees it once opened; observers always.' })
  card: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: "The customer player's private brief; never shown to the agent before the end." })
  customerBrief: unknown;

  @Field(() => String, { nullable: true, description: 'What a good agent does here, after the session.' })
  debrief: string | null;

  // agent, customer, messages and activity are resolved by RolePlayResolver.
  agentId: string;
  customerId: string;
  activityId: string;
}
