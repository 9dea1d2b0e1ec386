import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';

/**
 * `BATON_STATEMENT_COUNT=1`: every HTTP response carries `X-Statement-Count`, the SQL statements
 * issued while serving it (transaction control not counted). The benchmark (npm run bench) reads
 * it to hold "statements per request" to its budget; it is off by default and then costs nothing,
 * because neither the middleware nor the driver wrapper is installed.
 *
 * One counter per request lives in AsyncLocalStorage, so statements of concurrent requests are
 * told apart by the async context they were issued from, not by timing.
 */
export const STATEMENT_COUNT_HEADER = 'X-Statement-Count';

const TRANSACTION_CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

interface Counter {
  count: number;
}

const current = new AsyncLocalStorage<Counter>();

/** Wraps the driver's query runners so every statement counts for the request it serves. */
export function countStatements(dataSource: DataSource): void {
  const driver = dataSource.driver;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, ...rest: unknown[]) => {
      const counter = current.getStore();
      if (counter && !TRANSACTION_CONTROL.test(sql)) counter.count++;
      return (query as (...a: unknown[]) => unknown)(sql, ...rest);
    }) as typeof runner.query;
    return runner;
  };
}

/**
 * Express middleware: opens the request's counter and writes the header when the response head is
 * written. GraphQL answers are sent only after every resolver has finished, so the count is final
 * there; a streamed download reports what ran before its first bytes.
 */
export function statementCountMiddleware(_req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const counter: Counter = { count: 0 };
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) this.setHeader(STATEMENT_COUNT_HEADER, String(counter.count));
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
  current.run(counter, next);
}
