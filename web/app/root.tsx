import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { CsrfField } from '~/components/CsrfField';
import { RouteErrorBoundary } from '~/components/ErrorView';
import { issueCsrfToken } from '~/lib/csrf.server';
import { ROLE_LABEL } from '~/lib/format';
import { useNonce } from '~/lib/nonce';
import { authOf, getSession } from '~/lib/session.server';
import type { Role, SessionUser } from '~/lib/types';
import styles from '~/styles/app.css?url';

// An inline icon spares every page a request for /favicon.ico.
const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%2314213d'/%3E%3Cpath d='M9 24 23 8' stroke='%23ffd166' stroke-width='4' stroke-linecap='round'/%3E%3C/svg%3E";

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: ICON, type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => [
  { title: 'Baton' },
  { name: 'description', content: 'Training and certification for support agents who take conversations over from an AI assistant.' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  // Every page may hold a form, so every page gets a CSRF token (web/app/lib/csrf.ts).
  const csrf = await issueCsrfToken(session);
  return data({ user: authOf(session)?.user ?? null, csrf: csrf.token }, { headers: csrf.headers });
}

interface NavItem {
  to: string;
  label: string;
}

const GUIDE: NavItem = { to: '/guide', label: 'Desk card' };
const ROLE_PLAYS: NavItem = { to: '/role-plays', label: 'Role-plays' };

const NAV_BY_ROLE: Record<Role, NavItem[]> = {
  TRAINEE: [{ to: '/', label: 'My training' }, ROLE_PLAYS, GUIDE],
  SUPERVISOR: [{ to: '/supervise', label: 'My cohorts' }, ROLE_PLAYS, GUIDE],
  HR: [{ to: '/hr', label: 'Cohorts and completions' }, GUIDE],
  ADMIN: [
    { to: '/admin', label: 'Administration' },
    { to: '/hr', label: 'Cohorts and completions' },
    { to: '/supervise', label: 'Supervision' },
    GUIDE,
  ],
};

const PUBLIC_NAV: NavItem[] = [GUIDE, { to: '/verify', label: 'Verify a certificate' }];

function SiteHeader({ user }: { user: SessionUser | null }) {
  const nav = user ? NAV_BY_ROLE[user.role] : PUBLIC_NAV;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          Baton
        </Link>
        <nav aria-label="Main" className="site-nav">
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          {user ? (
            <>
              <span className="account__who">
                {user.name} <span className="account__role">({ROLE_LABEL[user.role] ?? user.role})</span>
              </span>
              <Form method="post" action="/logout" reloadDocument>
                <CsrfField />
                <button type="submit" className="button button--quiet">
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <Link to="/login" className="button button--quiet">
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>('root');
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          Skip to main content
        </a>
        <SiteHeader user={rootData?.user ?? null} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Baton · training for AI-to-human handoffs · <Link to="/guide">Desk card</Link> ·{' '}
            <Link to="/verify">Verify a certificate</Link>
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export const ErrorBoundary = RouteErrorBoundary;
