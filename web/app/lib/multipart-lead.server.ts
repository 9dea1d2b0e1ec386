// Reading the first field of a multipart/form-data body without buffering the rest: an upload's
// file can be large and the handoff import streams it on to the API as it arrives, so the CSRF
// check must not hold the body. Every Baton form puts its CSRF field first, and browsers send
// fields in document order, so the first part is enough.

const MAX_LEAD_BYTES = 16 * 1024;

function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : null;
}

/** The value of the body's first part when that part is the field `name`; null otherwise or when not yet complete. */
export function leadingFieldValue(head: Buffer, boundary: string, name: string): { value: string | null; complete: boolean } {
  const text = head.toString('latin1');
  const delimiter = `--${boundary}`;
  const start = text.indexOf(`${delimiter}\r\n`);
  if (start < 0) return { value: null, complete: false };
  const headersEnd = text.indexOf('\r\n\r\n', start);
  if (headersEnd < 0) return { value: null, complete: false };
  const end = text.indexOf(`\r\n${delimiter}`, headersEnd + 4);
  if (end < 0) return { value: null, complete: false };
  const headers = text.slice(start + delimiter.length + 2, headersEnd).split('\r\n');
  const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
  const named = new RegExp(`;\\s*name="${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"(;|$)`).test(disposition);
  if (!named || /;\s*filename=/i.test(disposition)) return { value: null, complete: true };
  return { value: Buffer.from(text.slice(headersEnd + 4, end), 'latin1').toString('utf8'), complete: true };
}

/**
 * The value of the multipart body's first field when it is `name`, and a request equal to the
 * original whose body replays the bytes read so far and then streams the rest.
 */
export async function readLeadingField(request: Request, name: string): Promise<{ value: string | null; request: Request }> {
  const boundary = boundaryOf(request.headers.get('Content-Type') ?? '');
  if (!boundary || !request.body) return { value: null, request };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let found: { value: string | null; complete: boolean } = { value: null, complete: false };
  let done = false;
  while (!found.complete && !done && size <= MAX_LEAD_BYTES) {
    const next = await reader.read();
    done = next.done;
    if (next.value) {
      chunks.push(next.value);
      size += next.value.byteLength;
      found = leadingFieldValue(Buffer.concat(chunks), boundary, name);
    }
  }
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (done) controller.close();
    },
    async pull(controller) {
      if (done) return;
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const replayed = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: replay,
    signal: request.signal,
    // Required by Node's fetch for a streamed request body.
    duplex: 'half',
  } as RequestInit);
  return { value: found.value, request: replayed };
}
