import { ACTIVITY_STATUS_LABEL } from '~/lib/format';
import type { ActivityStatus, SignOffDecision } from '~/lib/types';

const ICON: Record<ActivityStatus, string> = {
  LOCKED: '⊘',
  AVAILABLE: '○',
  IN_PROGRESS: '◐',
  AWAITING_SIGN_OFF: '◷',
  COMPLETED: '✓',
};

/** An activity's status as icon plus words; an overridden completion says so. */
export function StatusBadge({ status, overridden = false }: { status: ActivityStatus; overridden?: boolean }) {
  const label = ACTIVITY_STATUS_LABEL[status] + (overridden ? ' (overridden)' : '');
  return (
    <span className={`badge badge--${status.toLowerCase().replace(/_/g, '-')}`}>
      <span className="badge__icon" aria-hidden="true">
        {ICON[status]}
      </span>
      {label}
    </span>
  );
}

/** A yes/no shown with a mark and a word. */
export function YesNo({ value, yes = 'Yes', no = 'No' }: { value: boolean; yes?: string; no?: string }) {
  return (
    <span className={value ? 'yesno yesno--yes' : 'yesno yesno--no'}>
      <span aria-hidden="true">{value ? '✓ ' : '✗ '}</span>
      {value ? yes : no}
    </span>
  );
}

/** A sign-off decision as a mark and words. */
export function Decision({ decision }: { decision: SignOffDecision }) {
  const approved = decision === 'APPROVED';
  return (
    <strong>
      <span aria-hidden="true">{approved ? '✓ ' : '↺ '}</span>
      {approved ? 'Approved' : 'Changes requested'}
    </strong>
  );
}
