import type { EnrollmentModel, EnrollmentStatusEnum } from './dto/cohort.model.js';
import type { Enrollment } from './entities/enrollment.entity.js';

export function toEnrollmentModel(e: Enrollment): EnrollmentModel {
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
