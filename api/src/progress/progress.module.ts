import { Global, Module } from '@nestjs/common';
import { ProgressResolver } from './progress.resolver.js';
import { ProgressService } from './progress.service.js';

@Global()
@Module({ providers: [ProgressService, ProgressResolver], exports: [ProgressService] })
export class ProgressModule {}
