// TagResource, UntagResource and ListTagsForResource on alarms and dashboards, by ARN.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_TagResource.html

import { parseArn } from '../../../core/arn.js';
import * as model from '../../../core/generated/cloudwatch.js';
import type { RequestContext } from '../../../core/service.js';
import type { CloudWatch } from '../cloudwatch.js';
import { invalidParameterValue, resourceNotFound } from '../errors.js';
import { operation } from './operation.js';

export const tagResource = operation({
  input: model.TagResourceInput,
  output: model.TagResourceOutput,
  run: (input, cloudwatch, ctx) => {
    requireResource(cloudwatch, ctx, input.ResourceARN);
    cloudwatch.tag(input.ResourceARN, input.Tags);
    return {};
  },
});

export const untagResource = operation({
  input: model.UntagResourceInput,
  output: model.UntagResourceOutput,
  run: (input, cloudwatch, ctx) => {
    requireResource(cloudwatch, ctx, input.ResourceARN);
    cloudwatch.untag(input.ResourceARN, input.TagKeys);
    return {};
  },
});

export const listTagsForResource = operation({
  input: model.ListTagsForResourceInput,
  output: model.ListTagsForResourceOutput,
  run: (input, cloudwatch, ctx) => {
    requireResource(cloudwatch, ctx, input.ResourceARN);
    return { Tags: cloudwatch.tags(input.ResourceARN) };
  },
});

/** An alarm (`…:alarm:name`) or dashboard (`…:dashboard/name`) of the caller's account. */
function requireResource(cloudwatch: CloudWatch, ctx: RequestContext, arn: string): void {
  const parsed = parseArn(arn);
  if (parsed?.service !== 'cloudwatch') throw invalidParameterValue(`Invalid ARN: ${arn}`);
  const found = parsed.resource.startsWith('alarm:')
    ? cloudwatch.sql.alarm.get(parsed.account, parsed.region, parsed.resource.slice('alarm:'.length))
    : parsed.resource.startsWith('dashboard/')
      ? cloudwatch.sql.dashboard.get(parsed.account, ctx.region, parsed.resource.slice('dashboard/'.length))
      : undefined;
  if (!found) throw resourceNotFound(`The resource ${arn} does not exist.`);
}
