import { groupByKey, requestLoader } from '../common/graphql/request-loader.js';
import type { SignOff } from './entities/sign-off.entity.js';
import type { SupervisionService } from './supervision.service.js';

/** Each enrollment's sign-offs, newest first, batched per request. */
export function signOffsLoader(req: object, supervision: SupervisionService) {
  return requestLoader<string, SignOff[]>(req, 'signOffs', async (ids) =>
    groupByKey(ids, await supervision.signOffsOf(ids), (s) => s.enrollmentId),
  );
}
