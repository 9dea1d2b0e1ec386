import DataLoader from 'dataloader';

const LOADERS = Symbol('baton:loaders');

/**
 * One DataLoader per request and name, kept on the request object: field resolvers asking for the
 * same kind of thing across a list are batched into one query instead of one query per item.
 */
export function requestLoader<K, V>(
  req: object,
  name: string,
  batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
): DataLoader<K, V> {
  const holder = req as { [LOADERS]?: Map<string, DataLoader<unknown, unknown>> };
  holder[LOADERS] ??= new Map();
  let loader = holder[LOADERS].get(name);
  if (!loader) {
    loader = new DataLoader<K, V>(batch) as DataLoader<unknown, unknown>;
    holder[LOADERS].set(name, loader);
  }
  return loader as DataLoader<K, V>;
}

/** Orders rows to match the keys DataLoader asked for. */
export function byKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | undefined)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k));
}

/** Groups rows under the keys DataLoader asked for (empty list for none). */
export function groupByKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
