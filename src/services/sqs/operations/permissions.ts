// AddPermission and RemovePermission: statements in the queue's Policy, keyed by label (Sid).
// Nimbus stores and returns the policy; it does not enforce it.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_AddPermission.html

import * as model from '../../../core/generated/sqs.js';
import { invalidParameter } from '../errors.js';
import { operation } from './operation.js';

interface PolicyDocument {
  Version: string;
  Id?: string;
  Statement: { Sid?: string; [key: string]: unknown }[];
}

export const addPermission = operation({
  input: model.AddPermissionRequest,
  run: (input, sqs, ctx) => {
    const queue = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(input.Label)) {
      throw invalidParameter(
        'Label',
        input.Label,
        'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const policy = readPolicy(queue.attributes.Policy, queue.arn);
    if (policy.Statement.some((statement) => statement.Sid === input.Label)) {
      throw invalidParameter('Label', input.Label, 'Already exists.');
    }
    policy.Statement.push({
      Sid: input.Label,
      Effect: 'Allow',
      Principal: { AWS: input.AWSAccountIds.map((account) => `arn:aws:iam::${account}:root`) },
      Action: input.Actions.map((action) => (action === '*' ? 'SQS:*' : `SQS:${action}`)),
      Resource: queue.arn,
    });
    sqs.setAttributes(queue, { Policy: JSON.stringify(policy) });
    return undefined;
  },
});

export const removePermission = operation({
  input: model.RemovePermissionRequest,
  run: (input, sqs, ctx) => {
    const queue = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    const policy = readPolicy(queue.attributes.Policy, queue.arn);
    const remaining = policy.Statement.filter((statement) => statement.Sid !== input.Label);
    if (remaining.length === policy.Statement.length) {
      throw invalidParameter('Label', input.Label, "can't find label on existing policy.");
    }
    sqs.setAttributes(queue, {
      Policy: remaining.length > 0 ? JSON.stringify({ ...policy, Statement: remaining }) : '',
    });
    return undefined;
  },
});

function readPolicy(text: string | undefined, queueArn: string): PolicyDocument {
  if (text) {
    // The stored policy is a checked JSON object; a single statement may be written without a list.
    const parsed = JSON.parse(text) as Omit<PolicyDocument, 'Statement'> & { Statement?: unknown };
    const { Statement } = parsed;
    const statements = Array.isArray(Statement) ? Statement : Statement ? [Statement] : [];
    return { ...parsed, Statement: statements as PolicyDocument['Statement'] };
  }
  return { Version: '2012-10-17', Id: `${queueArn}/SQSDefaultPolicy`, Statement: [] };
}
