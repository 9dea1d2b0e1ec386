import { data, redirect } from '@remix-run/node';
import type { CustomerBrief, PracticeActionData, RolePlayDetail, RolePlayMessage, RolePlaySummary } from '~/components/practice/model';
import { api, formError, type FormFeedback } from '~/lib/api.server';
import { readCard, readChecks, type Turn } from '~/lib/attempts';
import { renderMarkdown } from '~/lib/markdown.server';
import { SUMMARY_FIELDS, text } from '~/lib/practice.server';
import type { Auth } from '~/lib/session.server';

const SESSION = /* GraphQL */ `
  query RolePlaySession($id: ID!) {
    rolePlaySession(id: $id) {
      ${SUMMARY_FIELDS}
      enrollmentId firstResponseAt card customerBrief debrief
      openingChecks { code passed message }
      messages { id side body sentAt }
    }
  }
`;

interface RawSession extends RolePlaySummary {
  enrollmentId: string;
  firstResponseAt: string | null;
  card: unknown;
  customerBrief: unknown;
  debrief: string | null;
  openingChecks: unknown;
  messages: RolePlayMessage[];
}

function readTurns(value: unknown): Turn[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): Turn[] => {
    const t = item as Partial<Turn> | null;
    if (!t || typeof t.text !== 'string' || typeof t.at !== 'number') return [];
    const speaker = t.speaker === 'AI' || t.speaker === 'AGENT' ? t.speaker : 'CUSTOMER';
    return [{ at: t.at, speaker, text: t.text }];
  });
}

function readBrief(value: unknown): CustomerBrief | null {
  const b = value as Record<string, unknown> | null;
  if (!b || typeof b !== 'object' || typeof b.playing !== 'string') return null;
  return {
    playing: b.playing,
    tier: typeof b.tier === 'string' ? b.tier : '',
    sentiment: typeof b.sentiment === 'string' ? b.sentiment : '',
    briefHtml: renderMarkdown(typeof b.brief === 'string' ? b.brief : ''),
    conversationWithAssistant: readTurns(b.conversationWithAssistant),
  };
}

const TIME_ZONE_OF_ENROLLMENT = /* GraphQL */ `
  query RolePlayZone($id: ID!) {
    enrollment(id: $id) { cohort { timeZone } }
  }
`;

const MY_ZONES = /* GraphQL */ `
  query MyZones {
    myEnrollments { id status cohort { timeZone } }
  }
`;

/** The cohort's zone for showing times; the customer player (another trainee) reads it from their own enrollment. */
async function zoneFor(request: Request, auth: Auth, session: RawSession): Promise<string> {
  try {
    if (auth.user.role === 'TRAINEE') {
      const { myEnrollments: mine } = await api<{ myEnrollments: { id: string; status: string; cohort: { timeZone: string } }[] }>(request, auth, MY_ZONES);
      const own = mine.find((e) => e.id === session.enrollmentId) ?? mine.find((e) => e.status !== 'WITHDRAWN') ?? mine[0];
      return own?.cohort.timeZone ?? 'UTC';
    }
    const { enrollment } = await api<{ enrollment: { cohort: { timeZone: string } } | null }>(request, auth, TIME_ZONE_OF_ENROLLMENT, { id: session.enrollmentId });
    return enrollment?.cohort.timeZone ?? 'UTC';
  } catch (error) {
    if (error instanceof Response) throw error;
    return 'UTC';
  }
}

/** One role-play as the signed-in person may see it; null when there is none with this id. */
export async function loadRolePlay(request: Request, auth: Auth, id: string): Promise<RolePlayDetail | null> {
  const { rolePlaySession: s } = await api<{ rolePlaySession: RawSession | null }>(request, auth, SESSION, { id });
  if (!s) return null;
  const { card, customerBrief, debrief, openingChecks, ...rest } = s;
  return {
    ...rest,
    card: card ? readCard(card) : null,
    customerBrief: readBrief(customerBrief),
    debriefHtml: debrief ? renderMarkdown(debrief) : null,
    openingChecks: readChecks(openingChecks),
    timeZone: await zoneFor(request, auth, s),
  };
}

export const ROLE_PLAY_INTENTS = ['open-card', 'send', 'end', 'rate'] as const;
export type RolePlayIntent = (typeof ROLE_PLAY_INTENTS)[number];

const MUTATIONS: Record<RolePlayIntent, string> = {
  'open-card': /* GraphQL */ `mutation OpenRolePlayCard($id: ID!) { openRolePlayCard(id: $id) { id } }`,
  send: /* GraphQL */ `mutation SendRolePlayMessage($id: ID!, $body: String!) { sendRolePlayMessage(id: $id, body: $body) { id } }`,
  end: /* GraphQL */ `mutation EndRolePlay($id: ID!) { endRolePlay(id: $id) { id } }`,
  rate: /* GraphQL */ `mutation RateRolePlay($id: ID!, $rating: Int!) { rateRolePlay(id: $id, rating: $rating) { id } }`,
};

/** Where the page lands after each form without JavaScript. */
const ANCHOR: Record<RolePlayIntent, string> = {
  'open-card': '#context',
  send: '#message-form',
  end: '#chat',
  rate: '#result',
};

/**
 * One of the live page's forms. Without JavaScript a success redirects back to the page (at the
 * part that changed); with it (the form sends js=1) the answer is data, so the page stays put.
 */
export async function rolePlayAction(request: Request, auth: Auth, id: string, form: FormData) {
  const intent = form.get('intent');
  if (!ROLE_PLAY_INTENTS.includes(intent as RolePlayIntent)) {
    throw new Response('This form is not known to Baton.', { status: 400, statusText: 'Bad Request' });
  }
  const which = intent as RolePlayIntent;
  const variables: Record<string, unknown> = { id };
  const values: Record<string, string> = {};
  const answer = (feedback: FormFeedback, status = feedback.ok ? 200 : 400) =>
    data({ intent: which, feedback, values: feedback.ok ? {} : values, at: Date.now() } satisfies PracticeActionData, { status });

  if (which === 'send') {
    values.body = text(form, 'body');
    if (!values.body.trim()) return answer({ ok: false, message: 'Write a message first.', field: 'body' });
    variables.body = values.body;
  }
  if (which === 'rate') {
    const rating = Number(text(form, 'rating'));
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) return answer({ ok: false, message: 'Choose a rating from 1 to 5.', field: 'rating' });
    variables.rating = rating;
  }
  try {
    await api(request, auth, MUTATIONS[which], variables, { formCodes: ['FORBIDDEN'] });
  } catch (error) {
    return answer(formError(error, ['body', 'rating'], ['FORBIDDEN']));
  }
  if (form.get('js') === '1') return answer({ ok: true, message: '', field: null });
  throw redirect(`/role-plays/${encodeURIComponent(id)}${ANCHOR[which]}`);
}
