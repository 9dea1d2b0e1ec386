#!/usr/bin/env node
// `npm test`: every test (unit, API integration, browser end-to-end). With DATABASE_URL set the
// API tests run against that PostgreSQL server, else on the embedded PGlite.
// Extra arguments go to vitest, e.g. `npm test -- --project api`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildIfNeeded, root } from './lib.mjs';

const args = process.argv.slice(2);
const onlyUnitOrApi = args.some((a, i) => a === '--project' && ['unit', 'api'].includes(args[i + 1]));
// The browser tests run the built API and web app, exactly as `npm start` does.
if (!onlyUnitOrApi) buildIfNeeded({ api: true, web: true });
const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...args], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
