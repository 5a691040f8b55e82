// The migration worker on the queue: writes each legacy record into its user's partition, once. A record
// it cannot migrate is reported alone (ReportBatchItemFailures), retried, and after three receives left
// in the dead-letter queue; a record delivered again (SQS delivers at least once, the exporter may send
// twice, a redrive may repeat one) is recognised by its key and not applied a second time.

import {
  DynamoDBClient,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { LegacyRecord } from './records';
import { toItem } from './transform';

const db = new DynamoDBClient({});

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const message of event.Records) {
    try {
      const applied = await migrate(JSON.parse(message.body) as LegacyRecord);
      console.log(`${message.messageId}: ${applied ? 'migrated' : 'already migrated, skipped'}`);
    } catch (error) {
      const receives = message.attributes.ApproximateReceiveCount;
      console.error(`${message.messageId} not migrated (receive ${receives}): ${String(error)}`);
      batchItemFailures.push({ itemIdentifier: message.messageId });
    }
  }
  return { batchItemFailures };
};

/** Writes the record and counts it in the user's MIGRATION item, in one transaction that only goes
 * through if the record's item does not exist yet; resolves to false when it already did. */
async function migrate(record: LegacyRecord): Promise<boolean> {
  const item = toItem(record);
  const pk = { S: `USER#${record.userId}` };
  const now = { S: new Date().toISOString() };
  const names = Object.fromEntries(Object.keys(item.attributes).map((name, i) => [`#a${i}`, name]));
  const values = Object.fromEntries(Object.values(item.attributes).map((value, i) => [`:a${i}`, value]));
  const sets = Object.keys(names).map((name) => `${name} = ${name.replace('#', ':')}`);
  try {
    await db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Update: {
              TableName: process.env.TABLE,
              Key: { pk, sk: { S: item.sk } },
              // `writes` counts the applications of this record: 1, however often it is delivered.
              UpdateExpression: `SET ${[...sets, 'recordType = :type', 'migratedAt = :now'].join(', ')} ADD writes :one`,
              ConditionExpression: 'attribute_not_exists(pk)',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: {
                ...values,
                ':type': { S: record.type },
                ':now': now,
                ':one': { N: '1' },
              },
            },
          },
          {
            Update: {
              TableName: process.env.TABLE,
              Key: { pk, sk: { S: 'MIGRATION' } },
              UpdateExpression: 'SET updatedAt = :now ADD migratedRecords :one',
              ExpressionAttributeValues: { ':now': now, ':one': { N: '1' } },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    const alreadyThere =
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
    if (alreadyThere) return false;
    throw error;
  }
}
