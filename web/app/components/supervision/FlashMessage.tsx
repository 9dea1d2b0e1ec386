import { Link } from '@remix-run/react';
import { useEffect, useRef } from 'react';

export interface FlashData {
  message: string;
  link?: { href: string; text: string };
}

/**
 * What the last form did, shown once after its redirect. A status region, so screen readers announce
 * it; focused after a client-side submission so keyboard users land on it too.
 */
export function FlashMessage({ flash }: { flash: FlashData | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (flash) ref.current?.focus();
  }, [flash]);
  if (!flash) return null;
  return (
    <div ref={ref} className="flash" role="status" tabIndex={-1}>
      <p>
        <span aria-hidden="true">✓ </span>
        {flash.message}
        {flash.link ? (
          <>
            {' '}
            <Link to={flash.link.href}>{flash.link.text}</Link>
          </>
        ) : null}
      </p>
    </div>
  );
}
