import { byKey, requestLoader } from '../common/graphql/request-loader.js';
import type { UserModel } from './dto/user.model.js';
import { toUserModel } from './identity.resolver.js';
import type { IdentityService } from './identity.service.js';

/** Users by id, batched per request. */
export function usersLoader(req: object, identity: IdentityService) {
  return requestLoader<string, UserModel>(req, 'users', async (ids) =>
    byKey(ids, await identity.findByIds(ids), (u) => u.id).map((u) => (u ? toUserModel(u) : new Error('User not found'))),
  );
}
