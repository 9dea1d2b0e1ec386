import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
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

  readonly captureSchema = (schema: GraphQLSchema): GraphQLSchema => {
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
