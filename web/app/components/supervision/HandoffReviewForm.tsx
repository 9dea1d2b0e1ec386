import { Form } from '@remix-run/react';
import { CsrfField } from '~/components/CsrfField';
import { Field, FormMessage, type ActionFeedback } from '~/components/FormBits';
import type { ScorecardItem } from './types';

export const REVIEW_FORM_ID = 'review';

function errorOf(feedback: ActionFeedback | undefined, field: string): string | null {
  return feedback && !feedback.ok && feedback.field === field ? feedback.message : null;
}

/** A checkbox with its label beside it, and its error under it. */
function Checkbox({ name, label, hint, checked, feedback }: { name: string; label: string; hint?: string; checked: boolean; feedback: ActionFeedback | undefined }) {
  const id = `${REVIEW_FORM_ID}-${name}`;
  const error = errorOf(feedback, name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="checkbox">
      <input type="checkbox" id={id} name={name} defaultChecked={checked} aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * "Record a handoff review": one QA review of a live handoff the trainee took. Times are typed as the
 * cohort's wall clock and converted to UTC on the server.
 */
export function HandoffReviewForm({
  enrollmentId,
  traineeName,
  timeZone,
  defaultMode,
  feedback,
  values,
  scorecard = [],
}: {
  enrollmentId: string;
  traineeName: string;
  timeZone: string;
  defaultMode: 'SOLO' | 'SUPERVISED';
  feedback: ActionFeedback | undefined;
  values: Record<string, string> | null;
  /** The program's QA scorecard: one pass/fail pair per item. */
  scorecard?: ScorecardItem[];
}) {
  const v = (name: string, fallback = '') => values?.[name] ?? fallback;
  const mode = v('mode', defaultMode);
  const modeError = errorOf(feedback, 'mode');
  const f = REVIEW_FORM_ID;
  const timeHint = `Date and time in the cohort's time zone (${timeZone}), to the second.`;
  return (
    <Form method="post" className="form review-form" aria-labelledby="review-heading" noValidate>
      <CsrfField />
      <input type="hidden" name="intent" value="recordReview" />
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      <Field
        formId={f}
        name="externalId"
        label="Conversation id"
        hint="The conversation's id in your help desk. Recording an id that is already recorded replaces that review."
        feedback={feedback}
      >
        {(p) => <input {...p} type="text" autoComplete="off" spellCheck={false} defaultValue={v('externalId')} />}
      </Field>

      <fieldset className="choice choice--inline" aria-describedby={modeError ? `${f}-mode-error` : undefined}>
        <legend>Mode</legend>
        <div className="choice__option">
          <input type="radio" id={`${f}-mode-supervised`} name="mode" value="SUPERVISED" defaultChecked={mode === 'SUPERVISED'} />
          <label htmlFor={`${f}-mode-supervised`}>Supervised (week 2)</label>
        </div>
        <div className="choice__option">
          <input type="radio" id={`${f}-mode-solo`} name="mode" value="SOLO" defaultChecked={mode === 'SOLO'} />
          <label htmlFor={`${f}-mode-solo`}>Solo (week 3, counts towards certification)</label>
        </div>
        {modeError ? (
          <p id={`${f}-mode-error`} className="field-error">
            <span aria-hidden="true">⚠ </span>
            {modeError}
          </p>
        ) : null}
      </fieldset>

      <div className="form-pair">
        <Field formId={f} name="handedOffAt" label="Handed over at" hint={timeHint} feedback={feedback}>
          {(p) => <input {...p} type="datetime-local" step={1} defaultValue={v('handedOffAt')} />}
        </Field>
        <Field formId={f} name="firstResponseAt" label={`${traineeName}'s first message at`} hint={timeHint} feedback={feedback}>
          {(p) => <input {...p} type="datetime-local" step={1} defaultValue={v('firstResponseAt')} />}
        </Field>
      </div>

      <div className="form-pair">
        <Field
          formId={f}
          name="contextItemsAvailable"
          label="Context items available"
          hint="Facts the assistant handed over: name, order number, plan, what it tried…"
          feedback={feedback}
        >
          {(p) => <input {...p} type="number" inputMode="numeric" min={0} step={1} defaultValue={v('contextItemsAvailable')} />}
        </Field>
        <Field formId={f} name="contextItemsUsed" label="Context items used" hint="How many of them the trainee used instead of asking again." feedback={feedback}>
          {(p) => <input {...p} type="number" inputMode="numeric" min={0} step={1} defaultValue={v('contextItemsUsed')} />}
        </Field>
      </div>

      <Checkbox name="customerRepeated" label="The customer had to repeat information" checked={v('customerRepeated') === 'on'} feedback={feedback} />

      <Field formId={f} name="csat" label="CSAT (optional)" hint="The customer's post-chat rating from 1 to 5; leave it empty if they did not answer." feedback={feedback}>
        {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={5} step={1} defaultValue={v('csat')} className="input--short" />}
      </Field>

      <Checkbox name="resolved" label="The problem was resolved" checked={v('resolved') === 'on'} feedback={feedback} />

      <Field formId={f} name="notes" label="Notes (optional)" hint="What went well and what to work on next." feedback={feedback}>
        {(p) => <textarea {...p} rows={3} defaultValue={v('notes')} />}
      </Field>

      {scorecard.length > 0 ? <ScorecardFields items={scorecard} values={values} feedback={feedback} /> : null}

      <FormMessage feedback={feedback} />
      <button type="submit" className="button">
        Record review
      </button>
    </Form>
  );
}

/** The form field names of a scorecard item's choice and note. */
export const scorecardField = (key: string) => `scorecard.${key}`;
export const scorecardNoteField = (key: string) => `scorecard.${key}.note`;

/**
 * The QA scorecard: a pass/fail radio pair per question, critical ones marked, each with an
 * optional note. Leaving every question unanswered records the review without a QA result.
 */
function ScorecardFields({ items, values, feedback }: { items: ScorecardItem[]; values: Record<string, string> | null; feedback: ActionFeedback | undefined }) {
  const f = REVIEW_FORM_ID;
  const error = errorOf(feedback, 'scorecard');
  return (
    <fieldset className="scorecard" id={`${f}-scorecard`} aria-describedby={[`${f}-scorecard-hint`, error ? `${f}-scorecard-error` : null].filter(Boolean).join(' ')}>
      <legend>QA scorecard</legend>
      <p id={`${f}-scorecard-hint`} className="hint">
        Answer every question, or none to record the review without a QA result. A question left out counts as not passed. The review passes
        QA at 80% with no critical question failed.
      </p>
      {error ? (
        <p id={`${f}-scorecard-error`} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      <ol className="scorecard__items">
        {items.map((item) => {
          const name = scorecardField(item.key);
          const id = `${f}-sc-${item.key}`;
          const chosen = values?.[name] ?? '';
          return (
            <li key={item.key} className="scorecard__item">
              <fieldset className="choice choice--inline" aria-describedby={item.critical ? `${id}-critical` : undefined}>
                <legend>
                  {item.question}
                  {item.critical ? (
                    <strong id={`${id}-critical`} className="scorecard__critical">
                      {' '}
                      (critical — failing it fails the review)
                    </strong>
                  ) : null}
                </legend>
                <div className="choice__option">
                  <input type="radio" id={`${id}-pass`} name={name} value="pass" defaultChecked={chosen === 'pass'} />
                  <label htmlFor={`${id}-pass`}>Pass</label>
                </div>
                <div className="choice__option">
                  <input type="radio" id={`${id}-fail`} name={name} value="fail" defaultChecked={chosen === 'fail'} />
                  <label htmlFor={`${id}-fail`}>Fail</label>
                </div>
              </fieldset>
              <label htmlFor={`${id}-note`} className="small">
                Note on this question (optional)
              </label>
              <input type="text" id={`${id}-note`} name={scorecardNoteField(item.key)} defaultValue={values?.[scorecardNoteField(item.key)] ?? ''} />
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}
