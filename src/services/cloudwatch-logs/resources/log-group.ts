// AWS::Logs::LogGroup: a log group made with CreateLogGroup, its retention and tags changed in place
// with Put/DeleteRetentionPolicy and TagResource/UntagResource.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html

import {
  booleanProperty,
  isNotFound,
  numberProperty,
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
  tagChanges,
  tagMap,
} from '../../../core/resources.js';

/** Log group names are at most 512 characters. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html */
const MAX_NAME = 512;

/** Properties whose service operations Nimbus does not serve (data protection, field indexes, resource
 * policies, deletion protection, bearer tokens): refused rather than silently left out. */
const UNSERVED = ['DataProtectionPolicy', 'FieldIndexPolicies', 'ResourcePolicyDocument'];
const UNSERVED_FLAGS = ['DeletionProtectionEnabled', 'BearerTokenAuthenticationEnabled'];

export const logGroup: ResourceType = {
  type: 'AWS::Logs::LogGroup',

  async create(properties, ctx) {
    checkServed(properties);
    const logGroupName = stringProperty(properties.LogGroupName) ?? ctx.physicalName({ maxLength: MAX_NAME });
    await ctx.call('cloudwatch-logs', 'CreateLogGroup', {
      logGroupName,
      kmsKeyId: stringProperty(properties.KmsKeyId),
      logGroupClass: stringProperty(properties.LogGroupClass),
      tags: tagMap(properties.Tags),
    });
    const retentionInDays = numberProperty(properties.RetentionInDays);
    if (retentionInDays !== undefined) {
      await ctx.call('cloudwatch-logs', 'PutRetentionPolicy', { logGroupName, retentionInDays });
    }
    return state(ctx, logGroupName);
  },

  async update(current, properties, previous, ctx) {
    checkServed(properties);
    const logGroupName = current.physicalId;
    for (const name of ['KmsKeyId', 'LogGroupClass']) {
      // AssociateKmsKey/DisassociateKmsKey are not served; a group's class never changes on AWS either.
      if (stringProperty(properties[name]) !== stringProperty(previous[name])) {
        throw new Error(`AWS::Logs::LogGroup: changing ${name} in place is not supported by Nimbus`);
      }
    }
    const retentionInDays = numberProperty(properties.RetentionInDays);
    if (retentionInDays !== numberProperty(previous.RetentionInDays)) {
      if (retentionInDays === undefined) {
        await ctx.call('cloudwatch-logs', 'DeleteRetentionPolicy', { logGroupName });
      } else {
        await ctx.call('cloudwatch-logs', 'PutRetentionPolicy', { logGroupName, retentionInDays });
      }
    }
    const updated = await state(ctx, logGroupName);
    // The tagging API takes the ARN without the `:*` that GetAtt Arn has.
    const resourceArn = String(updated.attributes.Arn).replace(/:\*$/, '');
    const tags = tagChanges(properties, previous);
    if (tags.removed.length > 0) {
      await ctx.call('cloudwatch-logs', 'UntagResource', { resourceArn, tagKeys: tags.removed });
    }
    if (Object.keys(tags.set).length > 0) {
      await ctx.call('cloudwatch-logs', 'TagResource', { resourceArn, tags: tags.set });
    }
    return updated;
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('cloudwatch-logs', 'DeleteLogGroup', { logGroupName: current.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};

function checkServed(properties: ResourceProperties): void {
  const used = [
    ...UNSERVED.filter((name) => properties[name] !== undefined),
    ...UNSERVED_FLAGS.filter((name) => booleanProperty(properties[name]) === true),
  ];
  if (used.length > 0) {
    throw new Error(`AWS::Logs::LogGroup: ${used.join(', ')} not supported by Nimbus`);
  }
}

/** Ref is the name; GetAtt Arn is DescribeLogGroups' `arn`, which ends with `:*` as CloudFormation's does. */
async function state(ctx: ResourceContext, logGroupName: string) {
  const { logGroups } = await ctx.call('cloudwatch-logs', 'DescribeLogGroups', {
    logGroupNamePrefix: logGroupName,
  });
  const group = ((logGroups ?? []) as { logGroupName: string; arn: string }[]).find(
    (candidate) => candidate.logGroupName === logGroupName,
  );
  return { physicalId: logGroupName, attributes: { Arn: group?.arn } };
}
