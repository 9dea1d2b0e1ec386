import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { formatDateTime } from '~/lib/format';
import type { ActivityStatus } from '~/lib/types';
import { CsrfField } from '../CsrfField';
import { Field, FormMessage } from '../FormBits';
import {
  formatDuration,
  practiceResult,
  RATING_WORDS,
  START_ROLE_PLAY_INTENT,
  STATUS_WORDS,
  type Partner,
  type RolePlayPanelData,
  type RolePlayStatus,
  type RolePlaySummary,
} from './model';

/** A session's status as a mark and a word. */
export function RolePlayStatusBadge({ status }: { status: RolePlayStatus }) {
  const s = STATUS_WORDS[status];
  return (
    <span className={s.className}>
      <span className="badge__icon" aria-hidden="true">
        {s.icon}
      </span>
      {s.label}
    </span>
  );
}

/** "4 of 5 (Good)" or a dash in words. */
export function RatingText({ rating }: { rating: number | null }) {
  if (rating == null) return <span className="muted">Not rated yet</span>;
  return (
    <span>
      {rating} of 5 ({RATING_WORDS[rating] ?? ''})
    </span>
  );
}

/**
 * A trainee's ROLE_PLAY activity: their sessions as the agent with their status, and a form to
 * invite a partner to play the customer (it posts `intent=start-role-play` to the page's own
 * action, which redirects to the live page). `readOnly` is the supervisor's view of the list.
 */
export function RolePlayPanel({
  data,
  status,
  readOnly = false,
  withdrawn = false,
  heading,
  idPrefix = 'role-play',
}: {
  data: RolePlayPanelData;
  /** The activity's status for the trainee; LOCKED hides the form. */
  status?: ActivityStatus;
  readOnly?: boolean;
  withdrawn?: boolean;
  heading?: string;
  idPrefix?: string;
}) {
  const own = !readOnly;
  const open = data.sessions.filter((s) => s.status !== 'ENDED');
  return (
    <section className="panel role-play-panel" aria-labelledby={`${idPrefix}-heading`}>
      <h2 id={`${idPrefix}-heading`}>{heading ?? (own ? 'Your role-plays' : 'Role-plays as the agent')}</h2>
      {own ? (
        <>
          <p>
            Invite someone from your cohort to play the customer. They get a private brief; you get only the escalation card, as a real
            handoff arrives. The clock for your first response starts when you open the card. At the end your partner rates the handoff
            from 1 to 5 and you read the debrief together.
          </p>
          {status === 'LOCKED' ? (
            <p className="notice">
              <span aria-hidden="true">⊘ </span>Locked: role-plays open once every activity of the week before is completed.
            </p>
          ) : withdrawn ? (
            <p className="notice">This enrollment has been withdrawn, so no new role-play can be started.</p>
          ) : (
            <>
              {open.length > 0 ? (
                <p className="notice">
                  You have {open.length === 1 ? 'a session' : `${open.length} sessions`} still open:{' '}
                  {open.map((s, i) => (
                    <span key={s.id}>
                      {i > 0 ? ', ' : ''}
                      <Link to={`/role-plays/${encodeURIComponent(s.id)}`}>with {s.customer.name}</Link>
                    </span>
                  ))}
                  .
                </p>
              ) : null}
              <StartRolePlayForm partners={data.partners} activityKey={data.activityKey} idPrefix={`${idPrefix}-start`} />
            </>
          )}
        </>
      ) : null}

      <h3 id={`${idPrefix}-list-heading`}>{own ? 'Your sessions as the agent' : 'Sessions'}</h3>
      <RolePlayTable sessions={data.sessions} timeZone={data.timeZone} labelledBy={`${idPrefix}-list-heading`} viewer={own ? 'agent' : 'observer'} />
    </section>
  );
}

function RolePlayTable({
  sessions,
  timeZone,
  labelledBy,
  viewer,
}: {
  sessions: RolePlaySummary[];
  timeZone: string;
  labelledBy: string;
  viewer: 'agent' | 'observer';
}) {
  if (sessions.length === 0) return <p className="muted">No role-play yet.</p>;
  return (
    <div className="table-wrap">
      <table aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Customer played by</th>
            <th scope="col">Status</th>
            <th scope="col">First response</th>
            <th scope="col">Opening score</th>
            <th scope="col">Customer rating</th>
            <th scope="col">
              <span className="visually-hidden">Session</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>{formatDateTime(s.createdAt, timeZone)}</td>
              <td>{s.customer.name}</td>
              <td>
                <RolePlayStatusBadge status={s.status} />
              </td>
              <td>{s.firstResponseSeconds != null ? formatDuration(s.firstResponseSeconds) : <span className="muted">None yet</span>}</td>
              <td>{s.openingScore != null ? `${s.openingScore} / 100` : <span className="muted">None yet</span>}</td>
              <td>
                <RatingText rating={s.customerRating} />
              </td>
              <td>
                <Link to={`/role-plays/${encodeURIComponent(s.id)}`}>
                  {s.status === 'ENDED' ? 'Review' : viewer === 'agent' ? 'Continue' : 'Watch'}
                  <span className="visually-hidden"> the session with {s.customer.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Choose who plays the customer, then go to the live page. Used on the activity page and on /role-plays. */
export function StartRolePlayForm({ partners, activityKey, idPrefix }: { partners: Partner[]; activityKey: string; idPrefix: string }) {
  const result = practiceResult(useActionData(), START_ROLE_PLAY_INTENT);
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle' && navigation.formData?.get('intent') === START_ROLE_PLAY_INTENT;
  const feedback = result && (result.values.activityKey ?? activityKey) === activityKey ? result.feedback : undefined;
  const trainees = partners.filter((p) => p.role === 'TRAINEE');
  const staff = partners.filter((p) => p.role !== 'TRAINEE');
  if (partners.length === 0) {
    return <p className="notice">Nobody else in your cohort can play the customer yet. Ask your supervisor.</p>;
  }
  return (
    <Form method="post" className="form form--inline start-role-play">
      <CsrfField />
      <input type="hidden" name="intent" value={START_ROLE_PLAY_INTENT} />
      <input type="hidden" name="activityKey" value={activityKey} />
      <Field formId={idPrefix} name="partnerId" label="Who plays the customer?" hint="They find the invitation under Role-plays." feedback={feedback}>
        {(p) => (
          <select {...p} required defaultValue={result?.values.partnerId ?? ''}>
            <option value="" disabled>
              Choose a partner
            </option>
            {trainees.length > 0 ? (
              <optgroup label="Trainees in your cohort">
                {trainees.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {staff.length > 0 ? (
              <optgroup label="Supervisors">
                {staff.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Starting…' : 'Invite and start'}
      </button>
      <FormMessage feedback={feedback} />
    </Form>
  );
}
