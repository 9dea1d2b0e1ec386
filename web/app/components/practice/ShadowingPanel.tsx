import { Form, useActionData, useNavigation } from '@remix-run/react';
import { useEffect } from 'react';
import { formatDateTime } from '~/lib/format';
import type { ActivityStatus } from '~/lib/types';
import { CsrfField } from '../CsrfField';
import { Field, FormMessage } from '../FormBits';
import { LOG_OBSERVATION_INTENT, practiceResult, type ShadowingData } from './model';

/**
 * A trainee's shadowing activity: the handoffs they watched and logged so far, how many of the
 * minimum that is, and a form to log one more. `readOnly` is the supervisor's view of the same log.
 * The form posts `intent=log-observation` to the page's own action (runPracticeAction).
 */
export function ShadowingPanel({
  data,
  status,
  readOnly = false,
  withdrawn = false,
  heading,
  idPrefix = 'shadowing',
}: {
  data: ShadowingData;
  /** The activity's status for the trainee; LOCKED hides the form. */
  status?: ActivityStatus;
  readOnly?: boolean;
  withdrawn?: boolean;
  heading?: string;
  idPrefix?: string;
}) {
  const count = data.observations.length;
  const done = count >= data.minimum;
  const own = !readOnly;
  return (
    <section className="panel shadowing" aria-labelledby={`${idPrefix}-heading`}>
      <h2 id={`${idPrefix}-heading`}>{heading ?? (own ? 'Your shadowing log' : 'Shadowing log')}</h2>
      <ObservationCount count={count} minimum={data.minimum} label={own ? 'Observations you have logged' : 'Observations logged'} />
      {own ? (
        <p>
          {done
            ? status === 'COMPLETED'
              ? 'Your supervisor has signed this off. You can still log more handoffs you watch.'
              : `You have logged the ${data.minimum} observations needed. Talk them through with your supervisor, who signs this off; you can still log more.`
            : `Log one observation for each handoff you watch, soon after it ends: ${data.minimum - count} more to go.`}
        </p>
      ) : (
        <p className="muted">
          {done ? `The minimum of ${data.minimum} is logged.` : `${data.minimum - count} more needed before the trainee's part is done.`}
        </p>
      )}

      <h3 id={`${idPrefix}-list-heading`}>{own ? 'Logged so far' : 'Observations'}</h3>
      {count === 0 ? (
        <p className="muted">{own ? 'Nothing logged yet.' : 'No observation logged yet.'}</p>
      ) : (
        <ol className="observations" aria-labelledby={`${idPrefix}-list-heading`}>
          {data.observations.map((o, i) => (
            <li key={o.id} className="observation">
              <h4 className="observation__title">
                Observation {i + 1}
                <span className="observation__when">
                  {' '}
                  · watched <time dateTime={o.observedAt}>{formatDateTime(o.observedAt, data.timeZone)}</time>
                </span>
              </h4>
              <dl className="observation__notes">
                <div>
                  <dt>Situation</dt>
                  <dd>{o.situation}</dd>
                </div>
                <div>
                  <dt>What the agent did well</dt>
                  <dd>{o.didWell}</dd>
                </div>
                <div>
                  <dt>What {own ? 'you' : 'they'} would change</dt>
                  <dd>{o.wouldChange}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ol>
      )}

      {own ? (
        status === 'LOCKED' ? (
          <p className="notice">
            <span aria-hidden="true">⊘ </span>Locked: you can log observations once this week opens.
          </p>
        ) : withdrawn ? (
          <p className="notice">This enrollment has been withdrawn, so nothing more can be logged.</p>
        ) : (
          <LogObservationForm data={data} idPrefix={idPrefix} nextNumber={count + 1} />
        )
      ) : null}
    </section>
  );
}

/** "3 of 5 logged", as words and as a bar that states the same in its accessible value. */
function ObservationCount({ count, minimum, label }: { count: number; minimum: number; label: string }) {
  const percent = Math.min(100, minimum > 0 ? (count / minimum) * 100 : 100);
  const words = `${count} of ${minimum} logged`;
  return (
    <div className="progress observation-count">
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={minimum}
        aria-valuenow={Math.min(count, minimum)}
        aria-valuetext={words}
      >
        <div className="progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress__text">
        {words}
        {count >= minimum ? <span aria-hidden="true"> ✓</span> : null}
      </span>
    </div>
  );
}

function LogObservationForm({ data, idPrefix, nextNumber }: { data: ShadowingData; idPrefix: string; nextNumber: number }) {
  const result = practiceResult(useActionData(), LOG_OBSERVATION_INTENT);
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === LOG_OBSERVATION_INTENT;
  const feedback = result?.feedback;
  const value = (field: string) => (feedback && !feedback.ok ? (result?.values[field] ?? '') : '');
  const formId = `${idPrefix}-log`;
  // After an error the field it names takes the focus; after a success the form starts over.
  useEffect(() => {
    if (!feedback) return;
    if (!feedback.ok && feedback.field) document.getElementById(`${formId}-${feedback.field}`)?.focus();
  }, [feedback, formId, result?.at]);
  return (
    <>
      <h3 id={`${formId}-heading`}>Log a handoff you watched</h3>
      <Form
        method="post"
        className="form observation-form"
        aria-labelledby={`${formId}-heading`}
        key={feedback?.ok ? `ok-${result?.at}` : 'form'}
        noValidate
      >
        <CsrfField />
        <input type="hidden" name="intent" value={LOG_OBSERVATION_INTENT} />
        <Field formId={formId} name="observedAt" label="When it happened" hint={`Date and time in your cohort's time zone (${data.timeZone}).`} feedback={feedback}>
          {(p) => <input {...p} type="datetime-local" required defaultValue={value('observedAt')} />}
        </Field>
        <Field
          formId={formId}
          name="situation"
          label="The situation"
          hint="Tier, sentiment and priority; which of the four situations it was; the agent's first message and how long it took."
          feedback={feedback}
        >
          {(p) => <textarea {...p} rows={4} required maxLength={2000} defaultValue={value('situation')} />}
        </Field>
        <Field
          formId={formId}
          name="didWell"
          label="What the agent did well"
          hint="Which parts of a strong opening it had, which known facts they used, how they kept the customer informed and confirmed the fix."
          feedback={feedback}
        >
          {(p) => <textarea {...p} rows={4} required maxLength={2000} defaultValue={value('didWell')} />}
        </Field>
        <Field formId={formId} name="wouldChange" label="What you would do differently" hint="One thing, and why." feedback={feedback}>
          {(p) => <textarea {...p} rows={3} required maxLength={2000} defaultValue={value('wouldChange')} />}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Logging…' : `Log observation ${nextNumber}`}
        </button>
        <FormMessage feedback={feedback} />
      </Form>
    </>
  );
}
