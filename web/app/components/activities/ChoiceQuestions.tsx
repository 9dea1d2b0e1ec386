import type { AnswerInput, ChoiceQuestion } from '~/lib/attempts';
import { valuesOf } from './parts';

/** The form field name of a question: "q:<key>" (the route's action reads it back). */
export function questionField(key: string): string {
  return `q:${key}`;
}

/**
 * Multiple-choice questions in the order given (the server shuffles them per attempt): radio
 * buttons for a single answer, checkboxes for "select all that apply". Works without JavaScript.
 */
export function ChoiceQuestions({
  questions,
  values,
  idPrefix,
  numbered = true,
  compact = false,
}: {
  questions: ChoiceQuestion[];
  values: AnswerInput[];
  idPrefix: string;
  numbered?: boolean;
  compact?: boolean;
}) {
  return (
    <ol className={compact ? 'questions questions--compact' : 'questions'}>
      {questions.map((q, i) => {
        const name = questionField(q.key);
        const chosen = valuesOf(values, name);
        const multiple = q.type === 'MULTIPLE';
        const hintId = `${idPrefix}-${i}-hint`;
        return (
          <li key={q.key} className="question">
            <fieldset aria-describedby={multiple ? hintId : undefined}>
              <legend>
                {numbered ? <span className="question__number">Question {i + 1}. </span> : null}
                {q.prompt}
              </legend>
              {multiple ? (
                <p id={hintId} className="hint">
                  Select every option that applies.
                </p>
              ) : null}
              <ul className="options">
                {q.options.map((o) => {
                  const id = `${idPrefix}-${i}-${o.key}`;
                  return (
                    <li key={o.key} className="option">
                      <input
                        id={id}
                        type={multiple ? 'checkbox' : 'radio'}
                        name={name}
                        value={o.key}
                        defaultChecked={chosen.includes(o.key)}
                        required={!multiple}
                      />
                      <label htmlFor={id}>{o.text}</label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          </li>
        );
      })}
    </ol>
  );
}
