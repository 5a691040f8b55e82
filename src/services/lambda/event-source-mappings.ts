// Event source mappings: their records (as EventSourceMappingConfiguration), their checks, and the
// pollers that run for the enabled ones: SQS queues, and the streams of DynamoDB and Kinesis (read through
// the stream-source port, core/ports/stream-source.ts); the pollers restart with the cloud, as mappings are
// state. https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html

import { randomUUID } from 'node:crypto';
import { parseArn } from '../../core/arn.js';
import { ServiceError } from '../../core/errors.js';
import type { StreamSource } from '../../core/ports/stream-source.js';
import { compileEventPattern, PatternError } from '../../lib/event-pattern/index.js';
import type { Lambda } from './lambda.js';
import { SqsPoller } from './sqs-poller.js';
import { applyStreamSettings, streamDefaults } from './stream-mapping.js';
import { StreamPoller } from './stream-poller.js';
import { SHARD_END } from './stream-shards.js';
import type { TumblingWindow } from './tumbling-window.js';

export interface EventSourceMapping {
  UUID: string;
  EventSourceMappingArn: string;
  EventSourceArn: string;
  FunctionArn: string;
  BatchSize: number;
  MaximumBatchingWindowInSeconds: number;
  State: string;
  StateTransitionReason: string;
  LastModified: number;
  LastProcessingResult: string;
  FunctionResponseTypes: string[];
  FilterCriteria?: { Filters?: { Pattern?: string }[] };
  ScalingConfig?: { MaximumConcurrency?: number };
  DestinationConfig?: { OnFailure?: { Destination?: string }; OnSuccess?: { Destination?: string } };
  // Stream sources only:
  StartingPosition?: string;
  /** AT_TIMESTAMP's time, epoch ms (Kinesis only). */
  StartingPositionTimestamp?: number;
  ParallelizationFactor?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  MaximumRecordAgeInSeconds?: number;
  TumblingWindowInSeconds?: number;
}

export interface MappingInput {
  EventSourceArn?: string;
  FunctionName?: string;
  Enabled?: boolean;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  FunctionResponseTypes?: string[];
  FilterCriteria?: { Filters?: { Pattern?: string }[] };
  ScalingConfig?: { MaximumConcurrency?: number };
  DestinationConfig?: { OnFailure?: { Destination?: string }; OnSuccess?: { Destination?: string } };
  StartingPosition?: string;
  StartingPositionTimestamp?: number;
  ParallelizationFactor?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  MaximumRecordAgeInSeconds?: number;
  TumblingWindowInSeconds?: number;
}

interface MappingRow {
  uuid: string;
  account: string;
  region: string;
  function_arn: string;
  config: string;
}

export class EventSourceMappings {
  private readonly pollers = new Map<string, SqsPoller | StreamPoller>();

  constructor(private readonly lambda: Lambda) {}

  /** Starts the pollers of the mappings kept from before a restart. */
  resume(): void {
    for (const row of this.lambda.sql.allMappings.all() as MappingRow[])
      this.startPoller(row.account, row.region, JSON.parse(row.config));
  }

  async create(
    account: string,
    region: string,
    functionArn: string,
    input: MappingInput,
  ): Promise<EventSourceMapping> {
    const source = input.EventSourceArn ?? '';
    const kind = sourceKind(source);
    const uuid = randomUUID();
    const mapping: EventSourceMapping = {
      UUID: uuid,
      EventSourceMappingArn: `arn:aws:lambda:${region}:${account}:event-source-mapping:${uuid}`,
      EventSourceArn: source,
      FunctionArn: functionArn,
      BatchSize: kind === 'sqs' ? 10 : 100,
      MaximumBatchingWindowInSeconds: 0,
      State: 'Enabled',
      StateTransitionReason: 'USER_INITIATED',
      LastModified: this.lambda.clock.now(),
      LastProcessingResult: 'No records processed',
      FunctionResponseTypes: [],
    };
    if (kind === 'stream') Object.assign(mapping, streamDefaults(input, source));
    const next = apply(mapping, input);
    await this.checkSource(account, region, next);
    // The mapping and where it starts are one transaction: a kill cannot leave a LATEST mapping without
    // its position (it would then start wherever the stream is when the cloud comes back).
    this.lambda.store.transaction(() => {
      checkNotMappedYet(this.list(account, region), next, kind);
      this.save(account, region, next);
      this.recordLatestStartIfDue(next);
    });
    this.startPoller(account, region, next);
    return { ...next, State: next.State === 'Enabled' ? 'Creating' : next.State };
  }

  get(uuid: string): { mapping: EventSourceMapping; account: string; region: string } {
    const row = this.lambda.sql.getMapping.get(uuid) as MappingRow | undefined;
    if (!row) {
      throw new ServiceError(
        'ResourceNotFoundException',
        `The resource you requested does not exist. (Service: Lambda, Status Code: 404, Request ID: ${randomUUID()})`,
        { status: 404 },
      );
    }
    return { mapping: JSON.parse(row.config), account: row.account, region: row.region };
  }

  list(account: string, region: string): EventSourceMapping[] {
    return (this.lambda.sql.listMappings.all(account, region) as MappingRow[]).map((row) =>
      JSON.parse(row.config),
    );
  }

  async update(
    uuid: string,
    functionArn: string | undefined,
    input: MappingInput,
  ): Promise<EventSourceMapping> {
    const { mapping, account, region } = this.get(uuid);
    const next = apply(
      { ...mapping, FunctionArn: functionArn ?? mapping.FunctionArn, LastModified: this.lambda.clock.now() },
      input,
    );
    await this.checkSource(account, region, next);
    this.lambda.store.transaction(() => {
      this.save(account, region, next);
      this.recordLatestStartIfDue(next);
    });
    this.startPoller(account, region, next, this.stopPoller(uuid));
    return { ...next, State: next.State === 'Enabled' ? 'Updating' : next.State };
  }

  delete(uuid: string): EventSourceMapping {
    const { mapping } = this.get(uuid);
    this.stopPoller(uuid);
    this.lambda.sql.deleteMapping.run(uuid);
    this.lambda.sql.deleteCheckpoints.run(uuid);
    return { ...mapping, State: 'Deleting' };
  }

  /** Records what the last batch did (LastProcessingResult), as GetEventSourceMapping reports it. */
  recordResult(uuid: string, result: string): void {
    const row = this.lambda.sql.getMapping.get(uuid) as MappingRow | undefined;
    if (!row) return;
    const mapping: EventSourceMapping = JSON.parse(row.config);
    if (mapping.LastProcessingResult === result) return;
    this.save(row.account, row.region, { ...mapping, LastProcessingResult: result });
  }

  stop(): void {
    for (const uuid of [...this.pollers.keys()]) this.stopPoller(uuid);
  }

  checkpoint(uuid: string, shardId: string): string | undefined {
    return (this.lambda.sql.getCheckpoint.get(uuid, shardId) as { sequence_number: string } | undefined)
      ?.sequence_number;
  }

  /** The highest sequence number any of the mapping's checkpoints names, if one does. */
  highestCheckpoint(uuid: string): bigint | undefined {
    let highest: bigint | undefined;
    for (const row of this.lambda.sql.allCheckpoints.all(uuid) as { sequence_number: string }[])
      if (/^\d+$/.test(row.sequence_number)) {
        const seq = BigInt(row.sequence_number);
        if (highest === undefined || seq > highest) highest = seq;
      }
    return highest;
  }

  /** Whether the mapping has read anything yet (a first start takes StartingPosition literally). */
  hasCheckpoints(uuid: string): boolean {
    return this.lambda.sql.anyCheckpoint.get(uuid) !== undefined;
  }

  /** Where a shard's mapping got to, with the tumbling window open there (if any). */
  saveCheckpoint(uuid: string, shardId: string, sequenceNumber: string, openWindow?: TumblingWindow): void {
    this.lambda.sql.putCheckpoint.run(
      uuid,
      shardId,
      sequenceNumber,
      openWindow ? JSON.stringify(openWindow) : null,
    );
  }

  /** The tumbling window that was open at the shard's checkpoint, state included. */
  openWindow(uuid: string, shardId: string): TumblingWindow | undefined {
    const row = this.lambda.sql.getOpenWindow.get(uuid, shardId) as
      | { open_window: string | null }
      | undefined;
    return row?.open_window ? (JSON.parse(row.open_window) as TumblingWindow) : undefined;
  }

  /** The shard's window closed (its final invocation made) with no checkpoint after it. */
  forgetOpenWindow(uuid: string, shardId: string): void {
    this.lambda.sql.clearOpenWindow.run(uuid, shardId);
  }

  /** Records where a LATEST mapping starts (stream-mapping.ts), in one transaction. */
  recordLatestStart(uuid: string, streamArn: string): void {
    const positions = this.sourceOf(streamArn).latestStart(streamArn, SHARD_END);
    this.lambda.store.transaction(() => {
      for (const [shardId, checkpoint] of positions) this.saveCheckpoint(uuid, shardId, checkpoint);
    });
  }

  /** The newest sequence number the cloud's streams have handed out (where LATEST is now). */
  latestSequenceNumber(streamArn: string): string {
    return this.sourceOf(streamArn).latestSequenceNumber(streamArn);
  }

  /** The service that owns a stream mapping's source (DynamoDB Streams or Kinesis). */
  sourceOf(sourceArn: string): StreamSource {
    const source = this.lambda.streamSource(parseArn(sourceArn)?.service ?? '');
    if (!source) throw new Error(`no stream source serves ${sourceArn}`);
    return source;
  }

  private recordLatestStartIfDue(mapping: EventSourceMapping): void {
    if (mapping.State !== 'Enabled' || mapping.StartingPosition !== 'LATEST') return;
    if (this.hasCheckpoints(mapping.UUID)) return;
    this.recordLatestStart(mapping.UUID, mapping.EventSourceArn);
  }

  private save(account: string, region: string, mapping: EventSourceMapping): void {
    this.lambda.sql.putMapping.run(
      mapping.UUID,
      account,
      region,
      mapping.FunctionArn,
      JSON.stringify(mapping),
      mapping.LastModified,
    );
  }

  /** Starts the mapping's poller (when enabled) once `after` (the previous poller's end) settles. */
  private startPoller(
    account: string,
    region: string,
    mapping: EventSourceMapping,
    after?: Promise<void>,
  ): void {
    if (mapping.State !== 'Enabled') return;
    const poller =
      sourceKind(mapping.EventSourceArn) === 'sqs'
        ? new SqsPoller(this.lambda, this, account, region, mapping)
        : new StreamPoller(
            this.lambda,
            this,
            this.sourceOf(mapping.EventSourceArn),
            account,
            region,
            mapping,
          );
    this.pollers.set(mapping.UUID, poller);
    poller.start(after);
  }

  /** Stops the mapping's poller; settles once its batches in flight have ended. */
  private stopPoller(uuid: string): Promise<void> {
    const poller = this.pollers.get(uuid);
    this.pollers.delete(uuid);
    return poller?.stop() ?? Promise.resolve();
  }

  /** The source must exist; a queue's visibility timeout must cover the function's timeout (AWS checks). */
  private async checkSource(account: string, region: string, mapping: EventSourceMapping): Promise<void> {
    const arn = parseArn(mapping.EventSourceArn)!;
    const options = { account, region, caller: 'lambda' };
    if (sourceKind(mapping.EventSourceArn) === 'stream') {
      if (!this.sourceOf(mapping.EventSourceArn).streamArnOf(mapping.EventSourceArn))
        throw new ServiceError(
          'InvalidParameterValueException',
          `Stream not found: ${mapping.EventSourceArn}`,
        );
      return;
    }
    let visibility: number;
    try {
      const { QueueUrl } = (await this.lambda.call(
        'sqs',
        'GetQueueUrl',
        { QueueName: arn.resource, QueueOwnerAWSAccountId: arn.account },
        options,
      )) as { QueueUrl: string };
      const { Attributes } = (await this.lambda.call(
        'sqs',
        'GetQueueAttributes',
        { QueueUrl, AttributeNames: ['VisibilityTimeout'] },
        options,
      )) as { Attributes: Record<string, string> };
      visibility = Number(Attributes.VisibilityTimeout);
    } catch {
      throw new ServiceError(
        'InvalidParameterValueException',
        'Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist for this wsdl version.',
      );
    }
    const fn = this.lambda.functions.resolve(refOf(mapping.FunctionArn));
    const timeout = fn.version.config.Timeout;
    if (visibility < timeout) {
      throw new ServiceError(
        'InvalidParameterValueException',
        `Queue visibility timeout: ${visibility} seconds is less than Function timeout: ${timeout} seconds`,
      );
    }
  }
}

/**
 * One mapping per event source and function (version or alias): a second is refused with Lambda's 409, the
 * function named by its name. Lambda words it per kind of source, as AWS answers it: for a stream
 * (quoted in aws/serverless-application-model#1320), and for an SQS queue (CloudFormation's
 * `CREATE_FAILED` reasons quoted in public write-ups, e.g. "An event source mapping with SQS arn (\"
 * arn:aws:sqs:us-east-2:…:gap-watch-request-queue \") and function (\" gap-watch-request-reader \")
 * already exists. Please update or delete the existing mapping with UUID …", Status Code: 409).
 */
function checkNotMappedYet(
  existing: readonly EventSourceMapping[],
  mapping: EventSourceMapping,
  kind: 'sqs' | 'stream',
): void {
  const twin = existing.find(
    (m) => m.EventSourceArn === mapping.EventSourceArn && m.FunctionArn === mapping.FunctionArn,
  );
  if (!twin) return;
  const source = ` ${mapping.EventSourceArn} `;
  const fn = ` ${mapping.FunctionArn.split(':')[6]} `;
  const message =
    kind === 'sqs'
      ? `An event source mapping with SQS arn ("${source}") and function ("${fn}") already exists.`
      : `The event source arn ("${source}") and function ("${fn}") provided mapping already exists.`;
  throw new ServiceError(
    'ResourceConflictException',
    `${message} Please update or delete the existing mapping with UUID ${twin.UUID}`,
    { status: 409 },
  );
}

/** The kinds of event source Nimbus polls: SQS queues, DynamoDB streams, and Kinesis streams and their
 * enhanced fan-out consumers. */
function sourceKind(arn: string): 'sqs' | 'stream' {
  const parsed = parseArn(arn);
  if (parsed?.service === 'sqs') return 'sqs';
  if (parsed?.service === 'dynamodb' && /^table\/[^/]+\/stream\//.test(parsed.resource)) return 'stream';
  if (parsed?.service === 'kinesis' && /^stream\/[^/]+(\/consumer\/[^/]+)?$/.test(parsed.resource))
    return 'stream';
  throw new ServiceError(
    'InvalidParameterValueException',
    `Nimbus polls SQS queues, DynamoDB streams and Kinesis streams; unsupported event source: ${arn}`,
  );
}

function apply(mapping: EventSourceMapping, input: MappingInput): EventSourceMapping {
  const next = { ...mapping };
  const isStream = mapping.StartingPosition !== undefined;
  if (isStream) applyStreamSettings(next, input);
  if (input.Enabled !== undefined) next.State = input.Enabled ? 'Enabled' : 'Disabled';
  if (input.BatchSize !== undefined) next.BatchSize = input.BatchSize;
  if (input.MaximumBatchingWindowInSeconds !== undefined)
    next.MaximumBatchingWindowInSeconds = input.MaximumBatchingWindowInSeconds;
  if (input.FunctionResponseTypes !== undefined) next.FunctionResponseTypes = input.FunctionResponseTypes;
  if (input.ScalingConfig !== undefined) next.ScalingConfig = input.ScalingConfig;
  if (input.DestinationConfig !== undefined) next.DestinationConfig = input.DestinationConfig;
  if (input.FilterCriteria !== undefined) {
    for (const filter of input.FilterCriteria.Filters ?? []) {
      try {
        compileEventPattern(filter.Pattern ?? '');
      } catch (error) {
        if (!(error instanceof PatternError)) throw error;
        throw new ServiceError(
          'InvalidParameterValueException',
          `Invalid filter pattern definition. ${error.message}`,
        );
      }
    }
    next.FilterCriteria = input.FilterCriteria;
  }
  // https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html: over 10 needs a window.
  if (!isStream && next.BatchSize > 10 && next.MaximumBatchingWindowInSeconds < 1) {
    throw new ServiceError(
      'InvalidParameterValueException',
      'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
    );
  }
  return next;
}

export function refOf(functionArn: string) {
  const parts = functionArn.split(':');
  return { region: parts[3]!, account: parts[4]!, name: parts[6]!, qualifier: parts[7] };
}
