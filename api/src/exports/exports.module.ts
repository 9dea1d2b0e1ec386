import { Module } from '@nestjs/common';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';
import { LrsResolver } from './lrs/lrs.resolver.js';
import { LrsService } from './lrs/lrs.service.js';
import { ScheduleService } from './schedule.service.js';

/**
 * HR exports over HTTP: completions CSV, xAPI statements, cohort schedules (CONTRACT.md, "Exports");
 * and the optional push of the same xAPI statements to an LRS (lrs/, docs/decisions/009).
 */
@Module({ controllers: [ExportsController], providers: [ExportsService, ScheduleService, LrsService, LrsResolver] })
export class ExportsModule {}
