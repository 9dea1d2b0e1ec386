import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { badInput } from '../errors/domain-error.js';

/**
 * The shape of a GraphQL document is limited before anything runs: its depth (a validation rule,
 * answered like any invalid document) and its complexity, one point per field selected, aliases and
 * fragments included (a plugin, since @include/@skip need the variables). Introspection
 * (`__schema`, `__type`) is left out of both: clients are generated from it, and it reads only the
 * schema. Defaults and reasons: docs/decisions/015-input-limits.md.
 */
export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxComplexity: 1500 };

/**
 * graphql-js parses recursively: a document nested about two thousand levels deep overflows the
 * stack before any rule sees it. Counting tokens stops it first, with a message that says why. The
 * web app's largest operation has a few hundred tokens and the standard introspection query 163;
 * fragments let a query reach the complexity limit well within it.
 */
export const MAX_TOKENS = 3_000;

const isIntrospection = (name: string) => name === '__schema' || name === '__type';

/** Depth of the deepest field path; fragments are followed once per path, cycles are left to graphql-js's own rule. */
export function selectionDepth(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): number {
  let deepest = 0;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (isIntrospection(s.name.value)) continue;
      deepest = Math.max(deepest, 1 + (s.selectionSet ? selectionDepth(s.selectionSet, fragments, seen) : 0));
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(s.selectionSet, fragments, seen));
    } else {
      const name = s.name.value;
      const fragment = fragments[name];
      if (!fragment || seen.has(name)) continue;
      deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    return {
      OperationDefinition(node) {
        const depth = selectionDepth(node.selectionSet, fragments);
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`The query is nested ${depth} levels deep; the limit is ${maxDepth}. Ask for fewer nested fields, or split the query.`, {
              nodes: [node],
            }),
          );
        }
      },
    };
  };
}

/**
 * Complexity of one operation of a document. Apollo keeps parsed documents (the same DocumentNode
 * for every request with the same text), so an operation without variables is measured once per
 * document, not on every request: its count cannot change. With variables (@include/@skip may
 * depend on them), it is measured each time.
 */
const measured = new WeakMap<DocumentNode, Map<string, number>>();

function complexityOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode | undefined, operationName: string | undefined, variables: Record<string, unknown>): number {
  const measure = () =>
    getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      estimators: [
        // Introspection reads the schema only; everything else costs one point per field.
        ({ field }) => (isIntrospection(field.name) || field.name.startsWith('__') ? 0 : undefined),
        simpleEstimator({ defaultComplexity: 1 }),
      ],
    });
  if (!operation || (operation.variableDefinitions?.length ?? 0) > 0) return measure();
  let byOperation = measured.get(document);
  if (!byOperation) measured.set(document, (byOperation = new Map()));
  const key = operationName ?? '';
  let complexity = byOperation.get(key);
  if (complexity === undefined) byOperation.set(key, (complexity = measure()));
  return complexity;
}

/** Refuses an operation whose complexity passes the limit, before it runs. */
export function complexityLimitPlugin(maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName, operation }) {
          let complexity: number;
          try {
            complexity = complexityOf(schema, document, operation, operationName ?? undefined, request.variables ?? {});
          } catch {
            return; // missing or invalid variables: execution answers them as the caller's input
          }
          if (complexity > maxComplexity) {
            const message = `The query selects ${complexity} fields (aliases and fragments included); the limit is ${maxComplexity}. Ask for fewer fields, or split the query.`;
            // The domain error carries the code; `http` makes Apollo answer 400 rather than 500.
            throw new GraphQLError(message, { originalError: badInput(message, { limit: maxComplexity }), extensions: { http: { status: 400 } } });
          }
        },
      };
    },
  };
}

/**
 * Apollo's cache-control plugin answers every GraphQL response with `Cache-Control: no-store`
 * (nothing in this schema is cacheable), but to do so it wraps every field resolver of the schema
 * and runs a hook per resolved field: a large share of a big list's cost. This sets the same
 * header once per response; app.module.ts turns the built-in plugin off.
 */
export const noStorePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};
