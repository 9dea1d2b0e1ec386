import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, isObjectType, printSchema, type DocumentNode, type ExecutionResult, type GraphQLField, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Compiled = CompiledQuery | ExecutionResult;

/**
 * Runs GraphQL operations with graphql-jit instead of graphql-js's interpreter (decision 017).
 *
 * graphql-js walks the operation for every object of the answer: an info object, a path and an
 * argument object per field. HR's certification of 10,000 enrollments is about 500,000 fields,
 * and that walk (and the garbage it leaves) cost more than the SQL. graphql-jit compiles each
 * operation once into a function that reads the fields directly.
 *
 * Apollo Server 5 has exactly one place for another executor: a "gateway" that hands it a schema
 * and an executor. Nest still builds the schema (code first); `captureSchema` is given to Nest as
 * `transformSchema` and keeps it for the gateway. Parsing, validation, the query limits, plugins
 * and error formatting stay Apollo's: only execution changes.
 */
export class CompiledExecution {
  private schema: GraphQLSchema | undefined;
  // Keyed by the parsed document: Apollo's document store hands out the same DocumentNode for the
  // same query text, so a page's operation is compiled once, and an evicted document lets its
  // compiled code go with it.
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery>>();
  /** How many operations have been compiled since start (tests check the executor is in use). */
  operationsCompiled = 0;

  /** Fields whose resolver only read the property of the same name, now read inline (withoutPropertyResolvers). */
  propertyResolversRemoved = 0;

  readonly captureSchema = (schema: GraphQLSchema): GraphQLSchema => {
    this.propertyResolversRemoved = withoutPropertyResolvers(schema);
    this.schema = schema;
    return schema;
  };

  readonly gateway: GatewayInterface = {
    onSchemaLoadOrUpdate: (callback) => {
      const apiSchema = this.requireSchema();
      callback({ apiSchema, coreSupergraphSdl: printSchema(apiSchema) });
      return () => undefined;
    },
    load: async () => ({ schema: this.requireSchema(), executor: this.executor }),
    stop: async () => undefined,
  };

  private readonly executor: GatewayExecutor = async (request) => {
    // The name the client asked for: Apollo's `operationName` is the one it resolved (null when
    // none matched), and an unknown name must fail here as it does in graphql-js.
    const compiled = this.compile(request.document, request.request.operationName ?? undefined);
    const result = isCompiledQuery(compiled) ? await compiled.query(undefined, request.context, request.request.variables ?? {}) : compiled;
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };

  private compile(document: DocumentNode, operationName: string | undefined): Compiled {
    let byOperation = this.compiled.get(document);
    if (!byOperation) this.compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    const cached = byOperation.get(key);
    if (cached) return cached;
    const compiled = compileQuery(this.requireSchema(), document, operationName, { disablingCapturingStackErrors: true });
    // Only what compiled is kept: a refusal (say, an operation name the document lacks) is cheap
    // to repeat, and keeping it would let a caller grow the cache one made-up name at a time.
    if (isCompiledQuery(compiled)) {
      byOperation.set(key, compiled);
      this.operationsCompiled++;
    }
    return compiled;
  }

  private requireSchema(): GraphQLSchema {
    if (!this.schema) throw new Error('The GraphQL schema has not been built yet (Nest calls transformSchema before Apollo starts).');
    return this.schema;
  }
}

/**
 * Nest gives every field of a code-first object type a resolver, even one that only reads the
 * property of the same name (its `rootFieldResolver`). graphql-jit reads a field without a resolver
 * inline, in the compiled function; a field with one becomes a call with an info object, an
 * argument object and a check for a promise, for every object of the answer. The trainee home has
 * a few hundred such fields and HR's certification half a million, and most of the garbage either
 * request made was those calls'. Removed here are the resolvers shown to be exactly a property
 * read: Nest's, without field middleware, that return the property of the GraphQL field's own
 * name and nothing (no default value) when it is missing. Every other resolver stays. The schema
 * is changed in place before Apollo or graphql-jit sees it; returns how many were removed.
 */
export function withoutPropertyResolvers(schema: GraphQLSchema): number {
  let removed = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (readsOnlyItsProperty(field)) {
        field.resolve = undefined;
        removed++;
      }
    }
  }
  return removed;
}

function readsOnlyItsProperty(field: GraphQLField<unknown, unknown>): boolean {
  // Only Nest's property resolver is ever called here: any other may do work (or I/O) when called.
  const resolve = field.resolve as ((root: object) => unknown) | undefined;
  if (!resolve || resolve.name !== 'rootFieldResolver') return false;
  const probe = {};
  try {
    return resolve({ [field.name]: probe }) === probe && resolve({}) === undefined;
  } catch {
    return false;
  }
}

/**
 * graphql-jit's errors inherit from graphql-js's but may lack `extensions`, which Apollo reads
 * unguarded (a TypeError there turns a domain error into an internal one). Rebuilt as graphql-js
 * errors, they reach formatGraphQLError exactly as the interpreter's did.
 */
function asGraphQLJsError(error: Error): GraphQLError {
  if (!(error instanceof GraphQLError)) return new GraphQLError(error.message, { originalError: error });
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  (rebuilt as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return rebuilt;
}
