import { isIP } from 'node:net';
import { z } from 'zod';

// Environment is validated once at boot; each bad value is reported with the variable's name so an
// operator can fix it without reading code.
const port = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a port number from 1 to 65535, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const flag = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
      if (['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be 1 or 0 (or true/false), got "${v}"` });
      return z.NEVER;
    });

const integer = (name: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

// Express's `trust proxy` values: addresses whose X-Forwarded-For is believed (login throttling by address).
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [ip, prefix, ...rest] = entry.split('/');
  const family = isIP(ip);
  if (!family || rest.length) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

const envSchema = z
  .object({
    NODE_ENV: z.string().optional(),
    API_PORT: port('API_PORT', 4000),
    PORT: port('PORT', 3000),
    DATABASE_URL: z
      .string()
      .optional()
      .refine((v) => !v || /^postgres(ql)?:\/\//.test(v), {
        message: 'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded database)',
      }),
    BATON_DATA_DIR: z.string().min(1, 'BATON_DATA_DIR must not be empty').optional(),
    BATON_CURRICULUM_DIR: z.string().min(1).optional(),
    BATON_ADMIN_EMAIL: z.string().email('BATON_ADMIN_EMAIL must be an email address').optional(),
    BATON_ADMIN_PASSWORD: z.string().optional(),
    BATON_DEMO: flag('BATON_DEMO'),
    BATON_PUBLIC_URL: z.string().url('BATON_PUBLIC_URL must be a URL such as https://baton.example.com').optional(),
    JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters long').optional(),
    JWT_EXPIRES_IN: z
      .string()
      .regex(/^\d+[smhd]$/, 'JWT_EXPIRES_IN must look like 30m, 12h or 7d')
      .optional(),
    BATON_WEBHOOK_SECRET: z
      .string()
      .optional()
      .refine((v) => !v || v.length >= 32, { message: 'BATON_WEBHOOK_SECRET must be at least 32 characters long (or unset)' }),
    XAPI_LRS_URL: z
      .string()
      .optional()
      .refine((v) => !v || isHttpUrl(v), {
        message: 'XAPI_LRS_URL must be an http:// or https:// URL of the LRS endpoint, such as https://lrs.example.com/xapi',
      }),
    XAPI_LRS_USERNAME: z.string().optional(),
    XAPI_LRS_PASSWORD: z.string().optional(),
    XAPI_LRS_INTERVAL_MS: integer('XAPI_LRS_INTERVAL_MS', 10_000, 100, 3_600_000),
    XAPI_LRS_MAX_ATTEMPTS: integer('XAPI_LRS_MAX_ATTEMPTS', 20, 1, 1000),
    // Input limits (docs/decisions/015-input-limits.md).
    BATON_GRAPHQL_MAX_DEPTH: integer('BATON_GRAPHQL_MAX_DEPTH', 12, 3, 100),
    BATON_GRAPHQL_MAX_COMPLEXITY: integer('BATON_GRAPHQL_MAX_COMPLEXITY', 1500, 50, 1_000_000),
    BATON_MAX_STRING_LENGTH: integer('BATON_MAX_STRING_LENGTH', 10_000, 100, 10_000_000),
    BATON_MAX_LIST_LENGTH: integer('BATON_MAX_LIST_LENGTH', 500, 10, 100_000),
    BATON_JSON_BODY_LIMIT_KB: integer('BATON_JSON_BODY_LIMIT_KB', 1024, 16, 102_400),
    BATON_STATEMENT_COUNT: flag('BATON_STATEMENT_COUNT'),
    // POST /handoffs/import (docs/handoff-import.md): one transaction holds a whole file.
    BATON_IMPORT_MAX_BYTES: integer('BATON_IMPORT_MAX_BYTES', 256 * 1024 * 1024, 1024, 64 * 1024 * 1024 * 1024),
    BATON_IMPORT_MAX_ROWS: integer('BATON_IMPORT_MAX_ROWS', 500_000, 1, 10_000_000),
    BATON_TRUST_PROXY: z
      .string()
      .optional()
      .transform((v, ctx) => {
        const entries = (v ?? '').split(',').map((e) => e.trim()).filter(Boolean);
        if (!entries.length) return ['loopback'];
        const bad = entries.find((e) => !isProxyEntry(e));
        if (bad === undefined) return entries;
        ctx.addIssue({
          code: 'custom',
          message: `BATON_TRUST_PROXY must list proxy addresses, comma-separated: IPs, CIDR ranges (10.0.0.0/8) or loopback, linklocal, uniquelocal; got "${bad}"`,
        });
        return z.NEVER;
      }),
  })
  .superRefine((env, ctx) => {
    if (!!env.BATON_ADMIN_EMAIL !== !!env.BATON_ADMIN_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: [env.BATON_ADMIN_EMAIL ? 'BATON_ADMIN_PASSWORD' : 'BATON_ADMIN_EMAIL'],
        message: 'BATON_ADMIN_EMAIL and BATON_ADMIN_PASSWORD must be set together',
      });
    }
    if (!!env.XAPI_LRS_USERNAME !== !!env.XAPI_LRS_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: [env.XAPI_LRS_USERNAME ? 'XAPI_LRS_PASSWORD' : 'XAPI_LRS_USERNAME'],
        message: 'XAPI_LRS_USERNAME and XAPI_LRS_PASSWORD must be set together',
      });
    } else if (env.XAPI_LRS_URL && !env.XAPI_LRS_USERNAME) {
      ctx.addIssue({
        code: 'custom',
        path: ['XAPI_LRS_USERNAME'],
        message: 'XAPI_LRS_USERNAME and XAPI_LRS_PASSWORD must be set when XAPI_LRS_URL is (HTTP Basic credentials of the LRS)',
      });
    } else if (!env.XAPI_LRS_URL && env.XAPI_LRS_USERNAME) {
      ctx.addIssue({
        code: 'custom',
        path: ['XAPI_LRS_URL'],
        message: 'XAPI_LRS_URL must be set when XAPI_LRS_USERNAME and XAPI_LRS_PASSWORD are',
      });
    }
    if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'JWT_SECRET is required in production with DATABASE_URL (every API process must share it)',
      });
    }
  });

export interface BatonConfig {
  production: boolean;
  apiPort: number;
  webPort: number;
  /** Server URL, or undefined for the embedded PGlite database. */
  databaseUrl?: string;
  dataDir: string;
  curriculumDir: string;
  admin?: { email: string; password: string };
  /** undefined: load the demo only when the embedded database is new. */
  demo?: boolean;
  publicUrl: string;
  jwtSecret?: string;
  jwtExpiresIn: string;
  /** Signs POST /webhooks/handoffs (docs/handoff-import.md); the webhook answers 503 without it. */
  webhookSecret?: string;
  /** Push xAPI statements to this LRS (exports/lrs, docs/decisions/009); undefined: no push. */
  lrs?: LrsConfig;
  /** Sizes of what a caller may send (docs/decisions/015-input-limits.md). */
  limits: RequestLimits;
  /** Answer every HTTP request with X-Statement-Count (common/database/statement-counter.ts). */
  statementCount: boolean;
  /** Largest handoff import file accepted, in bytes and in rows (docs/handoff-import.md). */
  importLimits: { maxBytes: number; maxRows: number };
  /** Express `trust proxy`: whose X-Forwarded-For gives req.ip (default: loopback, the web app on this host). */
  trustProxy: string[];
}

export interface RequestLimits {
  maxDepth: number;
  maxComplexity: number;
  maxStringLength: number;
  maxListLength: number;
  jsonBodyBytes: number;
}

export interface LrsConfig {
  /** The LRS endpoint base without a trailing slash; statements go to `${url}/statements`. */
  url: string;
  username: string;
  password: string;
  /** How often each API process looks for new statements and sends due ones. */
  intervalMs: number;
  /** Sending attempts per statement before it is kept as failed. */
  maxAttempts: number;
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname && !u.search && !u.hash;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): BatonConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const variable = String(i.path[0] ?? '');
        return i.message.includes(variable) ? i.message : `${variable}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    production: e.NODE_ENV === 'production',
    apiPort: e.API_PORT,
    webPort: e.PORT,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: e.BATON_DATA_DIR ?? './.data',
    curriculumDir: e.BATON_CURRICULUM_DIR ?? './curriculum',
    admin: e.BATON_ADMIN_EMAIL ? { email: e.BATON_ADMIN_EMAIL, password: e.BATON_ADMIN_PASSWORD! } : undefined,
    demo: e.BATON_DEMO,
    publicUrl: (e.BATON_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    jwtSecret: e.JWT_SECRET,
    jwtExpiresIn: e.JWT_EXPIRES_IN ?? '12h',
    webhookSecret: e.BATON_WEBHOOK_SECRET || undefined,
    lrs: e.XAPI_LRS_URL
      ? {
          url: e.XAPI_LRS_URL.replace(/\/+$/, ''),
          username: e.XAPI_LRS_USERNAME!,
          password: e.XAPI_LRS_PASSWORD!,
          intervalMs: e.XAPI_LRS_INTERVAL_MS,
          maxAttempts: e.XAPI_LRS_MAX_ATTEMPTS,
        }
      : undefined,
    statementCount: e.BATON_STATEMENT_COUNT ?? false,
    importLimits: { maxBytes: e.BATON_IMPORT_MAX_BYTES, maxRows: e.BATON_IMPORT_MAX_ROWS },
    trustProxy: e.BATON_TRUST_PROXY,
    limits: {
      maxDepth: e.BATON_GRAPHQL_MAX_DEPTH,
      maxComplexity: e.BATON_GRAPHQL_MAX_COMPLEXITY,
      maxStringLength: e.BATON_MAX_STRING_LENGTH,
      maxListLength: e.BATON_MAX_LIST_LENGTH,
      jsonBodyBytes: e.BATON_JSON_BODY_LIMIT_KB * 1024,
    },
  };
}

export const BATON_CONFIG = Symbol('BATON_CONFIG');
