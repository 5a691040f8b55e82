// TagResource, UntagResource, ListTagsForResource (by ARN), and the older TagLogGroup, UntagLogGroup,
// ListTagsLogGroup (by name). Only log groups are taggable here.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html

import * as model from '../../../core/generated/cloudwatch-logs.js';
import { groupNotFound, invalidMember } from '../errors.js';
import type { CloudWatchLogs } from '../logs.js';
import { parseGroupIdentifier } from '../names.js';
import type { GroupRow } from '../store.js';
import { operation } from './operation.js';

export const tagResource = operation({
  input: model.TagResourceRequest,
  run: (input, logs, ctx) => {
    logs.tagGroup(groupByArn(logs, input.resourceArn, ctx.account, ctx.region), input.tags);
    return {};
  },
});

export const untagResource = operation({
  input: model.UntagResourceRequest,
  run: (input, logs, ctx) => {
    logs.untagGroup(groupByArn(logs, input.resourceArn, ctx.account, ctx.region), input.tagKeys);
    return {};
  },
});

export const listTagsForResource = operation({
  input: model.ListTagsForResourceRequest,
  run: (input, logs, ctx) => ({
    tags: logs.tags(groupByArn(logs, input.resourceArn, ctx.account, ctx.region)),
  }),
});

export const tagLogGroup = operation({
  input: model.TagLogGroupRequest,
  run: (input, logs, ctx) => {
    logs.tagGroup(logs.requireGroup(ctx.account, ctx.region, input.logGroupName), input.tags);
    return {};
  },
});

export const untagLogGroup = operation({
  input: model.UntagLogGroupRequest,
  run: (input, logs, ctx) => {
    logs.untagGroup(logs.requireGroup(ctx.account, ctx.region, input.logGroupName), input.tags);
    return {};
  },
});

export const listTagsLogGroup = operation({
  input: model.ListTagsLogGroupRequest,
  run: (input, logs, ctx) => ({
    tags: logs.tags(logs.requireGroup(ctx.account, ctx.region, input.logGroupName)),
  }),
});

function groupByArn(logs: CloudWatchLogs, arn: string, account: string, region: string): GroupRow {
  const parsed = arn.startsWith('arn:') ? parseGroupIdentifier(arn) : undefined;
  if (!parsed) throw invalidMember('resourceArn', arn, 'Member must be a log group ARN');
  if (parsed.account !== account || parsed.region !== region) throw groupNotFound();
  const group = logs.findGroup(account, region, parsed.name);
  if (!group) throw groupNotFound();
  return group;
}
