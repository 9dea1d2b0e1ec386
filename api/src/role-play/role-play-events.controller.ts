import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../common/auth/actor.js';
import { notFound } from '../common/errors/domain-error.js';
import { SessionsService } from '../identity/sessions.service.js';
import { toMessageModel } from './role-play.mapper.js';
import { RolePlayService } from './role-play.service.js';

const POLL_MS = 300;
const HEARTBEAT_MS = 15_000;
/** How often an open stream re-checks its session, so logout and deactivation also end streams. */
const SESSION_CHECK_MS = 2_000;

/**
 * Live updates of one role-play as server-sent events: `message` for each new message (its id is
 * the event id, so a reconnecting client resumes with Last-Event-ID) and `state` whenever the
 * session's status, clock or rating changes. Reading the database on a short interval, rather than
 * an in-process event bus, keeps several API processes consistent without a broker
 * (docs/decisions/008-role-play-live-updates.md).
 */
@Controller('role-plays')
export class RolePlayEventsController {
  constructor(
    private readonly rolePlay: RolePlayService,
    private readonly sessions: SessionsService,
  ) {}

  @Get(':id/events')
  async events(@Param('id') id: string, @Req() req: Request & { actor: Actor }, @Res() res: Response): Promise<void> {
    // Refusals (FORBIDDEN, NOT_FOUND) are thrown before the stream opens, as plain HTTP errors.
    const view = await this.rolePlay.view(req.actor, id);
    if (!view) throw notFound('Role-play');
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 1000\n\n');

    let lastId = String(req.headers['last-event-id'] ?? '0');
    if (!/^\d{1,18}$/.test(lastId)) lastId = '0';
    let lastState = '';
    let open = true;
    let busy = false;
    req.on('close', () => {
      open = false;
    });
    const token = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    let sessionCheckedAt = Date.now();

    const tick = async () => {
      if (!open || busy) return;
      busy = true;
      try {
        if (Date.now() - sessionCheckedAt >= SESSION_CHECK_MS) {
          if (!(await this.sessions.actorFor(token))) {
            open = false;
            res.end();
            return;
          }
          sessionCheckedAt = Date.now();
        }
        const current = await this.rolePlay.view(req.actor, id);
        if (!current) return;
        for (const m of await this.rolePlay.messages(id, lastId)) {
          lastId = m.id;
          res.write(`id: ${m.id}\nevent: message\ndata: ${JSON.stringify(toMessageModel(m))}\n\n`);
        }
        const s = current.session;
        const state = JSON.stringify({
          status: s.status,
          cardOpenedAt: s.cardOpenedAt,
          firstResponseAt: s.firstResponseAt,
          endedAt: s.endedAt,
          customerRating: s.customerRating,
          openingScore: s.openingScore,
        });
        if (state !== lastState) {
          lastState = state;
          res.write(`event: state\ndata: ${state}\n\n`);
        }
      } catch {
        // A passing database error: the next tick tries again; the client keeps its connection.
      } finally {
        busy = false;
      }
    };
    await tick();
    const poll = setInterval(tick, POLL_MS);
    const heartbeat = setInterval(() => open && res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const stop = () => {
      clearInterval(poll);
      clearInterval(heartbeat);
    };
    req.on('close', stop);
    res.on('close', stop); // also when the stream is ended here, its session gone
  }
}
