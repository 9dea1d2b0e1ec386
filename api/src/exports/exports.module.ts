import { Module } from '@nestjs/common';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';
import { ScheduleService } from './schedule.service.js';

/** HR exports over HTTP: completions CSV, xAPI statements, cohort schedules (CONTRACT.md, "Exports"). */
@Module({ controllers: [ExportsController], providers: [ExportsService, ScheduleService] })
export class ExportsModule {}
