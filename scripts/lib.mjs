// Small helpers shared by the npm scripts (plain Node, no build step needed).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

/** Newest modification time under a folder (files only), skipping node_modules. */
export function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

export function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

export function run(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (r.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Builds the API and/or the web app when their sources are newer than the last build. */
export function buildIfNeeded({ api = true, web = true } = {}) {
  const sharedInputs = Math.max(mtime(join(root, 'package.json')), mtime(join(root, 'package-lock.json')));
  if (api) {
    const built = mtime(join(root, 'dist/api/main.js'));
    if (!built || Math.max(newestMtime(join(root, 'api/src')), sharedInputs) > built) {
      console.log('Building the API…');
      run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'api/tsconfig.build.json']);
    }
  }
  if (web) {
    const built = mtime(join(root, 'build/server/index.js'));
    if (!built || Math.max(newestMtime(join(root, 'web')), sharedInputs) > built) {
      console.log('Building the web app…');
      run(bin('remix'), ['vite:build', '--config', 'web/vite.config.ts']);
    }
  }
}
