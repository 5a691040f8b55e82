// The IAM policy a Lambda authorizer answers with, evaluated for the route's ARN: table-driven.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { policyAllows } from '../../src/lib/iam-policy.js';

const ARN = 'arn:aws:execute-api:us-east-1:000000000000:abcdef1234/$default/GET/items/7';
const statement = (Effect: string, Resource: unknown, Action: unknown = 'execute-api:Invoke') => ({
  Effect,
  Action,
  Resource,
});

describe('Lambda authorizer IAM policies', () => {
  const cases: [string, unknown, boolean | undefined][] = [
    ['an Allow of the exact ARN', { Statement: [statement('Allow', ARN)] }, true],
    ['a single statement object', { Statement: statement('Allow', ARN) }, true],
    [
      'a wildcard over the API',
      { Statement: [statement('Allow', 'arn:aws:execute-api:*:*:abcdef1234/*')] },
      true,
    ],
    ['`?` for one character', { Statement: [statement('Allow', `${ARN.slice(0, -1)}?`)] }, true],
    [
      'execute-api:* and a resource list',
      { Statement: [statement('Allow', ['x', ARN], 'execute-api:*')] },
      true,
    ],
    ['an Allow of another route', { Statement: [statement('Allow', `${ARN}/more`)] }, false],
    ['another action', { Statement: [statement('Allow', ARN, 's3:GetObject')] }, false],
    [
      'an explicit Deny over an Allow',
      { Statement: [statement('Allow', '*'), statement('Deny', ARN)] },
      false,
    ],
    ['no statements', { Statement: [] }, false],
    ['a statement without a valid Effect', { Statement: [statement('Maybe', ARN)] }, undefined],
    ['no policy document', 'nope', undefined],
  ];
  for (const [name, policy, expected] of cases) {
    it(`${name}: ${String(expected)}`, () => assert.equal(policyAllows(policy, ARN), expected));
  }
});
