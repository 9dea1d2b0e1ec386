// The HTTP-level protections of the web server (docs/decisions/013-web-security.md): response
// headers for every response, and a cross-site check in front of every state-changing request.
import { randomBytes } from 'node:crypto';
import helmet from 'helmet';

/** A fresh value per response, for the `nonce` of Remix's inline scripts. */
export function newNonce() {
  return randomBytes(16).toString('base64');
}

/**
 * helmet's options for this app. Scripts run only from our own files or with the response's nonce
 * (Remix's inline hydration data); nothing may frame Baton; forms post only to Baton.
 * @param {{ https: boolean }} config
 * @returns {import('helmet').HelmetOptions}
 */
export function helmetOptions({ https }) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'script-src': ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'"],
        // Progress bars set their width in a style attribute, which must render without JavaScript;
        // an attribute cannot load or run anything.
        'style-src-attr': ["'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'manifest-src': ["'self'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    // Cross-origin isolation headers would only get in the way of the certificate PDF and
    // credential JSON that other sites link to.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
    // "same-origin", not "no-referrer": with no-referrer browsers send `Origin: null` on form
    // posts, which the cross-site check below would refuse.
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  };
}

/** The express middleware setting the headers; `res.locals.cspNonce` must be set before it. */
export function securityHeaders(config) {
  return helmet(helmetOptions(config));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a request must be refused as cross-site, or null when it may go on. Browsers say where a
 * request comes from in Sec-Fetch-Site (all current ones) or at least Origin; a request with
 * neither is not from a browser page, and the form's CSRF token decides (web/app/lib/csrf.server.ts).
 * @param {string} method
 * @param {{ 'sec-fetch-site'?: string, origin?: string, host?: string }} headers
 * @param {string} publicOrigin the origin of BATON_PUBLIC_URL (what the browser sees behind a proxy)
 * @returns {string | null}
 */
export function crossSiteReason(method, headers, publicOrigin) {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const site = headers['sec-fetch-site'];
  if (site) return site === 'same-origin' || site === 'none' ? null : `Sec-Fetch-Site is ${site}`;
  const origin = headers.origin;
  if (!origin) return null;
  if (origin === publicOrigin) return null;
  try {
    if (origin !== 'null' && new URL(origin).host === headers.host) return null;
  } catch {
    // not a URL: refused below
  }
  return `Origin is ${origin}`;
}

/** Express middleware: 403 for a state-changing request another site's page made. */
export function refuseCrossSite(publicOrigin) {
  return (req, res, next) => {
    const reason = crossSiteReason(req.method, req.headers, publicOrigin);
    if (!reason) return next();
    res
      .status(403)
      .type('text/plain; charset=utf-8')
      .send('This request came from another site, so Baton refused it. Open Baton itself and send the form again.');
  };
}
