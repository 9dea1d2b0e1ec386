import { useActionData, useFetcher } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { CsrfField } from '../CsrfField';
import { OpeningChecks } from '../activities/OpeningChecks';
import { FormMessage } from '../FormBits';
import { YesNo } from '../StatusBadge';
import { firstName, formatDuration, practiceResult, RATING_WORDS, type RolePlayDetail } from './model';
import { RatingText } from './RolePlayPanel';
import { useHydrated } from './useLiveRolePlay';

/** The measured part of a session: first response time, opening score, rating. */
function Measures({ session }: { session: RolePlayDetail }) {
  const seconds = session.firstResponseSeconds;
  return (
    <dl className="facts facts--big">
      <div>
        <dt>First response</dt>
        <dd>
          {seconds != null ? (
            <>
              {formatDuration(seconds)} <YesNo value={seconds < 60} yes="within 60 s" no="over 60 s" />
            </>
          ) : (
            'No agent message'
          )}
        </dd>
      </div>
      <div>
        <dt>Opening score</dt>
        <dd>{session.openingScore != null ? `${session.openingScore} / 100` : 'Not graded'}</dd>
      </div>
      <div>
        <dt>Customer rating</dt>
        <dd>
          <RatingText rating={session.customerRating} />
        </dd>
      </div>
    </dl>
  );
}

function Checks({ session, label }: { session: RolePlayDetail; label: string }) {
  if (!session.openingChecks || session.openingChecks.length === 0) {
    return <p className="muted">The agent sent no message, so there is no opening to check.</p>;
  }
  const passed = session.openingChecks.filter((c) => c.passed).length;
  return (
    <>
      <p>
        {passed} of {session.openingChecks.length} checks pass on the agent's first message.
      </p>
      <OpeningChecks checks={session.openingChecks} label={label} />
    </>
  );
}

/** While a session runs, an observer sees the opening checks as soon as the agent's first message is in. */
export function ObserverLiveChecks({ session }: { session: RolePlayDetail }) {
  if (session.status === 'ENDED' || session.yourSide !== 'OBSERVER') return null;
  return (
    <section className="panel" aria-labelledby="live-checks-heading">
      <h2 id="live-checks-heading">The agent's opening so far</h2>
      <Measures session={session} />
      {session.firstResponseAt ? <Checks session={session} label="Opening checks" /> : <p className="muted">The agent has not written yet.</p>}
    </section>
  );
}

/**
 * After the end: first response time, opening checks (agent and observers), the rating (or the
 * customer player's rating form) and the debrief.
 */
export function RolePlayResult({ session }: { session: RolePlayDetail }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const wasEnded = useRef(session.status === 'ENDED');
  // When the session ends while the page is open, the focus moves here.
  useEffect(() => {
    if (session.status === 'ENDED' && !wasEnded.current) heading.current?.focus();
    wasEnded.current = session.status === 'ENDED';
  }, [session.status]);
  if (session.status !== 'ENDED') return null;
  const side = session.yourSide;
  const rateNow = side === 'CUSTOMER' && session.customerRating == null;
  return (
    <section className="panel rp-result" id="result" aria-labelledby="result-heading">
      <h2 id="result-heading" ref={heading} tabIndex={-1}>
        How it went
      </h2>
      {rateNow ? <RatingForm session={session} /> : null}
      {side === 'AGENT' && session.customerRating == null ? (
        <p className="notice">Waiting for {firstName(session.customer.name)} to rate the handoff; it appears here by itself.</p>
      ) : null}
      <Measures session={session} />
      {side !== 'CUSTOMER' ? (
        <>
          <h3>Opening checks</h3>
          <Checks session={session} label="Opening checks on the agent's first message" />
        </>
      ) : null}
      {session.debriefHtml ? (
        <>
          <h3>Debrief</h3>
          <div className="prose rp-debrief" dangerouslySetInnerHTML={{ __html: session.debriefHtml }} />
        </>
      ) : null}
    </section>
  );
}

function RatingForm({ session }: { session: RolePlayDetail }) {
  const fetcher = useFetcher({ key: `rp-rate-${session.id}` });
  const actionData = useActionData();
  const hydrated = useHydrated();
  const result = practiceResult(fetcher.data, 'rate') ?? practiceResult(actionData, 'rate');
  const feedback = result?.feedback.ok ? undefined : result?.feedback;
  const busy = fetcher.state !== 'idle';
  const invalid = feedback?.field === 'rating';
  return (
    <fetcher.Form method="post" className="form rating-form">
      <CsrfField />
      <input type="hidden" name="intent" value="rate" />
      {hydrated ? <input type="hidden" name="js" value="1" /> : null}
      <fieldset aria-describedby={invalid ? 'rating-error' : 'rating-hint'} aria-invalid={invalid || undefined}>
        <legend>As {session.customerBrief?.playing ?? 'the customer'}, how would you rate this handoff?</legend>
        <p id="rating-hint" className="hint">
          Rate it as the customer would in the post-chat survey. {firstName(session.agent.name)} sees your rating.
        </p>
        <div className="rating-options">
          {[1, 2, 3, 4, 5].map((n) => (
            <div key={n} className="option rating-option">
              <input type="radio" id={`rating-${n}`} name="rating" value={n} required />
              <label htmlFor={`rating-${n}`}>
                {n} <span className="rating-option__word">{RATING_WORDS[n]}</span>
              </label>
            </div>
          ))}
        </div>
        {invalid ? (
          <p id="rating-error" className="field-error">
            <span aria-hidden="true">⚠ </span>
            {feedback?.message}
          </p>
        ) : null}
      </fieldset>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Sending…' : 'Send rating'}
      </button>
      <FormMessage feedback={feedback} />
    </fetcher.Form>
  );
}
