#!/usr/bin/env node
// Writes api/schema.graphql from the code (boots the API on a throwaway in-memory database).
import { writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfNeeded, root } from './lib.mjs';

buildIfNeeded({ api: true, web: false });
const { loadConfig } = await import(join(root, 'dist/api/common/config/config.js'));
const { openDatabase } = await import(join(root, 'dist/api/common/database/data-source.js'));
const { createApi } = await import(join(root, 'dist/api/server.js'));
const { printApiSchema } = await import(join(root, 'dist/api/common/graphql/print-schema.js'));

const dataDir = mkdtempSync(join(tmpdir(), 'baton-schema-'));
const api = await createApi(loadConfig({ BATON_DATA_DIR: dataDir, BATON_DEMO: '0' }), { database: await openDatabase({}), logger: false });
writeFileSync(join(root, 'api/schema.graphql'), printApiSchema(api.app));
await api.close();
rmSync(dataDir, { recursive: true, force: true });
console.log('Wrote api/schema.graphql');
