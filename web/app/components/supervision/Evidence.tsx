import { Link } from '@remix-run/react';
import { YesNo } from '~/components/StatusBadge';
import { formatDateTime, formatMeasure } from '~/lib/format';
import { formatSeconds, formatShortDateTime, secondsBetween } from './format';
import type { Evidence, HandoffReview, RolePlaySummary, ScorecardItem, ShadowingObservation } from './types';

/** What the trainee handed in for one activity, beside the sign-off form. */
export function EvidenceView({ evidence, timeZone, idPrefix }: { evidence: Evidence; timeZone: string; idPrefix: string }) {
  switch (evidence.kind) {
    case 'SHADOWING':
      return <ObservationList observations={evidence.observations} timeZone={timeZone} />;
    case 'ROLE_PLAY':
      return <RolePlayTable sessions={evidence.sessions} timeZone={timeZone} />;
    case 'HANDOFFS':
      return (
        <>
          <ReviewSummary reviews={evidence.reviews} />
          <HandoffReviewTable
            reviews={evidence.reviews}
            timeZone={timeZone}
            caption={`${evidence.reviews.length} recorded ${evidence.mode === 'SOLO' ? 'solo' : 'supervised'} ${evidence.reviews.length === 1 ? 'review' : 'reviews'}, latest handoff first`}
            idPrefix={idPrefix}
            compact
          />
        </>
      );
    default:
      return <p className="muted">This activity has no logged work to show here; check it with the trainee.</p>;
  }
}

function ObservationList({ observations, timeZone }: { observations: ShadowingObservation[]; timeZone: string }) {
  if (observations.length === 0) return <p>No observation is logged yet.</p>;
  return (
    <>
      <p className="small muted">
        {observations.length} {observations.length === 1 ? 'observation' : 'observations'} logged, oldest first.
      </p>
      <ol className="evidence-obs">
        {observations.map((o) => (
          <li key={o.id} className="evidence-obs__item">
            <p className="evidence-obs__when">
              Watched {formatDateTime(o.observedAt, timeZone)}
              <span className="muted"> · logged {formatDateTime(o.loggedAt, timeZone)}</span>
            </p>
            <dl className="evidence-obs__notes">
              <div>
                <dt>Situation</dt>
                <dd>{o.situation}</dd>
              </div>
              <div>
                <dt>What the agent did well</dt>
                <dd>{o.didWell}</dd>
              </div>
              <div>
                <dt>What they would do differently</dt>
                <dd>{o.wouldChange}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ol>
    </>
  );
}

const ROLE_PLAY_STATUS: Record<RolePlaySummary['status'], string> = { INVITED: 'Invited', LIVE: 'Live now', ENDED: 'Ended' };

function RolePlayTable({ sessions, timeZone }: { sessions: RolePlaySummary[]; timeZone: string }) {
  if (sessions.length === 0) return <p>No role-play session yet.</p>;
  return (
    <div className="table-wrap">
      <table className="compact">
        <caption>
          {sessions.length} role-play {sessions.length === 1 ? 'session' : 'sessions'} as the agent
        </caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Customer played by</th>
            <th scope="col">First response</th>
            <th scope="col">Opening score</th>
            <th scope="col">Customer's rating</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <Link to={`/role-plays/${encodeURIComponent(s.id)}`}>{formatDateTime(s.createdAt, timeZone)}</Link>
                <span className="block small muted">{ROLE_PLAY_STATUS[s.status] ?? s.status}</span>
              </th>
              <td>{s.customer.name}</td>
              <td>{s.firstResponseSeconds == null ? <span className="muted">none</span> : formatSeconds(s.firstResponseSeconds)}</td>
              <td>{s.openingScore == null ? <span className="muted">none</span> : `${s.openingScore} / 100`}</td>
              <td>{s.customerRating == null ? <span className="muted">not rated</span> : `${s.customerRating} of 5`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The reviews of one mode in a sentence each: the figures the five metrics are made of. */
function ReviewSummary({ reviews }: { reviews: HandoffReview[] }) {
  if (reviews.length === 0) return null;
  const waits = reviews.map((r) => secondsBetween(r.handedOffAt, r.firstResponseAt)).filter((s): s is number => s != null);
  const available = reviews.reduce((n, r) => n + r.contextItemsAvailable, 0);
  const used = reviews.reduce((n, r) => n + r.contextItemsUsed, 0);
  const rated = reviews.filter((r) => r.csat != null);
  const repeated = reviews.filter((r) => r.customerRepeated).length;
  const resolved = reviews.filter((r) => r.resolved).length;
  return (
    <ul className="review-summary">
      {waits.length ? <li>Mean first response: {formatSeconds(waits.reduce((a, b) => a + b, 0) / waits.length)}</li> : null}
      <li>Context used: {available ? formatMeasure(Math.round((used / available) * 1000) / 10, '%') : 'none handed over'}</li>
      <li>
        Customer had to repeat: {repeated} of {reviews.length}
      </li>
      <li>
        Mean CSAT:{' '}
        {rated.length ? `${formatMeasure(Math.round((rated.reduce((n, r) => n + (r.csat ?? 0), 0) / rated.length) * 100) / 100, 'score')} (${rated.length} answered)` : 'no answers'}
      </li>
      <li>
        Resolved: {resolved} of {reviews.length}
      </li>
    </ul>
  );
}

/** Recorded QA reviews of live handoffs, one row each; `compact` for the narrow column beside a form. */
export function HandoffReviewTable({
  reviews,
  timeZone,
  caption,
  idPrefix,
  compact = false,
  scorecard,
}: {
  reviews: HandoffReview[];
  timeZone: string;
  caption: string;
  idPrefix: string;
  compact?: boolean;
  /** The program's scorecard: names the failed critical items in the QA column. */
  scorecard?: ScorecardItem[];
}) {
  const showMode = !compact;
  if (reviews.length === 0) return <p>No handoff review is recorded yet.</p>;
  return (
    <div className="table-wrap">
      <table className={compact ? 'compact reviews reviews--narrow' : 'compact reviews'}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Conversation</th>
            {showMode ? <th scope="col">Mode</th> : null}
            <th scope="col">Handed over</th>
            <th scope="col">{compact ? 'First reply' : 'First response after'}</th>
            <th scope="col">{compact ? 'Context' : 'Context used'}</th>
            <th scope="col">{compact ? 'Repeat?' : 'Customer repeated?'}</th>
            <th scope="col">CSAT</th>
            <th scope="col">Resolved?</th>
            <th scope="col">QA</th>
          </tr>
        </thead>
        <tbody>
          {reviews.map((r) => {
            const wait = secondsBetween(r.handedOffAt, r.firstResponseAt);
            return (
              <tr key={r.id} id={`${idPrefix}-${r.id}`}>
                <th scope="row">
                  <code>{r.externalId}</code>
                  {r.notes ? <span className="block small review-notes">{r.notes}</span> : null}
                </th>
                {showMode ? <td>{r.mode === 'SOLO' ? 'Solo' : 'Supervised'}</td> : null}
                <td>{compact ? formatShortDateTime(r.handedOffAt, timeZone) : formatDateTime(r.handedOffAt, timeZone)}</td>
                <td>{wait == null ? '—' : formatSeconds(wait)}</td>
                <td>
                  {r.contextItemsUsed} of {r.contextItemsAvailable}
                </td>
                <td>
                  {r.customerRepeated ? (
                    <span className="yesno yesno--no">
                      <span aria-hidden="true">✗ </span>Yes
                    </span>
                  ) : (
                    'No'
                  )}
                </td>
                <td>{r.csat ?? <span className="muted">no answer</span>}</td>
                <td>
                  <YesNo value={r.resolved} />
                </td>
                <td>
                  <QaResult review={r} scorecard={scorecard} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A review's QA result: score, passed or not, and the critical items that failed it. */
export function QaResult({ review, scorecard }: { review: HandoffReview; scorecard?: ScorecardItem[] }) {
  if (review.qaScore == null || review.scorecard == null) return <span className="muted">no scorecard</span>;
  const answers = new Map(review.scorecard.map((a) => [a.key, a]));
  const failedCritical = (scorecard ?? []).filter((i) => i.critical && answers.get(i.key)?.passed !== true);
  const failed = review.scorecard.filter((a) => !a.passed);
  const questionOf = (key: string) => scorecard?.find((i) => i.key === key)?.question ?? key;
  return (
    <div className="qa-result">
      <span className={review.qaPassed ? 'yesno yesno--yes' : 'yesno yesno--no'}>
        <span aria-hidden="true">{review.qaPassed ? '✓ ' : '✗ '}</span>
        {review.qaScore}% · {review.qaPassed ? 'passed' : 'failed'}
      </span>
      {failedCritical.length > 0 ? (
        <span className="block small">
          Failed critical: {failedCritical.map((i) => i.question).join(' ')}
        </span>
      ) : null}
      {failed.length > 0 ? (
        <details className="small">
          <summary>{failed.length} not passed</summary>
          <ul>
            {failed.map((a) => (
              <li key={a.key}>
                {questionOf(a.key)}
                {a.note ? <span className="block muted">{a.note}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
