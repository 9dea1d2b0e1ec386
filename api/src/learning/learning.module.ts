import { Module } from '@nestjs/common';
import { LearningResolver } from './learning.resolver.js';
import { LearningService } from './learning.service.js';
import { ShadowingResolver } from './shadowing.resolver.js';
import { ShadowingService } from './shadowing.service.js';

@Module({ providers: [LearningService, LearningResolver, ShadowingService, ShadowingResolver], exports: [LearningService] })
export class LearningModule {}
