import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('LrsStatus', { description: 'The push of xAPI statements to the learning record store (XAPI_LRS_URL).' })
export class LrsStatusModel {
  @Field(() => Boolean, { description: 'True when XAPI_LRS_URL is set and this API pushes statements.' })
  configured: boolean;

  @Field(() => Int, { description: 'Statements queued and not yet accepted by the LRS (including those waiting to be retried).' })
  pending: number;

  @Field(() => Int, { description: 'Statements the LRS accepted.' })
  sent: number;

  @Field(() => Int, { description: 'Statements given up on: refused by the LRS, or still failing after the last attempt.' })
  failed: number;

  @Field(() => String, { nullable: true, description: 'The latest error among the statements not delivered.' })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  lastSentAt: Date | null;
}
