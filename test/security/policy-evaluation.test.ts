// The policy evaluator (src/lib/iam/evaluate.ts) against the cases AWS documents, each citing its page.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../../src/core/ports/identity.js';
import { deniedMessage } from '../../src/lib/iam/authorize.js';
import { evaluate, type PolicySet } from '../../src/lib/iam/evaluate.js';

const EVALUATION =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html';
const OPERATORS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';

const alice: Principal = {
  type: 'user',
  account: '111122223333',
  arn: 'arn:aws:iam::111122223333:user/alice',
  userId: 'AIDAEXAMPLE',
  name: 'alice',
};
const session: Principal = {
  type: 'assumed-role',
  account: '111122223333',
  arn: 'arn:aws:sts::111122223333:assumed-role/worker/s1',
  userId: 'AROAEXAMPLE:s1',
  name: 'worker',
  roleArn: 'arn:aws:iam::111122223333:role/worker',
};
const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:orders';

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
const deny = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({
  Effect: 'Deny',
  Action,
  Resource,
  ...extra,
});

function decide(
  policies: PolicySet,
  action = 'sqs:SendMessage',
  resource = QUEUE,
  principal = alice,
  context = new Map<string, string | string[]>(),
) {
  return evaluate(policies, { action, resource, principal, context }, resource.split(':')[4] || undefined);
}

describe('policy evaluation logic', () => {
  it(`denies by default when no policy allows (implicit deny, ${EVALUATION})`, () => {
    const decision = decide({ identity: [doc(allow('sqs:ReceiveMessage', QUEUE))] });
    assert.deepEqual(decision, { allowed: false, kind: 'identity-based', explicit: false });
    assert.equal(
      deniedMessage(alice, 'sqs:SendMessage', QUEUE, decision),
      `User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sqs:SendMessage on resource: ${QUEUE} because no identity-based policy allows the sqs:SendMessage action`,
    );
  });

  it('allows with an identity-based Allow matching action and resource wildcards', () => {
    assert.equal(
      decide({ identity: [doc(allow('sqs:Send*', 'arn:aws:sqs:*:111122223333:ord?rs'))] }).allowed,
      true,
    );
    assert.equal(
      decide({ identity: [doc(allow('SQS:sendmessage', QUEUE))] }).allowed,
      true,
      'actions ignore case',
    );
    assert.equal(
      decide({ identity: [doc(allow('sqs:*', 'arn:aws:sqs:*:111122223333:Orders'))] }).allowed,
      false,
      'resources do not',
    );
  });

  it('lets an explicit Deny in any policy override every Allow', () => {
    const decision = decide({
      identity: [doc(allow('*'), deny('sqs:SendMessage', QUEUE, { Sid: 'NoSend' }))],
    });
    assert.deepEqual(decision, {
      allowed: false,
      kind: 'identity-based',
      explicit: true,
      statement: 'NoSend',
    });
    assert.match(
      deniedMessage(alice, 'sqs:SendMessage', QUEUE, decision),
      /with an explicit deny in an identity-based policy$/,
    );
    const inResource = decide({
      identity: [doc(allow('*'))],
      resource: doc({ Effect: 'Deny', Principal: '*', Action: 'sqs:*' }),
    });
    assert.deepEqual(inResource, {
      allowed: false,
      kind: 'resource-based',
      explicit: true,
      statement: 'policy 1, statement 1',
    });
  });

  it('supports NotAction and NotResource', () => {
    const policies = {
      identity: [
        doc({ Effect: 'Allow', NotAction: 'sqs:DeleteQueue', NotResource: 'arn:aws:sqs:*:*:secret*' }),
      ],
    };
    assert.equal(decide(policies).allowed, true);
    assert.equal(decide(policies, 'sqs:DeleteQueue').allowed, false);
    assert.equal(
      decide(policies, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:111122223333:secrets').allowed,
      false,
    );
  });

  it('grants same-account access from a resource-based policy naming the user alone', () => {
    // "Within an account, a resource-based policy that names an IAM user ARN … grants access without an
    // identity-based policy." (the evaluation logic page)
    const resource = doc({ Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'sqs:SendMessage' });
    assert.equal(decide({ identity: [], resource }).allowed, true);
    // Naming only the account delegates to the account's identity-based policies.
    const accountOnly = doc({
      Effect: 'Allow',
      Principal: { AWS: '111122223333' },
      Action: 'sqs:SendMessage',
    });
    assert.equal(decide({ identity: [], resource: accountOnly }).allowed, false);
  });

  it('requires both sides to allow across accounts (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html)', () => {
    const other = 'arn:aws:sqs:us-east-1:444455556666:shared';
    const resource = doc({
      Effect: 'Allow',
      Principal: { AWS: alice.arn },
      Action: 'sqs:SendMessage',
      Resource: other,
    });
    assert.equal(decide({ identity: [], resource }, 'sqs:SendMessage', other).allowed, false);
    assert.equal(
      decide({ identity: [doc(allow('sqs:*'))] }, 'sqs:SendMessage', other).kind,
      'resource-based',
    );
    assert.equal(
      decide({ identity: [doc(allow('sqs:*'))], resource }, 'sqs:SendMessage', other).allowed,
      true,
    );
  });

  it('limits identity permissions to the permissions boundary (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html)', () => {
    const identity = [doc(allow('sqs:*'), allow('dynamodb:*'))];
    const boundary = doc(allow('dynamodb:*'));
    assert.equal(
      decide({ identity, boundary }, 'dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/t')
        .allowed,
      true,
    );
    const refused = decide({ identity, boundary });
    assert.deepEqual(refused, { allowed: false, kind: 'permissions boundary', explicit: false });
    assert.match(
      deniedMessage(alice, 'sqs:SendMessage', QUEUE, refused),
      /because no permissions boundary allows the sqs:SendMessage action$/,
    );
    // A resource-based policy naming the user is not limited by the boundary's implicit deny.
    const resource = doc({ Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'sqs:SendMessage' });
    assert.equal(decide({ identity, boundary, resource }).allowed, true);
  });

  it('limits a role session to its session policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session)', () => {
    const identity = [doc(allow('sqs:*'))];
    assert.equal(
      decide({ identity, session: [doc(allow('sqs:ReceiveMessage'))] }, 'sqs:SendMessage', QUEUE, session)
        .kind,
      'session',
    );
    assert.equal(
      decide({ identity, session: [doc(allow('sqs:Send*'))] }, 'sqs:SendMessage', QUEUE, session).allowed,
      true,
    );
    // A resource-based policy naming the role (not the session) still needs the session policy.
    const resource = doc({ Effect: 'Allow', Principal: { AWS: session.roleArn }, Action: 'sqs:SendMessage' });
    assert.equal(decide({ identity: [], resource }, 'sqs:SendMessage', QUEUE, session).allowed, true);
    assert.equal(
      decide({ identity: [], resource, session: [doc(allow('s3:*'))] }, 'sqs:SendMessage', QUEUE, session)
        .allowed,
      false,
    );
  });

  it(`evaluates condition operators, IfExists and the set qualifiers (${OPERATORS})`, () => {
    const ctx = new Map<string, string | string[]>([
      ['aws:sourceip', '203.0.113.9'],
      ['aws:currenttime', '2026-06-01T12:00:00Z'],
      ['aws:securetransport', 'false'],
      ['aws:tagkeys', ['team', 'cost']],
      ['aws:username', 'alice'],
    ]);
    const with_ = (Condition: object) =>
      decide({ identity: [doc(allow('sqs:*', '*', { Condition }))] }, 'sqs:SendMessage', QUEUE, alice, ctx)
        .allowed;
    assert.equal(with_({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), true);
    assert.equal(with_({ NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } }), false);
    assert.equal(with_({ DateLessThan: { 'aws:CurrentTime': '2026-12-31T00:00:00Z' } }), true);
    assert.equal(with_({ DateGreaterThan: { 'aws:CurrentTime': '2026-12-31T00:00:00Z' } }), false);
    assert.equal(with_({ Bool: { 'aws:SecureTransport': 'true' } }), false);
    assert.equal(with_({ StringEquals: { 'aws:SourceVpc': 'vpc-1' } }), false, 'a missing key fails');
    assert.equal(with_({ StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } }), true, 'unless IfExists');
    assert.equal(
      with_({ StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } }),
      true,
      'negated operators hold on a missing key',
    );
    assert.equal(with_({ Null: { 'aws:SourceVpc': 'true' } }), true);
    assert.equal(with_({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'cost', 'env'] } }), true);
    assert.equal(with_({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }), false);
    assert.equal(with_({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env', 'cost'] } }), true);
    assert.equal(
      with_({ 'ForAllValues:StringEquals': { 'aws:RequestTag': ['x'] } }),
      true,
      'ForAllValues holds on an empty set',
    );
    assert.equal(with_({ NumericLessThan: { 's3:max-keys': '10' } }), false);
    assert.equal(
      with_({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/*' } }),
      false,
      'absent in this context',
    );
  });

  it('replaces policy variables in resources (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html)', () => {
    const ctx = new Map([['aws:username', 'alice']]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
    const identity = [doc(allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*'))];
    assert.equal(
      decide({ identity }, 's3:GetObject', 'arn:aws:s3:::home/alice/notes.txt', alice, ctx).allowed,
      true,
    );
    assert.equal(
      decide({ identity }, 's3:GetObject', 'arn:aws:s3:::home/bob/notes.txt', alice, ctx).allowed,
      false,
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
    const unset = [doc(allow('s3:GetObject', 'arn:aws:s3:::home/${aws:userid}/*'))];
    assert.equal(
      decide({ identity: unset }, 's3:GetObject', 'arn:aws:s3:::home/alice/x', alice, ctx).allowed,
      false,
    );
  });
});
