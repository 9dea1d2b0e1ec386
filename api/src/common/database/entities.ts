import { AuditEntry } from '../../audit/entities/audit-entry.entity.js';
import { Certificate } from '../../certification/entities/certificate.entity.js';
import { CohortSupervisor } from '../../cohorts/entities/cohort-supervisor.entity.js';
import { Cohort } from '../../cohorts/entities/cohort.entity.js';
import { Enrollment } from '../../cohorts/entities/enrollment.entity.js';
import { Activity } from '../../curriculum/entities/activity.entity.js';
import { XapiOutbox } from '../../exports/lrs/entities/xapi-outbox.entity.js';
import { ProgramVersion } from '../../curriculum/entities/program-version.entity.js';
import { Program } from '../../curriculum/entities/program.entity.js';
import { Week } from '../../curriculum/entities/week.entity.js';
import { Session } from '../../identity/entities/session.entity.js';
import { User } from '../../identity/entities/user.entity.js';
import { Attempt } from '../../learning/entities/attempt.entity.js';
import { ShadowingObservation } from '../../learning/entities/shadowing-observation.entity.js';
import { RolePlayMessage } from '../../role-play/entities/role-play-message.entity.js';
import { RolePlaySession } from '../../role-play/entities/role-play-session.entity.js';
import { ActivityProgress } from '../../progress/entities/activity-progress.entity.js';
import { CompletionOverride } from '../../progress/entities/completion-override.entity.js';
import { EnrollmentWeek } from '../../progress/entities/enrollment-week.entity.js';
import { HandoffReview } from '../../supervision/entities/handoff-review.entity.js';
import { SignOff } from '../../supervision/entities/sign-off.entity.js';

export const ENTITIES = [
  User,
  Program,
  ProgramVersion,
  Week,
  Activity,
  Cohort,
  CohortSupervisor,
  Enrollment,
  ActivityProgress,
  EnrollmentWeek,
  CompletionOverride,
  Attempt,
  ShadowingObservation,
  RolePlaySession,
  RolePlayMessage,
  SignOff,
  HandoffReview,
  Certificate,
  AuditEntry,
  XapiOutbox,
  Session,
];
