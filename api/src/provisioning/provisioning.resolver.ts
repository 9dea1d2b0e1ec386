import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor, Roles } from '../common/auth/decorators.js';
import { UserImportResultModel } from './dto/user-import.model.js';
import { ProvisioningService } from './provisioning.service.js';

@Resolver()
export class ProvisioningResolver {
  constructor(private readonly provisioning: ProvisioningService) {}

  @Roles('ADMIN')
  @Mutation(() => UserImportResultModel, {
    description:
      'Creates or updates accounts and enrols trainees from a CSV file (header row: email, name, employee_id, role, cohort; ' +
      'UTF-8, RFC 4180; at most 5,000 rows and 512 KiB). All or nothing: any bad row is listed in errors and nothing changes. ' +
      'New accounts get a random password, returned once in credentials. dryRun checks without changing anything.',
  })
  importUsers(
    @CurrentActor() actor: Actor,
    @Args('csv') csv: string,
    @Args('dryRun', { type: () => Boolean, nullable: true }) dryRun?: boolean | null,
  ): Promise<UserImportResultModel> {
    return this.provisioning.importUsers(actor, csv, dryRun === true);
  }
}
