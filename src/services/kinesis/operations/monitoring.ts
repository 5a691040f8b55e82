// Enable/DisableEnhancedMonitoring: the shard-level metrics a stream publishes, kept as a setting (Nimbus
// publishes no metrics); `ALL` stands for the seven.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_EnableEnhancedMonitoring.html

import * as model from '../../../core/generated/kinesis.js';
import type { Kinesis } from '../kinesis.js';
import type { StreamRow } from '../store.js';
import { operation, requireStream } from './operation.js';

const ALL_METRICS = [
  'IncomingBytes',
  'IncomingRecords',
  'OutgoingBytes',
  'OutgoingRecords',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'IteratorAgeMilliseconds',
];

export const enableEnhancedMonitoring = operation({
  input: model.EnableEnhancedMonitoringInput,
  output: model.EnhancedMonitoringOutput,
  run: (input, kinesis, ctx) => {
    const stream = requireStream(kinesis, input, ctx);
    const current = JSON.parse(stream.metrics) as string[];
    const wanted = expand(input.ShardLevelMetrics);
    const desired = ALL_METRICS.filter((metric) => current.includes(metric) || wanted.includes(metric));
    return change(kinesis, stream, current, desired);
  },
});

export const disableEnhancedMonitoring = operation({
  input: model.DisableEnhancedMonitoringInput,
  output: model.EnhancedMonitoringOutput,
  run: (input, kinesis, ctx) => {
    const stream = requireStream(kinesis, input, ctx);
    const current = JSON.parse(stream.metrics) as string[];
    const unwanted = expand(input.ShardLevelMetrics);
    return change(
      kinesis,
      stream,
      current,
      current.filter((metric) => !unwanted.includes(metric)),
    );
  },
});

function expand(metrics: string[]): string[] {
  return metrics.includes('ALL') ? ALL_METRICS : metrics;
}

function change(
  kinesis: Kinesis,
  stream: StreamRow,
  current: string[],
  desired: string[],
): Record<string, unknown> {
  kinesis.sql.setMetrics.run(JSON.stringify(desired), stream.id);
  return {
    StreamName: stream.name,
    StreamARN: kinesis.arnOf(stream),
    CurrentShardLevelMetrics: current,
    DesiredShardLevelMetrics: desired,
  };
}
