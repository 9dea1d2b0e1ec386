import { useActionData, useFetcher } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { sentimentWord } from '~/lib/attempts';
import { CsrfField } from '../CsrfField';
import { EscalationCard, Transcript } from '../activities/EscalationCard';
import { FormMessage } from '../FormBits';
import { firstName, formatClock, formatDuration, practiceResult, type CustomerBrief, type RolePlayDetail } from './model';
import { useHydrated } from './useLiveRolePlay';

/**
 * The left-hand column of the live page: what this side knows. The agent opens the escalation
 * card (the clock starts then); the customer player reads their private brief; an observer sees
 * both. After the end each side can also read the other's material, collapsed.
 */
export function RolePlayContext({ session }: { session: RolePlayDetail }) {
  const side = session.yourSide;
  const hadCard = useRef(session.card != null);
  // Opening the card with JavaScript replaces the button with the card: the focus follows.
  useEffect(() => {
    if (side === 'AGENT' && session.card && !hadCard.current) {
      const heading = document.getElementById('card-heading');
      heading?.setAttribute('tabindex', '-1');
      heading?.focus();
    }
    hadCard.current = session.card != null;
  }, [side, session.card]);

  const card = session.card ? (
    <div className="rp-card">
      <EscalationCard card={session.card} headingId="card-heading" heading="Escalation card" transcriptOpen={side === 'AGENT'} />
    </div>
  ) : null;
  const brief = session.customerBrief ? <CustomerBriefPanel brief={session.customerBrief} side={side} /> : null;

  if (side === 'AGENT') {
    return (
      <div className="rp-context" id="context">
        {session.card ? (
          <>
            <ResponseClock session={session} />
            {card}
          </>
        ) : session.status === 'ENDED' ? (
          <p className="notice">The session ended before you opened the escalation card.</p>
        ) : (
          <OpenCardPrompt session={session} />
        )}
        {brief && session.status === 'ENDED' ? (
          <details className="rp-other">
            <summary>The customer's private brief</summary>
            {brief}
          </details>
        ) : null}
      </div>
    );
  }
  if (side === 'CUSTOMER') {
    return (
      <div className="rp-context" id="context">
        {brief ?? <p className="notice">Your brief could not be read.</p>}
        {card && session.status === 'ENDED' ? (
          <details className="rp-other">
            <summary>The escalation card the agent worked from</summary>
            {card}
          </details>
        ) : null}
      </div>
    );
  }
  return (
    <div className="rp-context" id="context">
      {session.cardOpenedAt ? <ResponseClock session={session} /> : <p className="notice">The agent has not opened the escalation card yet.</p>}
      {card}
      {brief}
    </div>
  );
}

function OpenCardPrompt({ session }: { session: RolePlayDetail }) {
  const fetcher = useFetcher({ key: `rp-open-${session.id}` });
  const actionData = useActionData();
  const hydrated = useHydrated();
  const result = practiceResult(fetcher.data, 'open-card') ?? practiceResult(actionData, 'open-card');
  const busy = fetcher.state !== 'idle';
  return (
    <section className="panel open-card" aria-labelledby="open-card-heading">
      <h2 id="open-card-heading">The handoff is waiting</h2>
      <p>
        {firstName(session.customer.name)} plays the customer and has a private brief. You get only the escalation card, exactly as a
        real handoff arrives.
      </p>
      <p>
        <strong>The clock starts when you open the card.</strong> Read the summary, the tier and the sentiment first, then open
        strong: use the name, say who you are, name the issue, say what you will do and how long it takes. Target: your first message
        within 60 seconds.
      </p>
      <fetcher.Form method="post">
        <CsrfField />
        <input type="hidden" name="intent" value="open-card" />
        {hydrated ? <input type="hidden" name="js" value="1" /> : null}
        <button type="submit" className="button button--big" disabled={busy}>
          {busy ? 'Opening…' : 'Open the escalation card'}
        </button>
        <FormMessage feedback={result?.feedback.ok ? undefined : result?.feedback} />
      </fetcher.Form>
    </section>
  );
}

/** When the clock started and, until the agent's first message, how long it has been running. */
function ResponseClock({ session }: { session: RolePlayDetail }) {
  const opened = session.cardOpenedAt;
  const answered = session.firstResponseSeconds;
  const [now, setNow] = useState<number | null>(null);
  const running = opened != null && answered == null && session.status !== 'ENDED';
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  if (!opened) return null;
  const agent = session.yourSide === 'AGENT' ? 'you' : firstName(session.agent.name);
  return (
    <p className="rp-clock">
      <span aria-hidden="true">◷ </span>
      Card opened at <time dateTime={opened}>{formatClock(opened, session.timeZone)}</time>.{' '}
      {answered != null ? (
        <>
          First response after <strong>{formatDuration(answered)}</strong>
          {answered < 60 ? ' (within the 60-second target).' : ' (over the 60-second target).'}
        </>
      ) : running && now != null ? (
        <span role="timer">
          Waiting for {agent === 'you' ? 'your' : `${agent}'s`} first message: <strong>{formatDuration((now - new Date(opened).getTime()) / 1000)}</strong> so far.
        </span>
      ) : (
        <>No first message {session.status === 'ENDED' ? 'was sent' : 'yet'}.</>
      )}
    </p>
  );
}

function CustomerBriefPanel({ brief, side }: { brief: CustomerBrief; side: RolePlayDetail['yourSide'] }) {
  const you = side === 'CUSTOMER';
  return (
    <section className="panel rp-brief" aria-labelledby="brief-heading">
      <h2 id="brief-heading">{you ? 'Your private brief' : "The customer's private brief"}</h2>
      <p className="rp-brief__playing">
        {you ? 'You play ' : 'Playing '}
        <strong>{brief.playing}</strong>
      </p>
      <dl className="facts">
        <div>
          <dt>Tier</dt>
          <dd>{brief.tier || 'Not given'}</dd>
        </div>
        <div>
          <dt>Mood</dt>
          <dd>{brief.sentiment ? sentimentWord(brief.sentiment) : 'Not given'}</dd>
        </div>
      </dl>
      <div className="prose" dangerouslySetInnerHTML={{ __html: brief.briefHtml }} />
      {brief.conversationWithAssistant.length > 0 ? (
        <details className="rp-brief__chat" open={you}>
          <summary>
            {you ? 'What you told the assistant' : 'What the customer told the assistant'} ({brief.conversationWithAssistant.length}{' '}
            {brief.conversationWithAssistant.length === 1 ? 'message' : 'messages'})
          </summary>
          <Transcript turns={brief.conversationWithAssistant} />
        </details>
      ) : null}
    </section>
  );
}
