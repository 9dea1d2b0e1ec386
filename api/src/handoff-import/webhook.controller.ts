import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/decorators.js';
import { BATON_CONFIG, type BatonConfig } from '../common/config/config.js';
import { SIGNATURE_HEADER, verifySignature } from './domain/signature.js';
import { HandoffImportService } from './handoff-import.service.js';
import { discardRest, readBody } from './raw-body.js';

/** One record with its transcript fits easily; a bigger body is refused unread. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * POST /webhooks/handoffs: the live feed, one handoff per request, signed with
 * BATON_WEBHOOK_SECRET (docs/handoff-import.md). The signature is the authentication, so the route
 * is public to the token guard.
 */
@Controller()
export class HandoffWebhookController {
  constructor(
    private readonly imports: HandoffImportService,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  @Public()
  @Post('webhooks/handoffs')
  async receive(@Req() req: Request, @Res() res: Response): Promise<void> {
    const secret = this.config.webhookSecret;
    if (!secret) {
      discardRest(req);
      res.status(503).json({
        error: { code: 'SERVICE_UNAVAILABLE', message: 'The handoff webhook is off: set BATON_WEBHOOK_SECRET (32 characters or more) on the API.' },
      });
      return;
    }
    const body = await readBody(req, MAX_WEBHOOK_BYTES);
    if (!body) {
      res.status(413).json({ error: { code: 'BAD_USER_INPUT', message: 'Send one handoff per request, at most 1 MB.' } });
      return;
    }
    const header = req.headers[SIGNATURE_HEADER];
    const check = verifySignature(Array.isArray(header) ? header[0] : header, body, secret);
    if (!check.ok) {
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: check.reason } });
      return;
    }
    let record: unknown;
    try {
      record = JSON.parse(body.toString('utf8'));
    } catch {
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: 'The body is not valid JSON: send one handoff as a JSON object.' } });
      return;
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: 'Send one handoff as a JSON object (for many at once, use POST /handoffs/import).' } });
      return;
    }
    const outcome = await this.imports.receive(record as Record<string, unknown>);
    if (outcome.ok) {
      res.status(200).json({ status: outcome.status, reviewId: outcome.reviewId });
      return;
    }
    res.status(400).json({
      error: { code: 'BAD_USER_INPUT', message: `The handoff was not recorded: ${outcome.reasons.join('; ')}.`, reasons: outcome.reasons },
    });
  }
}
