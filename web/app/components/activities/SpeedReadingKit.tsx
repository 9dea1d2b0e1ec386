import { formatSeconds, readSpeedReadingPrompt, readSpeedReadingReview, type SpeedReadingPrompt } from '~/lib/attempts';
import { YesNo } from '../StatusBadge';
import { ChoiceQuestions } from './ChoiceQuestions';
import { EscalationCard } from './EscalationCard';
import { FeedbackLines, NoReview, type AttemptFormProps, type AttemptResultsProps } from './parts';
import { Stopwatch } from './Stopwatch';

/** The card on one side, the five questions beside it; the clock runs on the server. */
export function SpeedReadingForm({ prompt, values, submit, clock }: AttemptFormProps<SpeedReadingPrompt>) {
  return (
    <div className="drill-grid">
      <div className="drill-grid__card">
        <EscalationCard card={prompt.card} headingId="card-heading" />
      </div>
      <section className="drill-grid__questions panel" aria-labelledby="facts-heading">
        <h2 id="facts-heading">The key facts</h2>
        <Stopwatch elapsedAtRender={clock.elapsedAtRender} limitSeconds={prompt.timeLimitSeconds} />
        <ChoiceQuestions questions={prompt.questions} values={values} idPrefix="sr" numbered={false} compact />
        {submit}
      </section>
    </div>
  );
}

/** "Took 24.3 s — target under 30 s" from the server's measurement. */
export function DurationHeadline({ seconds, limit }: { seconds: number; limit: number }) {
  const inTime = seconds <= limit;
  return (
    <p className="headline-time">
      Took <strong>{formatSeconds(seconds, limit)}</strong> — target under {limit} s{' '}
      <YesNo value={inTime} yes="Within the target" no="Over the target" />
    </p>
  );
}

export function SpeedReadingResults({ prompt, review, feedback, durationSeconds }: AttemptResultsProps<SpeedReadingPrompt>) {
  const detail = readSpeedReadingReview(review);
  const limit = detail?.timeLimitSeconds ?? prompt?.timeLimitSeconds ?? 30;
  const seconds = durationSeconds ?? detail?.elapsedSeconds ?? null;
  // The first feedback line repeats the time; it is shown above as the headline instead.
  const lines = seconds != null ? feedback.filter((line) => !/^Took\b/.test(line)) : feedback;
  return (
    <>
      {seconds != null ? <DurationHeadline seconds={seconds} limit={limit} /> : null}
      <FeedbackLines lines={lines} />
      {detail ? (
        <div className="table-wrap">
          <table>
            <caption>Your answers and what the card says</caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Your answer</th>
                <th scope="col">The card says</th>
                <th scope="col">Right?</th>
              </tr>
            </thead>
            <tbody>
              {detail.questions.map((q) => {
                const chosen = q.options.find((o) => o.key === q.chosenKey)?.text;
                const correct = q.options.find((o) => o.key === q.correctKey)?.text ?? '';
                return (
                  <tr key={q.key}>
                    <th scope="row">{q.prompt || q.label}</th>
                    <td>{chosen ?? <span className="muted">Not answered</span>}</td>
                    <td>{correct}</td>
                    <td>
                      <YesNo value={q.correct} yes="Right" no="Wrong" />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <NoReview />
      )}
      {prompt ? (
        <details className="card-again">
          <summary>See the card again</summary>
          <EscalationCard card={prompt.card} headingId="card-again-heading" />
        </details>
      ) : null}
    </>
  );
}

export const speedReadingKit = {
  readPrompt: readSpeedReadingPrompt,
  Form: SpeedReadingForm,
  Results: SpeedReadingResults,
};
