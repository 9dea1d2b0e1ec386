import { useActionData, useFetcher } from '@remix-run/react';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { CsrfField } from '../CsrfField';
import { Field, FormMessage } from '../FormBits';
import { formatClock, practiceResult, SIDE_WORDS, type RolePlayDetail, type RolePlayMessage } from './model';
import { useHydrated, type Connection } from './useLiveRolePlay';

const CONNECTION_WORDS: Record<Connection, { icon: string; text: string } | null> = {
  off: null,
  connecting: { icon: '○', text: 'Connecting to live updates…' },
  open: { icon: '●', text: 'Live: new messages appear by themselves' },
  lost: { icon: '⚠', text: 'Live updates stopped: reload the page to see new messages' },
};

/**
 * The chat of a role-play: every message with its side ("Agent" / "Customer"), who wrote it and
 * when; the message form for the two players; and the button that ends the session. The forms
 * are real forms (they work without JavaScript: post, redirect, reload); with JavaScript they are
 * sent by fetchers so the page does not reload, and new messages arrive over the event stream.
 */
export function RolePlayChat({ session, messages, connection }: { session: RolePlayDetail; messages: RolePlayMessage[]; connection: Connection }) {
  const side = session.yourSide;
  const ended = session.status === 'ENDED';
  const scroller = useRef<HTMLDivElement>(null);
  const names = { AGENT: session.agent.name, CUSTOMER: session.customer.name };
  const canWrite = !ended && (side === 'CUSTOMER' || (side === 'AGENT' && session.cardOpenedAt != null));
  const lastId = messages[messages.length - 1]?.id;
  const lastIsMine = messages[messages.length - 1]?.side === side;

  // The list keeps its newest message in view (it scrolls from the bottom, see app.css); one's own
  // message always brings the view back down.
  useEffect(() => {
    const el = scroller.current;
    if (el && lastIsMine) el.scrollTop = el.scrollHeight;
  }, [lastId, lastIsMine]);

  const status = ended ? null : CONNECTION_WORDS[connection];
  return (
    <section className="panel chat" id="chat" aria-labelledby="chat-heading">
      <div className="chat__head">
        <h2 id="chat-heading">Chat</h2>
        {status ? (
          <p className={`chat__connection chat__connection--${connection}`}>
            <span aria-hidden="true">{status.icon} </span>
            {status.text}
          </p>
        ) : null}
      </div>
      <div className="chat__scroller" ref={scroller} tabIndex={0} role="region" aria-label="Messages, oldest first">
        <ol className="chat__messages" aria-live="polite" aria-relevant="additions">
          {messages.map((m) => {
            const mine = m.side === side;
            return (
              <li key={m.id} className={`msg msg--${m.side.toLowerCase()}${mine ? ' msg--mine' : ''}`}>
                <p className="msg__meta">
                  <span className="msg__side">{SIDE_WORDS[m.side]}</span>
                  <span className="msg__who">
                    {' '}
                    · {names[m.side]}
                    {mine ? ' (you)' : ''}
                  </span>{' '}
                  · <time dateTime={m.sentAt}>{formatClock(m.sentAt, session.timeZone)}</time>
                </p>
                <p className="msg__body">{m.body}</p>
              </li>
            );
          })}
        </ol>
        {messages.length === 0 ? <p className="chat__empty muted">No messages yet.</p> : null}
      </div>
      {!ended ? (
        <noscript>
          <p className="small">
            Without JavaScript new messages do not appear by themselves: <a href={`/role-plays/${encodeURIComponent(session.id)}`}>reload the page</a>.
          </p>
        </noscript>
      ) : null}

      {canWrite ? (
        <MessageForm session={session} />
      ) : side === 'OBSERVER' ? (
        <p className="muted small">You are watching: only the two players write here.</p>
      ) : ended ? (
        <p className="muted small">The session has ended.</p>
      ) : (
        <p className="notice small">Open the escalation card to reply: the clock for your first response starts then.</p>
      )}
      {!ended && side !== 'OBSERVER' ? <EndForm session={session} /> : null}
    </section>
  );
}

function MessageForm({ session }: { session: RolePlayDetail }) {
  const fetcher = useFetcher({ key: `rp-send-${session.id}` });
  const actionData = useActionData();
  const hydrated = useHydrated();
  const form = useRef<HTMLFormElement>(null);
  const result = practiceResult(fetcher.data, 'send') ?? practiceResult(actionData, 'send');
  const busy = fetcher.state !== 'idle';

  // A sent message clears the box (the message itself comes back over the stream).
  useEffect(() => {
    if (fetcher.state === 'idle' && result?.feedback.ok) form.current?.reset();
  }, [fetcher.state, result?.feedback.ok, result?.at]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (event.currentTarget.value.trim() && !busy) fetcher.submit(event.currentTarget.form);
    }
  };
  const side = session.yourSide === 'AGENT' ? 'agent' : 'customer';
  return (
    <fetcher.Form method="post" ref={form} id="message-form" className="form chat__form">
      <CsrfField />
      <input type="hidden" name="intent" value="send" />
      {hydrated ? <input type="hidden" name="js" value="1" /> : null}
      <Field
        formId="chat"
        name="body"
        label={`Your message as the ${side}`}
        hint={hydrated ? 'Ctrl+Enter (⌘+Enter on a Mac) sends it.' : undefined}
        feedback={result?.feedback.ok ? undefined : result?.feedback}
      >
        {(p) => <textarea {...p} rows={3} maxLength={2000} required onKeyDown={onKeyDown} defaultValue={result && !result.feedback.ok ? result.values.body : ''} />}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Sending…' : 'Send'}
      </button>
      <FormMessage feedback={result?.feedback.ok ? undefined : result?.feedback} />
    </fetcher.Form>
  );
}

function EndForm({ session }: { session: RolePlayDetail }) {
  const fetcher = useFetcher({ key: `rp-end-${session.id}` });
  const actionData = useActionData();
  const hydrated = useHydrated();
  const result = practiceResult(fetcher.data, 'end') ?? practiceResult(actionData, 'end');
  const busy = fetcher.state !== 'idle';
  return (
    <fetcher.Form method="post" className="chat__end">
      <CsrfField />
      <input type="hidden" name="intent" value="end" />
      {hydrated ? <input type="hidden" name="js" value="1" /> : null}
      <button type="submit" className="button button--quiet" disabled={busy}>
        {busy ? 'Ending…' : 'End session'}
      </button>
      <span className="hint">
        {session.yourSide === 'CUSTOMER' ? 'Then rate the handoff from 1 to 5.' : 'Your partner then rates the handoff.'}
      </span>
      <FormMessage feedback={result?.feedback.ok ? undefined : result?.feedback} />
    </fetcher.Form>
  );
}
