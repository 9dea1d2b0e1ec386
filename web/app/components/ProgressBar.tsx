import { formatPercent } from '~/lib/format';

/** A progress bar that states its value in text too, so it never relies on colour or shape alone. */
export function ProgressBar({ value, label, size = 'normal' }: { value: number; label: string; size?: 'normal' | 'small' }) {
  const clamped = Math.max(0, Math.min(100, value));
  return (
    <div className={`progress progress--${size}`}>
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(clamped)}
        aria-valuetext={`${formatPercent(clamped)} complete`}
      >
        <div className="progress__fill" style={{ width: `${clamped}%` }} />
      </div>
      <span className="progress__text" aria-hidden="true">
        {formatPercent(clamped)}
      </span>
    </div>
  );
}
