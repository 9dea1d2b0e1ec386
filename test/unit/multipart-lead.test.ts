import { describe, expect, it } from 'vitest';
import { readLeadingField } from '../../web/app/lib/multipart-lead.server';

// The CSRF check reads a multipart upload's first field and passes the body on untouched.

async function multipart(fields: [string, string | Blob][], chunkSize?: number): Promise<Request> {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value, ...(value instanceof Blob ? ['upload.csv'] : []));
  const encoded = new Request('http://baton.test/upload', { method: 'POST', body: form });
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  const size = chunkSize ?? bytes.length;
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
  return new Request('http://baton.test/upload', {
    method: 'POST',
    headers: { 'Content-Type': encoded.headers.get('Content-Type')! },
    body,
    duplex: 'half',
  } as RequestInit);
}

describe('readLeadingField', () => {
  const file = new Blob(['email,name\n', 'a@b.co,Ana é\n'.repeat(20_000)], { type: 'text/csv' });

  it('finds the first field, even when the body arrives a few bytes at a time, and replays the whole body', async () => {
    for (const chunkSize of [undefined, 7, 1000]) {
      const request = await multipart([['_csrf', 'tok-én'], ['mode', 'SOLO'], ['file', file]], chunkSize);
      const { value, request: replayed } = await readLeadingField(request, '_csrf');
      expect(value).toBe('tok-én');
      const form = await replayed.formData();
      expect(form.get('_csrf')).toBe('tok-én');
      expect(form.get('mode')).toBe('SOLO');
      expect(await (form.get('file') as File).text()).toBe(await file.text());
    }
  });

  it('finds nothing when the field is not first, or is a file', async () => {
    const late = await readLeadingField(await multipart([['mode', 'SOLO'], ['_csrf', 'tok']]), '_csrf');
    expect(late.value).toBeNull();
    expect((await late.request.formData()).get('_csrf')).toBe('tok');
    const asFile = await readLeadingField(await multipart([['_csrf', new Blob(['tok'])]]), '_csrf');
    expect(asFile.value).toBeNull();
  });

  it('does not read further than the first field', async () => {
    let pulled = 0;
    const huge = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('--B\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\ntok\r\n--B\r\n'));
      },
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const request = new Request('http://baton.test/upload', {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=B' },
      body: huge,
      duplex: 'half',
    } as RequestInit);
    const { value } = await readLeadingField(request, '_csrf');
    expect(value).toBe('tok');
    expect(pulled).toBeLessThanOrEqual(2);
  });
});
