import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form } from '@remix-run/react';
import { RouteErrorBoundary } from '~/components/ErrorView';

export const meta: MetaFunction = () => [{ title: 'Verify a certificate · Baton' }];

// The form is a GET: /verify?code=X forwards to the shareable address /verify/X.
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get('code')?.trim();
  if (code) throw redirect(`/verify/${encodeURIComponent(code)}`);
  return null;
}

export default function VerifyForm() {
  return (
    <section className="panel panel--narrow" aria-labelledby="verify-heading">
      <h1 id="verify-heading">Verify a certificate</h1>
      <p>Enter the code printed on a Baton certificate to see whether it is valid.</p>
      <Form method="get" className="form">
        <div className="field">
          <label htmlFor="verify-code">Certificate code</label>
          <input id="verify-code" name="code" type="text" required autoComplete="off" spellCheck={false} />
        </div>
        <button type="submit" className="button">
          Verify
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
