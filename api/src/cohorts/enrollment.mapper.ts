import type { EnrollmentModel, EnrollmentStatusEnum } from './dto/cohort.model.js';
import type { EnrollmentRow } from './cohorts.service.js';

export function toEnrollmentModel(e: EnrollmentRow): EnrollmentModel {
  return {
    id: e.id,
    status: e.status as EnrollmentStatusEnum,
    percentComplete: e.percentComplete,
    currentWeek: e.currentWeek,
    enrolledAt: e.enrolledAt,
    completedAt: e.completedAt,
    traineeId: e.traineeId,
    cohortId: e.cohortId,
    programVersionId: e.programVersionId,
  };
}
