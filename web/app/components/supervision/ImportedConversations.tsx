import { Link } from '@remix-run/react';
import { formatDateTime } from '~/lib/format';
import type { HandoffReview } from './types';

const SPEAKER: Record<string, string> = { CUSTOMER: 'Customer', AI: 'Assistant', AGENT: 'Agent' };

/** Seconds after the handoff as "+1:05" (or "−0:40" for the assistant's part before it). */
function offset(at: string, handedOffAt: string): string {
  const s = Math.round((Date.parse(at) - Date.parse(handedOffAt)) / 1000);
  const abs = Math.abs(s);
  return `${s < 0 ? '−' : '+'}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Reviews imported with their conversation: the escalation context and the transcript the QA was
 * pre-filled from, so the reviewer can confirm or correct it (the form below replaces the review).
 */
export function ImportedConversations({ reviews, timeZone }: { reviews: HandoffReview[]; timeZone: string }) {
  const imported = reviews.filter((r) => r.conversation);
  if (imported.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="conversations-heading" id="conversations">
      <h2 id="conversations-heading">Imported conversations ({imported.length})</h2>
      <p className="muted">
        The QA of these handoffs was pre-filled from their transcripts. Read the conversation, then confirm or correct the scorecard: saving
        it again under the same conversation id replaces the review.
      </p>
      {imported.map((r) => {
        const c = r.conversation!;
        return (
          <details key={r.id} className="conversation">
            <summary>
              {r.externalId} · {r.mode === 'SOLO' ? 'solo' : 'supervised'} · handed off {formatDateTime(r.handedOffAt, timeZone)}
              {r.qaScore !== null ? ` · QA ${r.qaScore}% ${r.qaPassed ? 'passed' : 'failed'}` : ''}
            </summary>
            <dl className="conversation__context">
              {c.customerName ? (
                <>
                  <dt>Customer</dt>
                  <dd>{c.customerName}</dd>
                </>
              ) : null}
              {c.issueSummary ? (
                <>
                  <dt>The assistant's summary</dt>
                  <dd>{c.issueSummary}</dd>
                </>
              ) : null}
              {c.knownFacts.length ? (
                <>
                  <dt>Facts the assistant collected</dt>
                  <dd>
                    <ul>
                      {c.knownFacts.map((f) => (
                        <li key={f.label}>
                          {f.label}: {f.value}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </dl>
            {c.transcript?.length ? (
              <ol className="conversation__turns" aria-label={`Transcript of ${r.externalId}`}>
                {c.transcript.map((turn, i) => (
                  <li key={i} className={`turn turn--${turn.speaker.toLowerCase()}`}>
                    <span className="turn__who">
                      {SPEAKER[turn.speaker] ?? turn.speaker} <span className="muted">{offset(turn.at, r.handedOffAt)}</span>
                    </span>{' '}
                    {turn.text}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">No transcript came with this handoff.</p>
            )}
            {r.scorecard?.length ? (
              <ul className="conversation__qa" aria-label="Pre-filled scorecard">
                {r.scorecard.map((a) => (
                  <li key={a.key}>
                    {a.passed ? '✓ Pass' : '✗ Fail'}: {a.key.replace(/_/g, ' ').toLowerCase()}
                    {a.note ? <span className="muted"> — {a.note}</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            <p>
              <Link to={`?correct=${encodeURIComponent(r.externalId)}#record-review`}>Confirm or correct the QA of {r.externalId}</Link>
            </p>
          </details>
        );
      })}
    </section>
  );
}
