import { Module } from '@nestjs/common';
import { EnrollmentsResolver } from './enrollments.resolver.js';

/** The Enrollment graph, which joins what the other feature modules own. */
@Module({ providers: [EnrollmentsResolver] })
export class EnrollmentsModule {}
