// What a subscriber receives of a mutation's result: the fields its subscription selected (aliases kept,
// `__typename` answered from the schema), null where the mutation did not select them — AppSync sends
// subscribers only what the mutation returned.
// https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html

import {
  type FieldNode,
  type GraphQLOutputType,
  getNamedType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

export function project(
  value: unknown,
  selectionSet: SelectionSetNode | undefined,
  type?: GraphQLOutputType,
): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => project(item, selectionSet, type));
  if (!selectionSet || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const named = type ? getNamedType(type) : undefined;
  const objectType = isObjectType(named) ? named : undefined;
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(selectionSet)) {
    const key = field.alias?.value ?? field.name.value;
    if (field.name.value === '__typename') {
      out[key] = source.__typename ?? objectType?.name ?? null;
      continue;
    }
    const fieldType = objectType?.getFields()[field.name.value]?.type;
    out[key] = project(source[field.name.value], field.selectionSet, fieldType);
  }
  return out;
}

/** The fields of a selection set, inline fragments flattened (named fragments are refused at start). */
function fieldsOf(selectionSet: SelectionSetNode): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet);
    return [];
  });
}
