import { Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../common/auth/decorators.js';
import { LrsStatusModel } from './dto/lrs-status.model.js';
import { LrsService } from './lrs.service.js';

@Resolver(() => LrsStatusModel)
export class LrsResolver {
  constructor(private readonly lrs: LrsService) {}

  @Roles('ADMIN')
  @Query(() => LrsStatusModel, { description: 'Admins: how the push of xAPI statements to the LRS is doing.' })
  lrsStatus(): Promise<LrsStatusModel> {
    return this.lrs.status();
  }
}
