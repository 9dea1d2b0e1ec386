import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { EnrollmentView } from '~/components/EnrollmentView';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { ProgressBar } from '~/components/ProgressBar';
import { CertificateActions } from '~/components/supervision/CertificateActions';
import { HandoffReviewTable } from '~/components/supervision/Evidence';
import { ErrorSummary } from '~/components/supervision/ErrorSummary';
import { FlashMessage } from '~/components/supervision/FlashMessage';
import { HandoffReviewForm, REVIEW_FORM_ID } from '~/components/supervision/HandoffReviewForm';
import { SignOffCaseView } from '~/components/supervision/SignOffCaseView';
import { SignOffHistory } from '~/components/supervision/SignOffHistory';
import { csrfProtected } from '~/lib/csrf.server';
import { ENROLLMENT_STATUS_LABEL } from '~/lib/format';
import { takeFlash } from '~/lib/flash.server';
import { allActivities } from '~/lib/progress';
import { requireRole } from '~/lib/session.server';
import { runSupervisionAction, type SupervisionActionResult } from '~/lib/supervision.server';
import { correctionValues, signOffCases, supervisedEnrollment } from './supervise.enrollments.$id.server';
import { ImportedConversations } from '~/components/supervision/ImportedConversations';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.enrollment.trainee.name ?? 'Trainee'} · Supervision · Baton` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireRole(request, ['SUPERVISOR', 'ADMIN']);
  const enrollment = await supervisedEnrollment(request, auth, params.id ?? '');
  if (!enrollment) throw new Response('There is no enrollment with this id in your cohorts.', { status: 404, statusText: 'Not Found' });
  const [cases, { flash, headers }] = await Promise.all([signOffCases(request, auth, enrollment), takeFlash(request)]);
  // "Confirm or correct" on an imported review fills the review form with what the import recorded.
  const correcting = enrollment.handoffReviews.find((r) => r.externalId === new URL(request.url).searchParams.get('correct'));
  const correction = correcting ? correctionValues(correcting, enrollment.cohort.timeZone) : null;
  return data({ enrollment, cases, flash, correction }, { headers });
}

export const action = csrfProtected(async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireRole(request, ['SUPERVISOR', 'ADMIN']);
  const form = await request.formData();
  const id = params.id ?? '';
  form.set('enrollmentId', id);
  form.delete('returnTo');
  const result = await runSupervisionAction(request, auth, form, `/supervise/enrollments/${encodeURIComponent(id)}`);
  if (!result) throw new Response('This form is not one Baton knows.', { status: 400, statusText: 'Bad Request' });
  return result;
});

/** Where the error summary at the top points: the field the message is about. */
function summaryTarget(result: SupervisionActionResult, titleOf: (key: string) => string): { name: string; fieldId: string | null } {
  const field = result.feedback.field;
  switch (result.intent) {
    case 'signOff': {
      const formId = `signoff-${result.activityKey}`;
      return {
        name: `Decision on ${titleOf(result.activityKey ?? '')}`,
        fieldId: field === 'decision' ? `${formId}-approve` : field ? `${formId}-${field}` : null,
      };
    }
    case 'recordReview':
      return { name: 'Handoff review', fieldId: field === 'mode' ? `${REVIEW_FORM_ID}-mode-supervised` : field ? `${REVIEW_FORM_ID}-${field}` : null };
    default:
      return { name: 'Certificate', fieldId: null };
  }
}

export default function SupervisedTrainee() {
  const { enrollment, cases, flash, correction } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  const { trainee, cohort } = enrollment;
  const timeZone = cohort.timeZone;
  const titles = new Map(allActivities(enrollment.weeks).map((p) => [p.activity.key, p.activity.title]));
  const failed = result && !result.feedback.ok ? result : undefined;
  const summary = failed ? summaryTarget(failed, (key) => titles.get(key) ?? 'an activity') : null;
  const solo = allActivities(enrollment.weeks).find((p) => p.activity.kind === 'SOLO_HANDOFFS');
  const defaultMode = solo && solo.status !== 'LOCKED' ? 'SOLO' : 'SUPERVISED';
  const reviewResult = result?.intent === 'recordReview' ? result : undefined;
  const certResult = result?.intent === 'issueCertificate' || result?.intent === 'startRecertification' ? result : undefined;
  const awaiting = cases.filter((c) => c.status === 'AWAITING_SIGN_OFF').length;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/supervise">Supervision</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={`/supervise/cohorts/${encodeURIComponent(cohort.id)}`}>{cohort.name}</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">{trainee.name}</span>
      </nav>
      <h1>
        {trainee.name}
        {trainee.employeeId ? <span className="muted h1-note"> · {trainee.employeeId}</span> : null}
      </h1>
      <FlashMessage flash={flash} />
      {failed && summary ? <ErrorSummary feedback={failed.feedback} fieldId={summary.fieldId} formName={summary.name} /> : null}

      <div className="trainee-summary">
        <dl className="facts">
          <div>
            <dt>Status</dt>
            <dd>{ENROLLMENT_STATUS_LABEL[enrollment.status] ?? enrollment.status}</dd>
          </div>
          <div>
            <dt>Current week</dt>
            <dd>
              Week {enrollment.currentWeek} of {enrollment.weeks.length}
            </dd>
          </div>
          <div>
            <dt>Cohort calendar</dt>
            <dd>{cohort.plannedWeek > 0 ? `Week ${cohort.plannedWeek}` : 'Not started'}</dd>
          </div>
          <div>
            <dt>Schedule</dt>
            <dd>
              {enrollment.behindSchedule ? (
                <span className="flag flag--behind">
                  <span aria-hidden="true">⚠ </span>Behind schedule
                </span>
              ) : (
                'On schedule'
              )}
            </dd>
          </div>
        </dl>
        <ProgressBar value={enrollment.percentComplete} label={`Progress of ${trainee.name}`} />
      </div>

      <nav aria-label="On this page" className="page-nav">
        <ul>
          <li>
            <a href="#decisions">Decisions ({cases.length})</a>
          </li>
          <li>
            <a href="#certificate">Certificate</a>
          </li>
          <li>
            <a href="#record-review">Record a handoff review</a>
          </li>
          <li>
            <a href="#reviews">Handoff reviews ({enrollment.handoffReviews.length})</a>
          </li>
          <li>
            <a href="#sign-off-history">Sign-off history ({enrollment.signOffs.length})</a>
          </li>
          <li>
            <a href={`#enr-${enrollment.id}-timeline`}>Timeline</a>
          </li>
        </ul>
      </nav>

      <section className="panel" aria-labelledby="decisions-heading" id="decisions">
        <h2 id="decisions-heading">Waiting for a decision ({cases.length})</h2>
        {cases.length === 0 ? (
          <p>Nothing of {trainee.name}'s is waiting for a sign-off.</p>
        ) : (
          <p className="muted">
            {awaiting} awaiting sign-off{cases.length > awaiting ? `, ${cases.length - awaiting} sent back with changes requested` : ''}. Approving
            completes the activity; requesting changes sends it back to {trainee.name} with your comment.
          </p>
        )}
        {cases.map((item) => {
          const mine = result?.intent === 'signOff' && result.activityKey === item.key ? result : undefined;
          return (
            <SignOffCaseView
              key={`${item.key}-${location.key}`}
              item={item}
              enrollmentId={enrollment.id}
              traineeName={trainee.name}
              timeZone={timeZone}
              feedback={mine?.feedback}
              values={mine?.values ?? {}}
            />
          );
        })}
      </section>

      <CertificateActions
        enrollmentId={enrollment.id}
        traineeName={trainee.name}
        certification={enrollment.certification}
        timeZone={timeZone}
        feedback={certResult?.feedback}
        unmet={certResult?.unmet ?? []}
        detailsHref={`#enr-${enrollment.id}-cert`}
        certificates={enrollment.certificates}
      />

      <section className="panel" aria-labelledby="review-heading" id="record-review">
        <h2 id="review-heading">Record a handoff review</h2>
        <p className="muted">
          One QA review of a live handoff {trainee.name} took. Supervised reviews complete week 2; solo reviews count towards the certificate
          (at least {enrollment.program.minSoloHandoffs}).
        </p>
        <HandoffReviewForm
          key={location.key}
          enrollmentId={enrollment.id}
          traineeName={trainee.name}
          timeZone={timeZone}
          defaultMode={defaultMode}
          feedback={reviewResult?.feedback}
          values={reviewResult?.values ?? correction}
          scorecard={enrollment.program.scorecard}
        />
      </section>

      <section className="panel" aria-labelledby="reviews-heading" id="reviews">
        <h2 id="reviews-heading">Handoff reviews ({enrollment.handoffReviews.length})</h2>
        <HandoffReviewTable
          reviews={enrollment.handoffReviews}
          timeZone={timeZone}
          caption={`Every recorded review, latest handoff first (times in ${timeZone})`}
          idPrefix="review-row"
          scorecard={enrollment.program.scorecard}
        />
      </section>

      <ImportedConversations reviews={enrollment.handoffReviews} timeZone={timeZone} />

      <SignOffHistory signOffs={enrollment.signOffs} timeZone={timeZone} />

      <EnrollmentView enrollment={enrollment} viewer="supervisor" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
