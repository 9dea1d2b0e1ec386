#!/usr/bin/env node
// `npm start`: build what is stale, start the API (which migrates, publishes the curriculum and
// loads the demo on a new embedded database), then the web app, and print where they are.
// `npm run start:api`: the same without the web app.
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildIfNeeded, root } from './lib.mjs';

const apiOnly = process.argv.includes('--api-only');
const env = { ...process.env };
const apiPort = env.API_PORT || '4000';
const webPort = env.PORT || '3000';
const dataDir = resolve(root, env.BATON_DATA_DIR || '.data');

buildIfNeeded({ api: true, web: !apiOnly });

// The web app signs its session cookie with this; generated once into the data dir, like JWT_SECRET.
function sessionSecret() {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

const children = [];
function stopAll(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 300).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

const api = fork(join(root, 'dist/api/main.js'), [], { cwd: root, env, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
children.push(api);
api.on('exit', (code) => {
  if (code) console.error(`The API stopped (exit ${code}).`);
  stopAll(code ?? 1);
});

api.on('message', (message) => {
  if (message?.type !== 'ready') return;
  if (apiOnly) return;
  // web/server/index.mjs: the Remix build behind security headers and the cross-site check.
  const web = spawn(process.execPath, [join(root, 'web/server/index.mjs'), join(root, 'build/server/index.js')], {
    cwd: root,
    env: {
      ...env,
      PORT: webPort,
      BATON_API_URL: env.BATON_API_URL || `http://127.0.0.1:${apiPort}/graphql`,
      SESSION_SECRET: sessionSecret(),
      NODE_ENV: env.NODE_ENV || 'production',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(web);
  let announced = false;
  web.stdout.on('data', (chunk) => {
    const text = chunk.toString();
    if (!announced && /http:\/\//.test(text)) {
      announced = true;
      console.log(`\nBaton is running:\n  Web app  http://localhost:${webPort}\n  API      http://localhost:${apiPort}/graphql\n`);
      if (message.demoLogins) console.log('Sign in with one of the demo logins above. Stop with Ctrl+C.\n');
    } else if (process.env.BATON_DEBUG) process.stdout.write(text);
  });
  web.on('exit', (code) => {
    if (code) console.error(`The web app stopped (exit ${code}).`);
    stopAll(code ?? 1);
  });
});
