// Role-play rules, pure: which brief a session uses, what each side may see, and the session's
// life cycle. The escalation card is the agent's; the customer brief is the customer player's.
import type { ActivityConfig, EscalationCard, ProgramDefinition, RolePlayBrief } from '../../curriculum/domain/program-definition.js';

export type RolePlayStatus = 'INVITED' | 'LIVE' | 'ENDED';
export type Side = 'AGENT' | 'CUSTOMER' | 'OBSERVER';

export const MESSAGE_MAX = 2000;

/** The brief for a new session: the least used of the activity's briefs, ties broken by the seed. */
export function chooseBrief(program: ProgramDefinition, config: ActivityConfig, seed: number, usedBefore: string[] = []): RolePlayBrief {
  let briefs = config.briefKeys?.length ? program.rolePlayBriefs.filter((b) => config.briefKeys!.includes(b.key)) : program.rolePlayBriefs;
  if (config.cardKeys?.length) briefs = briefs.filter((b) => config.cardKeys!.includes(b.cardKey));
  if (briefs.length === 0) throw new Error('This role-play has no customer briefs in the curriculum.');
  const uses = (b: RolePlayBrief) => usedBefore.filter((k) => k === b.key).length;
  const fewest = Math.min(...briefs.map(uses));
  const candidates = briefs.filter((b) => uses(b) === fewest);
  return candidates[Math.abs(Math.trunc(seed)) % candidates.length];
}

/** Everything on the escalation card, as the agent sees it once they open it. */
export function agentCard(card: EscalationCard) {
  return {
    customerName: card.customerName,
    tier: card.tier,
    tenure: card.tenure,
    escalationReason: card.escalationReason,
    aiAttempts: card.aiAttempts,
    aiTried: card.aiTried,
    sentiment: card.sentiment,
    priority: card.priority,
    summary: card.summary,
    knownFacts: card.knownFacts,
    transcript: card.transcript,
  };
}

/** What the customer player needs: who they are, what they already told the AI, and how to play it. */
export function customerView(brief: RolePlayBrief, card: EscalationCard) {
  return {
    playing: card.customerName,
    tier: card.tier,
    sentiment: card.sentiment,
    brief: brief.customerBrief,
    conversationWithAssistant: card.transcript.filter((t) => t.speaker !== 'AGENT'),
  };
}

export interface SessionFacts {
  status: RolePlayStatus;
  cardOpenedAt: Date | null;
  ratedAt: Date | null;
}

/** Who may send a message now; null when allowed, else the reason. */
export function sendRefusal(side: Side, s: SessionFacts): string | null {
  if (side === 'OBSERVER') return 'Only the two players can write in a role-play.';
  if (s.status === 'ENDED') return 'This role-play has ended.';
  if (side === 'AGENT' && !s.cardOpenedAt) return 'Open the escalation card first: the clock for your first response starts there.';
  return null;
}

/** Seconds from opening the card to the agent's first message, measured by the server. */
export function firstResponseSeconds(cardOpenedAt: Date | null, firstResponseAt: Date | null): number | null {
  if (!cardOpenedAt || !firstResponseAt) return null;
  return Math.max(0, (firstResponseAt.getTime() - cardOpenedAt.getTime()) / 1000);
}

/** The first name the agent introduces themselves with. */
export function firstNameOf(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName;
}
