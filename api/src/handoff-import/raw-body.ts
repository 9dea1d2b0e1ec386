import type { NextFunction, Request, Response } from 'express';

/**
 * The import and the webhook read the request body themselves: the import streams a file of any
 * size (the API's JSON parser stops at 1 MB and would hold it all in memory), and the webhook needs
 * the exact bytes that were signed. server.ts's JSON parser skips these paths.
 */
export const RAW_BODY_PATHS = ['/handoffs/import', '/webhooks/handoffs'];

/** Reads the whole body, or returns null once it passes `limit` bytes (the rest is discarded). */
export async function readBody(req: Request, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      discardRest(req);
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Lets the unread rest of a body flow away, so the connection can carry the response. */
export function discardRest(req: Request): void {
  if (!req.readableEnded) {
    req.unpipe();
    req.resume();
  }
}
