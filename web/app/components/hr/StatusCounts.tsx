import { ENROLLMENT_STATUS_LABEL } from '~/lib/format';
import type { EnrollmentStatus } from '~/lib/types';
import { HR_STATUSES } from './filters';

/** How many of `enrollments` are in each status, and in all, as a labelled list of figures. */
export function StatusCounts({ enrollments, label }: { enrollments: { status: EnrollmentStatus }[]; label: string }) {
  return (
    <dl className="counts" aria-label={label}>
      {HR_STATUSES.map((status) => (
        <div key={status}>
          <dt>{ENROLLMENT_STATUS_LABEL[status]}</dt>
          <dd>{enrollments.filter((e) => e.status === status).length}</dd>
        </div>
      ))}
      <div className="counts__all">
        <dt>All shown</dt>
        <dd>{enrollments.length}</dd>
      </div>
    </dl>
  );
}
