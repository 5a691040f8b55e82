// Reads a stream (DynamoDB's or Kinesis's, through the stream-source port) for an event source mapping, and
// invokes the function with batches of records, in order per shard (or per key with ParallelizationFactor >
// 1). A
// failed batch is retried (bisected first with BisectBatchOnFunctionError; from the lowest reported
// failure with ReportBatchItemFailures) until it succeeds, runs out of MaximumRetryAttempts or grows older
// than MaximumRecordAgeInSeconds; then its description goes to the OnFailure destination and the shard
// moves on. Where each shard got to is kept, so a restart resumes there.
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
// https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
// https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html

import { createHash } from 'node:crypto';
import { ServiceError } from '../../core/errors.js';
import type { SourcePosition, SourceRecord, StreamSource } from '../../core/ports/stream-source.js';
import { type CompiledPattern, compileEventPattern } from '../../lib/event-pattern/index.js';
import { sendFailureRecord } from './destinations.js';
import type { EventSourceMapping, EventSourceMappings } from './event-source-mappings.js';
import { refOf } from './event-source-mappings.js';
import type { Lambda } from './lambda.js';
import { newRequestId } from './lambda.js';
import { meteredFunction } from './metrics.js';
import { streamEvent } from './stream-event.js';
import {
  exhaustion,
  expiredCount,
  failureObjectKey,
  firstFailure,
  streamFailureRecord,
} from './stream-failures.js';
import { SHARD_END, startableShards, startPositions } from './stream-shards.js';
import { returnedState, type TumblingWindow, windowFor } from './tumbling-window.js';

// Lambda polls each shard four times a second; a write the source reports (`watch`) wakes it sooner, so a
// record reaches an idle function in milliseconds.
const POLL_MS = 250;
const RETRY_PAUSE_MS = 100;

export class StreamPoller {
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();
  private readonly filters: CompiledPattern[];
  /** The open tumbling window of each shard (TumblingWindowInSeconds > 0). */
  private readonly windows = new Map<string, TumblingWindow>();
  /** Shards waiting for records, woken by a write to the stream. */
  private readonly waiting = new Set<() => void>();
  private unwatch: (() => void) | undefined;

  constructor(
    private readonly lambda: Lambda,
    private readonly mappings: EventSourceMappings,
    private readonly source: StreamSource,
    private readonly account: string,
    private readonly region: string,
    private readonly mapping: EventSourceMapping,
  ) {
    this.filters = (mapping.FilterCriteria?.Filters ?? []).map((f) => compileEventPattern(f.Pattern ?? '{}'));
  }

  /** Starts reading once `after` settles: a mapping updated mid-batch starts its new poller only when the
   * old one has finished that batch, so no shard is ever read by two pollers at once. */
  start(after: Promise<void> = Promise.resolve()): void {
    this.done = after.then(() => (this.stopped ? undefined : this.run()));
  }

  /** Stops reading; settles once the batches in flight have ended. */
  stop(): Promise<void> {
    this.abort.abort();
    return this.done;
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  /**
   * Follows the stream's shards by lineage: a shard is read once its parent has been read to its end (or
   * has left retention), so records of one item keep their order across a shard roll. A shard read to
   * its end is checkpointed as finished, so a restart mid-roll resumes in the parent or starts the child.
   * A stream that cannot be described yet (its table is gone, or being restored) is a PROBLEM on the
   * mapping, retried, never an error that escapes.
   * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Processing
   */
  private async run(): Promise<void> {
    const reading = new Map<string, Promise<void>>();
    this.unwatch = this.source.watch(this.mapping.EventSourceArn, () => {
      for (const wake of [...this.waiting]) wake();
    });
    try {
      await this.follow(reading);
    } finally {
      await Promise.allSettled([...reading.values()]);
      this.unwatch();
    }
  }

  private async follow(reading: Map<string, Promise<void>>): Promise<void> {
    let first = true;
    while (!this.stopped) {
      try {
        const { shards, ended } = await this.source.shards(this.mapping.EventSourceArn);
        if (first) startPositions(shards, this.mappings, this.mapping, this.source.streamWideSequenceNumbers);
        first = false;
        for (const id of startableShards(
          shards,
          (shardId) => reading.has(shardId) || this.finished(shardId),
          (shardId) => this.finished(shardId),
        ))
          reading.set(
            id,
            this.readShard(id).finally(() => reading.delete(id)),
          );
        if (ended && reading.size === 0 && shards.every((shard) => this.finished(shard.shardId))) return;
        // A shard that finishes lets its child start at once, rather than at the next poll.
        await Promise.race([this.pause(POLL_MS), ...reading.values()]);
      } catch (error) {
        if (this.stopped) return;
        this.mappings.recordResult(this.mapping.UUID, `PROBLEM: ${(error as Error).message}`);
        await this.pause(1000);
      }
    }
  }

  private finished(shardId: string): boolean {
    return this.mappings.checkpoint(this.mapping.UUID, shardId) === SHARD_END;
  }

  private async readShard(shardId: string): Promise<void> {
    let iterator: string | undefined;
    let pending: SourceRecord[] = [];
    let pendingSince = 0;
    // A window open at the checkpoint goes on where it was, state included (after a restart too).
    const resumed = this.mapping.TumblingWindowInSeconds
      ? this.mappings.openWindow(this.mapping.UUID, shardId)
      : undefined;
    if (resumed && !this.windows.has(shardId)) this.windows.set(shardId, resumed);
    while (!this.stopped) {
      try {
        iterator ??= await this.iteratorFor(shardId);
        const page = await this.source.read(iterator, Math.min(1000, this.mapping.BatchSize));
        iterator = page.nextIterator;
        if (page.records.length > 0 && pending.length === 0) pendingSince = this.lambda.clock.now();
        pending.push(...page.records);
        const windowMs = this.mapping.MaximumBatchingWindowInSeconds * 1000;
        const full = pending.length >= this.mapping.BatchSize;
        const windowOver = this.lambda.clock.now() - pendingSince >= windowMs;
        // Every full batch goes now, and all of them once the window is over or the shard has ended (what
        // a shard's last page brought must not be read again from the checkpoint).
        while (pending.length > 0 && (pending.length >= this.mapping.BatchSize || windowOver || !iterator)) {
          const batch = pending.slice(0, this.mapping.BatchSize);
          pending = pending.slice(batch.length);
          // A batch finished (delivered or given up on) is checkpointed even if the mapping is stopping; one
          // cut short is delivered again after a restart (at least once, as Lambda does).
          const finished = await this.process(shardId, batch);
          if (finished) {
            this.mappings.saveCheckpoint(
              this.mapping.UUID,
              shardId,
              batch[batch.length - 1]!.sequenceNumber,
              this.windows.get(shardId),
            );
          }
          if (this.stopped) return;
        }
        await this.closeWindowIfOver(shardId);
        // A closed shard that has been read to its end is done: its window closes, its child can start.
        if (!iterator && pending.length === 0) {
          const open = this.windows.get(shardId);
          if (open) await this.closeWindow(shardId, open);
          if (!this.stopped) this.mappings.saveCheckpoint(this.mapping.UUID, shardId, SHARD_END);
          return;
        }
        if (page.records.length === 0) await this.waitForRecords(POLL_MS);
        else if (!full) await this.pause(POLL_MS);
      } catch (error) {
        if (this.stopped) return;
        // A shard that has left retention has nothing more to read; its child no longer waits for it.
        if (
          error instanceof ServiceError &&
          error.code === 'ResourceNotFoundException' &&
          /Shard/.test(error.message)
        )
          return;
        // An expired iterator or a stream gone for now: start again from the checkpoint after a pause.
        iterator = undefined;
        pending = [];
        this.mappings.recordResult(this.mapping.UUID, `PROBLEM: ${(error as Error).message}`);
        await this.pause(1000);
      }
    }
  }

  private async iteratorFor(shardId: string): Promise<string> {
    // A shard with no checkpoint is read from its start: a LATEST mapping's start is a checkpoint too.
    const checkpoint = this.mappings.checkpoint(this.mapping.UUID, shardId);
    // An AT_TIMESTAMP mapping reads a shard it has no checkpoint in from its StartingPositionTimestamp.
    const timestamp = this.mapping.StartingPositionTimestamp;
    const position: SourcePosition = checkpoint
      ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: checkpoint }
      : timestamp !== undefined
        ? { type: 'AT_TIMESTAMP', timestamp }
        : { type: 'TRIM_HORIZON' };
    const get = (at: SourcePosition) => this.source.iterator(this.mapping.EventSourceArn, shardId, at);
    try {
      return await get(position);
    } catch (error) {
      // A checkpoint older than the 24-hour retention: what is left of the shard is read.
      if (error instanceof ServiceError && error.code === 'TrimmedDataAccessException')
        return get({ type: 'TRIM_HORIZON' });
      throw error;
    }
  }

  /** Runs one batch, lane by lane when ParallelizationFactor > 1; true once every record has succeeded
   * or been discarded. */
  private async process(shardId: string, records: SourceRecord[]): Promise<boolean> {
    const kept =
      this.filters.length === 0
        ? records
        : records.filter((r) => this.filters.some((f) => f.matches(r.filterSubject)));
    if (kept.length === 0) return true;
    if (this.mapping.TumblingWindowInSeconds) return this.processWindowed(shardId, kept);
    const lanes = new Map<number, SourceRecord[]>();
    const factor = this.mapping.ParallelizationFactor ?? 1;
    for (const record of kept) {
      // Records of one key always share a lane, so they stay in order.
      const lane =
        factor === 1 ? 0 : createHash('md5').update(record.laneKey).digest().readUInt32BE(0) % factor;
      const list = lanes.get(lane) ?? [];
      list.push(record);
      lanes.set(lane, list);
    }
    const finished = await Promise.all([...lanes.values()].map((lane) => this.deliver(shardId, lane)));
    return finished.every(Boolean);
  }

  /** Records in creation order, window by window: a record of a later window closes the open one first. */
  private async processWindowed(shardId: string, records: SourceRecord[]): Promise<boolean> {
    const seconds = this.mapping.TumblingWindowInSeconds!;
    let run: SourceRecord[] = [];
    const flush = async () => {
      if (run.length === 0) return true;
      const done = await this.deliver(shardId, run, this.windows.get(shardId));
      run = [];
      return done;
    };
    for (const record of records) {
      const window = windowFor(record.arrivalMs, seconds);
      const open = this.windows.get(shardId);
      if (open && open.start !== window.start) {
        if (!(await flush())) return false;
        await this.closeWindow(shardId, open);
      }
      if (!this.windows.has(shardId)) this.windows.set(shardId, window);
      run.push(record);
    }
    return flush();
  }

  private async closeWindowIfOver(shardId: string): Promise<void> {
    const open = this.windows.get(shardId);
    if (!open || this.lambda.clock.now() < open.end) return;
    await this.closeWindow(shardId, open);
    // No batch checkpoint follows to record that no window is open: a restart must not resume this one.
    this.mappings.forgetOpenWindow(this.mapping.UUID, shardId);
  }

  /** The window's last invocation: no records, the final state. */
  private async closeWindow(shardId: string, window: TumblingWindow): Promise<void> {
    this.windows.delete(shardId);
    await this.invoke([], { window, shardId, final: true });
  }

  /** Delivers records until each has succeeded or been discarded (true), or the mapping stops (false);
   * `bisected` records have been invoked before (as part of the batch that was split). */
  private async deliver(
    shardId: string,
    records: SourceRecord[],
    window?: TumblingWindow,
    bisected = false,
  ): Promise<boolean> {
    let remaining = records;
    let attempts = 0;
    while (remaining.length > 0 && !this.stopped) {
      // Records already past MaximumRecordAgeInSeconds are discarded unseen (never invoked), the rest sent.
      const fresh = attempts === 0 && !bisected;
      const expired = fresh ? expiredCount(this.mapping, remaining, this.lambda.clock.now()) : 0;
      if (expired > 0) {
        await this.discard(shardId, remaining.slice(0, expired), 'RecordAgeExceeded', 0, {}, window);
        remaining = remaining.slice(expired);
        if (remaining.length === 0) return true;
      }
      const outcome = await this.invoke(remaining, window && { window, shardId, final: false });
      attempts++;
      if (outcome.kind === 'ok') return true;
      if (outcome.kind === 'partial') {
        // The records before the lowest failure are done: the checkpoint moves past them, as Lambda's
        // does, so a restart re-sends only from the failure. With several lanes, another lane's earlier
        // records may still be running: the checkpoint then waits for the whole batch.
        if (outcome.from > 0 && (this.mapping.ParallelizationFactor ?? 1) === 1) {
          const done = remaining[outcome.from - 1]!.sequenceNumber;
          this.mappings.saveCheckpoint(this.mapping.UUID, shardId, done, this.windows.get(shardId));
        }
        remaining = remaining.slice(outcome.from);
      } else if (this.mapping.BisectBatchOnFunctionError && remaining.length > 1) {
        // Halves are retried on their own; splitting does not use up a retry. They belong to the batch's
        // window: each is invoked with its members (window, state, shardId…) as the whole batch was, and
        // the state a half returns is what the next invocation in the window gets.
        const half = Math.ceil(remaining.length / 2);
        return (
          (await this.deliver(shardId, remaining.slice(0, half), window, true)) &&
          this.deliver(shardId, remaining.slice(half), window, true)
        );
      }
      const condition = exhaustion(
        this.mapping,
        remaining,
        attempts,
        this.lambda.clock.now(),
        this.source.retentionMs(this.mapping.EventSourceArn),
      );
      if (condition) {
        await this.discard(shardId, remaining, condition, attempts, outcome, window);
        return true;
      }
      await this.pause(Math.min(1000, RETRY_PAUSE_MS * attempts));
    }
    return remaining.length === 0;
  }

  private async invoke(
    records: SourceRecord[],
    windowed?: { window: TumblingWindow; shardId: string; final: boolean },
  ): Promise<
    | { kind: 'ok' }
    | { kind: 'failed'; functionError?: string; executedVersion?: string; requestId?: string }
    | { kind: 'partial'; from: number; executedVersion?: string; requestId?: string }
  > {
    const requestId = newRequestId();
    try {
      const resolved = this.lambda.functions.resolve(refOf(this.mapping.FunctionArn));
      const event = streamEvent(records, this.mapping.EventSourceArn, windowed, resolved.version.config.Role);
      const last = records[records.length - 1];
      if (last)
        this.lambda.metrics.iteratorAge(meteredFunction(resolved), this.lambda.clock.now() - last.arrivalMs);
      const result = await this.lambda.invoke(resolved, {
        account: this.account,
        region: this.region,
        requestId,
        payload: Buffer.from(JSON.stringify(event)),
        logTail: false,
      });
      if (result.functionError) {
        this.mappings.recordResult(this.mapping.UUID, 'PROBLEM: Function call failed');
        return {
          kind: 'failed',
          functionError: result.functionError,
          executedVersion: result.executedVersion,
          requestId,
        };
      }
      // The final invocation's state is discarded; AWS's samples return one there too, but only the
      // invocations that carry records are held to it here.
      if (windowed && !windowed.final) {
        const returned = returnedState(result.payload);
        if (!returned) {
          this.mappings.recordResult(this.mapping.UUID, 'PROBLEM: Function call failed');
          return { kind: 'failed', executedVersion: result.executedVersion, requestId };
        }
        windowed.window.state = returned.state;
      }
      this.mappings.recordResult(this.mapping.UUID, 'OK');
      if (!this.mapping.FunctionResponseTypes.includes('ReportBatchItemFailures')) return { kind: 'ok' };
      const from = firstFailure(result.payload, records);
      if (from === undefined) return { kind: 'ok' };
      if (from === 'all') return { kind: 'failed', executedVersion: result.executedVersion, requestId };
      return { kind: 'partial', from, executedVersion: result.executedVersion, requestId };
    } catch (error) {
      if (error instanceof ServiceError) return { kind: 'failed', requestId };
      throw error;
    }
  }

  /** Describes records given up on to the OnFailure destination; one that refuses it leaves a PROBLEM on
   * the mapping, and the shard moves on either way. */
  private async discard(
    shardId: string,
    records: SourceRecord[],
    condition: string,
    attempts: number,
    outcome: { functionError?: string; executedVersion?: string; requestId?: string },
    window?: TumblingWindow,
  ): Promise<void> {
    const destination = this.mapping.DestinationConfig?.OnFailure?.Destination;
    if (!destination) return;
    const now = this.lambda.clock.now();
    const record = streamFailureRecord({
      records,
      batchInfoKey: this.source.batchInfoKey,
      shardId,
      condition,
      attempts,
      outcome,
      functionArn: this.mapping.FunctionArn,
      streamArn: this.mapping.EventSourceArn,
      now,
    });
    await sendFailureRecord(
      { call: this.lambda.call, account: this.account, region: this.region },
      destination,
      record,
      {
        key: failureObjectKey(this.mapping.UUID, shardId, now),
        event: streamEvent(records, this.mapping.EventSourceArn, window && { window, shardId, final: false }),
      },
    ).catch((error: unknown) =>
      this.mappings.recordResult(
        this.mapping.UUID,
        `PROBLEM: OnFailure destination: ${(error as Error).message}`,
      ),
    );
  }

  private pause(ms: number): Promise<void> {
    const { signal } = this.abort;
    return new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Waits up to `ms` for a write to the stream (or the mapping to stop). */
  private waitForRecords(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.waiting.delete(wake);
        resolve();
      };
      this.waiting.add(wake);
      this.pause(ms).then(wake);
    });
  }
}
