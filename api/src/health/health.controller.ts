import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/decorators.js';

/**
 * How long readiness waits for the database. A probe must answer quickly whatever the database
 * does: a stalled server or an exhausted pool reads as "not ready", not as a hung probe.
 */
export const READY_TIMEOUT_MS = 3_000;

@Controller()
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Liveness: the process answers. It never touches the database, so a database outage does not get the process restarted. */
  @Public()
  @Get('health')
  @HttpCode(200)
  health() {
    return { status: 'ok' };
  }

  /** Readiness: the database answers too (503 while it does not). */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
    });
    const probe = this.dataSource.query('SELECT 1');
    // The probe may still fail after the timeout answered; nobody waits for it then.
    probe.catch(() => undefined);
    try {
      await Promise.race([probe, timeout]);
      return { status: 'ready' };
    } catch (e) {
      const reason = (e as Error).message === 'timeout' ? `The database did not answer within ${READY_TIMEOUT_MS / 1000} s.` : 'The database is not reachable.';
      // Answered here rather than thrown: a probe's 503 is an answer, not an error to log.
      res.status(503);
      return { status: 'unavailable', reason };
    } finally {
      clearTimeout(timer);
    }
  }
}
