// Publish and PublishBatch. Delivery happens after the answer (see deliveries.ts).
// https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
// https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/sns.js';
import { type AttributeInput, attributesBytes } from '../../../lib/message-attributes.js';
import { invalidParameter } from '../errors.js';
import { operation } from './operation.js';

const MAX_BATCH_ENTRIES = 10;
const MAX_BATCH_BYTES = 262_144;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

export const publish = operation({
  input: model.PublishInput,
  output: model.PublishResponse,
  run: (input, sns, ctx) => {
    const targets = [input.TopicArn, input.TargetArn, input.PhoneNumber].filter((t) => t !== undefined);
    if (targets.length === 0)
      throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
    if (targets.length > 1) {
      throw invalidParameter(
        'TargetArn Reason: Only one of TargetArn or TopicArn or PhoneNumber can be specified',
      );
    }
    if (input.PhoneNumber !== undefined) return sns.publishToPhone(input);
    const parameter = input.TopicArn !== undefined ? 'TopicArn' : 'TargetArn';
    const topic = sns.topics.require(input.TopicArn ?? input.TargetArn!, ctx.region, parameter);
    const [result] = sns.publish(topic, [input], ctx.host, 'single');
    return result;
  },
});

export const publishBatch = operation({
  input: model.PublishBatchInput,
  output: model.PublishBatchResponse,
  run: (input, sns, ctx) => {
    const entries = input.PublishBatchRequestEntries ?? [];
    checkBatch(entries);
    const topic = sns.topics.require(input.TopicArn, ctx.region);
    const results = sns.publish(topic, entries, ctx.host, 'batch');
    const Successful = [];
    const Failed = [];
    for (const [i, result] of results.entries()) {
      const Id = entries[i]!.Id;
      if (result instanceof ServiceError)
        Failed.push({ Id, Code: result.code, Message: result.message, SenderFault: true });
      else Successful.push({ Id, ...result });
    }
    return { Successful, Failed };
  },
});

interface BatchEntry {
  Id: string;
  Message: string;
  MessageAttributes?: Record<string, AttributeInput>;
}

function checkBatch(entries: BatchEntry[]): void {
  if (entries.length === 0) {
    throw new ServiceError('EmptyBatchRequest', 'The batch request does not contain any entries.');
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new ServiceError(
      'TooManyEntriesInBatchRequest',
      `The batch request contains more entries than permissible (more than ${MAX_BATCH_ENTRIES}).`,
    );
  }
  const ids = new Set<string>();
  for (const entry of entries) {
    if (!BATCH_ENTRY_ID.test(entry.Id)) {
      throw new ServiceError(
        'InvalidBatchEntryId',
        'The Id of a batch entry in a batch request does not abide by the specification.',
      );
    }
    if (ids.has(entry.Id)) {
      throw new ServiceError(
        'BatchEntryIdsNotDistinct',
        'Two or more batch entries in the request have the same Id.',
      );
    }
    ids.add(entry.Id);
  }
  // "The maximum total payload size (the sum of the individual lengths of all of the batched messages)";
  // a message's length counts its attributes' names, types and values, as for Publish.
  const total = entries.reduce(
    (sum, entry) => sum + Buffer.byteLength(entry.Message) + attributesBytes(entry.MessageAttributes),
    0,
  );
  if (total > MAX_BATCH_BYTES) {
    throw new ServiceError(
      'BatchRequestTooLong',
      'The length of all the messages put together is more than the limit.',
    );
  }
}
