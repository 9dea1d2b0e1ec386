import { describe, expect, it } from 'vitest';
import { readWebConfig, WebConfigError } from '../../web/server/config.mjs';
import { crossSiteReason, helmetOptions } from '../../web/server/security.mjs';

const SECRET = 'x'.repeat(48);

function problems(env: Record<string, string>): string[] {
  try {
    readWebConfig(env);
    return [];
  } catch (error) {
    return (error as WebConfigError).problems;
  }
}

describe('the session cookie flags', () => {
  it('are not Secure in development on plain http', () => {
    expect(readWebConfig({}).cookieSecure).toBe(false);
    expect(readWebConfig({ BATON_PUBLIC_URL: 'http://baton.lan:3000' }).cookieSecure).toBe(false);
  });

  it('are Secure whenever the public address is https', () => {
    expect(readWebConfig({ BATON_PUBLIC_URL: 'https://baton.example.com' }).cookieSecure).toBe(true);
    expect(readWebConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, BATON_PUBLIC_URL: 'https://baton.example.com' }).cookieSecure).toBe(true);
  });

  it('stay usable for `npm start` on this machine (production on a loopback address)', () => {
    for (const url of [undefined, 'http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
      const env: Record<string, string> = { NODE_ENV: 'production', SESSION_SECRET: SECRET };
      if (url) env.BATON_PUBLIC_URL = url;
      expect(readWebConfig(env).cookieSecure).toBe(false);
    }
  });

  it('refuse production on a plain-http network address unless the operator allows it explicitly', () => {
    const env = { NODE_ENV: 'production', SESSION_SECRET: SECRET, BATON_PUBLIC_URL: 'http://baton.company.internal' };
    expect(problems(env)).toEqual([expect.stringMatching(/BATON_PUBLIC_URL.*HTTPS.*BATON_ALLOW_INSECURE_HTTP=1/)]);
    expect(readWebConfig({ ...env, BATON_ALLOW_INSECURE_HTTP: '1' }).cookieSecure).toBe(false);
  });
});

describe('the web environment', () => {
  it('names every bad variable', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([expect.stringContaining('SESSION_SECRET must be set')]);
    expect(problems({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toEqual([expect.stringContaining('SESSION_SECRET must be at least 32')]);
    expect(problems({ PORT: 'web' })).toEqual([expect.stringContaining('PORT')]);
    expect(problems({ BATON_PUBLIC_URL: 'ftp://x' })).toEqual([expect.stringContaining('BATON_PUBLIC_URL')]);
    expect(problems({ BATON_WEB_TRUST_PROXY: 'everyone' })).toEqual([expect.stringContaining('BATON_WEB_TRUST_PROXY')]);
    expect(problems({ BATON_ALLOW_INSECURE_HTTP: 'maybe' })).toEqual([expect.stringContaining('BATON_ALLOW_INSECURE_HTTP')]);
  });

  it('trusts X-Forwarded-For from loopback only, unless told which proxies', () => {
    expect(readWebConfig({}).trustProxy).toBe('loopback');
    expect(readWebConfig({ BATON_WEB_TRUST_PROXY: '10.0.0.5, 172.16.0.0/12' }).trustProxy).toEqual(['10.0.0.5', '172.16.0.0/12']);
    expect(readWebConfig({ BATON_WEB_TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });
});

describe('the cross-site check', () => {
  const origin = 'https://baton.example.com';
  it('lets reads and same-origin posts through', () => {
    expect(crossSiteReason('GET', { 'sec-fetch-site': 'cross-site' }, origin)).toBeNull();
    expect(crossSiteReason('POST', { 'sec-fetch-site': 'same-origin', origin }, origin)).toBeNull();
    expect(crossSiteReason('POST', { origin, host: 'web:3000' }, origin)).toBeNull();
    expect(crossSiteReason('POST', { origin: 'http://localhost:3000', host: 'localhost:3000' }, origin)).toBeNull();
  });

  it('refuses posts another site made', () => {
    expect(crossSiteReason('POST', { 'sec-fetch-site': 'cross-site', origin }, origin)).toMatch(/cross-site/);
    expect(crossSiteReason('POST', { 'sec-fetch-site': 'same-site' }, origin)).toMatch(/same-site/);
    expect(crossSiteReason('POST', { origin: 'https://evil.example', host: 'baton.example.com' }, origin)).toMatch(/evil/);
    expect(crossSiteReason('DELETE', { origin: 'null', host: 'baton.example.com' }, origin)).toMatch(/null/);
  });

  it('leaves requests with neither header to the CSRF token', () => {
    expect(crossSiteReason('POST', { host: 'baton.example.com' }, origin)).toBeNull();
  });
});

describe('the security headers', () => {
  it('send HSTS and upgrade requests only when Baton is served over https', () => {
    const https = helmetOptions({ https: true });
    const http = helmetOptions({ https: false });
    expect(https.strictTransportSecurity).toMatchObject({ maxAge: 31536000 });
    expect(http.strictTransportSecurity).toBe(false);
    const directives = (o: typeof http) => (o.contentSecurityPolicy as { directives: Record<string, unknown> }).directives;
    expect(directives(https)).toHaveProperty('upgrade-insecure-requests');
    expect(directives(http)).not.toHaveProperty('upgrade-insecure-requests');
  });
});
