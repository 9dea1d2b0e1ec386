import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

// The built API refuses to start on bad configuration, naming each bad variable.
describe('starting the API with a bad environment', () => {
  it('exits with a message naming every bad variable', () => {
    const r = spawnSync(process.execPath, [join(root, 'dist/api/main.js')], {
      cwd: root,
      env: { PATH: process.env.PATH, API_PORT: 'four-thousand', DATABASE_URL: 'mysql://nope', BATON_DEMO: 'perhaps' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/API_PORT must be a port number/);
    expect(r.stderr).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(r.stderr).toMatch(/BATON_DEMO must be 1 or 0/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
