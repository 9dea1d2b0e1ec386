import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInputObjectType,
  isListType,
  Kind,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import { badInput } from '../errors/domain-error.js';

/**
 * Every string and every list a caller sends is measured against a limit before any resolver runs,
 * so no service meets a 200,000-character name or a 20,000-item list. Most fields take the
 * defaults, a safety net under the services' own checks with their own words (a role-play message's
 * 2,000 characters, a sign-off comment's 5,000, a reason's 2,000…); the ones below have a limit of
 * their own because no service checks them or because theirs is above the default. Keys are `Type.field` for input fields and
 * `Mutation.field.argument` / `Query.field.argument` for arguments; `ID` values share one limit.
 * docs/decisions/015-input-limits.md.
 */
export interface InputLimits {
  /** Characters of any string without a limit of its own. */
  maxStringLength: number;
  /** Items of any list without a limit of its own. */
  maxListLength: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxStringLength: 10_000, maxListLength: 500 };

/** An id is a uuid (36 characters); anything much longer is not one of ours. */
const MAX_ID_LENGTH = 100;

export const STRING_LIMITS: Readonly<Record<string, number>> = {
  // The file itself; provisioning then checks its 512 KiB and 5,000 rows with its own message.
  'Mutation.importUsers.csv': 1024 * 1024,
  'Mutation.login.email': 254,
  // Hashing cost grows with the password; no valid one is longer than 200 (common/auth/password.ts).
  'Mutation.login.password': 1_000,
  'CreateUserInput.email': 254,
  'Mutation.revokeCertificate.reason': 2_000,
  'HandoffContextInput.customerName': 200,
  'HandoffContextInput.agentName': 200,
  'HandoffContextInput.issueSummary': 2_000,
  'KnownFactInput.label': 200,
  'KnownFactInput.value': 1_000,
  'AnswerInput.questionKey': 200,
  // Above the default: learning.service allows free-text answers up to 20,000 characters.
  'AnswerInput.value': 20_000,
};

export const LIST_LIMITS: Readonly<Record<string, number>> = {
  'Mutation.submitAttempt.answers': 200,
  'HandoffReviewInput.scorecard': 100,
  'HandoffContextInput.knownFacts': 50,
};

export interface LimitProblem {
  field: string;
  limit: number;
  message: string;
}

/** The first value of `value` (of `type`, at `path`, limits keyed by `key`) over its limit. */
export function overLimit(value: unknown, type: GraphQLInputType, key: string, path: string, limits: InputLimits): LimitProblem | null {
  if (value === null || value === undefined) return null;
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) {
    if (!Array.isArray(value)) return overLimit(value, t.ofType, key, path, limits);
    const limit = LIST_LIMITS[key] ?? limits.maxListLength;
    if (value.length > limit) return { field: path, limit, message: `"${path}" can hold at most ${limit.toLocaleString('en-US')} items; it has ${value.length.toLocaleString('en-US')}.` };
    for (let i = 0; i < value.length; i++) {
      const p = overLimit(value[i], t.ofType, key, `${path}.${i}`, limits);
      if (p) return p;
    }
    return null;
  }
  if (isInputObjectType(t)) {
    for (const field of Object.values(t.getFields())) {
      const p = overLimit((value as Record<string, unknown>)[field.name], field.type, `${t.name}.${field.name}`, `${path}.${field.name}`, limits);
      if (p) return p;
    }
    return null;
  }
  if (typeof value === 'string') {
    const named = getNamedType(t).name;
    const limit = named === 'ID' ? MAX_ID_LENGTH : (STRING_LIMITS[key] ?? limits.maxStringLength);
    // Length in code units: what the limit protects (memory, parsing, storage) is measured that way.
    if (value.length > limit) {
      return { field: path, limit, message: `"${path}" can be at most ${limit.toLocaleString('en-US')} characters; it has ${value.length.toLocaleString('en-US')}.` };
    }
  }
  return null;
}

/** Measures the arguments of every root field of the operation once it is known, before it runs. */
export function inputLimitsPlugin(limits: InputLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, schema, request }) {
          if (!operation) return;
          const root: GraphQLObjectType | null | undefined =
            operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'query' ? schema.getQueryType() : schema.getSubscriptionType();
          if (!root) return;
          for (const selection of operation.selectionSet.selections) {
            if (selection.kind !== Kind.FIELD) continue;
            const field = root.getFields()[selection.name.value];
            if (!field || field.args.length === 0) continue;
            let args: Record<string, unknown>;
            try {
              args = getArgumentValues(field, selection, request.variables ?? {});
            } catch {
              continue; // an invalid value: execution reports it as the caller's input
            }
            for (const arg of field.args) {
              const problem = overLimit(args[arg.name], arg.type, `${root.name}.${field.name}.${arg.name}`, arg.name, limits);
              if (problem) {
                const error = badInput(problem.message, { field: problem.field, limit: problem.limit });
                // The domain error carries the code and field; `http` makes Apollo answer 400 rather than 500.
                throw new GraphQLError(problem.message, { originalError: error, extensions: { http: { status: 400 } } });
              }
            }
          }
        },
      };
    },
  };
}
