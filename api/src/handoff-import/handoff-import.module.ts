import { Module } from '@nestjs/common';
import { HandoffImportController } from './handoff-import.controller.js';
import { HandoffImportService } from './handoff-import.service.js';
import { HandoffWebhookController } from './webhook.controller.js';

/** Real handoffs in bulk (POST /handoffs/import) and live (POST /webhooks/handoffs); docs/handoff-import.md. */
@Module({ controllers: [HandoffImportController, HandoffWebhookController], providers: [HandoffImportService] })
export class HandoffImportModule {}
