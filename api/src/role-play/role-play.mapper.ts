import type { OpeningCheckCodeEnum } from '../grading/dto/opening.model.js';
import { firstResponseSeconds } from './domain/role-play-rules.js';
import type { RolePlayMessageModel, RolePlaySessionModel, RolePlaySideEnum, RolePlayStatusEnum } from './dto/role-play.model.js';
import type { RolePlayMessage } from './entities/role-play-message.entity.js';
import type { SessionView } from './role-play.service.js';

export function toSessionModel(v: SessionView): RolePlaySessionModel {
  const s = v.session;
  return {
    id: s.id,
    status: s.status as RolePlayStatusEnum,
    yourSide: v.side as RolePlaySideEnum,
    enrollmentId: s.enrollmentId,
    createdAt: s.createdAt,
    cardOpenedAt: s.cardOpenedAt,
    firstResponseAt: s.firstResponseAt,
    firstResponseSeconds: firstResponseSeconds(s.cardOpenedAt, s.firstResponseAt),
    endedAt: s.endedAt,
    customerRating: s.customerRating,
    openingScore: s.openingScore,
    openingChecks: s.openingChecks?.map((c) => ({ ...c, code: c.code as OpeningCheckCodeEnum })) ?? null,
    card: v.card,
    customerBrief: v.customerBrief,
    debrief: v.debrief,
    agentId: s.agentId,
    customerId: s.customerId,
    activityId: s.activityId,
  };
}

export function toMessageModel(m: RolePlayMessage): RolePlayMessageModel {
  return { id: m.id, side: m.side as RolePlaySideEnum, body: m.body, sentAt: m.sentAt };
}
