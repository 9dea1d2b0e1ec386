import { Module } from '@nestjs/common';
import { LearningResolver } from './learning.resolver.js';
import { LearningService } from './learning.service.js';

@Module({ providers: [LearningService, LearningResolver] })
export class LearningModule {}
