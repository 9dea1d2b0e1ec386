import { Controller, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Readable, Transform } from 'node:stream';
import type { Actor } from '../common/auth/actor.js';
import { Roles } from '../common/auth/decorators.js';
import { BATON_CONFIG, type BatonConfig } from '../common/config/config.js';
import { badInput } from '../common/errors/domain-error.js';
import type { HandoffMode } from '../supervision/entities/handoff-review.entity.js';
import { csvRecords, jsonSourceRecords, type SourceEvent } from './domain/records.js';
import { HandoffImportService, type ImportOutcome } from './handoff-import.service.js';
import { discardRest } from './raw-body.js';

type ActorRequest = Request & { actor: Actor; body?: unknown };

const CSV_TYPES = new Set(['text/csv', 'application/csv', 'text/comma-separated-values']);
const JSON_TYPES = new Set(['application/json', 'application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/json-lines']);

/** POST /handoffs/import: a file of real handoffs becomes handoff reviews (docs/handoff-import.md). */
@Controller()
export class HandoffImportController {
  constructor(
    private readonly imports: HandoffImportService,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  @Roles('SUPERVISOR', 'ADMIN')
  @Post('handoffs/import')
  async import(
    @Req() req: ActorRequest,
    @Res() res: Response,
    @Query('mode') modeParam: unknown,
    @Query('dryRun') dryRunParam: unknown,
  ): Promise<void> {
    const format = formatOf(req.headers['content-type']);
    if (format === 'unsupported') {
      discardRest(req);
      res.status(415).json({
        error: {
          code: 'BAD_USER_INPUT',
          message: 'Send the file as text/csv, application/json (an array) or application/x-ndjson (one object per line), in UTF-8.',
        },
      });
      return;
    }
    let mode: HandoffMode;
    let dryRun: boolean;
    try {
      mode = parseMode(modeParam);
      dryRun = parseFlag(dryRunParam);
    } catch (e) {
      discardRest(req);
      throw e;
    }

    const { maxBytes } = this.config.importLimits;
    const tooLarge = () =>
      res.status(413).json({
        error: {
          code: 'BAD_USER_INPUT',
          message: `Nothing was imported: the file is larger than ${formatBytes(maxBytes)}, this server's limit (BATON_IMPORT_MAX_BYTES). Split it into several files.`,
          limitBytes: maxBytes,
        },
      });
    if (Number(req.headers['content-length']) > maxBytes) {
      discardRest(req);
      tooLarge();
      return;
    }

    const source = sourceOf(req, format, maxBytes);
    let outcome: ImportOutcome;
    try {
      outcome = await this.imports.importFile(req.actor, source, { defaultMode: mode, dryRun });
    } catch (e) {
      if (!(e instanceof FileTooLarge)) throw e;
      tooLarge();
      return;
    } finally {
      discardRest(req);
    }
    if (outcome.ok) {
      res.status(200).json(outcome.summary);
      return;
    }
    const { status, code, message, rows, rowsWithProblems, ignoredColumns } = outcome;
    const details = code === 'CONFLICT' ? {} : { rows, rowsWithProblems, ...(ignoredColumns.length ? { ignoredColumns } : {}) };
    res.status(status).json({ error: { code, message, ...details } });
  }
}

function formatOf(contentType: string | undefined): 'csv' | 'json' | 'unsupported' {
  if (!contentType) return 'unsupported';
  const [type, ...params] = contentType.split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') return 'unsupported';
  if (CSV_TYPES.has(type)) return 'csv';
  if (JSON_TYPES.has(type)) return 'json';
  return 'unsupported';
}

/** Raised by the byte counter when a body without (or with a false) Content-Length runs past the limit. */
class FileTooLarge extends Error {}

/** Passes the body through, failing the stream (and so the import, which rolls back) past `maxBytes`. */
function limitBytes(req: ActorRequest, maxBytes: number): Transform {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new FileTooLarge());
      else done(null, chunk);
    },
  });
  // The reader sees the error through its iterator; this keeps a second emit (after the reader has
  // stopped) from becoming an uncaught exception.
  counter.on('error', () => undefined);
  return req.pipe(counter);
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${(n / 1024 / 1024).toLocaleString('en-US')} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${(n / 1024).toLocaleString('en-US')} KB`;
  return `${n.toLocaleString('en-US')} bytes`;
}

function sourceOf(req: ActorRequest, format: 'csv' | 'json', maxBytes: number): AsyncIterable<SourceEvent> {
  // Normally the body is still unread (raw-body.ts). Should a body parser have read it anyway,
  // import what it parsed rather than wait for a stream that has ended.
  if (req.readableEnded && req.body !== undefined) {
    const text = typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body);
    const copy = Readable.from([text]);
    return format === 'csv' ? csvRecords(copy) : jsonSourceRecords(copy);
  }
  const body = limitBytes(req, maxBytes);
  return format === 'csv' ? csvRecords(body) : jsonSourceRecords(body);
}

function parseMode(v: unknown): HandoffMode {
  if (v === undefined || v === '') return 'SOLO';
  const s = typeof v === 'string' ? v.trim().toUpperCase() : '';
  if (s === 'SOLO' || s === 'SUPERVISED') return s;
  throw badInput('mode must be SOLO or SUPERVISED (default SOLO).', { field: 'mode' });
}

function parseFlag(v: unknown): boolean {
  if (v === undefined) return false;
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (['', '1', 'true', 'yes'].includes(s)) return true; // "?dryRun" alone means yes
  if (['0', 'false', 'no'].includes(s)) return false;
  throw badInput('dryRun must be 1 or 0.', { field: 'dryRun' });
}
