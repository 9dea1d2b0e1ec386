import { Global, Module } from '@nestjs/common';
import { SupervisionResolver } from './supervision.resolver.js';
import { SupervisionService } from './supervision.service.js';

@Global()
@Module({ providers: [SupervisionService, SupervisionResolver], exports: [SupervisionService] })
export class SupervisionModule {}
