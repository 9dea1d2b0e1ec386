// Shapes of the supervision screens' data (queue, cohort map, trainee page), as the API returns them.
import type {
  ActivityKind,
  ActivityStatus,
  CohortSummary,
  EnrollmentDetail,
  EnrollmentStatus,
  MetricValue,
  SignOffDecision,
} from '~/lib/types';

export type HandoffMode = 'SOLO' | 'SUPERVISED';

export interface HandoffReview {
  id: string;
  externalId: string;
  mode: HandoffMode;
  handedOffAt: string;
  firstResponseAt: string;
  contextItemsAvailable: number;
  contextItemsUsed: number;
  customerRepeated: boolean;
  csat: number | null;
  resolved: boolean;
  notes: string | null;
  /** The QA scorecard's answers; null when nobody filled it in. */
  scorecard: ScorecardAnswer[] | null;
  qaScore: number | null;
  qaPassed: boolean | null;
  /** Imported with the handoff: the context and transcript the pre-filled QA came from. */
  conversation: ImportedConversation | null;
}

export interface ImportedConversation {
  customerName: string | null;
  issueSummary: string | null;
  knownFacts: { label: string; value: string }[];
  transcript: { at: string; speaker: string; text: string }[] | null;
}

/** One question of the program's QA scorecard. */
export interface ScorecardItem {
  key: string;
  question: string;
  critical: boolean;
}

export interface ScorecardAnswer {
  key: string;
  passed: boolean;
  note: string | null;
}

/** One certificate of an enrollment (a new cycle after recertification). */
export interface CertificateRecord {
  code: string;
  cycle: number;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  expired: boolean;
}

export interface ShadowingObservation {
  id: string;
  observedAt: string;
  loggedAt: string;
  situation: string;
  didWell: string;
  wouldChange: string;
}

export interface RolePlaySummary {
  id: string;
  status: 'INVITED' | 'LIVE' | 'ENDED';
  activity: { key: string; title: string };
  customer: { name: string };
  createdAt: string;
  endedAt: string | null;
  firstResponseSeconds: number | null;
  openingScore: number | null;
  customerRating: number | null;
}

export interface PlannedWeek {
  number: number;
  startsOn: string;
  endsOn: string;
}

/** The evidence behind one sign-off decision, by the activity's kind. */
export type Evidence =
  | { kind: 'SHADOWING'; observations: ShadowingObservation[] }
  | { kind: 'ROLE_PLAY'; sessions: RolePlaySummary[] }
  | { kind: 'HANDOFFS'; mode: HandoffMode; reviews: HandoffReview[] }
  | { kind: 'NONE' };

/** An activity waiting for (or sent back by) a supervisor's decision, with what the trainee did. */
export interface SignOffCase {
  key: string;
  title: string;
  kind: ActivityKind;
  weekNumber: number;
  status: ActivityStatus;
  latestSignOff: EnrollmentDetail['weeks'][number]['activities'][number]['latestSignOff'];
  evidence: Evidence;
}

export interface SupervisedEnrollmentDetail extends EnrollmentDetail {
  behindSchedule: boolean;
  cohort: CohortSummary & { plannedWeek: number };
  handoffReviews: HandoffReview[];
  program: EnrollmentDetail['program'] & { scorecard: ScorecardItem[] };
  certificates: CertificateRecord[];
}

/** One cell of the cohort's progress map. */
export interface MapCell {
  key: string;
  status: ActivityStatus;
  overridden: boolean;
  requiresSignOff: boolean;
  latestDecision: SignOffDecision | null;
}

export interface MapActivity {
  key: string;
  title: string;
  kind: ActivityKind;
}

export interface MapWeek {
  number: number;
  title: string;
  activities: MapActivity[];
}

export interface MapTrainee {
  enrollmentId: string;
  name: string;
  employeeId: string | null;
  status: EnrollmentStatus;
  percentComplete: number;
  currentWeek: number;
  behindSchedule: boolean;
  cells: Record<string, MapCell>;
  metrics: MetricValue[];
  soloHandoffs: number;
  minSoloHandoffs: number;
  eligible: boolean;
  certificate: { code: string; revokedAt: string | null } | null;
}
