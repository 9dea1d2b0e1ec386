import type { ReactNode } from 'react';

/** Same shape as FormFeedback in lib/api.server.ts: success, or an error beside a field (or the form). */
export interface ActionFeedback {
  ok: boolean;
  message: string;
  field: string | null;
}

/** The message for one field, with the id its input points at through aria-describedby. */
function FieldMessage({ id, feedback, field }: { id: string; feedback: ActionFeedback | undefined; field: string }) {
  if (!feedback || feedback.ok || feedback.field !== field) return null;
  return (
    <p id={id} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {feedback.message}
    </p>
  );
}

/** Success, or an error not tied to a single field, shown at the foot of the form. */
export function FormMessage({ feedback }: { feedback: ActionFeedback | undefined }) {
  if (!feedback || (!feedback.ok && feedback.field)) return null;
  return (
    <p className={feedback.ok ? 'form-status form-status--ok' : 'form-status form-status--error'} role={feedback.ok ? 'status' : 'alert'}>
      <span aria-hidden="true">{feedback.ok ? '✓ ' : '⚠ '}</span>
      {feedback.message}
    </p>
  );
}

/** A labelled field: label above the control, error message under it, wired up for screen readers. */
export function Field({
  name,
  label,
  hint,
  feedback,
  formId,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  feedback: ActionFeedback | undefined;
  formId: string;
  children: (props: { id: string; name: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = `${formId}-${name}`;
  const hasError = !!feedback && !feedback.ok && feedback.field === name;
  const describedBy = [hint ? `${id}-hint` : null, hasError ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children({ id, name, 'aria-describedby': describedBy, 'aria-invalid': hasError || undefined })}
      <FieldMessage id={`${id}-error`} feedback={feedback} field={name} />
    </div>
  );
}
