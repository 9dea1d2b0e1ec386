import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('ShadowingObservation')
export class ShadowingObservationModel {
  @Field(() => ID)
  id: string;

  @Field(() => Date, { description: 'When the watched handoff happened.' })
  observedAt: Date;

  @Field(() => String)
  situation: string;

  @Field(() => String)
  didWell: string;

  @Field(() => String)
  wouldChange: string;

  @Field(() => Date)
  loggedAt: Date;
}

@InputType('ShadowingObservationInput')
export class ShadowingObservationInput {
  @Field(() => ID)
  enrollmentId: string;

  @Field(() => String)
  activityKey: string;

  @Field(() => Date)
  observedAt: Date;

  @Field(() => String)
  situation: string;

  @Field(() => String)
  didWell: string;

  @Field(() => String)
  wouldChange: string;
}
