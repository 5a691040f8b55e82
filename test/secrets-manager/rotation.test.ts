// Secrets Manager rotation through a real Lambda function: RotateSecret invokes the function's four steps
// (createSecret, setSecret, testSecret, finishSecret) with AWS's event, the function puts the AWSPENDING
// value and moves AWSCURRENT as AWS's rotation templates do; a failed step leaves the rotation unfinished.
// https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, startTestCloud } from '../support/helpers.js';

/** A rotation function in the shape of AWS's templates, calling Secrets Manager's JSON API with fetch (no
 * SDK in the function's directory); each step it runs is recorded as a tag, in order. */
const ROTATOR = `
const call = async (operation, body) => {
  const response = await fetch(process.env.AWS_ENDPOINT_URL, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.' + operation,
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/' + process.env.AWS_REGION + '/secretsmanager/aws4_request, SignedHeaders=host, Signature=00',
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : {};
  if (!response.ok) throw new Error(data.__type + ': ' + data.message);
  return data;
};
exports.handler = async (event) => {
  const { Step, SecretId, ClientRequestToken: token } = event;
  await call('TagResource', { SecretId, Tags: [{ Key: 'step-' + Step, Value: token }] });
  if (Step === process.env.FAIL_AT) throw new Error('cannot ' + Step);
  if (Step === 'createSecret') {
    const current = await call('GetSecretValue', { SecretId, VersionStage: 'AWSCURRENT' });
    try {
      await call('GetSecretValue', { SecretId, VersionId: token, VersionStage: 'AWSPENDING' });
    } catch {
      await call('PutSecretValue', { SecretId, ClientRequestToken: token, SecretString: current.SecretString + '-rotated', VersionStages: ['AWSPENDING'] });
    }
  } else if (Step === 'finishSecret') {
    const { VersionIdsToStages } = await call('DescribeSecret', { SecretId });
    const current = Object.keys(VersionIdsToStages).find((id) => VersionIdsToStages[id].includes('AWSCURRENT'));
    if (current === token) return;
    await call('UpdateSecretVersionStage', { SecretId, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: current });
  }
};
`;

describe('Secrets Manager rotation', () => {
  let cloud: Cloud;
  let sm: SecretsManagerClient;
  let rotator: string;
  let failing: string;

  before(async () => {
    cloud = await startTestCloud();
    sm = client(cloud, SecretsManagerClient);
    const lambda = lambdaClient(cloud);
    rotator = (await createFunction(lambda, 'rotator', { 'index.js': ROTATOR }, { timeout: 30 }))
      .FunctionArn!;
    failing = (
      await createFunction(
        lambda,
        'failing-rotator',
        { 'index.js': ROTATOR },
        { environment: { FAIL_AT: 'setSecret' }, timeout: 30 },
      )
    ).FunctionArn!;
    lambda.destroy();
  });
  after(async () => {
    sm.destroy();
    await cloud.stop();
  });

  it('runs the four steps in order; the new value is AWSCURRENT and the old one AWSPREVIOUS', async () => {
    const { ARN, VersionId: original } = await sm.send(
      new CreateSecretCommand({ Name: 'rotated', SecretString: 'pw' }),
    );
    const rotated = await sm.send(
      new RotateSecretCommand({
        SecretId: 'rotated',
        RotationLambdaARN: rotator,
        RotationRules: { AutomaticallyAfterDays: 30 },
      }),
    );
    assert.equal(rotated.ARN, ARN);
    assert.equal(
      (await sm.send(new GetSecretValueCommand({ SecretId: 'rotated' }))).SecretString,
      'pw-rotated',
    );
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'rotated' }));
    assert.deepEqual(
      described.Tags?.map((tag) => [tag.Key, tag.Value]),
      ['createSecret', 'setSecret', 'testSecret', 'finishSecret'].map((step) => [
        `step-${step}`,
        rotated.VersionId,
      ]),
    );
    assert.deepEqual(described.VersionIdsToStages, {
      [original!]: ['AWSPREVIOUS'],
      [rotated.VersionId!]: ['AWSCURRENT'],
    });
    assert.equal(described.RotationEnabled, true);
    assert.equal(described.RotationLambdaARN, rotator);
    assert.deepEqual(described.RotationRules, { AutomaticallyAfterDays: 30 });
    assert.ok(described.LastRotatedDate instanceof Date);
  });

  it('leaves AWSPENDING on the new version when a step fails; the next RotateSecret reports it', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'stuck', SecretString: 'pw' }));
    const first = await sm.send(new RotateSecretCommand({ SecretId: 'stuck', RotationLambdaARN: failing }));
    assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: 'stuck' }))).SecretString, 'pw');
    const pending = await sm.send(
      new GetSecretValueCommand({ SecretId: 'stuck', VersionStage: 'AWSPENDING' }),
    );
    assert.equal(pending.VersionId, first.VersionId);
    // The API reference's wording for a rotation still pending.
    await assert.rejects(sm.send(new RotateSecretCommand({ SecretId: 'stuck' })), {
      name: 'InvalidRequestException',
      message: "A previous rotation isn't complete. That rotation will be reattempted.",
    });
    const cancelled = await sm.send(new CancelRotateSecretCommand({ SecretId: 'stuck' }));
    assert.equal(cancelled.VersionId, first.VersionId);
    assert.equal((await sm.send(new DescribeSecretCommand({ SecretId: 'stuck' }))).RotationEnabled, false);
  });

  it('refuses rotation without a function, and with RotateImmediately false only records the schedule', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'unrotated', SecretString: 'pw' }));
    await assert.rejects(sm.send(new RotateSecretCommand({ SecretId: 'unrotated' })), {
      name: 'InvalidRequestException',
    });
    await assert.rejects(sm.send(new CancelRotateSecretCommand({ SecretId: 'unrotated' })), {
      name: 'InvalidRequestException',
    });
    const later = await sm.send(
      new RotateSecretCommand({
        SecretId: 'unrotated',
        RotationLambdaARN: rotator,
        RotateImmediately: false,
      }),
    );
    assert.equal(later.VersionId, undefined);
    assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: 'unrotated' }))).SecretString, 'pw');
    assert.equal((await sm.send(new DescribeSecretCommand({ SecretId: 'unrotated' }))).RotationEnabled, true);
  });
});
