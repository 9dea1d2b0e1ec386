// Hand-written shapes of the GraphQL responses the web app asks for.
// They follow ../shared/contract/core.graphql plus the fields the API adds for the web
// (summary, minutes, timeZone, currentWeek, signOffs, latestSignOff, MetricValue.unit/label, users).
// Each interface lists only fields that some query here selects.

export type Role = 'TRAINEE' | 'SUPERVISOR' | 'HR' | 'ADMIN';

export type ActivityKind =
  | 'LESSON'
  | 'QUIZ'
  | 'SPEED_READING'
  | 'FIRST_MESSAGE'
  | 'ERROR_SPOTTING'
  | 'ROLE_PLAY'
  | 'SHADOWING'
  | 'SUPERVISED_HANDOFFS'
  | 'SOLO_HANDOFFS';

export type ActivityStatus = 'LOCKED' | 'AVAILABLE' | 'IN_PROGRESS' | 'AWAITING_SIGN_OFF' | 'COMPLETED';
export type EnrollmentStatus = 'ACTIVE' | 'COMPLETED' | 'CERTIFIED' | 'WITHDRAWN';
export type Comparator = 'LT' | 'LTE' | 'GT' | 'GTE';
export type MetricCode =
  | 'TIME_TO_FIRST_RESPONSE'
  | 'CONTEXT_UTILIZATION'
  | 'CUSTOMER_REPEAT_RATE'
  | 'HANDOFF_CSAT'
  | 'RESOLUTION_RATE';
export type SignOffDecision = 'APPROVED' | 'CHANGES_REQUESTED';

/** What the session keeps about the signed-in person. */
export interface SessionUser {
  id: string;
  name: string;
  role: Role;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  employeeId: string | null;
}

export interface Activity {
  id: string;
  key: string;
  kind: ActivityKind;
  title: string;
  summary: string;
  minutes: number;
  weekNumber: number;
  requiresSignOff: boolean;
}

export interface Week {
  number: number;
  title: string;
  summary: string;
  activities: Activity[];
}

export interface MetricTarget {
  code: MetricCode;
  comparator: Comparator;
  threshold: number;
  unit: string;
}

export interface Program {
  id: string;
  key: string;
  version: string;
  title: string;
  description: string;
  weeks: Week[];
  targets: MetricTarget[];
  minSoloHandoffs: number;
}

export interface SignOff {
  id: string;
  activity: Pick<Activity, 'key' | 'title'>;
  decision: SignOffDecision;
  comment: string | null;
  signedAt: string;
  supervisor: Pick<User, 'id' | 'name'>;
}

export interface ActivityProgress {
  activity: Activity;
  status: ActivityStatus;
  bestScore: number | null;
  completedAt: string | null;
  overridden: boolean;
  latestSignOff: SignOff | null;
}

export interface WeekProgress {
  number: number;
  unlocked: boolean;
  completed: boolean;
  activities: ActivityProgress[];
}

export interface MetricValue {
  code: MetricCode;
  label: string;
  value: number | null;
  threshold: number;
  comparator: Comparator;
  met: boolean;
  sampleSize: number;
  unit: string;
}

export interface Certificate {
  id: string;
  code: string;
  issuedAt: string;
  revokedAt: string | null;
  traineeName: string;
  programTitle: string;
}

export interface CertificationStatus {
  eligible: boolean;
  unmet: string[];
  metrics: MetricValue[];
  soloHandoffs: number;
  certificate: Pick<Certificate, 'id' | 'code' | 'issuedAt' | 'revokedAt'> | null;
}

export interface CohortSummary {
  id: string;
  name: string;
  startsOn: string;
  timeZone: string;
}

/** Everything one trainee's timeline and certification panel need. */
export interface EnrollmentDetail {
  id: string;
  status: EnrollmentStatus;
  percentComplete: number;
  enrolledAt: string;
  currentWeek: number;
  trainee: Pick<User, 'id' | 'name' | 'employeeId'>;
  cohort: CohortSummary;
  /** Week titles and summaries come from here; targets travel with each MetricValue instead. */
  program: Omit<Program, 'weeks' | 'targets'> & { weeks: Omit<Week, 'activities'>[] };
  weeks: WeekProgress[];
  certification: CertificationStatus;
  signOffs: SignOff[];
}
