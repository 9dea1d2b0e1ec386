import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service.js';
import { CohortsResolver } from './cohorts.resolver.js';
import { CohortsService } from './cohorts.service.js';

@Global()
@Module({ providers: [CohortsService, CohortsResolver, AccessService], exports: [CohortsService, AccessService] })
export class CohortsModule {}
