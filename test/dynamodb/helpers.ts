// Helpers for DynamoDB tests: a client for a test cloud, and the table most tests start from.

import { CreateTableCommand, DynamoDBClient, type ScalarAttributeType } from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { client } from '../support/helpers.js';

export function dynamodbClient(cloud: Cloud): DynamoDBClient {
  return client(cloud, DynamoDBClient);
}

/** An on-demand table keyed by `pk` (S, partition) and `sk` (sort, N unless said otherwise). */
export async function createKeyedTable(
  ddb: DynamoDBClient,
  name: string,
  sortType: ScalarAttributeType = 'N',
) {
  await ddb.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: sortType },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}
