#!/usr/bin/env node
// `npm test`: every test (unit, API integration, browser end-to-end). With DATABASE_URL set the
// API and browser tests run against that PostgreSQL server, else on the embedded PGlite.
// Extra arguments go to vitest, e.g. `npm test -- --project api`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildIfNeeded, root } from './lib.mjs';

const args = process.argv.slice(2);
const projects = args.flatMap((a, i) => (a === '--project' ? [args[i + 1]] : []));
const vitest = (extra) =>
  spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...extra], { cwd: root, stdio: 'inherit' }).status ?? 1;

if (projects.length > 0) {
  // The browser tests run the built API and web app, exactly as `npm start` does.
  if (projects.includes('e2e')) buildIfNeeded({ api: true, web: true });
  process.exit(vitest(args));
}

// Unit and API tests first, then the browser tests on their own: each browser test file starts
// Baton and Chromium, which on a 2-core machine would otherwise starve the API tests (and be
// starved by them) into timeouts.
buildIfNeeded({ api: true, web: true });
const first = vitest(['--project', 'unit', '--project', 'api', ...args]);
const second = vitest(['--project', 'e2e', '--no-file-parallelism', '--maxWorkers=1', ...args]);
process.exit(first || second);
