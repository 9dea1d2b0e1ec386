import { describeOffset, formatOffset, priorityWord, sentimentWord, SPEAKER_WORDS, type CardData, type Turn } from '~/lib/attempts';

/**
 * The escalation card a handoff arrives with, every field, compactly: who, tier and tenure, why
 * it was escalated, what the AI tried, sentiment and priority, the AI's summary, the facts it
 * collected and the conversation so far.
 */
export function EscalationCard({
  card,
  headingId,
  heading = 'Escalation card',
  transcriptOpen = false,
}: {
  card: CardData;
  headingId: string;
  heading?: string;
  transcriptOpen?: boolean;
}) {
  return (
    <section className="esc-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="esc-card__heading">
        {heading}
      </h2>
      <dl className="esc-card__fields">
        <div className="esc-card__wide">
          <dt>Customer</dt>
          <dd className="esc-card__name">{card.customerName}</dd>
        </div>
        <div>
          <dt>Tier and tenure</dt>
          <dd>
            {card.tier}
            {card.tenure ? `, ${card.tenure}` : ''}
          </dd>
        </div>
        <div>
          <dt>Sentiment</dt>
          <dd>{sentimentWord(card.sentiment)}</dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>{priorityWord(card.priority)}</dd>
        </div>
        <div className="esc-card__wide">
          <dt>Escalation reason</dt>
          <dd>{card.escalationReason}</dd>
        </div>
        <div className="esc-card__wide">
          <dt>
            What the AI tried ({card.aiAttempts} {card.aiAttempts === 1 ? 'attempt' : 'attempts'})
          </dt>
          <dd>{card.aiTried}</dd>
        </div>
        <div className="esc-card__wide">
          <dt>AI summary</dt>
          <dd>{card.summary}</dd>
        </div>
      </dl>
      <KnownFacts facts={card.knownFacts} />
      {card.transcript.length > 0 ? (
        <details className="esc-card__transcript" open={transcriptOpen}>
          <summary>
            Conversation so far ({card.transcript.length} {card.transcript.length === 1 ? 'message' : 'messages'})
          </summary>
          <Transcript turns={card.transcript} />
        </details>
      ) : null}
    </section>
  );
}

export function KnownFacts({ facts }: { facts: { label: string; value: string }[] }) {
  if (facts.length === 0) return <p className="muted small">The AI collected no facts.</p>;
  return (
    <div className="known-facts">
      <h3 className="known-facts__heading">Known facts (already collected by the AI)</h3>
      <dl>
        {facts.map((fact) => (
          <div key={fact.label}>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Who spoke and when, relative to the handoff ("+0:45"), in words for screen readers too. */
export function TurnMeta({ turn }: { turn: Turn }) {
  return (
    <span className="turn__meta">
      <span className={`turn__speaker turn__speaker--${turn.speaker.toLowerCase()}`}>{SPEAKER_WORDS[turn.speaker]}</span>{' '}
      <span className="turn__time" aria-hidden="true">
        {formatOffset(turn.at)}
      </span>
      <span className="visually-hidden">, {describeOffset(turn.at)}</span>
    </span>
  );
}

export function Transcript({ turns }: { turns: Turn[] }) {
  return (
    <ol className="transcript">
      {turns.map((turn, i) => (
        <li key={i} className={`turn turn--${turn.speaker.toLowerCase()}`}>
          <TurnMeta turn={turn} />
          <p className="turn__text">{turn.text}</p>
        </li>
      ))}
    </ol>
  );
}
