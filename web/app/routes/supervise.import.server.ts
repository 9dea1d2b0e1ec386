import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { apiEndpoint } from '~/lib/api.server';
import { sessionEndedRedirect, type Auth } from '~/lib/session.server';

// "Import handoffs": the uploaded file goes to the API's POST /handoffs/import as it arrives
// (docs/handoff-import.md), never held whole by the web server. The form sends `mode` and `dryRun`
// before the file, so they are known when the file's bytes start to flow.

export type ImportMode = 'SOLO' | 'SUPERVISED';

export interface ImportSummary {
  imported: number;
  replaced: number;
  unchanged: number;
  enrollmentsUpdated: number;
  rows: number;
  dryRun: boolean;
  ignoredColumns: string[];
}

export type ImportResult =
  | { ok: true; fileName: string; summary: ImportSummary }
  | {
      ok: false;
      fileName: string | null;
      message: string;
      /** Bad rows, with the line of the file where each starts. */
      rows: { line: number; reason: string }[];
      rowsWithProblems: number;
      ignoredColumns: string[];
      /** The form field the message is about, when it is one. */
      field: 'file' | 'mode' | null;
    };

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** The content type the API expects for a file name, by its extension; null when it is none of ours. */
export function contentTypeOf(fileName: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext ? (CONTENT_TYPES[ext] ?? null) : null;
}

const fail = (fileName: string | null, message: string, field: 'file' | 'mode' | null = null): ImportResult => ({
  ok: false,
  fileName,
  message,
  rows: [],
  rowsWithProblems: 0,
  ignoredColumns: [],
  field,
});

function toStream(data: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = data[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await it.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await it.return?.();
    },
  });
}

async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  for await (const _ of data);
}

/** Reads the multipart form and sends its file to the API. */
export async function importHandoffs(request: Request, auth: Auth): Promise<ImportResult> {
  const fields: { mode: string; dryRun: boolean } = { mode: 'SOLO', dryRun: false };
  let result: ImportResult | null = null;
  let unauthenticated = false;

  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (name !== 'file' || filename === undefined) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > 1000) throw new Response('A form field is too long.', { status: 413, statusText: 'Content Too Large' });
        chunks.push(chunk);
      }
      const value = Buffer.concat(chunks).toString('utf8');
      if (name === 'mode') fields.mode = value;
      if (name === 'dryRun') fields.dryRun = value === '1' || value === 'on';
      return value;
    }
    if (result) {
      await drain(data);
      return undefined;
    }
    if (!filename) {
      await drain(data);
      result = fail(null, 'Choose the file to import.', 'file');
      return undefined;
    }
    const contentType = contentTypeOf(filename);
    if (!contentType) {
      await drain(data);
      result = fail(filename, `${filename} is not a file Baton imports: choose a .csv, .json, .jsonl or .ndjson file.`, 'file');
      return undefined;
    }
    if (fields.mode !== 'SOLO' && fields.mode !== 'SUPERVISED') {
      await drain(data);
      result = fail(filename, 'Choose whether the handoffs were solo or supervised.', 'mode');
      return undefined;
    }
    const url = apiEndpoint('/handoffs/import');
    url.searchParams.set('mode', fields.mode);
    if (fields.dryRun) url.searchParams.set('dryRun', '1');
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${auth.token}`, 'Content-Type': contentType, Accept: 'application/json' },
        body: toStream(data),
        // Node's fetch streams a request body only in half-duplex mode.
        duplex: 'half',
        signal: request.signal,
      } as RequestInit & { duplex: 'half' });
    } catch {
      await drain(data).catch(() => undefined);
      result = fail(filename, 'The Baton API is not reachable right now. Try again in a minute.');
      return undefined;
    }
    await drain(data).catch(() => undefined); // whatever the API did not read (it answered early)
    const body = (await response.json().catch(() => null)) as
      | (ImportSummary & { error?: undefined })
      | { error: { code?: string; message?: string; rows?: { line: number; reason: string }[]; rowsWithProblems?: number; ignoredColumns?: string[] } }
      | null;
    if (response.status === 401) {
      unauthenticated = true;
      return undefined;
    }
    if (response.ok && body && !body.error) {
      result = { ok: true, fileName: filename, summary: body };
    } else if (body?.error) {
      const e = body.error;
      result = {
        ok: false,
        fileName: filename,
        message: e.message ?? `The import was refused (HTTP ${response.status}).`,
        rows: e.rows ?? [],
        rowsWithProblems: e.rowsWithProblems ?? e.rows?.length ?? 0,
        ignoredColumns: e.ignoredColumns ?? [],
        field: null,
      };
    } else {
      result = fail(filename, `The Baton API answered with HTTP ${response.status}.`);
    }
    return undefined;
  };

  await unstable_parseMultipartFormData(request, handler);
  if (unauthenticated) throw await sessionEndedRedirect(request);
  return result ?? fail(null, 'Choose the file to import.', 'file');
}
