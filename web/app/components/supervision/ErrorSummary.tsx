import { useEffect, useRef } from 'react';
import type { ActionFeedback } from '~/components/FormBits';

/**
 * A failed form's message at the top of the page, linking to the field it is about: without
 * JavaScript the page reloads at its top, so this is where people look first.
 */
export function ErrorSummary({ feedback, fieldId, formName }: { feedback: ActionFeedback | undefined; fieldId: string | null; formName: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (feedback && !feedback.ok) ref.current?.focus();
  }, [feedback]);
  if (!feedback || feedback.ok) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">
        <span aria-hidden="true">⚠ </span>
        {formName}: not saved
      </h2>
      <p>{fieldId ? <a href={`#${fieldId}`}>{feedback.message}</a> : feedback.message}</p>
    </div>
  );
}
