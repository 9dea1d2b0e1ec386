import { Field, Float, ID, InputType, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from './json.scalar.js';

@ObjectType('Attempt')
export class AttemptModel {
  @Field(() => ID)
  id: string;

  @Field(() => Date)
  startedAt: Date;

  @Field(() => Date, { nullable: true })
  submittedAt: Date | null;

  @Field(() => Float, { nullable: true })
  score: number | null;

  @Field(() => Boolean, { nullable: true })
  passed: boolean | null;

  @Field(() => [String])
  feedback: string[];

  @Field(() => Float, { nullable: true, description: 'Seconds from start to submission, measured by the server.' })
  durationSeconds: number | null;

  @Field(() => GraphQLJSON, {
    description: 'What the trainee works on in this attempt (questions without answers, the drawn card…), as JSON.',
  })
  prompt: Record<string, unknown>;

  @Field(() => GraphQLJSON, { nullable: true, description: 'After submission: explanations, the answer key, a model answer.' })
  review: Record<string, unknown> | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'What was submitted.' })
  answers: { questionKey: string; value: string }[] | null;

  // activity is resolved by LearningResolver.
  activityId: string;
}

@InputType('AnswerInput')
export class AnswerInput {
  @Field(() => String)
  questionKey: string;

  @Field(() => String)
  value: string;
}
