// The "legacy" producer: the monolith publishing every user state change to the Kinesis stream, the user id
// as partition key so each user's events stay in order. Invoked with `{ "users": 100, "events": 10000 }`.

import { randomUUID } from 'node:crypto';
import { KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import type { UserEvent, UserEventType } from './events.js';

const kinesis = new KinesisClient({});
const TYPES: UserEventType[] = ['joined', 'followed', 'posted'];

interface Request {
  users?: number;
  events?: number;
}

/** Answers how many were published and the first events' correlation ids, to follow one through the logs. */
export const handler = async (request: Request = {}): Promise<{ published: number; sample: string[] }> => {
  const users = request.users ?? 10;
  const total = request.events ?? 100;
  const sequence = new Map<string, number>();
  const events: UserEvent[] = [];
  for (let i = 0; i < total; i++) {
    const userId = `user-${i % users}`;
    const userSequence = (sequence.get(userId) ?? 0) + 1;
    sequence.set(userId, userSequence);
    // Every user joins first; then follows and posts alternate.
    const type = userSequence === 1 ? 'joined' : TYPES[1 + (userSequence % 2)]!;
    const event: UserEvent = {
      eventId: randomUUID(),
      correlationId: randomUUID(),
      type,
      userId,
      userSequence,
      at: new Date().toISOString(),
      ...(type === 'followed' ? { target: `user-${(i + 1) % users}` } : {}),
      ...(type === 'posted' ? { text: `post ${userSequence} of ${userId}` } : {}),
    };
    events.push(event);
  }
  // PutRecords takes 500 records a call; a record refused (throttled) is sent again, in a later call. Each
  // user's events go in order: a call waits for the previous one, and a retry is of the refused tail only
  // once every record before it went through.
  let pending = events;
  while (pending.length > 0) {
    const batch = pending.slice(0, 500);
    const entries: PutRecordsRequestEntry[] = batch.map((event) => ({
      PartitionKey: event.userId,
      Data: Buffer.from(JSON.stringify(event)),
    }));
    const { Records = [] } = await kinesis.send(
      new PutRecordsCommand({ StreamName: process.env.USER_EVENTS_STREAM, Records: entries }),
    );
    const firstFailed = Records.findIndex((record) => record.ErrorCode);
    const done = firstFailed === -1 ? batch.length : firstFailed;
    pending = pending.slice(done);
  }
  console.log(JSON.stringify({ level: 'info', consumer: 'legacy', message: 'published', count: events.length }));
  return { published: events.length, sample: events.slice(0, 5).map((event) => event.correlationId) };
};
