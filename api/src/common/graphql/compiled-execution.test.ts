import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { withoutPropertyResolvers } from './compiled-execution.js';

// Nest names its plain property resolver `rootFieldResolver` (schema-builder's
// object-type-definition factory); these stand-ins have its name and the shapes it takes.
function nestPropertyResolver(property: string, defaultValue?: unknown) {
  const rootFieldResolver = (root: Record<string, unknown>) => (root[property] === undefined ? defaultValue : root[property]);
  return rootFieldResolver;
}

function schemaWith(fields: Record<string, (root: Record<string, unknown>) => unknown>) {
  const type = new GraphQLObjectType({
    name: 'Thing',
    fields: Object.fromEntries(Object.entries(fields).map(([name, resolve]) => [name, { type: GraphQLString, resolve }])),
  });
  return { schema: new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { thing: { type } } }) }), type };
}

describe('withoutPropertyResolvers', () => {
  it("removes Nest's resolvers that only read the field's own property", () => {
    const { schema, type } = schemaWith({ title: nestPropertyResolver('title'), summary: nestPropertyResolver('summary') });
    expect(withoutPropertyResolvers(schema)).toBe(2);
    expect(type.getFields().title.resolve).toBeUndefined();
    expect(type.getFields().summary.resolve).toBeUndefined();
  });

  it('keeps a resolver with a default value, one reading another property, and any other resolver, which it never calls', () => {
    let called = 0;
    const own = (root: Record<string, unknown>) => {
      called++;
      return root.title;
    };
    const { schema, type } = schemaWith({
      title: nestPropertyResolver('title', 'Untitled'),
      heading: nestPropertyResolver('title'),
      summary: own,
    });
    expect(withoutPropertyResolvers(schema)).toBe(0);
    expect(Object.values(type.getFields()).every((f) => f.resolve)).toBe(true);
    expect(called).toBe(0);
  });

  it('leaves the introspection types alone', () => {
    const { schema } = schemaWith({ title: nestPropertyResolver('title') });
    withoutPropertyResolvers(schema);
    expect(schema.getType('__Type')).toBeDefined();
    expect((schema.getType('__Type') as GraphQLObjectType).getFields().name.resolve).toBeDefined();
  });
});
