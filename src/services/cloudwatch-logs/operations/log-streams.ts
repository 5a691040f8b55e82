// CreateLogStream, DeleteLogStream, DescribeLogStreams.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html

import * as model from '../../../core/generated/cloudwatch-logs.js';
import { invalidParameter } from '../errors.js';
import { sequenceToken } from '../log-events.js';
import { checkStreamName, streamArn } from '../names.js';
import type { StreamRow } from '../store.js';
import { operation, paginate } from './operation.js';

export const createLogStream = operation({
  input: model.CreateLogStreamRequest,
  run: (input, logs, ctx) => {
    const group = logs.requireGroup(ctx.account, ctx.region, input.logGroupName);
    logs.createLogStream(group, input.logStreamName);
    return {};
  },
});

export const deleteLogStream = operation({
  input: model.DeleteLogStreamRequest,
  run: (input, logs, ctx) => {
    const group = logs.requireGroup(ctx.account, ctx.region, input.logGroupName);
    logs.deleteLogStream(logs.requireStream(group, input.logStreamName));
    return {};
  },
});

export const describeLogStreams = operation({
  input: model.DescribeLogStreamsRequest,
  run: (input, logs, ctx) => {
    const group = logs.resolveGroup(ctx.account, ctx.region, input);
    const prefix = input.logStreamNamePrefix;
    if (prefix !== undefined) checkStreamName(prefix, 'logStreamNamePrefix');
    const byTime = input.orderBy === 'LastEventTime';
    if (byTime && prefix !== undefined) {
      throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
    }
    const streams = logs.listStreams(group).filter((stream) => stream.name.startsWith(prefix ?? ''));
    // Names are already in order; LastEventTime puts streams that have no events yet first.
    if (byTime) streams.sort((a, b) => (a.last_event_at ?? 0) - (b.last_event_at ?? 0));
    if (input.descending) streams.reverse();
    const { page, nextToken } = paginate(streams, input.limit ?? 50, input.nextToken);
    return {
      logStreams: page.map((stream) => describeStream(group.account, group.region, group.name, stream)),
      nextToken,
    };
  },
});

function describeStream(account: string, region: string, group: string, stream: StreamRow) {
  return {
    logStreamName: stream.name,
    creationTime: stream.created_at,
    firstEventTimestamp: stream.first_event_at ?? undefined,
    lastEventTimestamp: stream.last_event_at ?? undefined,
    lastIngestionTime: stream.last_ingestion_at ?? undefined,
    uploadSequenceToken: stream.uploads > 0 ? sequenceToken(stream) : undefined,
    arn: streamArn(account, region, group, stream.name),
    // AWS has reported 0 for a stream's storedBytes since June 2019 (the group's is real).
    storedBytes: 0,
  };
}
