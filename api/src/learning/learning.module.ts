import { Module } from '@nestjs/common';
import { LearningResolver } from './learning.resolver.js';
import { LearningService } from './learning.service.js';
import { ShadowingResolver } from './shadowing.resolver.js';
import { ShadowingService } from './shadowing.service.js';
import { EnrollmentAttemptsResolver } from './enrollment-attempts.resolver.js';

@Module({ providers: [LearningService, LearningResolver, EnrollmentAttemptsResolver, ShadowingService, ShadowingResolver] })
export class LearningModule {}
