import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { CertificationPanel } from '~/components/Certification';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { CertificateHistory } from '~/components/hr/CertificateHistory';
import { certificateState, EnrollmentStatusTag } from '~/components/hr/EnrollmentTable';
import { Overrides } from '~/components/hr/Overrides';
import { WeekCompletions } from '~/components/hr/WeekCompletions';
import { ProgressBar } from '~/components/ProgressBar';
import { SignOffHistory } from '~/components/supervision/SignOffHistory';
import { Timeline } from '~/components/Timeline';
import { formatDate, formatDateTime } from '~/lib/format';
import { requireRole } from '~/lib/session.server';
import { hrEnrollment, type HrEnrollmentDetail } from './hr.enrollments.$id.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.enrollment.trainee.name ?? 'Trainee'} · Cohorts and completions · Baton` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireRole(request, ['HR', 'ADMIN']);
  const enrollment = await hrEnrollment(request, auth, params.id ?? '');
  if (!enrollment) throw new Response('There is no enrollment with this id.', { status: 404, statusText: 'Not Found' });
  return { enrollment };
}

/** The answer to "is this person certified, and if not, why not", in one box at the top. */
function Verdict({ enrollment }: { enrollment: HrEnrollmentDetail }) {
  const { certification, trainee } = enrollment;
  const timeZone = enrollment.cohort.timeZone;
  const latest = enrollment.certificates[0] ?? null;
  const state = latest ? certificateState(latest) : null;
  if (latest && state === 'valid') {
    return (
      <section className="notice notice--success hr-verdict" aria-labelledby="verdict-heading">
        <h2 id="verdict-heading" className="hr-verdict__title">
          <span aria-hidden="true">✓ </span>Certified
        </h2>
        <p>
          Certificate <code>{latest.code}</code>, issued {formatDate(latest.issuedAt, timeZone)}, valid until{' '}
          {formatDate(latest.expiresAt, timeZone)}. Every requirement was met when it was issued: see its snapshot under{' '}
          <a href="#certificates">Certificates</a>.
        </p>
      </section>
    );
  }
  const lapsed =
    latest && state !== 'valid'
      ? `Certificate ${latest.code} ${
          state === 'revoked'
            ? `was revoked on ${formatDate(latest.revokedAt ?? latest.issuedAt, timeZone)}`
            : `expired on ${formatDate(latest.expiresAt, timeZone)}`
        }. `
      : '';
  if (enrollment.status === 'WITHDRAWN') {
    return (
      <section className="notice notice--warning hr-verdict" aria-labelledby="verdict-heading">
        <h2 id="verdict-heading" className="hr-verdict__title">
          <span aria-hidden="true">⊘ </span>Not certified: withdrawn
        </h2>
        <p>
          {lapsed}
          {trainee.name} was withdrawn from the cohort; no certificate can be issued on this enrollment.
        </p>
      </section>
    );
  }
  if (certification.eligible) {
    return (
      <section className="notice notice--success hr-verdict" aria-labelledby="verdict-heading">
        <h2 id="verdict-heading" className="hr-verdict__title">
          <span aria-hidden="true">✓ </span>Eligible for certification, not yet certified
        </h2>
        <p>
          {lapsed}
          Every requirement is met: all activities completed, {certification.soloHandoffs} solo handoffs reviewed (at least{' '}
          {certification.minSoloHandoffs} needed) and all five handoff metrics on target. A supervisor of the cohort issues the certificate.
        </p>
      </section>
    );
  }
  return (
    <section className="notice notice--warning hr-verdict" aria-labelledby="verdict-heading">
      <h2 id="verdict-heading" className="hr-verdict__title">
        <span aria-hidden="true">✗ </span>Not certified: {certification.unmet.length}{' '}
        {certification.unmet.length === 1 ? 'requirement' : 'requirements'} not met
      </h2>
      {lapsed ? <p>{lapsed}</p> : null}
      {certification.unmet.length > 0 ? (
        <ul className="unmet">
          {certification.unmet.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : null}
      <p className="small">
        The <a href="#certification">checklist and metrics</a> below give the details.
      </p>
    </section>
  );
}

export default function HrTrainee() {
  const { enrollment } = useLoaderData<typeof loader>();
  const { trainee, cohort, program } = enrollment;
  const timeZone = cohort.timeZone;
  const weeks = [...enrollment.weeks].sort((a, b) => a.number - b.number);
  const weekTitles = new Map(program.weeks.map((w) => [w.number, w.title]));
  const overrides = enrollment.overrides.map((o) => ({
    key: o.activity.key,
    title: o.activity.title,
    weekNumber: o.activity.weekNumber,
    overriddenAt: o.overriddenAt,
    by: o.overriddenBy.name,
    reason: o.reason,
  }));
  const cohortList = `/hr?cohort=${encodeURIComponent(cohort.id)}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/hr">Cohorts and completions</Link> <span aria-hidden="true">›</span> <Link to={cohortList}>{cohort.name}</Link>{' '}
        <span aria-hidden="true">›</span> <span aria-current="page">{trainee.name}</span>
      </nav>
      <h1>
        {trainee.name}
        {trainee.employeeId ? <span className="muted h1-note"> · {trainee.employeeId}</span> : null}
      </h1>

      <Verdict enrollment={enrollment} />

      <section className="panel" aria-labelledby="identity-heading">
        <h2 id="identity-heading">Trainee and enrolment</h2>
        <dl className="facts">
          <div>
            <dt>Name</dt>
            <dd>{trainee.name}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>
              <a href={`mailto:${trainee.email}`}>{trainee.email}</a>
            </dd>
          </div>
          <div>
            <dt>Employee ID</dt>
            <dd>{trainee.employeeId ?? <span className="muted">none recorded</span>}</dd>
          </div>
          <div>
            <dt>Account</dt>
            <dd>{trainee.active ? 'Active' : 'Deactivated'}</dd>
          </div>
          <div>
            <dt>Cohort</dt>
            <dd>
              <Link to={cohortList}>{cohort.name}</Link>
            </dd>
          </div>
          <div>
            <dt>Program</dt>
            <dd>
              {program.title} (version <code>{program.version}</code>)
            </dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              <EnrollmentStatusTag status={enrollment.status} />
            </dd>
          </div>
          <div>
            <dt>Enrolled</dt>
            <dd>
              <time dateTime={enrollment.enrolledAt}>{formatDateTime(enrollment.enrolledAt, timeZone)}</time>
            </dd>
          </div>
          <div>
            <dt>Completed</dt>
            <dd>
              {enrollment.completedAt ? (
                <time dateTime={enrollment.completedAt}>{formatDateTime(enrollment.completedAt, timeZone)}</time>
              ) : (
                <span className="muted">Not yet</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Current week</dt>
            <dd>
              Week {enrollment.currentWeek} of {weeks.length}
            </dd>
          </div>
          <div>
            <dt>Schedule</dt>
            <dd>
              {enrollment.behindSchedule ? (
                <span className="flag flag--behind">
                  <span aria-hidden="true">⚠ </span>Behind schedule
                </span>
              ) : enrollment.status === 'ACTIVE' ? (
                'On schedule'
              ) : (
                <span className="muted">Finished</span>
              )}
            </dd>
          </div>
        </dl>
        <ProgressBar value={enrollment.percentComplete} label={`Progress of ${trainee.name}`} />
        <p className="small muted">Times in the cohort's time zone, {timeZone}.</p>
      </section>

      <nav aria-label="On this page" className="page-nav">
        <ul>
          <li>
            <a href="#certification">Certification checklist</a>
          </li>
          <li>
            <a href="#certificates">Certificates ({enrollment.certificates.length})</a>
          </li>
          <li>
            <a href="#timeline">Weeks</a>
          </li>
          <li>
            <a href="#activities">Activities</a>
          </li>
          <li>
            <a href="#sign-off-history">Sign-offs ({enrollment.signOffs.length})</a>
          </li>
          <li>
            <a href="#overrides">Overrides ({overrides.length})</a>
          </li>
        </ul>
      </nav>

      <div id="certification">
        <CertificationPanel enrollment={enrollment} headingId="certification-heading" />
      </div>

      <CertificateHistory certificates={enrollment.certificates} timeZone={timeZone} traineeName={trainee.name} />

      <section className="panel" aria-labelledby="weeks-heading" id="timeline">
        <h2 id="weeks-heading">Weeks</h2>
        <WeekCompletions
          weeks={weeks.map((w) => ({
            number: w.number,
            title: weekTitles.get(w.number) ?? null,
            unlocked: w.unlocked,
            completed: w.completed,
            completedAt: w.completedAt,
          }))}
          timeZone={timeZone}
        />
      </section>

      <section className="panel" aria-labelledby="activities-heading" id="activities">
        <h2 id="activities-heading">Activities, week by week</h2>
        <p className="small muted">Each activity's status; an activity completed by an administrator's override says “(overridden)”.</p>
        <Timeline enrollment={enrollment} nextKey={null} linkActivities={false} headingId="activities-heading" />
      </section>

      <SignOffHistory signOffs={enrollment.signOffs} timeZone={timeZone} />

      <Overrides overrides={overrides} timeZone={timeZone} traineeName={trainee.name} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
