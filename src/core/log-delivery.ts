// Log delivery for services that write to CloudWatch Logs on the user's behalf (Lambda's function output,
// AppSync's request logs): lines batched per stream and written in order through the Logs service like any
// other caller, the group and stream made on first use and again when the user deleted them.
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
// https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html

import type { Clock } from './clock.js';
import type { InProcessCall } from './service.js';

export interface LogStreamTarget {
  readonly account: string;
  readonly region: string;
  readonly group: string;
  readonly stream: string;
  /** Shown before each line in the terminal, when the delivery echoes there. */
  readonly label?: string;
}

interface PendingBatch {
  readonly target: LogStreamTarget;
  events: { timestamp: number; message: string }[];
}

// PutLogEvents takes at most 10,000 events a call.
const BATCH_EVENTS = 10_000;
// Lines are gathered this long before they are written, so a busy function or API costs one PutLogEvents per
// interval rather than one per request (AWS's own delivery to CloudWatch Logs lags by seconds).
const FLUSH_AFTER_MS = 50;

export interface LogDeliveryOptions {
  /** The service writing, as the Logs service sees the caller (`lambda`, `appsync`). */
  readonly caller: string;
  /** Where each line is echoed as it is written (Lambda shows function output in the terminal). */
  readonly terminal?: (line: string) => void;
  /** Where a failed delivery is reported: the cloud's own log. */
  readonly log: (message: string) => void;
}

export class LogDelivery {
  private readonly created = new Set<string>();
  private readonly pending = new Map<string, PendingBatch>();
  /** Per stream, the write in flight: batches go out one after another, in order. */
  private readonly writing = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly call: InProcessCall,
    private readonly clock: Clock,
    private readonly options: LogDeliveryOptions,
  ) {}

  write(target: LogStreamTarget, message: string): void {
    this.options.terminal?.(target.label ? `${target.label} ${message}` : message);
    // A log event cannot be empty (PutLogEvents rejects it); a blank line carries nothing anyway. Once the
    // cloud is stopping, what environments still print goes to the terminal only.
    if (message.trim() === '' || this.stopped) return;
    const key = streamKey(target);
    let batch = this.pending.get(key);
    if (!batch) {
      batch = { target, events: [] };
      this.pending.set(key, batch);
      setTimeout(() => this.flush(key), FLUSH_AFTER_MS).unref();
    }
    batch.events.push({ timestamp: this.clock.now(), message });
  }

  /** Writes what is pending, then takes no more (the cloud is stopping). */
  async stop(): Promise<void> {
    for (const key of [...this.pending.keys()]) this.flush(key);
    this.stopped = true;
    await Promise.all(this.writing.values());
  }

  reset(): void {
    this.created.clear();
  }

  private flush(key: string): void {
    const batch = this.pending.get(key);
    if (!batch) return;
    this.pending.delete(key);
    const previous = this.writing.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => this.send(batch))
      .catch((error: unknown) => {
        this.options.log(
          `${this.options.caller}: could not write logs to ${batch.target.group}: ${(error as Error).message}`,
        );
      });
    this.writing.set(key, next);
    next.then(() => {
      if (this.writing.get(key) === next) this.writing.delete(key);
    });
  }

  private async send(batch: PendingBatch): Promise<void> {
    const { target } = batch;
    const options = { account: target.account, region: target.region, caller: this.options.caller };
    await this.ensureStream(target);
    for (let i = 0; i < batch.events.length; i += BATCH_EVENTS) {
      const input = {
        logGroupName: target.group,
        logStreamName: target.stream,
        logEvents: batch.events.slice(i, i + BATCH_EVENTS),
      };
      try {
        await this.call('cloudwatch-logs', 'PutLogEvents', input, options);
      } catch (error) {
        // The group or stream was deleted while the environment ran: make them again, as Lambda does.
        if ((error as { code?: string }).code !== 'ResourceNotFoundException') throw error;
        this.created.delete(streamKey(target));
        this.created.delete(groupKey(target));
        await this.ensureStream(target);
        await this.call('cloudwatch-logs', 'PutLogEvents', input, options);
      }
    }
  }

  private async ensureStream(target: LogStreamTarget): Promise<void> {
    const options = { account: target.account, region: target.region, caller: this.options.caller };
    if (!this.created.has(groupKey(target))) {
      await ignoreExists(
        this.call('cloudwatch-logs', 'CreateLogGroup', { logGroupName: target.group }, options),
      );
      this.created.add(groupKey(target));
    }
    if (!this.created.has(streamKey(target))) {
      await ignoreExists(
        this.call(
          'cloudwatch-logs',
          'CreateLogStream',
          { logGroupName: target.group, logStreamName: target.stream },
          options,
        ),
      );
      this.created.add(streamKey(target));
    }
  }
}

function groupKey(target: LogStreamTarget): string {
  return `${target.account}|${target.region}|${target.group}`;
}

function streamKey(target: LogStreamTarget): string {
  return `${groupKey(target)}|${target.stream}`;
}

async function ignoreExists(pending: Promise<unknown>): Promise<void> {
  try {
    await pending;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ResourceAlreadyExistsException') throw error;
  }
}
