import { Controller, Get, Logger, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Actor } from '../common/auth/actor.js';
import { Roles } from '../common/auth/decorators.js';
import { COMPLETIONS_CSV_HEADER } from './domain/completions-csv.js';
import type { XapiStatement } from './domain/xapi-statements.js';
import { ExportsService } from './exports.service.js';
import { ScheduleService } from './schedule.service.js';

type ActorRequest = Request & { actor: Actor };

/**
 * The HTTP exports of CONTRACT.md ("Exports"). Refusals and bad parameters are DomainErrors
 * thrown before the first byte is written, so DomainErrorFilter turns them into 401/403/400/404
 * JSON; once a stream has started, a failure can only cut the connection, which clients see as
 * an incomplete download rather than a short file that looks whole.
 */
@Controller()
export class ExportsController {
  private readonly logger = new Logger('Exports');

  constructor(
    private readonly exportsService: ExportsService,
    private readonly schedules: ScheduleService,
  ) {}

  /** One row per enrollment, RFC 4180 (CRLF, quoted where needed), UTF-8, streamed. */
  @Roles('HR', 'ADMIN')
  @Get('exports/completions.csv')
  async completions(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const body = await this.exportsService.completionsCsv(this.exportsService.filtersFrom(query));
    res.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="baton-completions-${today()}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    await this.stream(Readable.from(withHeader(COMPLETIONS_CSV_HEADER, body)), res, 'completions.csv', () => body.return?.());
  }

  /** The learning records as a JSON array of xAPI 1.0.3 statements, streamed. */
  @Roles('HR', 'ADMIN')
  @Get('exports/xapi.json')
  async xapi(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const statements = await this.exportsService.statements(this.exportsService.filtersFrom(query));
    res.status(200).set({
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="baton-xapi-${today()}.json"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    await this.stream(Readable.from(jsonArray(statements)), res, 'xapi.json', () => statements.return?.());
  }

  /** HR, ADMIN, the cohort's supervisors and its trainees; the service checks the cohort. */
  @Get('cohorts/:id/schedule.ics')
  async schedule(@Param('id') id: string, @Req() req: ActorRequest, @Res() res: Response): Promise<void> {
    const { ics } = await this.schedules.cohortIcs(req.actor, id);
    res
      .status(200)
      .set({
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': `inline; filename="baton-cohort-${id.toLowerCase()}.ics"`,
        'Cache-Control': 'private, no-cache',
      })
      .send(ics);
  }

  /**
   * source → response, with backpressure all the way back to the database: the next FETCH (or the
   * COPY's next read) waits until the response has taken what came before. A client that
   * disconnects ends the pipeline, which returns the iterator and so closes the cursor or the
   * COPY's connection; `close` makes sure of it whatever happened (it is idempotent).
   */
  private async stream(source: Readable, res: Response, what: string, close: () => unknown): Promise<void> {
    try {
      await pipeline(source, res);
    } catch (e) {
      if ((e as NodeJS.ErrnoException)?.code !== 'ERR_STREAM_PREMATURE_CLOSE') this.logger.error(`Export ${what} failed while streaming`, e as Error);
      res.destroy();
    } finally {
      await close();
    }
  }
}

/** `[`, the statements one per line separated by commas, `]`. */
async function* jsonArray(statements: AsyncIterable<XapiStatement>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const s of statements) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(s)}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The header, then the body; returning it returns the body (and so closes the export's cursor). */
async function* withHeader<T>(header: string, body: AsyncIterable<T>): AsyncGenerator<string | T, void, undefined> {
  yield header;
  yield* body;
}
