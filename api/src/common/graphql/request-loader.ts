import DataLoader from 'dataloader';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

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

/**
 * Names of the fields selected directly under the field being resolved, through fragments (a
 * root resolver can then fetch, in its own statement, what its children will ask for). @include
 * and @skip are not looked at: the answer may name a field that will not run.
 */
export function selectedFieldNames(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) names.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else visit(info.fragments[s.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}
