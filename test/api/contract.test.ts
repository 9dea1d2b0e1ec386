import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printApiSchema } from '../../api/src/common/graphql/print-schema.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const root = join(import.meta.dirname, '../..');
const committedSchema = join(root, 'api/schema.graphql');
const contractCopy = join(root, 'test/fixtures/contract/core.graphql');
const sharedContract = join(root, '../shared/contract/core.graphql');

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(() => t?.close());

describe('the GraphQL contract', () => {
  it('api/schema.graphql is what the code generates (run `npm run schema:generate` after changing the API)', () => {
    expect(readFileSync(committedSchema, 'utf8')).toBe(printApiSchema(t.api.app));
  });

  it('the vendored copy of the contract matches ../shared/contract when it is there', () => {
    if (!existsSync(sharedContract)) return;
    expect(readFileSync(contractCopy, 'utf8')).toBe(readFileSync(sharedContract, 'utf8'));
  });

  it('has no breaking change against the contract (graphql-inspector diff)', () => {
    const contract = existsSync(sharedContract) ? sharedContract : contractCopy;
    let output: string;
    try {
      output = execFileSync(join(root, 'node_modules/.bin/graphql-inspector'), ['diff', contract, committedSchema], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      throw new Error(`graphql-inspector reported breaking changes:\n${err.stdout}\n${err.stderr}`);
    }
    expect(output).not.toMatch(/Detected \d+ breaking change/i);
  });
});

describe('the database schema', () => {
  it('is exactly what the entities describe after every migration ran (nothing left for synchronize)', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('never edits a published program version', async () => {
    await expect(t.dataSource.query(`UPDATE program_versions SET title = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`UPDATE activities SET title = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM weeks`)).rejects.toThrow(/append-only/);
  });

  it('keeps the audit log append-only', async () => {
    await t.dataSource.query(
      `INSERT INTO audit_log (action, entity_type, entity_id) VALUES ('USER_CREATED', 'user', 'x')`,
    );
    await expect(t.dataSource.query(`UPDATE audit_log SET reason = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });
});
