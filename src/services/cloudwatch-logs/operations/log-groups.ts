// CreateLogGroup, DeleteLogGroup, DescribeLogGroups.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html

import { s } from '../../../core/shapes.js';
import { invalidParameter } from '../errors.js';
import { checkGroupName, groupArn, parseGroupIdentifier } from '../names.js';
import { logGroupName, nextToken, operation, paginate, tagMap } from './operation.js';

const LOG_GROUP_CLASSES = ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'];

export const createLogGroup = operation({
  input: s.structure({
    logGroupName: s.required(logGroupName),
    kmsKeyId: s.optional(s.string({ max: 256 })),
    tags: s.optional(tagMap),
    logGroupClass: s.optional(s.string({ enum: LOG_GROUP_CLASSES })),
    deletionProtectionEnabled: s.optional(s.boolean()),
  }),
  run: (input, logs, ctx) => {
    logs.createLogGroup(ctx.account, ctx.region, input.logGroupName, input);
    return {};
  },
});

export const deleteLogGroup = operation({
  input: s.structure({ logGroupName: s.required(logGroupName) }),
  run: (input, logs, ctx) => {
    logs.deleteLogGroup(logs.requireGroup(ctx.account, ctx.region, input.logGroupName));
    return {};
  },
});

export const describeLogGroups = operation({
  input: s.structure({
    accountIdentifiers: s.optional(s.list(s.string())),
    logGroupNamePrefix: s.optional(s.string({ min: 1, max: 512 })),
    logGroupNamePattern: s.optional(s.string({ min: 0, max: 512 })),
    nextToken: s.optional(nextToken),
    limit: s.optional(s.integer({ min: 1, max: 50 })),
    includeLinkedAccounts: s.optional(s.boolean()),
    logGroupClass: s.optional(s.string({ enum: LOG_GROUP_CLASSES })),
    logGroupIdentifiers: s.optional(s.list(s.string({ min: 1, max: 2048 }), { min: 1, max: 50 })),
  }),
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
