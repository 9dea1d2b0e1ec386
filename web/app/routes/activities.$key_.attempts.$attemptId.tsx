import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { CsrfField } from '~/components/CsrfField';
import { AttemptHistory } from '~/components/activities/AttemptHistory';
import { kitFor } from '~/components/activities/kits';
import { FeedbackLines } from '~/components/activities/parts';
import { DurationHeadline } from '~/components/activities/SpeedReadingKit';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { FormMessage, type ActionFeedback } from '~/components/FormBits';
import { YesNo } from '~/components/StatusBadge';
import { promptInstructions, timeLimitOf, type AnswerInput } from '~/lib/attempts';
import { csrfProtected } from '~/lib/csrf.server';
import { formatDateTime, formatScore } from '~/lib/format';
import { renderMarkdown } from '~/lib/markdown.server';
import { requireRole } from '~/lib/session.server';
import type { ActivityKind } from '~/lib/types';
import { attemptSummaries, loadActivity, loadAttempt, startAttempt } from './activities.$key.server';
import { readSubmittedAnswers, submitAttempt } from './activities.$key_.attempts.$attemptId.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.attempt.submittedAt ? 'Results' : 'Attempt'}: ${data?.activity.title ?? 'Activity'} · Baton` },
];

function attemptPath(key: string, id: string): string {
  return `/activities/${encodeURIComponent(key)}/attempts/${encodeURIComponent(id)}`;
}

/** The attempt and the activity it belongs to, or the right response when they do not match up. */
async function attemptAndActivity(request: Request, params: LoaderFunctionArgs['params']) {
  const auth = await requireRole(request, ['TRAINEE']);
  const key = params.key ?? '';
  const [attempt, found] = await Promise.all([loadAttempt(request, auth, params.attemptId ?? ''), loadActivity(request, auth, key)]);
  if (!attempt) throw new Response('There is no attempt with this id.', { status: 404, statusText: 'Not Found' });
  // An attempt always lives under its own activity's address.
  if (attempt.activity.key !== key) throw redirect(attemptPath(attempt.activity.key, attempt.id));
  if (!found?.enrollmentId) throw new Response('There is no activity with this key in your program.', { status: 404, statusText: 'Not Found' });
  return { auth, attempt, found, enrollmentId: found.enrollmentId };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, attempt, found, enrollmentId } = await attemptAndActivity(request, params);
  const attempts = await attemptSummaries(request, auth, enrollmentId, attempt.activity.key);
  const kit = kitFor(attempt.activity.kind);
  const raw = (attempt.prompt ?? {}) as Record<string, unknown>;
  const prompt = kit?.readPrompt(raw) ?? null;
  const instructions = promptInstructions(raw);
  // The lesson body goes out once, as sanitised HTML; the raw Markdown stays on the server.
  const body = typeof raw.body === 'string' && raw.body.trim() ? renderMarkdown(raw.body) : null;
  if (prompt && typeof prompt === 'object' && 'body' in prompt) (prompt as { body: unknown }).body = null;
  return {
    attempt: { ...attempt, prompt: null, answers: attempt.answers as AnswerInput[] },
    prompt,
    html: { body, instructions: instructions ? renderMarkdown(instructions) : null },
    limitSeconds: timeLimitOf(attempt),
    activity: found.activity,
    weekTitle: found.weekTitle,
    status: found.progress?.status ?? null,
    timeZone: found.timeZone,
    attempts,
    elapsedAtRender: Math.max(0, (Date.now() - Date.parse(attempt.startedAt)) / 1000),
  };
}

type ActionResult = { intent: 'submit' | 'retry'; feedback: ActionFeedback; values: AnswerInput[] };

export const action = csrfProtected(async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = form.get('intent');
  const { auth, attempt, enrollmentId } = await attemptAndActivity(request, params);

  if (intent === 'retry') {
    const started = await startAttempt(request, auth, enrollmentId, attempt.activity.key);
    if (started.ok) throw redirect(attemptPath(attempt.activity.key, started.attemptId));
    return data<ActionResult>({ intent: 'retry', feedback: started.feedback, values: [] }, { status: 400 });
  }
  if (intent !== 'submit') throw new Response('This form is not known to Baton.', { status: 400, statusText: 'Bad Request' });

  const read = readSubmittedAnswers(attempt.activity.kind, form, attempt.prompt);
  if (!read) throw new Response('This activity is not taken on this page.', { status: 400, statusText: 'Bad Request' });
  if (!read.ok) {
    return data<ActionResult>({ intent: 'submit', feedback: { ok: false, message: read.message, field: null }, values: read.answers }, { status: 400 });
  }
  const feedback = await submitAttempt(request, auth, attempt.id, read.answers);
  if (feedback.ok) throw redirect(attemptPath(attempt.activity.key, attempt.id));
  return data<ActionResult>({ intent: 'submit', feedback, values: read.answers }, { status: 400 });
});

const SUBMIT_LABEL: Partial<Record<ActivityKind, string>> = {
  LESSON: 'Submit answers',
  QUIZ: 'Submit answers',
  SPEED_READING: 'Submit and stop the clock',
  FIRST_MESSAGE: 'Submit my opening',
  ERROR_SPOTTING: 'Submit my flags',
};

export default function AttemptPage() {
  const { attempt, prompt, html, activity, weekTitle, timeZone, attempts, elapsedAtRender, limitSeconds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const busyIntent = navigation.state !== 'idle' ? navigation.formData?.get('intent') : null;
  const kit = kitFor(activity.kind);
  const number = attempts.length - attempts.findIndex((a) => a.id === attempt.id);
  const submitted = !!attempt.submittedAt;
  const submitFeedback = result?.intent === 'submit' ? result.feedback : undefined;
  const activityPath = `/activities/${encodeURIComponent(activity.key)}`;

  // Submitting with JavaScript keeps this page mounted: move focus to the results, as a new page would.
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const wasSubmitted = useRef(submitted);
  useEffect(() => {
    if (submitted && !wasSubmitted.current) resultsHeading.current?.focus();
    wasSubmitted.current = submitted;
  }, [submitted]);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Your training</Link> <span aria-hidden="true">›</span> Week {activity.weekNumber}
        {weekTitle ? `: ${weekTitle}` : ''} <span aria-hidden="true">›</span> <Link to={activityPath}>{activity.title}</Link>
      </p>
      <h1>
        {activity.title}
        <span className="muted h1-note"> · {submitted ? 'results' : 'attempt'}</span>
      </h1>
      <p className="muted">
        Attempt {number > 0 && number <= attempts.length ? `#${number}` : ''} · started {formatDateTime(attempt.startedAt, timeZone)}
        {attempt.submittedAt ? ` · submitted ${formatDateTime(attempt.submittedAt, timeZone)}` : ''}
      </p>

      {submitted ? (
        <section className="panel results" aria-labelledby="results-heading">
          <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>
            Your result
          </h2>
          {submitFeedback ? <FormMessage feedback={submitFeedback} /> : null}
          <dl className="facts facts--big">
            <div>
              <dt>Score</dt>
              <dd>{attempt.score != null ? `${formatScore(attempt.score)} of 100` : '–'}</dd>
            </div>
            <div>
              <dt>Passed?</dt>
              <dd>{attempt.passed != null ? <YesNo value={attempt.passed} yes="Passed" no="Not passed yet" /> : '–'}</dd>
            </div>
          </dl>
          {kit ? (
            <kit.Results
              prompt={prompt}
              review={attempt.review}
              answers={attempt.answers}
              feedback={attempt.feedback}
              durationSeconds={attempt.durationSeconds}
              html={html}
            />
          ) : (
            <>
              {activity.kind === 'SPEED_READING' && attempt.durationSeconds != null ? (
                <DurationHeadline seconds={attempt.durationSeconds} limit={limitSeconds ?? 30} />
              ) : null}
              <FeedbackLines lines={attempt.feedback} />
            </>
          )}
          <RetryForm feedback={result?.intent === 'retry' ? result.feedback : undefined} busy={busyIntent === 'retry'} activityPath={activityPath} />
        </section>
      ) : !kit ? (
        <section className="panel">
          <p>This activity is not taken on this page yet.</p>
          <p>
            <Link to={activityPath}>Back to the activity</Link>
          </p>
        </section>
      ) : !prompt ? (
        <section className="panel" aria-labelledby="no-material-heading">
          <h2 id="no-material-heading">Nothing to work on in this attempt</h2>
          <p>
            This attempt was recorded without its material (questions, card or conversation), so it cannot be completed. Start a new
            attempt instead; your best score still counts.
          </p>
          <RetryForm
            label="Start a new attempt"
            feedback={result?.intent === 'retry' ? result.feedback : undefined}
            busy={busyIntent === 'retry'}
            activityPath={activityPath}
          />
        </section>
      ) : (
        <Form method="post" className="attempt-form" aria-label={`Your answers: ${activity.title}`}>
          <CsrfField />
          <input type="hidden" name="intent" value="submit" />
          <kit.Form
            prompt={prompt}
            html={html}
            values={result?.intent === 'submit' ? result.values : []}
            feedback={submitFeedback}
            clock={{ startedAt: attempt.startedAt, elapsedAtRender }}
            submit={
              <div className="submit-area">
                <button type="submit" className="button" disabled={busyIntent === 'submit'}>
                  {busyIntent === 'submit' ? 'Submitting…' : (SUBMIT_LABEL[activity.kind] ?? 'Submit')}
                </button>
                <div id="attempt-form-message" className="submit-area__message">
                  <FormMessage feedback={submitFeedback} />
                </div>
              </div>
            }
          />
        </Form>
      )}

      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">{attempts.length > 1 ? 'Earlier attempts' : 'Your attempts'}</h2>
        <AttemptHistory
          attempts={attempts}
          activityKey={activity.key}
          currentId={attempt.id}
          timeZone={timeZone}
          showDuration={activity.kind === 'SPEED_READING'}
          limitSeconds={limitSeconds}
          caption="All your attempts at this activity, newest first"
        />
      </section>
    </>
  );
}

function RetryForm({
  feedback,
  busy,
  activityPath,
  label = 'Try again',
}: {
  feedback: ActionFeedback | undefined;
  busy: boolean;
  activityPath: string;
  label?: string;
}) {
  return (
    <div className="retry">
      <Form method="post" className="form form--inline">
        <CsrfField />
        <input type="hidden" name="intent" value="retry" />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Starting…' : label}
        </button>
        <Link to={activityPath} className="button button--quiet">
          Back to the activity
        </Link>
      </Form>
      <FormMessage feedback={feedback} />
      <p className="muted small">Retakes are allowed: your best score counts.</p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
