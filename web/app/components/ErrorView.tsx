import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';

const TITLES: Record<number, string> = {
  400: 'That request could not be used',
  403: 'Not available to you',
  404: 'Not found',
  502: 'Baton could not complete this',
  503: 'Baton is briefly unavailable',
};

/** The error page every route module exports as its ErrorBoundary. Never shows a stack trace. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  let status = 500;
  let detail = 'Something went wrong on our side. Try again, and tell your administrator if it keeps happening.';
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (typeof error.data === 'string' && error.data.trim()) detail = error.data;
    else if (status === 404) detail = 'There is nothing at this address.';
    else if (status === 403) detail = 'Your role does not give access to this page.';
  } else if (error instanceof Error) {
    console.error(error);
  }
  return (
    <section className="panel error-view" aria-labelledby="error-heading">
      <h1 id="error-heading">{TITLES[status] ?? 'Something went wrong'}</h1>
      <p>{detail}</p>
      <p className="muted small">Error {status}</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </section>
  );
}
