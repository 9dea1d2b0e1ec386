import { Module } from '@nestjs/common';
import { RolePlayEventsController } from './role-play-events.controller.js';
import { RolePlayResolver } from './role-play.resolver.js';
import { RolePlayService } from './role-play.service.js';

@Module({ providers: [RolePlayService, RolePlayResolver], controllers: [RolePlayEventsController] })
export class RolePlayModule {}
