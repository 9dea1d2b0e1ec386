import { Module } from '@nestjs/common';
import { GradingResolver } from './grading.resolver.js';

@Module({ providers: [GradingResolver] })
export class GradingModule {}
