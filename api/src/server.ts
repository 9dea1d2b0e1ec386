import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import helmet, { type HelmetOptions } from 'helmet';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage } from 'node:http';
import { RAW_BODY_PATHS } from './handoff-import/raw-body.js';
import { join } from 'node:path';
import { AppModule } from './app.module.js';
import type { BatonConfig } from './common/config/config.js';
import { openDatabase, type OpenDatabase } from './common/database/data-source.js';
import { CurriculumService, type PublishResult } from './curriculum/curriculum.service.js';
import { seedDemo, type DemoLogin } from './demo/demo-seed.js';
import { countStatements, statementCountMiddleware } from './common/database/statement-counter.js';
import { IdentityService } from './identity/identity.service.js';

export interface StartedApi {
  app: INestApplication;
  database: OpenDatabase;
  demoLogins: DemoLogin[] | null;
  published: PublishResult;
  close(): Promise<void>;
}

export interface CreateApiOptions {
  /** Use this database instead of the one the config names (tests). */
  database?: OpenDatabase;
  logger?: false | ('error' | 'warn' | 'log')[];
}

/**
 * Everything `npm start` and the tests share: open and migrate the database, build the Nest app,
 * publish the curriculum, make sure the configured admin exists and load the demo when asked.
 */
export async function createApi(config: BatonConfig, options: CreateApiOptions = {}): Promise<StartedApi> {
  const database =
    options.database ??
    (await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { pgliteDir: join(config.dataDir, 'pglite') }));
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, dataSource: database.dataSource }), {
      // One JSON parser, registered below, that leaves the streamed routes' bodies unread.
      bodyParser: false,
      // Start-up chatter only when asked for; warnings and errors always.
      logger: options.logger ?? (process.env.BATON_DEBUG ? ['error', 'warn', 'log'] : ['error', 'warn']),
    });
    // BATON_STATEMENT_COUNT=1: X-Statement-Count on every response (npm run bench reads it).
    if (config.statementCount) {
      countStatements(database.dataSource);
      app.use(statementCountMiddleware);
    }
    // The handoff import streams files of any size and the webhook checks a signature over the
    // exact bytes sent, so both read their own bodies; everything else is JSON up to
    // BATON_JSON_BODY_LIMIT_KB (1 MB), refused beyond with a 413 JSON error (DomainErrorFilter).
    app.useBodyParser('json', {
      limit: config.limits.jsonBodyBytes,
      type: (req: IncomingMessage) =>
        /\bjson\b/i.test(req.headers['content-type'] ?? '') && !RAW_BODY_PATHS.some((path) => req.url?.startsWith(path)),
    });
    // Login throttling (docs/decisions/014) needs the caller: req.ip from X-Forwarded-For only when sent by BATON_TRUST_PROXY (default loopback).
    app.set('trust proxy', config.trustProxy);
    // Every answer here is a POST result or a per-user download that is never revalidated, so an
    // ETag is a hash of the whole body (10 MB for HR's overview) that nobody reads.
    app.set('etag', false);
    app.enableCors({ origin: [config.publicUrl, `http://localhost:${config.webPort}`, `http://127.0.0.1:${config.webPort}`] });
    app.use(helmet(apiSecurityHeaders(config)));
    // No app.enableShutdownHooks(): main.ts handles SIGINT/SIGTERM and closes the app *and then the
    // database*. Nest's own handler re-raised the signal as soon as the app had closed, killing the
    // process before the embedded database was closed and its lock file removed.
    await app.init();

    const curriculum = app.get(CurriculumService);
    const published = await curriculum.publishFromDirectory(config.curriculumDir);
    const identity = app.get(IdentityService);
    if (config.admin) await identity.ensureAdmin(config.admin.email, config.admin.password);

    const wantDemo = config.demo ?? (database.embedded && database.isNew);
    const demoLogins = wantDemo ? await seedDemo(app) : null;

    return {
      app,
      database,
      demoLogins,
      published,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (e) {
    if (!options.database) await database.close();
    throw e;
  }
}

/**
 * Security headers for the API's answers: JSON, certificate files (PDF, JSON-LD) and an event
 * stream. None of them is a page to run scripts in or to frame, so the policy allows nothing;
 * HSTS only when the public address is https (docs/decisions/015-input-limits.md).
 */
export function apiSecurityHeaders(config: Pick<BatonConfig, 'publicUrl'>): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    // The web app (another port, same site) and verifiers fetching a credential with CORS still read them.
    crossOriginResourcePolicy: { policy: 'same-site' },
    strictTransportSecurity: config.publicUrl.startsWith('https://') ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  };
}
