import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('UserImportError')
export class UserImportErrorModel {
  @Field(() => Int, { description: 'Line of the file (the header row is line 1).' })
  line: number;

  @Field(() => String, { nullable: true, description: 'The column at fault (email, name, employee_id, role, cohort), when it is one cell.' })
  column: string | null;

  @Field(() => String)
  reason: string;
}

@ObjectType('InitialCredential')
export class InitialCredentialModel {
  @Field(() => String)
  email: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'Shown in this result only: Baton keeps just its hash. Hand it over securely.' })
  initialPassword: string;
}

@ObjectType('UserImportResult', {
  description: 'What an import did (or, with dryRun, would do). Non-empty errors mean nothing was changed and the counts are 0.',
})
export class UserImportResultModel {
  @Field(() => Boolean)
  dryRun: boolean;

  @Field(() => Boolean, { description: 'True when the changes were written: not a dry run, and no errors.' })
  applied: boolean;

  @Field(() => Int, { description: 'Accounts created.' })
  created: number;

  @Field(() => Int, { description: 'Existing accounts (matched by email, any case) whose name, role or employee id changed.' })
  updated: number;

  @Field(() => Int, { description: 'Existing accounts the file left as they were.' })
  unchanged: number;

  @Field(() => Int, { description: 'Enrollments created (an existing enrollment in the named cohort is left as it is).' })
  enrolled: number;

  @Field(() => Int, { description: 'Supervisors newly assigned to the cohort of their row.' })
  supervisorsAssigned: number;

  @Field(() => [UserImportErrorModel])
  errors: UserImportErrorModel[];

  @Field(() => [InitialCredentialModel], { description: 'One per created account; empty for a dry run.' })
  credentials: InitialCredentialModel[];
}
