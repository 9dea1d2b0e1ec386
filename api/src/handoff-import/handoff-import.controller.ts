import { Controller, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import type { Actor } from '../common/auth/actor.js';
import { Roles } from '../common/auth/decorators.js';
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
  constructor(private readonly imports: HandoffImportService) {}

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

    const source = sourceOf(req, format);
    let outcome: ImportOutcome;
    try {
      outcome = await this.imports.importFile(req.actor, source, { defaultMode: mode, dryRun });
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

function sourceOf(req: ActorRequest, format: 'csv' | 'json'): AsyncIterable<SourceEvent> {
  // Normally the body is still unread (raw-body.ts). Should a body parser have read it anyway,
  // import what it parsed rather than wait for a stream that has ended.
  if (req.readableEnded && req.body !== undefined) {
    const text = typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body);
    const copy = Readable.from([text]);
    return format === 'csv' ? csvRecords(copy) : jsonSourceRecords(copy);
  }
  return format === 'csv' ? csvRecords(req) : jsonSourceRecords(req);
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
