import { Form } from '@remix-run/react';
import { CsrfField } from '~/components/CsrfField';
import { Field, FormMessage, type ActionFeedback } from '~/components/FormBits';
import { StatusBadge } from '~/components/StatusBadge';
import { ACTIVITY_KIND_LABEL, formatDateTime } from '~/lib/format';
import { EvidenceView } from './Evidence';
import type { SignOffCase } from './types';

/** The anchor of an activity's sign-off on the trainee page (the queue and the map link to it). */
export function activityAnchor(key: string): string {
  return `activity-${key}`;
}

/**
 * One activity waiting for a decision: what the trainee did on one side, the decision form on the
 * other. `feedback` and `values` are the last submission of this form, if it failed.
 */
export function SignOffCaseView({
  item,
  enrollmentId,
  traineeName,
  timeZone,
  feedback,
  values,
}: {
  item: SignOffCase;
  enrollmentId: string;
  traineeName: string;
  timeZone: string;
  feedback: ActionFeedback | undefined;
  values: Record<string, string>;
}) {
  const formId = `signoff-${item.key}`;
  const titleId = `${formId}-title`;
  const decisionError = !!feedback && !feedback.ok && feedback.field === 'decision';
  const sentBack = item.latestSignOff?.decision === 'CHANGES_REQUESTED' ? item.latestSignOff : null;
  return (
    <article className="signoff-case" id={activityAnchor(item.key)} aria-labelledby={titleId} tabIndex={-1}>
      <div className="signoff-case__head">
        <h3 id={titleId}>{item.title}</h3>
        <StatusBadge status={item.status} />
      </div>
      <p className="muted small">
        Week {item.weekNumber} · {ACTIVITY_KIND_LABEL[item.kind] ?? item.kind}
      </p>
      {sentBack ? (
        <div className="notice notice--warning">
          <p>
            <strong>
              <span aria-hidden="true">↺ </span>Changes requested
            </strong>{' '}
            by {sentBack.supervisor.name} on {formatDateTime(sentBack.signedAt, timeZone)}
            {sentBack.comment ? `: “${sentBack.comment}”` : '.'}
          </p>
          <p>
            {item.status === 'AWAITING_SIGN_OFF'
              ? `${traineeName} has handed in new work since.`
              : `${traineeName} has not handed in new work since; you can still decide now.`}
          </p>
        </div>
      ) : null}
      <div className="signoff-case__grid">
        <section className="evidence" aria-labelledby={`${formId}-evidence`} tabIndex={0}>
          <h4 id={`${formId}-evidence`}>What {traineeName} handed in</h4>
          <EvidenceView evidence={item.evidence} timeZone={timeZone} idPrefix={formId} />
        </section>
        <Form method="post" className="form signoff-form" aria-labelledby={`${formId}-decide`} noValidate>
          <CsrfField />
          <h4 id={`${formId}-decide`}>Your decision</h4>
          <input type="hidden" name="intent" value="signOff" />
          <input type="hidden" name="enrollmentId" value={enrollmentId} />
          <input type="hidden" name="activityKey" value={item.key} />
          <fieldset className="choice" aria-describedby={decisionError ? `${formId}-decision-error` : undefined}>
            <legend>Decision</legend>
            <div className="choice__option">
              <input type="radio" id={`${formId}-approve`} name="decision" value="APPROVED" defaultChecked={values.decision === 'APPROVED'} />
              <label htmlFor={`${formId}-approve`}>
                <span aria-hidden="true">✓ </span>Approve
              </label>
            </div>
            <div className="choice__option">
              <input
                type="radio"
                id={`${formId}-changes`}
                name="decision"
                value="CHANGES_REQUESTED"
                defaultChecked={values.decision === 'CHANGES_REQUESTED'}
              />
              <label htmlFor={`${formId}-changes`}>
                <span aria-hidden="true">↺ </span>Request changes
              </label>
            </div>
            {decisionError ? (
              <p id={`${formId}-decision-error`} className="field-error">
                <span aria-hidden="true">⚠ </span>
                {feedback.message}
              </p>
            ) : null}
          </fieldset>
          <Field
            formId={formId}
            name="comment"
            label="Comment"
            hint={`Required when you request changes: say what to change. ${traineeName} sees it on their timeline.`}
            feedback={feedback}
          >
            {(p) => <textarea {...p} rows={4} defaultValue={values.comment ?? ''} />}
          </Field>
          <FormMessage feedback={feedback} />
          <button type="submit" className="button">
            Record decision<span className="visually-hidden"> on {item.title}</span>
          </button>
        </Form>
      </div>
    </article>
  );
}
