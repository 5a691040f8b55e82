// SubscribeToShard: an enhanced fan-out consumer's push of one shard's records, as an event stream that
// lasts five minutes on the cloud clock. The first event comes at once; after it, an event follows every
// write to the stream (the engine's watch) and, with no records, every five seconds as a heartbeat; once a
// closed shard is read to its end, a last event carries its ChildShards and the stream ends.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SubscribeToShard.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/kinesis.js';
import { EventStreamOutput, type StreamedEvent } from '../../../protocols/event-stream.js';
import { shardDoesNotExist } from '../errors.js';
import type { Kinesis } from '../kinesis.js';
import { parseShardId, shardIdOf } from '../names.js';
import { startingCounter } from '../positions.js';
import { readShard } from '../records.js';
import { sequenceNumber } from '../sequence-numbers.js';
import { currentStatus } from '../status.js';
import type { StreamRow } from '../store.js';
import { requireConsumer } from './consumers.js';
import { recordOutput } from './get-records.js';
import { childShards, operation } from './operation.js';

/** "The event stream … lasts for up to 5 minutes." */
const SUBSCRIPTION_MS = 5 * 60 * 1000;
/** "If you call SubscribeToShard again with the same ConsumerARN and ShardId within 5 seconds of a
 * successful call, you'll get a ResourceInUseException." */
const RESUBSCRIBE_MS = 5000;
/** How often an idle subscription sends an event without records. */
const HEARTBEAT_MS = 5000;
const MAX_RECORDS_PER_EVENT = 10_000;

export const subscribeToShard = operation({
  input: model.SubscribeToShardInput,
  output: model.SubscribeToShardOutput,
  run: (input, kinesis, ctx) => {
    const { stream, consumer } = requireConsumer(kinesis, { ConsumerARN: input.ConsumerARN }, ctx);
    const now = kinesis.now();
    if (currentStatus(consumer, now) !== 'ACTIVE') {
      // The wording AWS answers (github.com/awslabs/kinesis-hot-shard-advisor/issues/37).
      throw new ServiceError(
        'ResourceInUseException',
        `Consumer ${consumer.name} with creation timestamp ${Math.floor(consumer.created_at / 1000)} under stream: ${stream.name} , account ${stream.account} is not in ACTIVE status.`,
      );
    }
    const index = parseShardId(input.ShardId);
    const shard = index === undefined ? undefined : kinesis.shard(stream, index);
    if (!shard) throw shardDoesNotExist(input.ShardId, stream.name, stream.account);
    const key = `${consumer.arn} ${shard.idx}`;
    const last = kinesis.subscriptions.get(key);
    if (last !== undefined && now - last < RESUBSCRIBE_MS) {
      // The wording AWS answers (github.com/awslabs/amazon-kinesis-client/issues/391).
      throw new ServiceError(
        'ResourceInUseException',
        `Another active subscription exists for this consumer: ${stream.account}:${stream.name}:${shardIdOf(shard.idx)}:${consumer.name}`,
      );
    }
    const { StartingPosition } = input;
    const position = startingCounter(
      kinesis,
      stream,
      shard,
      {
        type: StartingPosition.Type,
        sequenceNumber: StartingPosition.SequenceNumber,
        timestamp: StartingPosition.Timestamp,
      },
      'SubscribeToShard',
    );
    kinesis.subscriptions.set(key, now);
    return new EventStreamOutput('EventStream', {}, events(kinesis, stream, shard.idx, position, ctx.signal));
  },
});

async function* events(
  kinesis: Kinesis,
  subscribed: StreamRow,
  shardIndex: number,
  from: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<StreamedEvent> {
  let position = from;
  let written = false;
  let over = false;
  let wake = () => {};
  const rouse = () => wake();
  const unwatch = kinesis.watch(subscribed, () => {
    written = true;
    rouse();
  });
  const expiry = kinesis.clock.setTimer(SUBSCRIPTION_MS, () => {
    over = true;
    rouse();
  });
  signal?.addEventListener('abort', rouse);
  try {
    let first = true;
    while (!over && !signal?.aborted) {
      written = false;
      const stream = kinesis.byId(subscribed.id);
      const shard =
        stream && stream.created_at === subscribed.created_at ? kinesis.shard(stream, shardIndex) : undefined;
      if (!stream || !shard) {
        yield { error: shardDoesNotExist(shardIdOf(shardIndex), subscribed.name, subscribed.account) };
        return;
      }
      const page = readShard(kinesis, stream, shard, position, MAX_RECORDS_PER_EVENT);
      position = page.next;
      if (first || page.records.length > 0 || page.ended) {
        yield { type: 'SubscribeToShardEvent', payload: event(kinesis, stream, shardIndex, position, page) };
      }
      first = false;
      if (page.ended) return;
      if (page.millisBehindLatest > 0 || written) continue;
      const heartbeat = await nap(kinesis, (resume) => {
        wake = resume;
      });
      if (heartbeat && !written) {
        yield {
          type: 'SubscribeToShardEvent',
          payload: event(kinesis, stream, shardIndex, position, undefined),
        };
      }
    }
  } finally {
    unwatch();
    expiry.cancel();
    signal?.removeEventListener('abort', rouse);
  }
}

/** Waits for a write, the end or the heartbeat; true when the heartbeat woke it. */
function nap(kinesis: Kinesis, setWake: (resume: () => void) => void): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = kinesis.clock.setTimer(HEARTBEAT_MS, () => resolve(true));
    setWake(() => {
      timer.cancel();
      resolve(false);
    });
  });
}

function event(
  kinesis: Kinesis,
  stream: StreamRow,
  shardIndex: number,
  position: number,
  page: ReturnType<typeof readShard> | undefined,
): Record<string, unknown> {
  const records = page?.records ?? [];
  if (page?.ended) {
    // At a closed shard's end: no continuation, the children to subscribe to next.
    const shard = kinesis.shard(stream, shardIndex)!;
    return {
      Records: records.map((record) => recordOutput(stream, record)),
      MillisBehindLatest: 0,
      ChildShards: childShards(kinesis, stream, shard),
    };
  }
  // Where a new subscription resumes (AFTER_SEQUENCE_NUMBER): the last record sent, or just before the next.
  const continuation = sequenceNumber({
    streamSeconds: Math.floor(stream.created_at / 1000),
    counter: Math.max(0, position - 1),
    shard: shardIndex,
    ending: false,
  });
  return {
    Records: records.map((record) => recordOutput(stream, record)),
    ContinuationSequenceNumber: continuation,
    MillisBehindLatest: page?.millisBehindLatest ?? 0,
  };
}
