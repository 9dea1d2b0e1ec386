import { Module } from '@nestjs/common';
import { ProvisioningResolver } from './provisioning.resolver.js';
import { ProvisioningService } from './provisioning.service.js';

/** Accounts and enrolments in bulk from CSV (importUsers); docs/decisions/010-provisioning.md. */
@Module({ providers: [ProvisioningService, ProvisioningResolver] })
export class ProvisioningModule {}
