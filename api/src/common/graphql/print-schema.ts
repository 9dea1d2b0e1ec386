import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';

export const SCHEMA_HEADER =
  '# Generated from the code by `npm run schema:generate`; a test fails when it and the code disagree.\n' +
  '# It must stay compatible with ../shared/contract/core.graphql (graphql-inspector diff, also a test).\n\n';

/** The API's schema as committed in api/schema.graphql: sorted, so diffs stay readable. */
export function printApiSchema(app: INestApplication): string {
  const { schema } = app.get(GraphQLSchemaHost);
  return `${SCHEMA_HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}
