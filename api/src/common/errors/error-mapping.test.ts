import { ServiceUnavailableException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { badInput } from './domain-error.js';
import { formatGraphQLError, toHttpError, type ErrorLog } from './error-mapping.js';

function recorder() {
  const logged: { errorId: string; error: unknown; level: string }[] = [];
  const log: ErrorLog = (errorId, error, level) => logged.push({ errorId, error, level });
  return { logged, log };
}

const sqlError = () =>
  new QueryFailedError('SELECT * FROM users WHERE id = $1', ['x'], Object.assign(new Error('relation "users" does not exist'), { code: '42P01' }));

describe('one error mapping', () => {
  it('answers an unexpected resolver error with a generic message and an id, and logs the details under that id', () => {
    const { logged, log } = recorder();
    const error = new GraphQLError('boom', { path: ['me'], originalError: sqlError() });
    const out = formatGraphQLError({ message: 'relation "users" does not exist', path: ['me'] }, error, log);
    expect(out.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const errorId = out.extensions?.errorId as string;
    expect(errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.message).toContain(errorId);
    expect(JSON.stringify(out)).not.toMatch(/users|SELECT|relation|at .*\.ts/);
    expect(logged).toEqual([{ errorId, error: error.originalError, level: 'error' }]);
  });

  it('maps a PostgreSQL data exception (a value no check stopped) to BAD_USER_INPUT without the SQL, logged as a warning', () => {
    const { logged, log } = recorder();
    const driver = Object.assign(new Error('invalid input syntax for type uuid: "x"'), { code: '22P02' });
    const error = new GraphQLError('x', { path: ['enrollment'], originalError: new QueryFailedError('SELECT 1 FROM enrollments WHERE id = $1', ['x'], driver) });
    const out = formatGraphQLError({ message: driver.message, path: ['enrollment'] }, error, log);
    expect(out.extensions?.code).toBe('BAD_USER_INPUT');
    expect(out.message).not.toMatch(/uuid|SELECT|enrollments/);
    expect(logged[0].level).toBe('warn');
    expect(toHttpError(driver, log).status).toBe(400);
  });

  it('keeps a domain error as it is, with its field', () => {
    const out = formatGraphQLError({ message: 'x', path: ['a'] }, new GraphQLError('x', { originalError: badInput('Too long.', { field: 'body', limit: 10 }) }));
    expect(out).toMatchObject({ message: 'Too long.', extensions: { code: 'BAD_USER_INPUT', field: 'body', limit: 10 } });
  });

  it('answers HTTP routes with { error: { code, message } }: 500s generic with an id, 4xx as they are', () => {
    const { logged, log } = recorder();
    const internal = toHttpError(new TypeError("Cannot read properties of undefined (reading 'x') at /work/main/api/src/x.ts:1:2"), log);
    expect(internal.status).toBe(500);
    expect(internal.body.error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(internal.body.error.message).not.toMatch(/Cannot read|\/work|\.ts/);
    expect(internal.body.error.message).toContain(logged[0].errorId);
    const tooLarge = toHttpError(Object.assign(new Error('request entity too large'), { status: 413, statusCode: 413, type: 'entity.too.large', limit: 1048576 }), log);
    expect(tooLarge).toEqual({ status: 413, body: { error: { code: 'BAD_USER_INPUT', message: 'The request body is too large: the limit is 1 MB.' } } });
  });

  it('keeps the status of a 5xx thrown on purpose (503 not ready), still without its details', () => {
    const { logged, log } = recorder();
    const notReady = toHttpError(new ServiceUnavailableException('database at 10.0.0.5:5432 refused'), log);
    expect(notReady.status).toBe(503);
    expect(notReady.body.error.message).not.toMatch(/10\.0\.0\.5/);
    expect(notReady.body.error.message).toContain(logged[0].errorId);
  });
});
