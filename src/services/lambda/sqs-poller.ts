// Polls an SQS queue for an event source mapping and invokes the function with batches of messages.
// A batch that succeeds is deleted; a failed one is left to reappear after the queue's visibility timeout
// (and to reach the queue's dead-letter queue after maxReceiveCount, which SQS itself does). With
// ReportBatchItemFailures only the messages the function names are kept. Messages that match no filter are
// deleted without invoking. https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html

import { parseArn } from '../../core/arn.js';
import { ServiceError } from '../../core/errors.js';
import { type CompiledPattern, compileEventPattern } from '../../lib/event-pattern/index.js';
import type { EventSourceMapping, EventSourceMappings } from './event-source-mappings.js';
import { refOf } from './event-source-mappings.js';
import type { Lambda } from './lambda.js';
import { newRequestId } from './lambda.js';

interface SqsMessage {
  MessageId: string;
  ReceiptHandle: string;
  Body: string;
  MD5OfBody: string;
  MD5OfMessageAttributes?: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<
    string,
    { DataType: string; StringValue?: string; BinaryValue?: Buffer | string }
  >;
}

// Lambda starts five pollers for a queue; Nimbus runs fewer, as one machine's share.
const POLLERS = 2;
const LONG_POLL_SECONDS = 20;

export class SqsPoller {
  private readonly abort = new AbortController();
  private readonly filters: CompiledPattern[];
  private queueUrl: string | undefined;

  constructor(
    private readonly lambda: Lambda,
    private readonly mappings: EventSourceMappings,
    private readonly account: string,
    private readonly region: string,
    private readonly mapping: EventSourceMapping,
  ) {
    this.filters = (mapping.FilterCriteria?.Filters ?? []).map((f) => compileEventPattern(f.Pattern ?? '{}'));
  }

  start(): void {
    const count = Math.min(POLLERS, this.mapping.ScalingConfig?.MaximumConcurrency ?? POLLERS);
    for (let i = 0; i < count; i++) void this.loop();
  }

  /** Stops polling. Messages in flight need no waiting for: SQS's visibility timeout keeps them from a
   * next poller until they are deleted or come back. */
  stop(): Promise<void> {
    this.abort.abort();
    return Promise.resolve();
  }

  private get options() {
    return { account: this.account, region: this.region, caller: 'lambda', signal: this.abort.signal };
  }

  private async loop(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        const messages = await this.receive();
        if (this.abort.signal.aborted) return;
        if (messages.length > 0) await this.process(messages);
      } catch (error) {
        if (this.abort.signal.aborted) return;
        // The queue was deleted or the cloud is stopping: wait a moment instead of spinning.
        this.mappings.recordResult(this.mapping.UUID, `PROBLEM: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000).unref());
      }
    }
  }

  private async receive(): Promise<SqsMessage[]> {
    this.queueUrl ??= await this.resolveQueueUrl();
    const batch: SqsMessage[] = [];
    const windowEnds = this.lambda.clock.now() + this.mapping.MaximumBatchingWindowInSeconds * 1000;
    // Gather up to BatchSize messages, waiting at most the batching window once the first has arrived.
    while (batch.length < this.mapping.BatchSize && !this.abort.signal.aborted) {
      const waitSeconds =
        batch.length === 0
          ? LONG_POLL_SECONDS
          : Math.max(0, Math.ceil((windowEnds - this.lambda.clock.now()) / 1000));
      if (batch.length > 0 && waitSeconds === 0) break;
      const { Messages } = (await this.lambda.call(
        'sqs',
        'ReceiveMessage',
        {
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: Math.min(10, this.mapping.BatchSize - batch.length),
          WaitTimeSeconds: Math.min(LONG_POLL_SECONDS, waitSeconds),
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        },
        this.options,
      )) as { Messages?: SqsMessage[] };
      batch.push(...(Messages ?? []));
      if (this.mapping.MaximumBatchingWindowInSeconds === 0 && batch.length > 0) break;
      if (!Messages?.length && batch.length > 0) break;
    }
    return batch;
  }

  private async process(messages: SqsMessage[]): Promise<void> {
    const records = messages.map((message) => this.record(message));
    const kept =
      this.filters.length === 0
        ? records
        : records.filter((r) => this.filters.some((f) => f.matches(filterView(r))));
    const filteredOut = messages.filter((m) => !kept.some((r) => r.messageId === m.MessageId));
    await this.deleteMessages(filteredOut);
    if (kept.length === 0) return;

    let result: Awaited<ReturnType<Lambda['invoke']>>;
    try {
      const resolved = this.lambda.functions.resolve(refOf(this.mapping.FunctionArn));
      result = await this.lambda.invoke(resolved, {
        account: this.account,
        region: this.region,
        requestId: newRequestId(),
        payload: Buffer.from(JSON.stringify({ Records: kept })),
        logTail: false,
      });
    } catch (error) {
      // Throttled or gone: the messages stay and come back after their visibility timeout.
      if (error instanceof ServiceError) {
        this.mappings.recordResult(this.mapping.UUID, `PROBLEM: ${error.code}`);
        return;
      }
      throw error;
    }
    const keptMessages = messages.filter((m) => kept.some((r) => r.messageId === m.MessageId));
    if (result.functionError) {
      this.mappings.recordResult(this.mapping.UUID, 'PROBLEM: Function call failed');
      return;
    }
    this.mappings.recordResult(this.mapping.UUID, 'OK');
    const failed = this.mapping.FunctionResponseTypes.includes('ReportBatchItemFailures')
      ? batchItemFailures(result.payload, keptMessages)
      : new Set<string>();
    await this.deleteMessages(keptMessages.filter((m) => !failed.has(m.MessageId)));
  }

  private record(message: SqsMessage): Record<string, unknown> & { messageId: string; body: string } {
    const messageAttributes: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
      const binary = value.BinaryValue;
      messageAttributes[name] = {
        ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
        ...(binary !== undefined
          ? { binaryValue: Buffer.isBuffer(binary) ? binary.toString('base64') : binary }
          : {}),
        stringListValues: [],
        binaryListValues: [],
        dataType: value.DataType,
      };
    }
    return {
      messageId: message.MessageId,
      receiptHandle: message.ReceiptHandle,
      body: message.Body,
      attributes: message.Attributes ?? {},
      messageAttributes,
      md5OfBody: message.MD5OfBody,
      ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
      eventSource: 'aws:sqs',
      eventSourceARN: this.mapping.EventSourceArn,
      awsRegion: parseArn(this.mapping.EventSourceArn)?.region ?? this.region,
    };
  }

  private async deleteMessages(messages: SqsMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      const entries = messages
        .slice(i, i + 10)
        .map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle }));
      await this.lambda.call(
        'sqs',
        'DeleteMessageBatch',
        { QueueUrl: this.queueUrl, Entries: entries },
        this.options,
      );
    }
  }

  private async resolveQueueUrl(): Promise<string> {
    const arn = parseArn(this.mapping.EventSourceArn)!;
    const { QueueUrl } = (await this.lambda.call(
      'sqs',
      'GetQueueUrl',
      { QueueName: arn.resource, QueueOwnerAWSAccountId: arn.account },
      this.options,
    )) as { QueueUrl: string };
    return QueueUrl;
  }
}

/** What a filter pattern sees: the record, with a JSON body parsed (AWS filters on the body's fields). */
function filterView(record: { body: string }): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(record.body);
    if (typeof parsed === 'object' && parsed !== null) return { ...record, body: parsed };
  } catch {
    // A plain-text body is matched as a string.
  }
  return record;
}

/** The messages the function reported as failed (`{ batchItemFailures: [{ itemIdentifier }] }`). A
 * response naming an id that is not in the batch, or an empty id, fails the whole batch, as on AWS.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting */
function batchItemFailures(payload: Buffer, messages: SqsMessage[]): Set<string> {
  const all = new Set(messages.map((m) => m.MessageId));
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return new Set();
  }
  const failures = (parsed as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (!Array.isArray(failures)) return new Set();
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !all.has(id)) return all;
    failed.add(id);
  }
  return failed;
}
