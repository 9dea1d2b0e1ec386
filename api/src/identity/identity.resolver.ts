import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor, Public, Roles } from '../common/auth/decorators.js';
import { notFound } from '../common/errors/domain-error.js';
import { AuthPayload, CreateUserInput, RoleEnum, UserModel } from './dto/user.model.js';
import type { User } from './entities/user.entity.js';
import { IdentityService } from './identity.service.js';

export function toUserModel(u: Pick<User, 'id' | 'email' | 'name' | 'role' | 'employeeId' | 'active'>): UserModel {
  return { id: u.id, email: u.email, name: u.name, role: u.role as RoleEnum, employeeId: u.employeeId, active: u.active };
}

@Resolver(() => UserModel)
export class IdentityResolver {
  constructor(private readonly identity: IdentityService) {}

  @Query(() => UserModel)
  async me(@CurrentActor() actor: Actor): Promise<UserModel> {
    const user = await this.identity.findById(actor.id);
    if (!user) throw notFound('Your account');
    return toUserModel(user);
  }

  @Roles('ADMIN', 'HR')
  @Query(() => [UserModel], { description: 'Accounts, optionally of one role (ADMIN, HR).' })
  async users(@Args('role', { type: () => RoleEnum, nullable: true }) role?: RoleEnum): Promise<UserModel[]> {
    return (await this.identity.list(role)).map(toUserModel);
  }

  @Public()
  @Mutation(() => AuthPayload)
  async login(@Args('email') email: string, @Args('password') password: string, @Context('req') req: { ip?: string }): Promise<AuthPayload> {
    const { token, user } = await this.identity.login(email, password, req.ip);
    return { token, user: toUserModel(user) };
  }

  @Mutation(() => Boolean, {
    description: 'Ends the current session on the server: its token is refused from then on. False when it had already ended.',
  })
  logout(@CurrentActor() actor: Actor): Promise<boolean> {
    return this.identity.logout(actor);
  }

  @Roles('ADMIN')
  @Mutation(() => UserModel)
  async createUser(@CurrentActor() actor: Actor, @Args('input') input: CreateUserInput): Promise<UserModel> {
    return toUserModel(await this.identity.createUser(actor, input));
  }
}
