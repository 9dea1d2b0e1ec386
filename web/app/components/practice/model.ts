import type { CardData, OpeningCheck, Turn } from '~/lib/attempts';
import type { ActionFeedback } from '../FormBits';

// Shapes and words shared by the practice pages (shadowing, role-play) on the server and in the
// browser. The GraphQL requests behind them live in lib/practice.server.ts.

/** The `intent` of each practice form; the activity page's action hands these to runPracticeAction. */
export const LOG_OBSERVATION_INTENT = 'log-observation';
export const START_ROLE_PLAY_INTENT = 'start-role-play';
export const PRACTICE_INTENTS: readonly string[] = [LOG_OBSERVATION_INTENT, START_ROLE_PLAY_INTENT];

/** What a practice action tells its form (the same shape as the admin page's forms). */
export interface PracticeActionData {
  intent: string;
  feedback: ActionFeedback;
  /** What was sent with a refused form, to fill it in again. */
  values: Record<string, string>;
  /** Changes with every answer, so a form can be reset after a success. */
  at: number;
}

/** Narrows whatever useActionData() holds to one practice form's answer. */
export function practiceResult(value: unknown, intent: string): PracticeActionData | undefined {
  const v = value as Partial<PracticeActionData> | null | undefined;
  return v && typeof v === 'object' && v.intent === intent && v.feedback ? (v as PracticeActionData) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Shadowing

/** The curriculum's minimum when the API does not say otherwise (curriculum/weeks/week-1.yaml). */
export const DEFAULT_SHADOWING_MINIMUM = 5;

export interface ShadowingObservation {
  id: string;
  observedAt: string;
  situation: string;
  didWell: string;
  wouldChange: string;
  loggedAt: string;
}

export interface ShadowingData {
  enrollmentId: string;
  activityKey: string;
  /** Oldest first, as the API lists them. */
  observations: ShadowingObservation[];
  minimum: number;
  /** The cohort's zone: times are shown, and the date-time field is read, in it. */
  timeZone: string;
}

// ---------------------------------------------------------------------------------------------
// Role-play

export type RolePlayStatus = 'INVITED' | 'LIVE' | 'ENDED';
export type RolePlaySide = 'AGENT' | 'CUSTOMER' | 'OBSERVER';

export interface RolePlayMessage {
  id: string;
  side: 'AGENT' | 'CUSTOMER';
  body: string;
  sentAt: string;
}

/** One row of a list of sessions. */
export interface RolePlaySummary {
  id: string;
  status: RolePlayStatus;
  yourSide: RolePlaySide;
  createdAt: string;
  cardOpenedAt: string | null;
  endedAt: string | null;
  firstResponseSeconds: number | null;
  openingScore: number | null;
  customerRating: number | null;
  activity: { key: string; title: string };
  agent: { id: string; name: string };
  customer: { id: string; name: string };
}

/** What the customer player reads: who they play, how to play it, what they told the assistant. */
export interface CustomerBrief {
  playing: string;
  tier: string;
  sentiment: string;
  /** The brief's Markdown, rendered and sanitised on the server. */
  briefHtml: string;
  conversationWithAssistant: Turn[];
}

export interface RolePlayDetail extends RolePlaySummary {
  enrollmentId: string;
  firstResponseAt: string | null;
  messages: RolePlayMessage[];
  openingChecks: OpeningCheck[] | null;
  /** The escalation card: the agent's once opened, observers' always, everyone's after the end. */
  card: CardData | null;
  customerBrief: CustomerBrief | null;
  /** Rendered Markdown, after the end only. */
  debriefHtml: string | null;
  timeZone: string;
}

export interface Partner {
  id: string;
  name: string;
  role: 'TRAINEE' | 'SUPERVISOR' | 'HR' | 'ADMIN';
}

/** The trainee's role-play activity: their sessions as the agent and who can play the customer. */
export interface RolePlayPanelData {
  enrollmentId: string;
  activityKey: string;
  /** Sessions of this activity where the trainee is the agent, newest first. */
  sessions: RolePlaySummary[];
  /** Empty in read-only mode. */
  partners: Partner[];
  timeZone: string;
}

/** What an open event stream reports as the session's state (the API's `state` event). */
export interface LiveState {
  status: RolePlayStatus;
  cardOpenedAt: string | null;
  firstResponseAt: string | null;
  endedAt: string | null;
  customerRating: number | null;
  openingScore: number | null;
}

export const STATUS_WORDS: Record<RolePlayStatus, { icon: string; label: string; className: string }> = {
  INVITED: { icon: '✉', label: 'Invited', className: 'badge badge--available' },
  LIVE: { icon: '●', label: 'Live', className: 'badge badge--in-progress' },
  ENDED: { icon: '■', label: 'Ended', className: 'badge badge--locked' },
};

export const SIDE_WORDS: Record<'AGENT' | 'CUSTOMER', string> = { AGENT: 'Agent', CUSTOMER: 'Customer' };

export const RATING_WORDS: Record<number, string> = {
  1: 'Very poor',
  2: 'Poor',
  3: 'Acceptable',
  4: 'Good',
  5: 'Excellent',
};

export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName;
}

/** "14:05:09" in the given zone: chat times need the seconds. */
export function formatClock(iso: string, timeZone = 'UTC'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium', timeZone: 'UTC' }).format(date);
  }
}

/** "42 s", "1 min 05 s". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
}

/** Messages from the loader and the live stream, once each, in the order they were sent. */
export function mergeMessages(a: RolePlayMessage[], b: RolePlayMessage[]): RolePlayMessage[] {
  const byId = new Map<string, RolePlayMessage>();
  for (const m of [...a, ...b]) byId.set(m.id, m);
  return [...byId.values()].sort((x, y) => Number(x.id) - Number(y.id) || x.sentAt.localeCompare(y.sentAt));
}

function instant(value: string | null | undefined): number | null {
  if (!value) return null;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? null : t;
}

/** Whether a `state` event says something the page does not show yet. */
export function stateDiffers(page: LiveState, live: LiveState): boolean {
  return (
    page.status !== live.status ||
    instant(page.cardOpenedAt) !== instant(live.cardOpenedAt) ||
    instant(page.firstResponseAt) !== instant(live.firstResponseAt) ||
    instant(page.endedAt) !== instant(live.endedAt) ||
    (page.customerRating ?? null) !== (live.customerRating ?? null) ||
    (page.openingScore ?? null) !== (live.openingScore ?? null)
  );
}

/** A message event's data, checked; null when it does not fit. */
export function readLiveMessage(raw: string): RolePlayMessage | null {
  try {
    const v = JSON.parse(raw) as Partial<RolePlayMessage>;
    if (typeof v.id !== 'string' && typeof v.id !== 'number') return null;
    if ((v.side !== 'AGENT' && v.side !== 'CUSTOMER') || typeof v.body !== 'string' || typeof v.sentAt !== 'string') return null;
    return { id: String(v.id), side: v.side, body: v.body, sentAt: v.sentAt };
  } catch {
    return null;
  }
}

export function readLiveState(raw: string): LiveState | null {
  try {
    const v = JSON.parse(raw) as Partial<LiveState>;
    if (v.status !== 'INVITED' && v.status !== 'LIVE' && v.status !== 'ENDED') return null;
    return {
      status: v.status,
      cardOpenedAt: v.cardOpenedAt ?? null,
      firstResponseAt: v.firstResponseAt ?? null,
      endedAt: v.endedAt ?? null,
      customerRating: v.customerRating ?? null,
      openingScore: v.openingScore ?? null,
    };
  } catch {
    return null;
  }
}
