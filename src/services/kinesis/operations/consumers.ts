// Enhanced fan-out consumers: RegisterStreamConsumer (CREATING, then ACTIVE by the next call), Describe,
// List and DeregisterStreamConsumer; at most 20 per stream.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_RegisterStreamConsumer.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/kinesis.js';
import type { RequestContext } from '../../../core/service.js';
import { consumerNotFound, invalidArgument } from '../errors.js';
import type { Kinesis } from '../kinesis.js';
import { consumerArn, parseConsumerArn, parseStreamArn } from '../names.js';
import { currentStatus, STATUS_MS } from '../status.js';
import type { ConsumerRow, StreamRow } from '../store.js';
import { decodeToken, encodeToken, TOKEN_TTL_MS } from '../tokens.js';
import { epochSeconds, operation } from './operation.js';

/** "You can register up to 20 consumers per stream." */
const MAX_CONSUMERS = 20;

export const registerStreamConsumer = operation({
  input: model.RegisterStreamConsumerInput,
  output: model.RegisterStreamConsumerOutput,
  run: (input, kinesis) => {
    const stream = requireStreamArn(kinesis, input.StreamARN);
    if (kinesis.consumer(stream, input.ConsumerName)) {
      throw new ServiceError(
        'ResourceInUseException',
        `Consumer ${input.ConsumerName} under stream ${stream.name} already exists for account ${stream.account}.`,
      );
    }
    if (kinesis.consumers(stream).length >= MAX_CONSUMERS) {
      throw new ServiceError(
        'LimitExceededException',
        `Stream ${stream.name} under account ${stream.account} already has ${MAX_CONSUMERS} registered consumers.`,
      );
    }
    const now = kinesis.now();
    const row = kinesis.sql.insertConsumer.get({
      stream_id: stream.id,
      name: input.ConsumerName,
      arn: consumerArn(kinesis.arnOf(stream), input.ConsumerName, now),
      created_at: now,
      status: 'CREATING',
      status_until: now + STATUS_MS.CONSUMER_CREATING,
    }) as ConsumerRow;
    // The answer shows the consumer as registered, CREATING (the API reference's example).
    return { Consumer: { ...consumerSummary(kinesis, row), ConsumerStatus: 'CREATING' } };
  },
});

export const describeStreamConsumer = operation({
  input: model.DescribeStreamConsumerInput,
  output: model.DescribeStreamConsumerOutput,
  run: (input, kinesis, ctx) => {
    const { stream, consumer } = requireConsumer(kinesis, input, ctx);
    return {
      ConsumerDescription: { ...consumerSummary(kinesis, consumer), StreamARN: kinesis.arnOf(stream) },
    };
  },
});

export const listStreamConsumers = operation({
  input: model.ListStreamConsumersInput,
  output: model.ListStreamConsumersOutput,
  run: (input, kinesis) => {
    const now = kinesis.now();
    const stream = requireStreamArn(kinesis, input.StreamARN);
    const after =
      input.NextToken === undefined
        ? 0
        : Number(decodeToken('ListStreamConsumers', input.NextToken, now, TOKEN_TTL_MS).after);
    const consumers = kinesis.consumers(stream).filter((consumer) => consumer.id > after);
    const limit = input.MaxResults ?? 100;
    const page = consumers.slice(0, limit);
    const last = page[page.length - 1];
    return {
      Consumers: page.map((consumer) => consumerSummary(kinesis, consumer)),
      ...(consumers.length > limit && last
        ? { NextToken: encodeToken('ListStreamConsumers', { after: last.id }, now) }
        : {}),
    };
  },
});

export const deregisterStreamConsumer = operation({
  input: model.DeregisterStreamConsumerInput,
  run: (input, kinesis, ctx) => {
    const { consumer } = requireConsumer(kinesis, input, ctx);
    kinesis.store.transaction(() => {
      kinesis.sql.deletePolicy.run(consumer.arn);
      kinesis.sql.deleteConsumer.run(consumer.id);
    });
    return {};
  },
});

export function consumerSummary(kinesis: Kinesis, consumer: ConsumerRow): Record<string, unknown> {
  return {
    ConsumerName: consumer.name,
    ConsumerARN: consumer.arn,
    ConsumerStatus: currentStatus(consumer, kinesis.now()),
    ConsumerCreationTimestamp: epochSeconds(consumer.created_at),
  };
}

function requireStreamArn(kinesis: Kinesis, arn: string): StreamRow {
  const ref = parseStreamArn(arn);
  if (!ref) throw invalidArgument(`Invalid StreamARN ${arn}.`);
  return kinesis.require(ref);
}

/** The consumer named by ConsumerARN, or by StreamARN and ConsumerName. */
export function requireConsumer(
  kinesis: Kinesis,
  input: { StreamARN?: string; ConsumerName?: string; ConsumerARN?: string },
  ctx: RequestContext,
): { stream: StreamRow; consumer: ConsumerRow } {
  if (input.ConsumerARN !== undefined) {
    const parsed = parseConsumerArn(input.ConsumerARN);
    const consumer = parsed ? kinesis.consumerByArn(input.ConsumerARN) : undefined;
    const stream = consumer ? kinesis.byId(consumer.stream_id) : undefined;
    if (!consumer || !stream) throw consumerNotFound(input.ConsumerARN, ctx.account);
    return { stream, consumer };
  }
  if (input.StreamARN === undefined || input.ConsumerName === undefined) {
    // The API reference: "you must provide either the consumer's ARN or the name of the consumer and the ARN
    // of the stream"; the wording is Nimbus's.
    throw invalidArgument('Either ConsumerARN or both StreamARN and ConsumerName must be provided.');
  }
  const stream = requireStreamArn(kinesis, input.StreamARN);
  const consumer = kinesis.consumer(stream, input.ConsumerName);
  if (!consumer) throw consumerNotFound(input.ConsumerName, ctx.account);
  return { stream, consumer };
}
