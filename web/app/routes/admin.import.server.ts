import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node';
import { ApiError, apiUrl } from '~/lib/api.server';
import { sessionEndedRedirect, type Auth } from '~/lib/session.server';

/** The API's limits for one import (api/src/provisioning/domain/user-rows.ts). */
export const MAX_IMPORT_BYTES = 512 * 1024;
export const MAX_IMPORT_ROWS = 5000;

export const TEMPLATE_CSV = [
  'email,name,employee_id,role,cohort',
  'ana.lima@example.com,Ana Lima,E-2041,TRAINEE,January intake',
  'sam.okafor@example.com,Sam Okafor,E-1187,SUPERVISOR,January intake',
].join('\r\n');

export interface UserImportResult {
  dryRun: boolean;
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  enrolled: number;
  supervisorsAssigned: number;
  errors: { line: number; column: string | null; reason: string }[];
  credentials: { email: string; name: string; initialPassword: string }[];
}

export type ImportIntent = 'check' | 'import';

export type ImportActionResult =
  /** The file could not be sent (missing, too large, not UTF-8) or the API refused it as a whole. */
  | { kind: 'problem'; message: string; pasted: string }
  | {
      kind: 'result';
      result: UserImportResult;
      /** What the textarea held, to fix it in place after errors (never filled from an uploaded file). */
      pasted: string;
      /** After a successful check: the checked file, for the "import it now" form. */
      checkedCsv: string | null;
      at: number;
    };

const IMPORT_USERS = /* GraphQL */ `
  mutation ImportUsers($csv: String!, $dryRun: Boolean) {
    importUsers(csv: $csv, dryRun: $dryRun) {
      dryRun applied created updated unchanged enrolled supervisorsAssigned
      errors { line column reason }
      credentials { email name initialPassword }
    }
  }
`;

// Hashing each new account's password takes tens of milliseconds on purpose, so a large file can
// take minutes: longer than the usual API timeout. Giving up early would lose the one-time
// passwords of an import the API still completes.
const IMPORT_TIMEOUT_MS = 10 * 60_000;

/** The form's fields: an uploaded file (multipart) or pasted text; the file wins when both are sent. */
async function readForm(request: Request): Promise<{ intent: string; csv: string; pasted: string } | { problem: string; pasted: string }> {
  let form: FormData;
  try {
    form = (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')
      ? await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES + 3 }))
      : await request.formData();
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return { problem: `The file is larger than ${MAX_IMPORT_BYTES / 1024} KiB. Split it into smaller files and import each.`, pasted: '' };
    }
    throw new Response('The form could not be read. Try again.', { status: 400, statusText: 'Bad Request' });
  }
  const intent = String(form.get('intent') ?? '');
  const pasted = typeof form.get('csv') === 'string' ? String(form.get('csv')) : '';
  const file = form.get('file');
  if (file && typeof file !== 'string' && file.size > 0) {
    try {
      // A byte-order mark is dropped; any byte that is not UTF-8 refuses the file.
      return { intent, csv: new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()), pasted };
    } catch {
      return {
        problem: 'The file is not UTF-8 text. In Excel, save it as "CSV UTF-8 (Comma delimited)"; in Google Sheets, download it as CSV.',
        pasted,
      };
    }
  }
  if (!pasted.trim()) return { problem: 'Choose a CSV file or paste the rows (header row first).', pasted };
  return { intent, csv: pasted, pasted };
}

/** One importUsers call with the session's token; errors nobody can fix on this page become responses, like api() does. */
async function importUsers(request: Request, auth: Auth, csv: string, dryRun: boolean): Promise<UserImportResult> {
  let response: Response;
  try {
    response = await fetch(apiUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${auth.token}` },
      body: JSON.stringify({ query: IMPORT_USERS, variables: { csv, dryRun } }),
      signal: AbortSignal.timeout(IMPORT_TIMEOUT_MS),
    });
  } catch {
    throw new Response('The Baton API is not reachable right now. Reload the users list before importing again.', {
      status: 503,
      statusText: 'Service Unavailable',
    });
  }
  let body: { data?: { importUsers: UserImportResult } | null; errors?: { message?: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new Response(`The Baton API answered with HTTP ${response.status}.`, { status: 502, statusText: 'Bad Gateway' });
  }
  const error = body.errors?.[0];
  if (error) {
    const code = error.extensions?.code;
    switch (code) {
      case 'UNAUTHENTICATED':
        throw await sessionEndedRedirect(request);
      case 'FORBIDDEN':
        throw new Response(error.message ?? 'Only administrators import users.', { status: 403, statusText: 'Forbidden' });
      case 'BAD_USER_INPUT':
      case 'CONFLICT':
        throw new ApiError(error.message ?? 'The file was refused.', code);
      default:
        console.error(`[baton web] importUsers: ${code ?? '(no code)'}: ${error.message ?? ''}`);
        throw new Response('The Baton API could not complete the import.', { status: 502, statusText: 'Bad Gateway' });
    }
  }
  if (!body.data) throw new Response(`The Baton API answered with HTTP ${response.status}.`, { status: 502, statusText: 'Bad Gateway' });
  return body.data.importUsers;
}

export async function runImport(request: Request, auth: Auth): Promise<ImportActionResult> {
  const form = await readForm(request);
  if ('problem' in form) return { kind: 'problem', message: form.problem, pasted: form.pasted };
  const dryRun = form.intent !== 'import';
  try {
    const result = await importUsers(request, auth, form.csv, dryRun);
    const clean = result.errors.length === 0;
    return {
      kind: 'result',
      result,
      // Once applied, the form starts empty again.
      pasted: clean && !dryRun ? '' : form.pasted,
      checkedCsv: clean && dryRun ? form.csv : null,
      at: Date.now(),
    };
  } catch (error) {
    if (error instanceof ApiError) return { kind: 'problem', message: error.message, pasted: form.pasted };
    throw error;
  }
}
