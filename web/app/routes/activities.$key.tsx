import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CsrfField } from '~/components/CsrfField';
import { AttemptHistory } from '~/components/activities/AttemptHistory';
import { DurationTrend } from '~/components/activities/DurationTrend';
import { isAttemptable } from '~/components/activities/kits';
import { RichText } from '~/components/activities/parts';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { FormMessage } from '~/components/FormBits';
import { Decision, StatusBadge } from '~/components/StatusBadge';
import { formatSeconds, personalBest, promptInstructions, timeLimitOf, type AttemptSummary } from '~/lib/attempts';
import { csrfProtected } from '~/lib/csrf.server';
import { ACTIVITY_KIND_LABEL, formatDateTime, formatScore } from '~/lib/format';
import { renderMarkdown } from '~/lib/markdown.server';
import { PRACTICE_INTENTS } from '~/components/practice/model';
import { RolePlayPanel } from '~/components/practice/RolePlayPanel';
import { ShadowingPanel } from '~/components/practice/ShadowingPanel';
import { loadPractice, runPracticeAction } from '~/lib/practice.server';
import { HOME_BY_ROLE, requireAuth, requireRole } from '~/lib/session.server';
import type { ActivityKind, ActivityProgress } from '~/lib/types';
import { attemptSummaries, loadActivity, loadAttempt, startAttempt } from './activities.$key.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.activity.title ?? 'Activity'} · Baton` },
];

/** How each kind works, until the API hands out an activity's own instructions before the first attempt. */
const DEFAULT_INSTRUCTIONS: Partial<Record<ActivityKind, string>> = {
  LESSON: 'Read the lesson to the end, then answer its check-questions. You can take it again as often as you like; your best score counts.',
  QUIZ: 'Answer every question. Afterwards each option is explained. Retakes are allowed and your best score counts.',
  SPEED_READING:
    'Each round shows one escalation card. Read the summary, the tier and the sentiment first, then pick out **who** the customer is, **what** the issue is, their **tier**, how they **feel** and what the AI **already tried**. The clock starts when the card appears and stops when you submit: the target is under 30 seconds.',
  FIRST_MESSAGE:
    'Read the scenario and its escalation card, then write the first message you would send. It passes when all ten opening checks pass. Afterwards you see each check and a model opening.',
  ERROR_SPOTTING:
    'Read a handoff conversation and mark every agent message that makes one of the classic mistakes. Afterwards you see the full answer key with explanations.',
};

const START_LABEL: Partial<Record<ActivityKind, string>> = {
  LESSON: 'Start the lesson',
  QUIZ: 'Start the quiz',
  SPEED_READING: 'Start: show the card',
  FIRST_MESSAGE: 'Start a scenario',
  ERROR_SPOTTING: 'Start a conversation',
};

interface AttemptsPanel {
  attempts: AttemptSummary[];
  instructionsHtml: string | null;
  limitSeconds: number;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const found = await loadActivity(request, auth, params.key ?? '');
  if (!found) throw new Response('There is no activity with this key in your program.', { status: 404, statusText: 'Not Found' });

  let panel: AttemptsPanel | null = null;
  if (found.progress && found.enrollmentId && isAttemptable(found.activity.kind)) {
    const attempts = await attemptSummaries(request, auth, found.enrollmentId, found.activity.key);
    // The activity's own instructions travel in each attempt's prompt; the newest one has the current wording.
    const latest = attempts[0] ? await loadAttempt(request, auth, attempts[0].id) : null;
    const instructions = (latest && promptInstructions(latest.prompt)) ?? DEFAULT_INSTRUCTIONS[found.activity.kind] ?? null;
    panel = {
      attempts,
      instructionsHtml: instructions ? renderMarkdown(instructions) : null,
      limitSeconds: (latest && timeLimitOf(latest)) ?? 30,
    };
  }
  // Shadowing and role-play are not attempts: their own panels log observations and run sessions.
  const practice = found.progress ? await loadPractice(request, auth, found) : null;
  return { ...found, panel, practice, home: HOME_BY_ROLE[auth.user.role] ?? '/' };
}

export const action = csrfProtected(async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireRole(request, ['TRAINEE']);
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  if (intent !== 'start' && !PRACTICE_INTENTS.includes(intent)) {
    throw new Response('This form is not known to Baton.', { status: 400, statusText: 'Bad Request' });
  }
  const found = await loadActivity(request, auth, params.key ?? '');
  if (!found?.enrollmentId) throw new Response('There is no activity with this key in your program.', { status: 404, statusText: 'Not Found' });
  // Logging an observation or starting a role-play; starting one redirects to its live page.
  const practice = await runPracticeAction(request, auth, found, form);
  if (practice) return practice;
  const result = await startAttempt(request, auth, found.enrollmentId, found.activity.key);
  if (result.ok) {
    throw redirect(`/activities/${encodeURIComponent(found.activity.key)}/attempts/${encodeURIComponent(result.attemptId)}`);
  }
  return data({ feedback: result.feedback }, { status: 400 });
});

const STATUS_HELP: Record<ActivityProgress['status'], string> = {
  LOCKED: 'This activity opens when every activity of the week before is completed.',
  AVAILABLE: 'You can start this activity now.',
  IN_PROGRESS: 'You have started this activity.',
  AWAITING_SIGN_OFF: 'Your part is done. Your supervisor reviews it and signs it off.',
  COMPLETED: 'You have completed this activity.',
};

export default function ActivityPage() {
  const { activity, programTitle, weekTitle, progress, timeZone, home, panel, practice, enrollmentStatus } = useLoaderData<typeof loader>();
  const signOff = progress?.latestSignOff ?? null;
  const isSpeed = activity.kind === 'SPEED_READING';
  const best = panel && isSpeed ? personalBest(panel.attempts) : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to={home}>{progress ? 'Your training' : 'Back'}</Link> <span aria-hidden="true">›</span> Week {activity.weekNumber}
      </p>
      <h1>{activity.title}</h1>
      <section className="panel" aria-labelledby="about-heading">
        <h2 id="about-heading" className="visually-hidden">
          About this activity
        </h2>
        <p className="lead">{activity.summary}</p>
        <dl className="facts">
          <div>
            <dt>Week</dt>
            <dd>
              Week {activity.weekNumber}
              {weekTitle ? `: ${weekTitle}` : ''}
            </dd>
          </div>
          <div>
            <dt>Kind</dt>
            <dd>{ACTIVITY_KIND_LABEL[activity.kind] ?? activity.kind}</dd>
          </div>
          <div>
            <dt>Time</dt>
            <dd>About {activity.minutes} minutes</dd>
          </div>
          <div>
            <dt>Sign-off</dt>
            <dd>{activity.requiresSignOff ? 'A supervisor signs it off' : 'Not needed'}</dd>
          </div>
          <div>
            <dt>Program</dt>
            <dd>{programTitle}</dd>
          </div>
        </dl>
      </section>

      {progress ? (
        <section className="panel" aria-labelledby="status-heading">
          <h2 id="status-heading">Your status</h2>
          <p>
            <StatusBadge status={progress.status} overridden={progress.overridden} />
          </p>
          <p>{STATUS_HELP[progress.status]}</p>
          {progress.overridden ? <p>An administrator marked this activity completed.</p> : null}
          <dl className="facts">
            <div>
              <dt>Best score</dt>
              <dd>{progress.bestScore != null ? formatScore(progress.bestScore) : 'No attempt scored yet'}</dd>
            </div>
            {isSpeed && panel ? (
              <div>
                <dt>Personal best time</dt>
                <dd>
                  {best?.durationSeconds != null
                    ? `${formatSeconds(best.durationSeconds, panel.limitSeconds)} (fastest passing attempt)`
                    : 'No passing attempt yet'}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>Completed</dt>
              <dd>{progress.completedAt ? formatDateTime(progress.completedAt, timeZone) : 'Not yet'}</dd>
            </div>
          </dl>

          {activity.requiresSignOff || signOff ? (
            <>
              <h3>Latest sign-off</h3>
              {signOff ? (
                <div className={signOff.decision === 'APPROVED' ? 'notice notice--success' : 'notice notice--warning'}>
                  <p>
                    <Decision decision={signOff.decision} /> by {signOff.supervisor.name} on {formatDateTime(signOff.signedAt, timeZone)}
                  </p>
                  {signOff.comment ? <blockquote>{signOff.comment}</blockquote> : null}
                </div>
              ) : (
                <p className="muted">No sign-off yet.</p>
              )}
            </>
          ) : null}
        </section>
      ) : null}

      {progress && practice?.kind === 'SHADOWING' ? (
        <ShadowingPanel data={practice.shadowing} status={progress.status} withdrawn={enrollmentStatus === 'WITHDRAWN'} />
      ) : null}
      {progress && practice?.kind === 'ROLE_PLAY' ? (
        <RolePlayPanel data={practice.rolePlay} status={progress.status} withdrawn={enrollmentStatus === 'WITHDRAWN'} />
      ) : null}

      {progress && panel ? (
        <AttemptsSection
          kind={activity.kind}
          activityKey={activity.key}
          status={progress.status}
          withdrawn={enrollmentStatus === 'WITHDRAWN'}
          panel={panel}
          timeZone={timeZone}
        />
      ) : null}
    </>
  );
}

function AttemptsSection({
  kind,
  activityKey,
  status,
  withdrawn,
  panel,
  timeZone,
}: {
  kind: ActivityKind;
  activityKey: string;
  status: ActivityProgress['status'];
  withdrawn: boolean;
  panel: AttemptsPanel;
  timeZone: string;
}) {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'start';
  const open = panel.attempts.find((a) => !a.submittedAt) ?? null;
  const tried = panel.attempts.some((a) => a.submittedAt);
  const isSpeed = kind === 'SPEED_READING';
  return (
    <>
      <section className="panel" aria-labelledby="do-heading">
        <h2 id="do-heading">{tried ? 'Try it again' : 'How it works'}</h2>
        {panel.instructionsHtml ? <RichText html={panel.instructionsHtml} /> : null}
        {status === 'LOCKED' ? (
          <p className="notice">
            <span aria-hidden="true">⊘ </span>Not open yet: the Start button appears here once every activity of the week before is
            completed.
          </p>
        ) : withdrawn ? (
          <p className="notice">This enrollment has been withdrawn, so its activities can no longer be taken.</p>
        ) : (
          <>
            {open ? (
              <p>
                You have an attempt you have not submitted yet, started {formatDateTime(open.startedAt, timeZone)}.{' '}
                <Link to={`/activities/${encodeURIComponent(activityKey)}/attempts/${encodeURIComponent(open.id)}`}>Continue it</Link>
                {isSpeed ? ' (its clock has kept running), or start a new one.' : ', or start a new one.'}
              </p>
            ) : null}
            {isSpeed ? (
              <p className="hint">The card appears only once you start, and the clock starts with it.</p>
            ) : null}
            <Form method="post" className="form form--inline start-form" aria-describedby={result?.feedback ? 'start-message' : undefined}>
              <CsrfField />
              <input type="hidden" name="intent" value="start" />
              <button type="submit" className="button" disabled={busy}>
                {busy ? 'Starting…' : (START_LABEL[kind] ?? 'Start')}
              </button>
              <div id="start-message">
                <FormMessage feedback={result?.feedback} />
              </div>
            </Form>
            {tried ? <p className="muted small">Retakes are allowed: your best score counts.</p> : null}
          </>
        )}
      </section>

      {isSpeed ? (
        <section className="panel" aria-labelledby="trend-heading">
          <h2 id="trend-heading">Your times</h2>
          <DurationTrend attempts={panel.attempts} limitSeconds={panel.limitSeconds} timeZone={timeZone} idPrefix="trend" />
        </section>
      ) : null}

      {panel.attempts.length > 0 || status !== 'LOCKED' ? (
        <section className="panel" aria-labelledby="attempts-heading">
          <h2 id="attempts-heading">Your attempts</h2>
          <AttemptHistory
            attempts={panel.attempts}
            activityKey={activityKey}
            timeZone={timeZone}
            showDuration={isSpeed}
            limitSeconds={panel.limitSeconds}
            caption="Newest first"
          />
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
