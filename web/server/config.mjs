// The web server's environment, read once at start (web/server/index.mjs) and by the app for its
// cookies. Plain JavaScript so the server runs without a build step; the Remix app bundles it too.
// Every problem names its variable, like the API's config does.

export class WebConfigError extends Error {
  /** @param {string[]} problems */
  constructor(problems) {
    super(`The web app's environment is not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'WebConfigError';
    this.problems = problems;
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for an address that only ever reaches the machine it is typed on. */
export function isLoopbackHost(hostname) {
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off', ''];

/**
 * @typedef {object} WebConfig
 * @property {boolean} production NODE_ENV=production
 * @property {number} port
 * @property {URL} publicUrl the address people use (BATON_PUBLIC_URL, default http://localhost:PORT)
 * @property {boolean} https the public address is https://
 * @property {boolean} cookieSecure whether the session and flash cookies carry the Secure flag
 * @property {string | number | string[]} trustProxy express "trust proxy": who may say, in X-Forwarded-For, which client they forward
 * @property {string | undefined} sessionSecret
 */

/**
 * @param {Record<string, string | undefined>} env
 * @returns {WebConfig}
 */
export function readWebConfig(env) {
  const problems = [];
  const production = env.NODE_ENV === 'production';

  let port = 3000;
  if (env.PORT) {
    port = Number(env.PORT);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      problems.push(`PORT must be a port number from 1 to 65535, got "${env.PORT}"`);
      port = 3000;
    }
  }

  let publicUrl = new URL(`http://localhost:${port}`);
  if (env.BATON_PUBLIC_URL) {
    try {
      publicUrl = new URL(env.BATON_PUBLIC_URL);
      if (publicUrl.protocol !== 'http:' && publicUrl.protocol !== 'https:') throw new Error('not http');
    } catch {
      problems.push(`BATON_PUBLIC_URL must be an http:// or https:// URL such as https://baton.example.com, got "${env.BATON_PUBLIC_URL}"`);
    }
  }
  const https = publicUrl.protocol === 'https:';

  const allowHttp = (env.BATON_ALLOW_INSECURE_HTTP ?? '').toLowerCase();
  if (!TRUE.includes(allowHttp) && !FALSE.includes(allowHttp)) {
    problems.push(`BATON_ALLOW_INSECURE_HTTP must be 1 or 0 (or true/false), got "${env.BATON_ALLOW_INSECURE_HTTP}"`);
  }

  // Production means Secure cookies. The one exception is an address that never leaves the machine
  // (`npm start` on http://localhost): browsers differ on Secure cookies there, and nothing crosses
  // a network. Any other plain-HTTP production address is refused unless the operator says, with
  // BATON_ALLOW_INSECURE_HTTP=1, that sessions and passwords may travel unencrypted.
  let cookieSecure = https;
  if (production && !https && !isLoopbackHost(publicUrl.hostname)) {
    if (TRUE.includes(allowHttp)) {
      cookieSecure = false;
    } else {
      problems.push(
        `BATON_PUBLIC_URL is ${publicUrl.origin}: in production Baton's session cookie is Secure, which browsers only send over HTTPS. ` +
          'Serve Baton over HTTPS and set BATON_PUBLIC_URL=https://…, or set BATON_ALLOW_INSECURE_HTTP=1 to accept sign-ins over plain HTTP.',
      );
    }
  }

  const sessionSecret = env.SESSION_SECRET || undefined;
  if (production && !sessionSecret) problems.push('SESSION_SECRET must be set when NODE_ENV=production (it signs the session cookie)');
  else if (production && sessionSecret && sessionSecret.length < 32) problems.push('SESSION_SECRET must be at least 32 characters long');

  /** @type {string | number | string[]} */
  let trustProxy = 'loopback';
  const rawTrust = env.BATON_WEB_TRUST_PROXY?.trim();
  if (rawTrust) {
    if (/^\d+$/.test(rawTrust)) trustProxy = Number(rawTrust);
    else {
      const entries = rawTrust.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = entries.filter((e) => !/^(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d+)?)$/i.test(e));
      if (bad.length) {
        problems.push(`BATON_WEB_TRUST_PROXY must be a number of proxy hops or a comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal, got "${rawTrust}"`);
      }
      trustProxy = entries;
    }
  }

  if (problems.length) throw new WebConfigError(problems);
  return { production, port, publicUrl, https, cookieSecure, trustProxy, sessionSecret };
}
