/**
 * Runs queries one after another and returns their results in order. A transaction has one
 * connection, which runs one statement at a time anyway; firing them together only earns pg's
 * "client is already executing a query" deprecation warning.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function inOrder(steps: (() => Promise<any>)[]): Promise<any[]> {
  const results = [];
  for (const step of steps) results.push(await step());
  return results;
}
