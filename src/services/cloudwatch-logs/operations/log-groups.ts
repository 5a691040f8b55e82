// CreateLogGroup, DeleteLogGroup, DescribeLogGroups.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html

import * as model from '../../../core/generated/cloudwatch-logs.js';
import { invalidParameter } from '../errors.js';
import { checkGroupName, groupArn, parseGroupIdentifier } from '../names.js';
import { operation, paginate } from './operation.js';

export const createLogGroup = operation({
  input: model.CreateLogGroupRequest,
  run: (input, logs, ctx) => {
    logs.createLogGroup(ctx.account, ctx.region, input.logGroupName, input);
    return {};
  },
});

export const deleteLogGroup = operation({
  input: model.DeleteLogGroupRequest,
  run: (input, logs, ctx) => {
    logs.deleteLogGroup(logs.requireGroup(ctx.account, ctx.region, input.logGroupName));
    return {};
  },
});

export const describeLogGroups = operation({
  input: model.DescribeLogGroupsRequest,
  run: (input, logs, ctx) => {
    const prefix = input.logGroupNamePrefix;
    const pattern = input.logGroupNamePattern;
    if (prefix !== undefined && pattern !== undefined) {
      throw invalidParameter(
        'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
      );
    }
    if (prefix !== undefined) checkGroupName(prefix, 'logGroupNamePrefix');
    if (pattern) checkGroupName(pattern, 'logGroupNamePattern');
    // logGroupIdentifiers names groups by name or ARN; an identifier that parses to nothing matches nothing.
    const identifiers = input.logGroupIdentifiers
      ? new Set(input.logGroupIdentifiers.map((id) => parseGroupIdentifier(id)?.name))
      : undefined;
    const groups = logs
      .listGroups(ctx.account, ctx.region, { prefix, pattern })
      .filter((g) => !input.logGroupClass || g.log_group_class === input.logGroupClass)
      .filter((g) => !identifiers || identifiers.has(g.name));
    const { page, nextToken } = paginate(groups, input.limit ?? 50, input.nextToken);
    const logGroups = page.map((group) => {
      const arn = groupArn(group.account, group.region, group.name);
      // "If you specify logGroupNamePattern … only arn, creationTime, and logGroupName are included."
      if (pattern !== undefined)
        return { logGroupName: group.name, creationTime: group.created_at, arn: `${arn}:*` };
      return {
        logGroupName: group.name,
        creationTime: group.created_at,
        retentionInDays: group.retention_days ?? undefined,
        metricFilterCount: 0,
        arn: `${arn}:*`,
        storedBytes: logs.storedBytes(group),
        kmsKeyId: group.kms_key_id ?? undefined,
        logGroupClass: group.log_group_class,
        logGroupArn: arn,
      };
    });
    return { logGroups, nextToken };
  },
});
