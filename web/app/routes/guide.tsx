import type { MetaFunction } from '@remix-run/node';
import { RouteErrorBoundary } from '~/components/ErrorView';

export const meta: MetaFunction = () => [
  { title: 'Desk card: taking over from the AI assistant · Baton' },
  { name: 'description', content: 'A one-page guide for support agents who take a conversation over from an AI assistant.' },
];

// Public and static: nothing to load. Printing gives one A4/Letter page (see @media print in app.css).
export default function Guide() {
  return (
    <article className="desk-card" aria-labelledby="card-heading">
      <header className="desk-card__head">
        <h1 id="card-heading">Desk card: taking over from the AI assistant</h1>
        <p className="lead">The customer has already explained once. Your job is to make sure they never need to again.</p>
        <p className="muted small no-print">To keep a copy beside your screen, use your browser’s Print command; the card fits on one page.</p>
      </header>

      <div className="desk-card__grid">
        <section aria-labelledby="card-read">
          <h2 id="card-read">
            <span className="step" aria-hidden="true">
              1
            </span>{' '}
            Read before you type
          </h2>
          <p>Spend about half a minute on the escalation card:</p>
          <ul>
            <li>
              <strong>The AI’s summary</strong>: what the case is and what has been tried.
            </li>
            <li>
              <strong>Tier and tenure</strong>: who you are talking to (plan, how long a customer).
            </li>
            <li>
              <strong>Sentiment</strong>: how they feel right now, and how urgent it is.
            </li>
          </ul>
        </section>

        <section aria-labelledby="card-open">
          <h2 id="card-open">
            <span className="step" aria-hidden="true">
              2
            </span>{' '}
            Open strong
          </h2>
          <p>Your first message does four things:</p>
          <ul>
            <li>greets the customer by name and says who you are;</li>
            <li>names their issue, so they can tell you have read it;</li>
            <li>says what you will do next;</li>
            <li>says how long that will take.</li>
          </ul>
          <p className="example">
            “Hi Dana, I’m Alex from the billing team. I’ve read your chat about the second charge on your Pro plan. I’m
            checking both payments with our payments system now; give me about three minutes.”
          </p>
        </section>

        <section aria-labelledby="card-never" className="desk-card__never">
          <h2 id="card-never">
            <span className="step" aria-hidden="true">
              ✗
            </span>{' '}
            Never ask
          </h2>
          <ul>
            <li>what the issue is;</li>
            <li>for the order number, or anything else the assistant already collected;</li>
            <li>what happened.</li>
          </ul>
          <p>If it is on the card, say it back (“I can see order #12345…”) instead of asking for it.</p>
        </section>

        <section aria-labelledby="card-always" className="desk-card__always">
          <h2 id="card-always">
            <span className="step" aria-hidden="true">
              ✓
            </span>{' '}
            Always
          </h2>
          <ul>
            <li>
              <strong>Use the AI’s context</strong>: everything the assistant gathered is yours to use.
            </li>
            <li>
              <strong>Set time expectations</strong>: say how long each step will take.
            </li>
            <li>
              <strong>Narrate</strong>: while you look something up, say what you are checking. Silence feels like a
              second failure.
            </li>
            <li>
              <strong>Confirm resolution</strong>: before you close, ask whether the problem is really solved.
            </li>
          </ul>
        </section>
      </div>

      <footer className="desk-card__foot">
        <p>
          Mentioning the earlier chat is fine (“I’ve read your conversation with our assistant”). Blaming the assistant
          or apologising for it is not: acknowledge the frustration once, then act.
        </p>
      </footer>
    </article>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
