import { Decision } from '~/components/StatusBadge';
import { formatDateTime } from '~/lib/format';
import type { SignOff } from '~/lib/types';

/** Every sign-off of an enrollment, newest first: decision, activity, comment, who and when. */
export function SignOffHistory({ signOffs, timeZone }: { signOffs: SignOff[]; timeZone: string }) {
  const ordered = [...signOffs].sort((a, b) => new Date(b.signedAt).getTime() - new Date(a.signedAt).getTime());
  return (
    <section className="panel" aria-labelledby="signoffs-heading" id="sign-off-history">
      <h2 id="signoffs-heading">Sign-off history ({ordered.length})</h2>
      {ordered.length === 0 ? (
        <p>No sign-off is recorded yet.</p>
      ) : (
        <ol className="history">
          {ordered.map((s) => (
            <li key={s.id} className={s.decision === 'APPROVED' ? 'history__item history__item--approved' : 'history__item history__item--changes'}>
              <p className="history__line">
                <Decision decision={s.decision} /> · {s.activity.title}
              </p>
              <p className="small muted">
                by {s.supervisor.name}, <time dateTime={s.signedAt}>{formatDateTime(s.signedAt, timeZone)}</time>
              </p>
              {s.comment ? <blockquote>{s.comment}</blockquote> : <p className="small muted">No comment.</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
