import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UserModel } from '../identity/dto/user.model.js';
import { IdentityService } from '../identity/identity.service.js';
import { usersLoader } from '../identity/users.loader.js';
import { CompletionOverrideModel } from '../progress/dto/progress.model.js';

@Resolver(() => CompletionOverrideModel)
export class CompletionOverrideResolver {
  constructor(private readonly identity: IdentityService) {}

  @ResolveField(() => UserModel)
  overriddenBy(@Parent() o: CompletionOverrideModel, @Context('req') req: object): Promise<UserModel> {
    return usersLoader(req, this.identity).load(o.overriddenById);
  }
}
