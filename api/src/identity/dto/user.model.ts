import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum RoleEnum {
  TRAINEE = 'TRAINEE',
  SUPERVISOR = 'SUPERVISOR',
  HR = 'HR',
  ADMIN = 'ADMIN',
}
registerEnumType(RoleEnum, { name: 'Role' });

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  email: string;

  @Field(() => String)
  name: string;

  @Field(() => RoleEnum)
  role: RoleEnum;

  @Field(() => String, { nullable: true })
  employeeId: string | null;

  @Field(() => Boolean, { description: 'False once an admin has deactivated the account.' })
  active: boolean;
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field(() => String)
  token: string;

  @Field(() => UserModel)
  user: UserModel;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field(() => String)
  email: string;

  @Field(() => String)
  name: string;

  @Field(() => RoleEnum)
  role: RoleEnum;

  @Field(() => String)
  password: string;

  @Field(() => String, { nullable: true })
  employeeId?: string | null;
}
