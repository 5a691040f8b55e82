// DynamoDB attribute values turned into the plain JSON values resolvers see in `$ctx.result`: numbers
// as numbers, sets as lists, binary as base64 (AppSync converts every DynamoDB answer this way).
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-mapping-template-reference-dynamodb-typed-values-responses.html

export type AttributeValue = Record<string, unknown>;

export function toPlain(value: AttributeValue): unknown {
  const [type, inner] = Object.entries(value)[0] ?? [];
  switch (type) {
    case 'S':
      return inner;
    case 'N':
      return Number(inner);
    case 'BOOL':
      return inner;
    case 'NULL':
      return null;
    case 'B':
      return base64(inner);
    case 'SS':
      return inner;
    case 'NS':
      return (inner as string[]).map(Number);
    case 'BS':
      return (inner as unknown[]).map(base64);
    case 'L':
      return (inner as AttributeValue[]).map(toPlain);
    case 'M':
      return plainItem(inner as Record<string, AttributeValue>);
    default:
      return null;
  }
}

export function plainItem(item: Record<string, AttributeValue> | undefined): Record<string, unknown> | null {
  if (!item) return null;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) out[name] = toPlain(value);
  return out;
}

function base64(value: unknown): string {
  if (typeof value === 'string') return value;
  return Buffer.from(value as Uint8Array).toString('base64');
}
