import { useEffect, useRef, useState } from 'react';
import {
  readChecks,
  readFirstMessagePrompt,
  readFirstMessageReview,
  SITUATION_WORDS,
  type FirstMessagePrompt,
  type OpeningCheck,
} from '~/lib/attempts';
import { CSRF_HEADER, useCsrfToken } from '~/lib/csrf';
import { EscalationCard } from './EscalationCard';
import { OpeningChecks } from './OpeningChecks';
import { FeedbackLines, NoReview, RichText, type AttemptFormProps, type AttemptResultsProps } from './parts';

/** Where the live feedback comes from: a resource route that asks the API's public analyzeOpening. */
export const ANALYZE_OPENING_PATH = '/api/analyze-opening';
const DEBOUNCE_MS = 400;

type Live = { state: 'idle' } | { state: 'checking' } | { state: 'done'; checks: OpeningCheck[]; score: number } | { state: 'error'; message: string };

function contextOf(prompt: FirstMessagePrompt) {
  return {
    customerName: prompt.card.customerName,
    agentName: prompt.scenario.agentName,
    issueSummary: prompt.card.summary,
    knownFacts: prompt.card.knownFacts,
  };
}

/** Live feedback while typing, debounced; only after hydration (without JavaScript the results view has it). */
function useLiveAnalysis(message: string, prompt: FirstMessagePrompt): Live {
  const [live, setLive] = useState<Live>({ state: 'idle' });
  const context = useRef(contextOf(prompt));
  // Any of the page's tokens will do; a ref keeps a new one (after revalidation) from re-checking.
  const csrfToken = useRef('');
  csrfToken.current = useCsrfToken();
  useEffect(() => {
    if (!message.trim()) {
      setLive({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      setLive((prev) => (prev.state === 'done' ? prev : { state: 'checking' }));
      try {
        const response = await fetch(ANALYZE_OPENING_PATH, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', [CSRF_HEADER]: csrfToken.current },
          body: JSON.stringify({ message, context: context.current }),
          signal: controller.signal,
        });
        const body = (await response.json()) as { checks?: unknown; score?: unknown; error?: unknown };
        const checks = readChecks(body.checks);
        if (!response.ok || !checks) {
          setLive({ state: 'error', message: typeof body.error === 'string' ? body.error : 'Live feedback is not available right now.' });
          return;
        }
        setLive({ state: 'done', checks, score: typeof body.score === 'number' ? body.score : 0 });
      } catch (error) {
        if ((error as Error).name !== 'AbortError') setLive({ state: 'error', message: 'Live feedback is not available right now.' });
      }
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [message]);
  return live;
}

function LiveFeedback({ message, prompt }: { message: string; prompt: FirstMessagePrompt }) {
  const live = useLiveAnalysis(message, prompt);
  const passing = live.state === 'done' ? live.checks.filter((c) => c.passed).length : 0;
  return (
    <section className="live-checks" aria-labelledby="live-heading">
      <h3 id="live-heading">Live check</h3>
      {/* Only the one-line summary is announced, politely, not the whole list on every pause. */}
      <p className="live-checks__summary" role="status">
        {live.state === 'idle'
          ? 'Start typing: the ten checks update as you write.'
          : live.state === 'checking'
            ? 'Checking…'
            : live.state === 'error'
              ? live.message
              : `${passing} of ${live.checks.length} checks pass${passing === live.checks.length ? ': ready to submit.' : '.'}`}
      </p>
      {live.state === 'done' ? <OpeningChecks checks={live.checks} label="Live check results" /> : null}
    </section>
  );
}

export function FirstMessageForm({ prompt, html, values, submit, feedback }: AttemptFormProps<FirstMessagePrompt>) {
  const initial = values.find((v) => v.questionKey === 'message')?.value ?? '';
  const [message, setMessage] = useState(initial);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const invalid = !!feedback && !feedback.ok;
  return (
    <div className="drill-grid drill-grid--wide-card">
      <div className="drill-grid__card">
        <section className="panel scenario" aria-labelledby="scenario-heading">
          <h2 id="scenario-heading">The scenario</h2>
          {prompt.scenario.situation ? (
            <p className="tag">{SITUATION_WORDS[prompt.scenario.situation] ?? prompt.scenario.situation}</p>
          ) : null}
          <p className="lead">{prompt.scenario.prompt}</p>
          {html.instructions ? (
            <details>
              <summary>How this drill is graded</summary>
              <RichText html={html.instructions} />
            </details>
          ) : null}
        </section>
        <EscalationCard card={prompt.card} headingId="card-heading" transcriptOpen />
      </div>
      <section className="drill-grid__questions panel" aria-labelledby="write-heading">
        <h2 id="write-heading">Your opening</h2>
        <div className="field field--full">
          <label htmlFor="opening-message">Your first message to {prompt.card.customerName}</label>
          <p id="opening-hint" className="hint">
            {prompt.scenario.agentName ? `You are ${prompt.scenario.agentName}. ` : ''}Use the name, say who you are, name the issue, say
            what you will do next and how long it takes. At most {prompt.maxLength} characters.
          </p>
          <textarea
            id="opening-message"
            name="message"
            rows={7}
            maxLength={prompt.maxLength}
            required
            defaultValue={initial}
            onChange={(event) => setMessage(event.currentTarget.value)}
            aria-describedby={invalid ? 'opening-hint attempt-form-message' : 'opening-hint'}
            aria-invalid={invalid || undefined}
          />
          <p className="hint" aria-hidden={!hydrated}>
            {hydrated ? `${[...message].length} of ${prompt.maxLength} characters` : ''}
          </p>
        </div>
        {submit}
        {hydrated ? (
          <LiveFeedback message={message} prompt={prompt} />
        ) : (
          <p className="muted small">After you submit, the ten checks show what worked and what to change.</p>
        )}
      </section>
    </div>
  );
}

export function FirstMessageResults({ prompt, review, feedback, answers }: AttemptResultsProps<FirstMessagePrompt>) {
  const detail = readFirstMessageReview(review);
  const sent = answers.find((a) => a.questionKey === 'message')?.value ?? null;
  const passing = detail ? detail.checks.filter((c) => c.passed).length : 0;
  return (
    <>
      {sent ? (
        <section aria-labelledby="sent-heading">
          <h2 id="sent-heading">Your opening</h2>
          <blockquote className="opening">{sent}</blockquote>
        </section>
      ) : null}
      {detail ? (
        <section aria-labelledby="checks-heading">
          <h2 id="checks-heading">
            The ten checks: {passing} of {detail.checks.length} pass
          </h2>
          <OpeningChecks checks={detail.checks} label="Checks of your opening" />
        </section>
      ) : (
        <>
          <FeedbackLines lines={feedback} />
          <NoReview />
        </>
      )}
      {detail ? (
        <section aria-labelledby="model-heading">
          <h2 id="model-heading">A model opening</h2>
          {detail.situation ? <p className="muted">{SITUATION_WORDS[detail.situation] ?? detail.situation}</p> : null}
          <blockquote className="opening opening--model">{detail.exampleOpening}</blockquote>
          <p className="muted small">One good way to open; yours can differ and still pass every check.</p>
        </section>
      ) : null}
      {prompt ? (
        <details className="card-again">
          <summary>See the scenario and card again</summary>
          <p>{prompt.scenario.prompt}</p>
          <EscalationCard card={prompt.card} headingId="card-again-heading" />
        </details>
      ) : null}
    </>
  );
}

export const firstMessageKit = {
  readPrompt: readFirstMessagePrompt,
  Form: FirstMessageForm,
  Results: FirstMessageResults,
};
