// `listWorkItems`: the work to do for one account (its size varies by more than 10× between accounts).

import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const db = new DynamoDBClient({});

export interface WorkItem {
  accountId: string;
  itemId: string;
}

export const handler = async (event: { accountId: string; customerId: string }) => {
  const { Item } = await db.send(
    new GetItemCommand({ TableName: process.env.ACCOUNTS_TABLE, Key: { accountId: { S: event.accountId } } }),
  );
  const count = Number(Item?.workItems?.N ?? 0);
  const items: WorkItem[] = Array.from({ length: count }, (_, i) => ({ accountId: event.accountId, itemId: `item-${i}` }));
  return { accountId: event.accountId, customerId: event.customerId, items };
};
