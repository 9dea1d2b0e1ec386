// The two file formats as one stream of records, each with the line it starts on.
// CSV goes through csv-parse's streaming parser; JSON through json-records.ts. Neither holds more
// than one record in memory.

import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { checkHeader, type Column } from './handoff-row.js';
import { jsonRecords } from './json-records.js';

export type SourceEvent =
  /** A record, as column → value (CSV: strings; JSON: any JSON value). */
  | { kind: 'record'; line: number; fields: Record<string, unknown> }
  /** A record that cannot be read, or (fatal) a file that cannot be read past this line. */
  | { kind: 'problem'; line: number; problem: string; fatal: boolean }
  /** CSV header names that are not columns of the import. */
  | { kind: 'ignored'; names: string[] };

export const MAX_RECORD_CHARS = 1_000_000;

/**
 * CSV (RFC 4180, comma-separated, UTF-8 with or without BOM, LF or CRLF). The first row names
 * the columns. Blank lines and rows whose cells are all empty are skipped.
 */
export async function* csvRecords(input: Readable): AsyncGenerator<SourceEvent> {
  // The parser is driven by hand, one chunk of the upload at a time: after each chunk its records
  // are read off at once (nothing piles up in the stream), and the next chunk is read only once
  // this chunk's records have been taken, so a slow consumer slows the upload down. Records are
  // read with read() rather than handed over by `on_record`, which builds an info object for
  // each; blank lines come through as records of one empty cell, so lines are counted here.
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, max_record_size: MAX_RECORD_CHARS });
  let failure: (Error & { code?: string }) | null = null;
  parser.on('error', (e) => (failure ??= e));
  let queue: string[][] = [];
  const drain = () => {
    for (let record: string[] | null; (record = parser.read() as string[] | null) !== null; ) queue.push(record);
  };
  const write = (chunk: Buffer) => {
    // The parser calls back only once its output is read: read what this chunk gave, then wait.
    const written = new Promise<void>((resolve) =>
      parser.write(chunk, (e) => {
        if (e) failure ??= e;
        resolve();
      }),
    );
    drain();
    return written.then(drain);
  };
  const end = () =>
    new Promise<void>((resolve) => {
      parser.once('error', () => resolve());
      parser.once('finish', () => resolve());
      parser.end();
    }).then(drain);

  let columns: (Column | null)[] | null = null;
  // Lines are counted here rather than taken from csv-parse, which counts a CRLF inside a quoted
  // cell as two lines: a record starts on the line after the previous one ends.
  let nextLine = 1;
  async function* take(): AsyncGenerator<SourceEvent, boolean> {
    const records = queue;
    queue = [];
    for (const record of records) {
      const line = nextLine;
      let newlines = 0;
      let blank = true;
      for (const cell of record) {
        newlines += countNewlines(cell);
        if (blank && cell.trim() !== '') blank = false;
      }
      nextLine = line + 1 + newlines;
      if (blank) continue;
      if (!columns) {
        const header = checkHeader(record);
        if (header.ignored.length) yield { kind: 'ignored', names: header.ignored };
        if (header.problems.length) {
          yield { kind: 'problem', line, problem: header.problems.join('; '), fatal: true };
          return false;
        }
        columns = header.columns;
        continue;
      }
      if (record.length !== columns.length) {
        yield { kind: 'problem', line, problem: `expected ${columns.length} cells like the header row, found ${record.length}`, fatal: false };
        continue;
      }
      const fields: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i];
        if (column) fields[column] = record[i];
      }
      yield { kind: 'record', line, fields };
    }
    return true;
  }

  try {
    for await (const chunk of input.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      await write(chunk);
      if (!(yield* take())) return;
      if (failure) break;
    }
    if (!failure) {
      await end();
      if (!(yield* take())) return;
    }
    if (failure) {
      const err: Error & { code?: string } = failure;
      const reason =
        err.code === 'CSV_MAX_RECORD_SIZE'
          ? `a row is longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters`
          : err.code === 'CSV_QUOTE_NOT_CLOSED'
            ? 'a quoted cell is never closed'
            : err.message.replace(/^[^:]*:\s*/, '').replace(/\s+/g, ' ');
      yield { kind: 'problem', line: nextLine, problem: `the CSV cannot be read from here: ${reason}`, fatal: true };
    }
  } finally {
    parser.destroy();
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** JSON: an array of objects, or JSON Lines. Field names are the CSV column names. */
export async function* jsonSourceRecords(input: Readable): AsyncGenerator<SourceEvent> {
  input.setEncoding('utf8');
  const chunks = input.iterator({ destroyOnReturn: false }) as AsyncIterable<string>;
  for await (const event of jsonRecords(chunks, MAX_RECORD_CHARS)) {
    if ('problem' in event) {
      yield { kind: 'problem', line: event.line, problem: event.problem, fatal: event.fatal };
      if (event.fatal) return;
    } else if (event.value === null || typeof event.value !== 'object' || Array.isArray(event.value)) {
      yield { kind: 'problem', line: event.line, problem: 'each handoff must be a JSON object', fatal: false };
    } else {
      yield { kind: 'record', line: event.line, fields: event.value as Record<string, unknown> };
    }
  }
}
