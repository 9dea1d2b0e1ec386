import type { ReactNode } from 'react';
import { ENROLLMENT_STATUS_LABEL, formatCalendarDate, formatDateTime } from '~/lib/format';
import { countStatus, nextActivity } from '~/lib/progress';
import type { EnrollmentDetail } from '~/lib/types';
import { CertificationPanel } from './Certification';
import { NextUp } from './NextUp';
import { ProgressBar } from './ProgressBar';
import { Timeline } from './Timeline';

/**
 * One enrollment: overall progress, the next thing to do, the weekly timeline and certification.
 * `viewer` decides the wording and whether activities link to their pages; `children` (such as
 * the trainee's drill panel) goes right after the next thing to do.
 */
export function EnrollmentView({
  enrollment,
  viewer,
  children,
}: {
  enrollment: EnrollmentDetail;
  viewer: 'trainee' | 'supervisor';
  children?: ReactNode;
}) {
  const next = nextActivity(enrollment.weeks);
  const ids = `enr-${enrollment.id}`;
  const own = viewer === 'trainee';
  return (
    <div className="enrollment">
      <section className="panel" aria-labelledby={`${ids}-summary`}>
        <h2 id={`${ids}-summary`}>{enrollment.program.title}</h2>
        {enrollment.program.description ? <p>{enrollment.program.description}</p> : null}
        <dl className="facts">
          <div>
            <dt>Cohort</dt>
            <dd>{enrollment.cohort.name}</dd>
          </div>
          <div>
            <dt>Cohort starts</dt>
            <dd>{formatCalendarDate(enrollment.cohort.startsOn)}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>{ENROLLMENT_STATUS_LABEL[enrollment.status] ?? enrollment.status}</dd>
          </div>
          <div>
            <dt>Current week</dt>
            <dd>Week {enrollment.currentWeek} of {enrollment.weeks.length}</dd>
          </div>
          <div>
            <dt>Enrolled</dt>
            <dd>{formatDateTime(enrollment.enrolledAt, enrollment.cohort.timeZone)}</dd>
          </div>
        </dl>
        <ProgressBar value={enrollment.percentComplete} label="Overall progress" />
      </section>

      <NextUp
        next={next}
        waitingForSignOff={countStatus(enrollment.weeks, 'AWAITING_SIGN_OFF')}
        heading={own ? 'Next thing to do' : 'Their next activity'}
        headingId={`${ids}-next`}
        link={own}
      />

      {children}

      <section className="panel" aria-labelledby={`${ids}-timeline`}>
        <h2 id={`${ids}-timeline`}>{own ? 'Your three weeks' : 'Timeline'}</h2>
        <Timeline enrollment={enrollment} nextKey={next?.activity.key ?? null} linkActivities={own} headingId={`${ids}-timeline`} />
      </section>

      <CertificationPanel enrollment={enrollment} headingId={`${ids}-cert`} />
    </div>
  );
}
