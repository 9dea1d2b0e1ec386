import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode, type FieldNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFieldNames } from './request-loader.js';

/** The resolve info of the operation's first root field, as graphql-js would pass it. */
function infoOf(query: string) {
  const doc = parse(query);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectedFieldNames', () => {
  it('names the fields right under the resolved one, through named and inline fragments, not deeper ones', () => {
    const names = selectedFieldNames(
      infoOf(`
        query { myEnrollments { id ...Detail ... on Enrollment { signOffs { id } } } }
        fragment Detail on Enrollment { status weeks { number } ...More }
        fragment More on Enrollment { certification { eligible } }
      `),
    );
    expect([...names].sort()).toEqual(['certification', 'id', 'signOffs', 'status', 'weeks']);
  });

  it('is empty for a leaf field', () => {
    expect(selectedFieldNames(infoOf('{ me }')).size).toBe(0);
  });
});
