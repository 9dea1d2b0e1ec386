import { readErrorSpottingPrompt, readErrorSpottingReview, type ErrorSpottingPrompt, type IndexedTurn } from '~/lib/attempts';
import { formatPercent } from '~/lib/format';
import { KnownFacts, TurnMeta } from './EscalationCard';
import { FeedbackLines, NoReview, RichText, valuesOf, type AttemptFormProps, type AttemptResultsProps } from './parts';

/** The form field of an agent turn: "turn:<index>", one value per mistake type ticked. */
export function turnField(index: number): string {
  return `turn:${index}`;
}

/**
 * Turns are named by their index ("Turn 4"), counted from 0 as the curriculum's answer keys,
 * explanations and the grader's feedback count them, so every reference on the page matches.
 */
function TurnHead({ turn }: { turn: IndexedTurn }) {
  return (
    <p className="spotting__head">
      <span className="spotting__index">Turn {turn.index}</span> <TurnMeta turn={turn} />
    </p>
  );
}

function CaseSummary({ prompt }: { prompt: ErrorSpottingPrompt }) {
  return (
    <section className="panel" aria-labelledby="case-heading">
      <h2 id="case-heading">The case: {prompt.title}</h2>
      <dl className="esc-card__fields">
        <div>
          <dt>Customer</dt>
          <dd className="esc-card__name">{prompt.card.customerName}</dd>
        </div>
        <div className="esc-card__wide">
          <dt>AI summary</dt>
          <dd>{prompt.card.summary}</dd>
        </div>
      </dl>
      <KnownFacts facts={prompt.card.knownFacts} />
    </section>
  );
}

export function ErrorSpottingForm({ prompt, html, values, submit }: AttemptFormProps<ErrorSpottingPrompt>) {
  return (
    <>
      {html.instructions ? (
        <details className="panel instructions-again" open>
          <summary>What to look for</summary>
          <RichText html={html.instructions} />
        </details>
      ) : null}
      <CaseSummary prompt={prompt} />
      <section className="panel" aria-labelledby="conversation-heading">
        <h2 id="conversation-heading">The conversation</h2>
        <p className="muted">
          Times are from the moment of the handoff. For each agent message, tick every mistake it makes; leave a message
          unticked when it does nothing wrong.
        </p>
        <ol className="spotting">
          {prompt.turns.map((turn) => {
            const chosen = valuesOf(values, turnField(turn.index));
            return (
              <li key={turn.index} className={`spotting__turn turn turn--${turn.speaker.toLowerCase()}`}>
                <div className="spotting__message">
                  <TurnHead turn={turn} />
                  <p className="turn__text">{turn.text}</p>
                </div>
                {turn.speaker === 'AGENT' ? (
                  <fieldset className="spotting__flags">
                    <legend>Mistakes in turn {turn.index}</legend>
                    <ul className="options options--tight">
                      {prompt.mistakeTypes.map((m) => {
                        const id = `flag-${turn.index}-${m.code}`;
                        return (
                          <li key={m.code} className="option">
                            <input id={id} type="checkbox" name={turnField(turn.index)} value={m.code} defaultChecked={chosen.includes(m.code)} />
                            <label htmlFor={id}>{m.label}</label>
                          </li>
                        );
                      })}
                    </ul>
                  </fieldset>
                ) : null}
              </li>
            );
          })}
        </ol>
        {submit}
      </section>
    </>
  );
}

export function ErrorSpottingResults({ prompt, review, feedback }: AttemptResultsProps<ErrorSpottingPrompt>) {
  const detail = readErrorSpottingReview(review);
  if (!detail) {
    return (
      <>
        <FeedbackLines lines={feedback} />
        <NoReview />
      </>
    );
  }
  const found = detail.answerKey.filter((m) => m.found).length;
  return (
    <>
      <ul className="result-facts" aria-label="Your result in numbers">
        <li>
          Found <strong>{found}</strong> of <strong>{detail.answerKey.length}</strong>{' '}
          {detail.answerKey.length === 1 ? 'mistake' : 'mistakes'}
        </li>
        <li>
          <strong>{detail.falseFlags.length}</strong> false {detail.falseFlags.length === 1 ? 'flag' : 'flags'}
        </li>
        <li>
          Precision {formatPercent(detail.precision * 100)}, recall {formatPercent(detail.recall * 100)} (80% of each needed)
        </li>
      </ul>
      {/* The counts are just above; the remaining lines name each miss and false flag. */}
      <FeedbackLines lines={feedback.filter((line) => !/^(Found \d+ of|Precision )/.test(line))} />
      <section aria-labelledby="key-heading">
        <h2 id="key-heading">The answer key</h2>
        {prompt ? (
          <ol className="spotting spotting--review">
            {prompt.turns.map((turn) => {
              const key = detail.answerKey.filter((m) => m.turn === turn.index);
              const wrong = detail.falseFlags.filter((f) => f.turn === turn.index);
              return (
                <li key={turn.index} className={`spotting__turn turn turn--${turn.speaker.toLowerCase()}`}>
                  <div className="spotting__message">
                    <TurnHead turn={turn} />
                    <p className="turn__text">{turn.text}</p>
                  </div>
                  {turn.speaker === 'AGENT' ? (
                    <div className="spotting__key">
                      {key.length === 0 && wrong.length === 0 ? (
                        <p className="muted">
                          <span aria-hidden="true">✓ </span>No mistake here, and you flagged none.
                        </p>
                      ) : null}
                      <ul className="key-list">
                        {key.map((m) => (
                          <li key={m.code} className={m.found ? 'key-item key-item--found' : 'key-item key-item--missed'}>
                            <strong>
                              <span aria-hidden="true">{m.found ? '✓ ' : '✗ '}</span>
                              {m.found ? 'Found' : 'Missed'}: {m.label}
                            </strong>
                            {m.explanation ? <p>{m.explanation}</p> : null}
                          </li>
                        ))}
                        {wrong.map((f) => (
                          <li key={f.code} className="key-item key-item--false">
                            <strong>
                              <span aria-hidden="true">✗ </span>False flag: you marked “{f.label}”, which this message does not do.
                            </strong>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ol>
        ) : (
          <ul className="key-list">
            {detail.answerKey.map((m) => (
              <li key={`${m.turn}-${m.code}`}>
                Turn {m.turn}: {m.label} ({m.found ? 'found' : 'missed'}). {m.explanation}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export const errorSpottingKit = {
  readPrompt: readErrorSpottingPrompt,
  Form: ErrorSpottingForm,
  Results: ErrorSpottingResults,
};
