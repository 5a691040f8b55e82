// The DynamoDB calls the console makes (awsJson 1.0) and the shapes it reads.

import type { ConsoleContext } from '../../../console/contract.js';

export type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

export interface TableDescription {
  TableName: string;
  TableStatus: string;
  TableArn: string;
  ItemCount?: number;
  TableSizeBytes?: number;
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
  GlobalSecondaryIndexes?: { IndexName: string; KeySchema: TableDescription['KeySchema'] }[];
  LocalSecondaryIndexes?: { IndexName: string; KeySchema: TableDescription['KeySchema'] }[];
  StreamSpecification?: { StreamEnabled: boolean; StreamViewType?: string };
  LatestStreamArn?: string;
  BillingModeSummary?: { BillingMode: string };
}

export function dynamodb<T>(ctx: ConsoleContext, operation: string, input: object): Promise<T> {
  return ctx.aws.json<T>('dynamodb', `DynamoDB_20120810.${operation}`, '1.0', input);
}

/** An item shown as plain JSON (`{"S": "a"}` → "a"), for reading; editing keeps DynamoDB JSON. */
export function plain(value: AttributeValue): unknown {
  const [type, inner] = Object.entries(value)[0] ?? [];
  switch (type) {
    case 'N':
      return Number(inner);
    case 'L':
      return (inner as AttributeValue[]).map(plain);
    case 'M':
      return Object.fromEntries(Object.entries(inner as Item).map(([k, v]) => [k, plain(v)]));
    case 'NULL':
      return null;
    case 'SS':
    case 'NS':
    case 'BS':
      return inner;
    default:
      return inner;
  }
}
