// The stream publisher: each new image on the table's stream becomes one EventBridge event, its detail-type
// the entity type and what happened (`OrderCreated`, `OrderUpdated`), its detail the entity type and the
// image, so rules filter on the payload rather than on a table name (one table holds every entity).
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

const events = new EventBridgeClient({});
/** PutEvents takes ten entries a call. */
const PER_CALL = 10;

export const handler = async (event: DynamoDBStreamEvent): Promise<void> => {
  let pending = event.Records.flatMap(toEntry);
  // Entries EventBridge refuses (throttling, an internal failure) are sent again; a batch that still fails
  // throws, and the stream delivers it again.
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === 3) throw new Error(`${pending.length} events not published`);
    const failed: PutEventsRequestEntry[] = [];
    for (let start = 0; start < pending.length; start += PER_CALL) {
      const batch = pending.slice(start, start + PER_CALL);
      const { Entries = [] } = await events.send(new PutEventsCommand({ Entries: batch }));
      batch.forEach((entry, index) => {
        if (Entries[index]?.ErrorCode) failed.push(entry);
      });
    }
    pending = failed;
  }
};

function toEntry(record: DynamoDBRecord): PutEventsRequestEntry[] {
  // A REMOVE has no new image (NEW_IMAGE streams carry only the image after the change).
  const image = record.dynamodb?.NewImage;
  if (!image) return [];
  const data = unmarshall(image as Record<string, AttributeValue>);
  const entityType = data.entityType;
  if (typeof entityType !== 'string') return [];
  return [
    {
      EventBusName: process.env.EVENT_BUS_NAME,
      Source: process.env.EVENT_SOURCE,
      DetailType: `${entityType}${record.eventName === 'INSERT' ? 'Created' : 'Updated'}`,
      Detail: JSON.stringify({ entityType, eventName: record.eventName, eventId: record.eventID, data }),
    },
  ];
}
