import {
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Stable code of an operation refused for selecting too many root fields. */
export const TOO_MANY_ROOT_FIELDS = 'TOO_MANY_ROOT_FIELDS';

/**
 * Refuses an operation that selects more than `max` root fields (through fragments too): each root field is its own
 * resolver run and read, so 200 of them in one request are 200 reads. The gateway limits depth, aliases and cost;
 * the router measured and chosen there has no root-field limit, so each subgraph checks the part of an operation it
 * is sent (docs/adr/0019).
 */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const count = rootFields(operation.selectionSet, context, new Set());
      if (count > max)
        context.reportError(
          new GraphQLError(`the operation selects ${count} root fields; at most ${max} are allowed`, {
            nodes: [operation],
            extensions: { code: TOO_MANY_ROOT_FIELDS, limit: max },
          }),
        );
    },
  });
}

function rootFields(selectionSet: SelectionSetNode, context: ValidationContext, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === '__typename' ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFields(selection.selectionSet, context, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += rootFields(fragment.selectionSet, context, seen);
    }
  }
  return count;
}
