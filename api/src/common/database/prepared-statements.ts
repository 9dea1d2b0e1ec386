import { createHash } from 'node:crypto';

// Statements the API runs on nearly every request — the session check and the trainee home's
// statement — are prepared once per server connection and then only executed: PostgreSQL stops
// parsing and planning them every time, which was about a third of its CPU per trainee-home
// request (1.6 → 1.1 ms, docs/PERFORMANCE.md). A prepared statement is only planned once if its
// generic plan is estimated no dearer than the custom ones: key it by a column, not an array. The
// handoff import's batch upsert is marked too: a large file runs it hundreds of times. Only statements with a fixed text are marked, so the
// number of prepared statements per connection stays small and known. On the embedded PGlite
// (one in-process session) the mark does nothing.

const names = new Map<string, string>();

/** Marks `sql` to be prepared on each server connection; returns it unchanged. */
export function prepared(sql: string): string {
  if (!names.has(sql)) names.set(sql, `baton_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`);
  return sql;
}

/** The prepared statement name for `sql`, when it was marked. */
export function preparedName(sql: string): string | undefined {
  return names.get(sql);
}
