// The AWS/Kinesis stream-level ("basic") metrics, recorded through the metrics port where Kinesis counts
// them: IncomingRecords and IncomingBytes for every record a put accepted; PutRecord.Success/Bytes/Latency;
// PutRecords.Success/Bytes/Latency/TotalRecords/SuccessfulRecords/FailedRecords/ThrottledRecords;
// WriteProvisionedThroughputExceeded; GetRecords.Success/Records/Bytes/Latency/IteratorAgeMilliseconds
// (the age of the last record a call returned). Dimension: StreamName.
// https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html

import type { MetricSink, MetricUnit } from '../../core/ports/metrics.js';
import type { StreamRow } from './store.js';

const NAMESPACE = 'AWS/Kinesis';

export class KinesisMetrics {
  constructor(private readonly sink: MetricSink | undefined) {}

  /** One PutRecord or PutRecords call: the bytes (data and partition key) of each record and whether it was
   * accepted (`false`: throttled). */
  put(
    stream: StreamRow,
    operation: 'PutRecord' | 'PutRecords',
    records: readonly { bytes: number; accepted: boolean }[],
    latencyMs: number,
  ): void {
    if (!this.sink) return;
    const accepted = records.filter((r) => r.accepted);
    const bytes = accepted.reduce((total, r) => total + r.bytes, 0);
    const throttled = records.length - accepted.length;
    this.record(stream, 'IncomingRecords', accepted.length, 'Count');
    this.record(stream, 'IncomingBytes', bytes, 'Bytes');
    this.record(stream, `${operation}.Success`, accepted.length > 0 ? 1 : 0, 'Count');
    this.record(stream, `${operation}.Bytes`, bytes, 'Bytes');
    this.record(stream, `${operation}.Latency`, latencyMs, 'Milliseconds');
    if (throttled > 0) this.record(stream, 'WriteProvisionedThroughputExceeded', throttled, 'Count');
    if (operation === 'PutRecords') {
      this.record(stream, 'PutRecords.TotalRecords', records.length, 'Count');
      this.record(stream, 'PutRecords.SuccessfulRecords', accepted.length, 'Count');
      this.record(stream, 'PutRecords.FailedRecords', 0, 'Count');
      this.record(stream, 'PutRecords.ThrottledRecords', throttled, 'Count');
    }
  }

  /** One GetRecords call (or a Lambda mapping's read, which is one on AWS). */
  read(
    stream: StreamRow,
    records: readonly { data: Buffer; arrival_ms: number }[],
    now: number,
    latencyMs: number,
  ): void {
    if (!this.sink) return;
    const last = records[records.length - 1];
    this.record(stream, 'GetRecords.Success', 1, 'Count');
    this.record(stream, 'GetRecords.Records', records.length, 'Count');
    this.record(
      stream,
      'GetRecords.Bytes',
      records.reduce((total, r) => total + r.data.length, 0),
      'Bytes',
    );
    this.record(stream, 'GetRecords.Latency', latencyMs, 'Milliseconds');
    this.record(
      stream,
      'GetRecords.IteratorAgeMilliseconds',
      last ? Math.max(0, now - last.arrival_ms) : 0,
      'Milliseconds',
    );
  }

  private record(stream: StreamRow, name: string, value: number, unit: MetricUnit): void {
    this.sink?.record(stream, {
      namespace: NAMESPACE,
      name,
      dimensions: [{ Name: 'StreamName', Value: stream.name }],
      value,
      unit,
    });
  }
}
