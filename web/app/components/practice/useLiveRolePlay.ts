import { useRevalidator } from '@remix-run/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { mergeMessages, readLiveMessage, readLiveState, stateDiffers, type LiveState, type RolePlayDetail, type RolePlayMessage } from './model';

export type Connection = 'off' | 'connecting' | 'open' | 'lost';

/** True once the page runs in the browser with JavaScript (false in the server's HTML). */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * Live updates of one role-play (docs/decisions/008): an EventSource on the same-origin resource
 * route /role-plays/:id/events. New messages are appended as they arrive; a `state` event that says
 * something the page does not show yet (status, clock, rating, opening score) reloads the loader
 * data without reloading the page. The browser's EventSource reconnects by itself and resumes with
 * Last-Event-ID. Once the session has ended and been rated nothing more can change: no stream.
 */
export function useLiveRolePlay(session: RolePlayDetail): { messages: RolePlayMessage[]; connection: Connection } {
  const [streamed, setStreamed] = useState<RolePlayMessage[]>([]);
  const [connection, setConnection] = useState<Connection>('off');
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  const page: LiveState = {
    status: session.status,
    cardOpenedAt: session.cardOpenedAt,
    firstResponseAt: session.firstResponseAt,
    endedAt: session.endedAt,
    customerRating: session.customerRating,
    openingScore: session.openingScore,
  };
  const pageState = useRef(page);
  pageState.current = page;

  const finished = session.status === 'ENDED' && session.customerRating != null;

  useEffect(() => {
    if (finished || typeof EventSource === 'undefined') {
      setConnection('off');
      return;
    }
    setConnection('connecting');
    const source = new EventSource(`/role-plays/${encodeURIComponent(session.id)}/events`);
    source.onopen = () => setConnection('open');
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? 'lost' : 'connecting');
    source.addEventListener('message', (event) => {
      const message = readLiveMessage((event as MessageEvent<string>).data);
      if (message) setStreamed((prev) => (prev.some((m) => m.id === message.id) ? prev : [...prev, message]));
    });
    source.addEventListener('state', (event) => {
      const state = readLiveState((event as MessageEvent<string>).data);
      if (state && stateDiffers(pageState.current, state)) revalidate.current();
    });
    return () => source.close();
  }, [session.id, finished]);

  const messages = useMemo(() => mergeMessages(session.messages, streamed), [session.messages, streamed]);
  return { messages, connection };
}
