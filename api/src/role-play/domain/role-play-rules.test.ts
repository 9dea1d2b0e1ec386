import { describe, expect, it } from 'vitest';
import type { EscalationCard, ProgramDefinition, RolePlayBrief } from '../../curriculum/domain/program-definition.js';
import { agentCard, chooseBrief, customerView, firstNameOf, firstResponseSeconds, sendRefusal } from './role-play-rules.js';

const card: EscalationCard = {
  key: 'c1',
  customerName: 'Lena Fischer',
  tier: 'Platinum',
  tenure: '6 years',
  escalationReason: 'Overbooked hotel',
  aiAttempts: 2,
  aiTried: 'Offered a voucher',
  sentiment: 'ANGRY',
  priority: 'URGENT',
  summary: 'Room given away on arrival.',
  knownFacts: [{ label: 'booking', value: 'HX-1' }],
  transcript: [
    { at: -60, speaker: 'CUSTOMER', text: 'My room is gone!' },
    { at: -50, speaker: 'AI', text: 'I can offer a voucher.' },
  ],
};
const brief = (key: string): RolePlayBrief => ({ key, cardKey: 'c1', customerBrief: `Brief ${key}`, debrief: 'Own it.' });
const program = { rolePlayBriefs: [brief('a'), brief('b'), brief('c')], cards: [card] } as unknown as ProgramDefinition;

describe('role-play rules', () => {
  it('chooses the least used brief, deterministically', () => {
    expect(chooseBrief(program, {}, 7).key).toBe(chooseBrief(program, {}, 7).key);
    expect(chooseBrief(program, {}, 0, ['a', 'b']).key).toBe('c');
    expect(chooseBrief(program, { briefKeys: ['b'] }, 3).key).toBe('b');
    expect(() => chooseBrief(program, { briefKeys: ['zzz'] }, 1)).toThrow(/no customer briefs/);
  });

  it('keeps the customer brief off the agent card and the card facts off the customer view', () => {
    expect(JSON.stringify(agentCard(card))).not.toContain('Brief');
    const view = customerView(brief('a'), card);
    expect(view.brief).toBe('Brief a');
    expect(JSON.stringify(view)).not.toContain('HX-1');
  });

  it('lets the agent write only after opening the card, and nobody after the end', () => {
    const invited = { status: 'INVITED' as const, cardOpenedAt: null, ratedAt: null };
    expect(sendRefusal('AGENT', invited)).toMatch(/Open the escalation card/);
    expect(sendRefusal('CUSTOMER', invited)).toBeNull();
    expect(sendRefusal('AGENT', { ...invited, status: 'LIVE', cardOpenedAt: new Date() })).toBeNull();
    expect(sendRefusal('CUSTOMER', { ...invited, status: 'ENDED' })).toMatch(/ended/);
    expect(sendRefusal('OBSERVER', { ...invited, status: 'LIVE' })).toMatch(/two players/);
  });

  it('measures the first response from the card opening', () => {
    expect(firstResponseSeconds(new Date('2026-01-01T10:00:00Z'), new Date('2026-01-01T10:00:42.5Z'))).toBe(42.5);
    expect(firstResponseSeconds(null, new Date())).toBeNull();
    expect(firstNameOf('  Amara  Diallo ')).toBe('Amara');
  });
});
