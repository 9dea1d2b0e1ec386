import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig, ConfigError } from '../../api/src/common/config/config.js';

const root = join(import.meta.dirname, '../..');

// No Docker engine runs here, so the compose file is checked by reading it.
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'));

  it('runs PostgreSQL 16 or newer, the API and the web app', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'db', 'web']);
    const major = Number(/^postgres:(\d+)/.exec(compose.services.db.image)?.[1]);
    expect(major).toBeGreaterThanOrEqual(16);
  });

  it('points the API at the database and the web app at the API, on the contract ports', () => {
    const { api, web } = compose.services;
    expect(api.environment.DATABASE_URL).toMatch(/^postgres:\/\/baton:.*@db:5432\/baton$/);
    expect(api.environment.API_PORT).toBe('4000');
    expect(api.ports).toContain('4000:4000');
    expect(api.depends_on.db.condition).toBe('service_healthy');
    expect(web.environment.BATON_API_URL).toBe('http://api:4000/graphql');
    expect(web.environment.PORT).toBe('3000');
    expect(web.ports).toContain('3000:3000');
  });

  it('runs the web app through its own server, which the image contains', () => {
    const { web } = compose.services;
    expect(web.command).toEqual(['node', 'web/server/index.mjs', 'build/server/index.js']);
    expect(existsSync(join(root, web.command[1]))).toBe(true);
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/web\/server \.\/web\/server$/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/build \.\/build$/m);
  });

  it('demands the public address, which decides Secure cookies and the allowed origin', () => {
    expect(compose.services.web.environment.BATON_PUBLIC_URL).toMatch(/:\?/);
    expect(compose.services.web.environment.NODE_ENV).toBe('production');
  });

  it('demands the secrets instead of shipping defaults', () => {
    expect(compose.services.api.environment.JWT_SECRET).toMatch(/:\?/);
    expect(compose.services.web.environment.SESSION_SECRET).toMatch(/:\?/);
    expect(compose.services.db.environment.POSTGRES_PASSWORD).toMatch(/:\?/);
  });
});

describe('environment validation', () => {
  it('applies the contract defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ apiPort: 4000, webPort: 3000, dataDir: './.data', databaseUrl: undefined, demo: undefined, admin: undefined });
  });

  it('names the variable in every problem', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ API_PORT: 'eighty' })).toEqual([expect.stringContaining('API_PORT')]);
    expect(problems({ PORT: '70000' })).toEqual([expect.stringContaining('PORT')]);
    expect(problems({ DATABASE_URL: 'mysql://x' })).toEqual([expect.stringContaining('DATABASE_URL')]);
    expect(problems({ BATON_DEMO: 'maybe' })).toEqual([expect.stringContaining('BATON_DEMO')]);
    expect(problems({ BATON_ADMIN_EMAIL: 'a@b.co' })).toEqual([expect.stringContaining('BATON_ADMIN_PASSWORD')]);
    expect(problems({ JWT_SECRET: 'short' })).toEqual([expect.stringContaining('JWT_SECRET')]);
    expect(problems({ API_PORT: 'x', PORT: 'y' })).toHaveLength(2);
  });

  it('reads flags and the admin pair', () => {
    expect(loadConfig({ BATON_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ BATON_DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ BATON_ADMIN_EMAIL: 'a@b.co', BATON_ADMIN_PASSWORD: 'secret-secret' }).admin).toEqual({ email: 'a@b.co', password: 'secret-secret' });
  });
});
