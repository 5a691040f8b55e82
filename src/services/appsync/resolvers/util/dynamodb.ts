// `$util.dynamodb` / `util.dynamodb`: plain values to DynamoDB attribute values and back, as AppSync's
// helpers write them (numbers stay JSON numbers: `{ "N" : 12345 }`; lists become "L", never sets).
// https://docs.aws.amazon.com/appsync/latest/devguide/dynamodb-helpers-in-util-dynamodb.html
// https://docs.aws.amazon.com/appsync/latest/devguide/dynamodb-helpers-in-util-dynamodb-js.html

type Attribute = Record<string, unknown>;

export function toDynamoDB(value: unknown): Attribute {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toDynamoDB) };
  if (typeof value === 'object') return { M: toMapValues(value as Record<string, unknown>) };
  return { S: String(value) };
}

export function toMapValues(map: unknown): Record<string, Attribute> {
  const out: Record<string, Attribute> = {};
  if (map && typeof map === 'object') {
    for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
      if (value !== undefined) out[key] = toDynamoDB(value);
    }
  }
  return out;
}

/** An attribute value back to a plain value (numbers as numbers, sets as lists, binaries as base64). */
export function fromDynamoDB(attribute: unknown): unknown {
  if (!attribute || typeof attribute !== 'object') return attribute;
  const [type, value] = Object.entries(attribute as Attribute)[0] ?? [];
  switch (type) {
    case 'N':
      return Number(value);
    case 'NS':
      return (value as unknown[]).map(Number);
    case 'NULL':
      return null;
    case 'L':
      return (value as unknown[]).map(fromDynamoDB);
    case 'M':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromDynamoDB(v)]),
      );
    default:
      return value;
  }
}

function s3Object(key: unknown, bucket: unknown, region: unknown, version?: unknown): Attribute {
  const s3: Record<string, unknown> = { key, bucket, region };
  if (version !== undefined && version !== null) s3.version = version;
  return { S: JSON.stringify({ s3 }) };
}

/** The helpers by name, each with its `…Json` twin that VTL templates print directly. */
export function dynamodbUtils(json: boolean) {
  const plain = {
    toDynamoDB,
    toString: (value: unknown) => ({ S: value === null || value === undefined ? value : String(value) }),
    toStringSet: (list: unknown) => ({ SS: Array.isArray(list) ? list.map(String) : [] }),
    toNumber: (value: unknown) => ({ N: typeof value === 'number' ? value : Number(value) }),
    toNumberSet: (list: unknown) => ({ NS: Array.isArray(list) ? list.map(Number) : [] }),
    toBinary: (value: unknown) => ({ B: value }),
    toBinarySet: (list: unknown) => ({ BS: Array.isArray(list) ? list : [] }),
    toBoolean: (value: unknown) => ({ BOOL: Boolean(value) }),
    toNull: () => ({ NULL: true }),
    toList: (list: unknown) => ({ L: Array.isArray(list) ? list.map(toDynamoDB) : [] }),
    toMap: (map: unknown) => ({ M: toMapValues(map) }),
    toMapValues,
    toS3Object: s3Object,
    fromS3ObjectJson: (text: unknown) => {
      const parsed = JSON.parse(String(text)) as { s3?: unknown };
      return parsed.s3 ?? parsed;
    },
  };
  if (!json) return plain as Record<string, (...args: never[]) => unknown>;
  const out: Record<string, (...args: never[]) => unknown> = { ...plain };
  for (const [name, fn] of Object.entries(plain)) {
    if (name === 'fromS3ObjectJson') continue;
    out[`${name}Json`] = (...args: never[]) =>
      JSON.stringify((fn as (...a: unknown[]) => unknown)(...(args as unknown[])));
  }
  return out;
}
