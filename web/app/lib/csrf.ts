import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '~/root';

/** The hidden form field carrying the CSRF token; the first field of every form that posts. */
export const CSRF_FIELD = '_csrf';
/** The header carrying it on requests made from scripts (fetch). */
export const CSRF_HEADER = 'X-CSRF-Token';

/** This page's CSRF token, handed out by the root loader (web/app/lib/csrf.server.ts). */
export function useCsrfToken(): string {
  return useRouteLoaderData<typeof rootLoader>('root')?.csrf ?? '';
}
