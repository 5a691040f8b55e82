// `analyze`: one work item. A cached result is answered at once; otherwise the function takes the account's
// lease (the external API allows one analysis per account at a time: a second holder is counted as a
// violation, which the design must never produce), does the work, caches the result and records the run.
// Every third item is refused once by the rate limit (`RateLimited`), which the state's Retry absorbs.

import { ConditionalCheckFailedException, DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand, DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import type { WorkItem } from './work-items.js';

const db = new DynamoDBClient({});
const TableName = process.env.CACHE_TABLE;

class RateLimited extends Error {
  override name = 'RateLimited';
}

export const handler = async (item: WorkItem) => {
  const key = `${item.accountId}#${item.itemId}`;
  const cached = await db.send(new GetItemCommand({ TableName, Key: { pk: { S: `result#${key}` } } }));
  if (cached.Item) return { ...item, score: Number(cached.Item.score!.N), cached: true };

  const attempt = await countAttempt(key);
  if (Number(item.itemId.split('-')[1]) % 3 === 0 && attempt === 1) throw new RateLimited(`rate limit reached for ${item.accountId}`);

  const startedAt = Date.now();
  await takeLease(item.accountId);
  try {
    await new Promise((resolve) => setTimeout(resolve, 15));
    const score = [...key].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 100;
    await db.send(new PutItemCommand({ TableName, Item: { pk: { S: `result#${key}` }, score: { N: String(score) } } }));
    await db.send(
      new PutItemCommand({
        TableName,
        Item: { pk: { S: `run#${key}` }, accountId: { S: item.accountId }, startedAt: { N: String(startedAt) }, endedAt: { N: String(Date.now()) } },
      }),
    );
    return { ...item, score, cached: false };
  } finally {
    await db.send(new DeleteItemCommand({ TableName, Key: { pk: { S: `lease#${item.accountId}` } } }));
  }
};

async function countAttempt(key: string): Promise<number> {
  const { Attributes } = await db.send(
    new UpdateItemCommand({
      TableName,
      Key: { pk: { S: `attempts#${key}` } },
      UpdateExpression: 'ADD attempts :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes!.attempts!.N);
}

async function takeLease(accountId: string): Promise<void> {
  try {
    await db.send(
      new PutItemCommand({ TableName, Item: { pk: { S: `lease#${accountId}` } }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    await db.send(
      new UpdateItemCommand({
        TableName,
        Key: { pk: { S: 'violations' } },
        UpdateExpression: 'ADD overlaps :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
  }
}
