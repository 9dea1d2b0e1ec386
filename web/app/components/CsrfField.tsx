import { CSRF_FIELD, useCsrfToken } from '~/lib/csrf';

/**
 * The CSRF token as a hidden field. Put it first in every form that posts: multipart uploads are
 * checked from their first field, before the file arrives (test/unit/csrf-forms.test.ts checks).
 */
export function CsrfField() {
  return <input type="hidden" name={CSRF_FIELD} value={useCsrfToken()} />;
}
