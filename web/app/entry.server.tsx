import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { NonceContext } from '~/lib/nonce';

// Remix's Node entry, plus the Content-Security-Policy nonce: the web server
// (web/server/index.mjs) puts a fresh one in the load context and in the policy header of each
// response, and every inline script Remix and React write carries it.
//
// Every document is sent whole, once React has rendered all of it (onAllReady), as one buffer.
// Loaders have finished before rendering starts and no route defers data, so streaming the shell
// first would only make the page arrive in React's 2 kB pieces: Remix flushes the compression
// stream after each one, which cost more CPU than the rest of the render and compressed worse.

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const errors: unknown[] = [];
    const body = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    body.on('finish', () => {
      clearTimeout(timer);
      responseHeaders.set('Content-Type', 'text/html');
      resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          // Errors inside a Suspense boundary (rendered by the browser instead) are logged here;
          // an error of the shell rejects, and Remix logs that one.
          for (const error of errors) console.error(error);
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          // Nothing has been sent yet, so the status can still say so.
          responseStatusCode = 500;
          errors.push(error);
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}
