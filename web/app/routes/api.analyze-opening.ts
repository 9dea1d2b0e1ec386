import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { ApiError, graphql } from '~/lib/api.server';
import { csrfProtected } from '~/lib/csrf.server';
import { getAuth } from '~/lib/session.server';

// A resource route (no UI) behind the first-message drill's live feedback: the browser posts the
// draft and the drill's context here, and this asks the API's public `analyzeOpening` query. Only
// signed-in people may use it, so it is not an open relay to the API.

const ANALYZE = /* GraphQL */ `
  query AnalyzeOpening($input: OpeningAnalysisInput!) {
    analyzeOpening(input: $input) { passed score checks { code passed message } }
  }
`;

const MAX_MESSAGE = 2000;
const MAX_TEXT = 2000;
const MAX_FACTS = 30;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.length <= max ? value : null;
}

interface Input {
  message: string;
  context: { customerName: string; agentName: string | null; issueSummary: string; knownFacts: { label: string; value: string }[] };
}

/** The posted body (JSON, or a form with `context` as JSON text), checked field by field. */
async function readInput(request: Request): Promise<Input | null> {
  let raw: Record<string, unknown>;
  try {
    if ((request.headers.get('Content-Type') ?? '').includes('application/json')) {
      raw = (await request.json()) as Record<string, unknown>;
    } else {
      const form = await request.formData();
      raw = { message: form.get('message'), context: JSON.parse(String(form.get('context') ?? 'null')) };
    }
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const message = text(raw.message, MAX_MESSAGE);
  const context = raw.context as Record<string, unknown> | null;
  if (message === null || typeof context !== 'object' || context === null) return null;
  const customerName = text(context.customerName, MAX_TEXT);
  const issueSummary = text(context.issueSummary, MAX_TEXT);
  const agentName = context.agentName == null ? null : text(context.agentName, MAX_TEXT);
  const facts = Array.isArray(context.knownFacts) ? context.knownFacts.slice(0, MAX_FACTS) : [];
  const knownFacts = facts
    .map((f) => ({ label: text((f as Record<string, unknown>)?.label, MAX_TEXT), value: text((f as Record<string, unknown>)?.value, MAX_TEXT) }))
    .filter((f): f is { label: string; value: string } => f.label !== null && f.value !== null);
  if (!customerName || issueSummary === null || (context.agentName != null && agentName === null)) return null;
  return { message, context: { customerName, agentName, issueSummary, knownFacts } };
}

export const action = csrfProtected(async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== 'POST') return json({ error: 'Use POST.' }, 405);
  if (!(await getAuth(request))) return json({ error: 'Sign in to get live feedback.' }, 401);
  const input = await readInput(request);
  if (!input) return json({ error: 'Live feedback needs the message and the drill’s context.' }, 400);
  if (!input.message.trim()) return json({ passed: false, score: 0, checks: [] });
  try {
    const { analyzeOpening } = await graphql<{ analyzeOpening: { passed: boolean; score: number; checks: unknown[] } }>(ANALYZE, { input }, null, {
      clientAddress: context.clientAddress,
    });
    return json(analyzeOpening);
  } catch (error) {
    const status = error instanceof ApiError && error.code === 'BAD_USER_INPUT' ? 400 : error instanceof ApiError && error.code === 'RATE_LIMITED' ? 429 : 503;
    const message =
      status === 429 ? 'Live feedback is paused for a moment (too many checks); keep writing.' : 'Live feedback is not available right now; you can still submit.';
    return json({ error: message }, status);
  }
});

/** Nothing to show at this address. */
export function loader(_: LoaderFunctionArgs) {
  return json({ error: 'Post a message to analyse it.' }, 405);
}
