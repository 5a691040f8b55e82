// CreateActivity, DescribeActivity, DeleteActivity and ListActivities.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateActivity.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeActivity.html

import * as model from '../../../core/generated/sfn.js';
import { activityDoesNotExist, invalidArn, invalidName } from '../errors.js';
import { activityArn, isValidName } from '../names.js';
import { arnProblem } from '../registry/arns.js';
import { encryptionConfiguration, mergeTags } from '../registry/settings.js';
import { epochSeconds, operation } from './operation.js';

const ACTIVITY_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:activity:[^:]+$/;

export const createActivity = operation({
  input: model.CreateActivityInput,
  run: (input, sfn, ctx) => {
    if (!isValidName(input.name)) throw invalidName(input.name);
    const arn = activityArn(ctx.account, ctx.region, input.name);
    const activity = sfn.registry.activities.create(
      ctx,
      input.name,
      mergeTags(arn, [], input.tags ?? []),
      encryptionConfiguration(input.encryptionConfiguration),
    );
    return { activityArn: activity.arn, creationDate: epochSeconds(activity.created_at) };
  },
});

export const describeActivity = operation({
  input: model.DescribeActivityInput,
  run: (input, sfn) => {
    requireActivityArn(input.activityArn);
    const activity = sfn.registry.activities.find(input.activityArn);
    if (!activity) throw activityDoesNotExist(input.activityArn);
    return {
      activityArn: activity.arn,
      name: activity.name,
      creationDate: epochSeconds(activity.created_at),
      encryptionConfiguration: JSON.parse(activity.encryption),
    };
  },
});

/** Deleting an activity that is not there succeeds, as on AWS. */
export const deleteActivity = operation({
  input: model.DeleteActivityInput,
  run: (input, sfn) => {
    requireActivityArn(input.activityArn);
    sfn.registry.activities.delete(input.activityArn);
    return {};
  },
});

export const listActivities = operation({
  input: model.ListActivitiesInput,
  run: (input, sfn, ctx) => {
    const page = sfn.registry.activities.list(ctx, input.maxResults, input.nextToken);
    return {
      activities: page.items.map((activity) => ({
        activityArn: activity.arn,
        name: activity.name,
        creationDate: epochSeconds(activity.created_at),
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  },
});

function requireActivityArn(arn: string): void {
  if (!ACTIVITY_ARN.test(arn)) throw invalidArn(arnProblem(arn));
}
