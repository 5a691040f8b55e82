// Input shapes DynamoDB's operations share. AttributeValue is recursive (M and L hold AttributeValues):
// the shape refers to itself, and values.ts checks what the shape system cannot (exactly one type set,
// numbers, sets) with DynamoDB's wording.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html

import { type Member, type Members, type Shape, type StructureShape, s } from '../../core/shapes.js';
import type { AttributeValue } from './values.js';

const attributeValueMembers: Record<string, Member> = {
  S: s.optional(s.string()),
  N: s.optional(s.string()),
  // Kept as base64 text: values are stored and returned in their wire form.
  B: s.optional(s.string()),
  SS: s.optional(s.list(s.string())),
  NS: s.optional(s.list(s.string())),
  BS: s.optional(s.list(s.string())),
  NULL: s.optional(s.boolean()),
  BOOL: s.optional(s.boolean()),
};
const recursive: StructureShape<Members> = { kind: 'structure', members: attributeValueMembers };
attributeValueMembers.M = s.optional(s.map(recursive as Shape));
attributeValueMembers.L = s.optional(s.list(recursive as Shape));
/** The recursive AttributeValue shape (M and L point back at it). Typed as an opaque structure so type
 * inference does not recurse; operations cast validated values to values.ts's AttributeValue. */
export const attributeValue = recursive as StructureShape<Record<never, Member>>;

/** An item or key as the shape system sees it; cast to values.ts's AttributeValue after validation. */
export const attributeMap = s.map(attributeValue);
export type AttributeMap = Record<string, AttributeValue>;

export const tableName = s.string({
  min: 3,
  max: 255,
  pattern: { regex: /^[a-zA-Z0-9_.-]+$/, text: '[a-zA-Z0-9_.-]+' },
});
/** Table name or ARN (the 2023 API accepts both). */
export const tableNameOrArn = s.string({ min: 1, max: 1024 });
export const indexName = s.string({
  min: 3,
  max: 255,
  pattern: { regex: /^[a-zA-Z0-9_.-]+$/, text: '[a-zA-Z0-9_.-]+' },
});
export const expressionNames = s.map(s.string());
export const expressionValues = attributeMap;
export const returnConsumedCapacity = s.string({ enum: ['INDEXES', 'TOTAL', 'NONE'] });
export const returnItemCollectionMetrics = s.string({ enum: ['SIZE', 'NONE'] });
export const returnValuesOnFailure = s.string({ enum: ['ALL_OLD', 'NONE'] });
export const select = s.string({
  enum: ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'],
});
export const conditionalOperator = s.string({ enum: ['AND', 'OR'] });
export const comparisonOperator = s.string({
  enum: [
    'EQ',
    'NE',
    'IN',
    'LE',
    'LT',
    'GE',
    'GT',
    'BETWEEN',
    'NOT_NULL',
    'NULL',
    'CONTAINS',
    'NOT_CONTAINS',
    'BEGINS_WITH',
  ],
});
export const expectedMap = s.map(
  s.structure({
    Value: s.optional(attributeValue),
    Exists: s.optional(s.boolean()),
    ComparisonOperator: s.optional(comparisonOperator),
    AttributeValueList: s.optional(s.list(attributeValue)),
  }),
);
export const conditionMap = s.map(
  s.structure({
    AttributeValueList: s.optional(s.list(attributeValue)),
    ComparisonOperator: s.required(comparisonOperator),
  }),
);
export const attributesToGet = s.list(s.string({ min: 1, max: 65535 }), { min: 1 });
export const keySchema = s.list(
  s.structure({
    AttributeName: s.required(s.string({ min: 1, max: 255 })),
    KeyType: s.required(s.string({ enum: ['HASH', 'RANGE'] })),
  }),
  { min: 1, max: 2 },
);
export const projection = s.structure({
  ProjectionType: s.optional(s.string({ enum: ['ALL', 'KEYS_ONLY', 'INCLUDE'] })),
  NonKeyAttributes: s.optional(s.list(s.string({ min: 1, max: 255 }), { min: 1, max: 20 })),
});
export const provisionedThroughput = s.structure({
  ReadCapacityUnits: s.required(s.integer({ min: 1 })),
  WriteCapacityUnits: s.required(s.integer({ min: 1 })),
});
export const onDemandThroughput = s.structure({
  MaxReadRequestUnits: s.optional(s.integer()),
  MaxWriteRequestUnits: s.optional(s.integer()),
});
export const streamSpecification = s.structure({
  StreamEnabled: s.required(s.boolean()),
  StreamViewType: s.optional(
    s.string({ enum: ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'] }),
  ),
});
export const tags = s.list(
  s.structure({
    Key: s.required(s.string({ min: 1, max: 128 })),
    Value: s.required(s.string({ min: 0, max: 256 })),
  }),
);
