// IAM's policy simulator answers from the evaluator `--iam enforce` uses.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import type { Cloud } from '../../src/index.js';
import { clientWith, ROOT, startSecureCloud } from './helpers.js';

const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('the IAM policy simulator', () => {
  let cloud: Cloud;
  let iam: IAMClient;
  before(async () => {
    cloud = await startSecureCloud();
    iam = clientWith(cloud, IAMClient, ROOT);
  });
  after(() => cloud?.stop());

  it('SimulateCustomPolicy decides each action and resource, with context entries', async () => {
    const { EvaluationResults } = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [
          policy(
            { Effect: 'Allow', Action: 'sqs:*', Resource: '*' },
            { Sid: 'NoDelete', Effect: 'Deny', Action: 'sqs:DeleteQueue', Resource: '*' },
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: '*',
              Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
            },
          ),
        ],
        ActionNames: ['sqs:SendMessage', 'sqs:DeleteQueue', 'dynamodb:GetItem', 's3:GetObject'],
        ContextEntries: [
          { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['10.1.2.3'], ContextKeyType: 'ip' },
        ],
      }),
    );
    assert.deepEqual(
      EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision]),
      [
        ['sqs:SendMessage', 'allowed'],
        ['sqs:DeleteQueue', 'explicitDeny'],
        ['dynamodb:GetItem', 'implicitDeny'],
        ['s3:GetObject', 'allowed'],
      ],
    );
    assert.equal(EvaluationResults?.[1]?.MatchedStatements?.[0]?.SourcePolicyId, 'NoDelete');
  });

  it("SimulatePrincipalPolicy uses the user's own policies", async () => {
    await iam.send(new CreateUserCommand({ UserName: 'sim' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'sim',
        PolicyName: 'p',
        PolicyDocument: policy({
          Effect: 'Allow',
          Action: 'dynamodb:GetItem',
          Resource: 'arn:aws:dynamodb:*:*:table/orders',
        }),
      }),
    );
    const { EvaluationResults } = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: 'arn:aws:iam::000000000000:user/sim',
        ActionNames: ['dynamodb:GetItem'],
        ResourceArns: [
          'arn:aws:dynamodb:us-east-1:000000000000:table/orders',
          'arn:aws:dynamodb:us-east-1:000000000000:table/other',
        ],
      }),
    );
    assert.deepEqual(
      EvaluationResults?.map((r) => r.EvalDecision),
      ['allowed', 'implicitDeny'],
    );
  });
});
