#!/usr/bin/env node
// The web app's HTTP server: what remix-serve did (compression, static assets, request logging,
// the Remix handler) plus security headers with a per-response CSP nonce, a cross-site check on
// every state-changing request, and the client's address for the API's login throttle.
// Usage: node web/server/index.mjs [build/server/index.js]
//
// express 4 and @remix-run/express are loaded from @remix-run/serve's own dependencies: the
// repository root resolves `express` to version 5 (for Nest), which @remix-run/express does not
// support.
import { createRequire } from 'node:module';
import { installGlobals } from '@remix-run/node';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readWebConfig, WebConfigError } from './config.mjs';
import { newNonce, refuseCrossSite, securityHeaders } from './security.mjs';

const fromServe = createRequire(createRequire(import.meta.url).resolve('@remix-run/serve/package.json'));
const express = fromServe('express');
const compression = fromServe('compression');
const morgan = fromServe('morgan');
const { createRequestHandler } = fromServe('@remix-run/express');

process.env.NODE_ENV = process.env.NODE_ENV ?? 'production';

let config;
try {
  config = readWebConfig(process.env);
} catch (error) {
  if (!(error instanceof WebConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const buildPath = resolve(process.argv[2] ?? 'build/server/index.js');
const build = await import(pathToFileURL(buildPath).href);
installGlobals({ nativeFetch: build.future.v3_singleFetch });

const app = express();
app.disable('x-powered-by');
app.set('trust proxy', config.trustProxy);
app.use((req, res, next) => {
  res.locals.cspNonce = newNonce();
  next();
});
app.use(securityHeaders(config));
app.use(refuseCrossSite(config.publicUrl.origin));
app.use(compression());
app.use(build.publicPath, builtFiles(build.assetsBuildDirectory));
app.use(morgan('tiny'));
app.all(
  '*',
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    // req.ip follows X-Forwarded-For only through the proxies BATON_WEB_TRUST_PROXY names.
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientAddress: req.ip }),
  }),
);

/**
 * The client build's files (hashed, so cached for a year). Only requests under one of the build
 * folder's own entries (assets/, …) look on disk: every page request would otherwise cost a
 * file-system lookup for a file that cannot be there.
 */
function builtFiles(directory) {
  const serve = express.static(directory, { immutable: true, maxAge: '1y' });
  const entries = new Set(readdirSync(directory));
  return (req, res, next) => (entries.has(req.path.split('/')[1]) ? serve(req, res, next) : next());
}

const server = app.listen(config.port, process.env.HOST, () => {
  console.log(`[baton web] http://localhost:${config.port} (public address ${config.publicUrl.origin})`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Live role-play streams stay open; they get a moment to end, then the process goes.
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
