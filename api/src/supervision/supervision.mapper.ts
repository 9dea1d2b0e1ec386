import type { HandoffModeEnum, HandoffReviewModel, SignOffDecisionEnum, SignOffModel } from './dto/supervision.model.js';
import type { HandoffReview } from './entities/handoff-review.entity.js';
import type { SignOff } from './entities/sign-off.entity.js';

export function toSignOffModel(s: SignOff): SignOffModel {
  return {
    id: s.id,
    decision: s.decision as SignOffDecisionEnum,
    comment: s.comment,
    signedAt: s.signedAt,
    activityId: s.activityId,
    supervisorId: s.supervisorId,
  };
}

export function toHandoffReviewModel(r: HandoffReview): HandoffReviewModel {
  return {
    id: r.id,
    externalId: r.externalId,
    mode: r.mode as HandoffModeEnum,
    handedOffAt: r.handedOffAt,
    firstResponseAt: r.firstResponseAt,
    contextItemsAvailable: r.contextItemsAvailable,
    contextItemsUsed: r.contextItemsUsed,
    customerRepeated: r.customerRepeated,
    csat: r.csat,
    resolved: r.resolved,
    notes: r.notes,
    conversation: r.conversation,
    scorecard: r.scorecard ? r.scorecard.map((a) => ({ key: a.key, passed: a.passed, note: a.note ?? null })) : null,
    qaScore: r.qaScore,
    qaPassed: r.qaPassed,
  };
}
