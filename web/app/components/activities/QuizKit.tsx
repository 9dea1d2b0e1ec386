import { readQuizPrompt, readQuizReview, type QuizPrompt, type QuizReviewOption } from '~/lib/attempts';
import { formatPercent } from '~/lib/format';
import { YesNo } from '../StatusBadge';
import { ChoiceQuestions } from './ChoiceQuestions';
import { FeedbackLines, NoReview, RichText, type AttemptFormProps, type AttemptResultsProps } from './parts';

/** LESSON: the body, read to the end, then its check-questions. QUIZ: the questions alone. */
export function QuizForm({ prompt, html, values, submit }: AttemptFormProps<QuizPrompt>) {
  const lesson = prompt.kind === 'LESSON';
  return (
    <>
      {lesson && html.body ? (
        <article className="panel lesson" aria-label="Lesson">
          <RichText html={html.body} />
        </article>
      ) : null}
      <section className="panel" aria-labelledby="questions-heading">
        <h2 id="questions-heading">{lesson ? 'Check your understanding' : 'Questions'}</h2>
        {html.instructions ? <RichText html={html.instructions} /> : null}
        {prompt.questions.length === 0 ? (
          <p>This lesson has no check-questions: submit when you have read it to the end.</p>
        ) : (
          <p className="muted">
            {lesson ? 'Answer these once you have read the lesson to the end. ' : ''}
            {prompt.questions.length} {prompt.questions.length === 1 ? 'question' : 'questions'}; {formatPercent(prompt.passMark * 100)} right
            to pass. After you submit, every option is explained.
          </p>
        )}
        <ChoiceQuestions questions={prompt.questions} values={values} idPrefix="quiz" />
        {submit}
      </section>
    </>
  );
}

function OptionReview({ option }: { option: QuizReviewOption }) {
  return (
    <li className={`review-option${option.correct ? ' review-option--correct' : ''}${option.chosen ? ' review-option--chosen' : ''}`}>
      <p className="review-option__text">
        {option.text}{' '}
        <span className="review-option__tags">
          {option.chosen ? <strong className="mark mark--chosen">Your choice</strong> : null}
          {option.correct ? (
            <strong className="mark mark--correct">
              <span aria-hidden="true">✓ </span>Correct answer
            </strong>
          ) : option.chosen ? (
            <strong className="mark mark--wrong">
              <span aria-hidden="true">✗ </span>Not correct
            </strong>
          ) : null}
        </span>
      </p>
      {option.explanation ? <p className="review-option__why">{option.explanation}</p> : null}
    </li>
  );
}

export function QuizResults({ prompt, review, feedback, html }: AttemptResultsProps<QuizPrompt>) {
  const detail = readQuizReview(review);
  return (
    <>
      <FeedbackLines lines={feedback} />
      {detail ? (
        detail.questions.length > 0 ? (
          <section aria-labelledby="review-heading">
            <h2 id="review-heading">Every option explained</h2>
            <ol className="review-questions">
              {detail.questions.map((q, i) => (
                <li key={q.key} className="review-question">
                  <h3>
                    Question {i + 1}. {q.prompt}
                  </h3>
                  <p>
                    <YesNo value={q.correct} yes="You answered this right" no="Not right this time" />
                    {q.type === 'MULTIPLE' ? <span className="muted small"> · select all that apply</span> : null}
                  </p>
                  <ul className="review-options">
                    {q.options.map((o) => (
                      <OptionReview key={o.key} option={o} />
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          </section>
        ) : null
      ) : (
        <NoReview />
      )}
      {prompt?.kind === 'LESSON' && html.body ? (
        <details className="lesson-again">
          <summary>Read the lesson again</summary>
          <RichText html={html.body} />
        </details>
      ) : null}
    </>
  );
}

export const quizKit = {
  readPrompt: readQuizPrompt,
  Form: QuizForm,
  Results: QuizResults,
};
