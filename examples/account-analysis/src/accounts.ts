// `listAccounts`: every customer account to analyse tonight, from the accounts table.

import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';

const db = new DynamoDBClient({});

export interface Account {
  accountId: string;
  customerId: string;
}

export const handler = async (): Promise<{ accounts: Account[] }> => {
  const accounts: Account[] = [];
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: process.env.ACCOUNTS_TABLE, ExclusiveStartKey }));
    for (const item of page.Items ?? []) accounts.push({ accountId: item.accountId!.S!, customerId: item.customerId!.S! });
    ExclusiveStartKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (ExclusiveStartKey);
  accounts.sort((a, b) => a.accountId.localeCompare(b.accountId));
  return { accounts };
};
