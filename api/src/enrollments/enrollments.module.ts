import { Module } from '@nestjs/common';
import { LearningModule } from '../learning/learning.module.js';
import { CompletionOverrideResolver } from './completion-override.resolver.js';
import { EnrollmentTimelineService } from './enrollment-timeline.service.js';
import { EnrollmentsResolver } from './enrollments.resolver.js';

/** The Enrollment graph, which joins what the other feature modules own. */
@Module({ imports: [LearningModule], providers: [EnrollmentsResolver, CompletionOverrideResolver, EnrollmentTimelineService] })
export class EnrollmentsModule {}
