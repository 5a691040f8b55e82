// The timeline fan-out: appends each event to its user's timeline item in DynamoDB. A condition on the
// user's last sequence number makes a redelivered record (Kinesis delivers at least once) a no-op and an
// out-of-order one visible (`outOfOrder` grows), which the example's test asserts never happens.

import { ConditionalCheckFailedException, DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { KinesisStreamEvent } from 'aws-lambda';
import { decode, logEvent, type UserEvent } from './events.js';

const db = new DynamoDBClient({});

export const handler = async (event: KinesisStreamEvent): Promise<void> => {
  for (const record of event.Records) await append(decode(record));
};

async function append(event: UserEvent): Promise<void> {
  try {
    await db.send(
      new UpdateItemCommand({
        TableName: process.env.TIMELINE_TABLE,
        Key: { userId: { S: event.userId } },
        UpdateExpression: 'SET lastSequence = :n, events = list_append(if_not_exists(events, :empty), :event)',
        ConditionExpression: 'attribute_not_exists(lastSequence) OR lastSequence = :previous',
        ExpressionAttributeValues: {
          ':n': { N: String(event.userSequence) },
          ':previous': { N: String(event.userSequence - 1) },
          ':empty': { L: [] },
          ':event': { L: [{ S: `${event.userSequence}:${event.type}:${event.eventId}` }] },
        },
      }),
    );
    logEvent('timeline', event, 'appended', { userSequence: event.userSequence });
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // Seen before (a retried batch), or out of order: only the latter is counted.
    const seenBefore = await db.send(
      new UpdateItemCommand({
        TableName: process.env.TIMELINE_TABLE,
        Key: { userId: { S: event.userId } },
        UpdateExpression: 'ADD outOfOrder :one',
        ConditionExpression: 'lastSequence < :n',
        ExpressionAttributeValues: { ':one': { N: '1' }, ':n': { N: String(event.userSequence) } },
      }),
    ).then(
      () => false,
      (failure: unknown) => {
        if (failure instanceof ConditionalCheckFailedException) return true;
        throw failure;
      },
    );
    logEvent('timeline', event, seenBefore ? 'duplicate skipped' : 'out of order', { userSequence: event.userSequence });
  }
}
