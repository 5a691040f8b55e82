// Versions and labels: GetParameterHistory with its pages, LabelParameterVersion's rules (labels move
// between versions, at most 10 per version, invalid names returned in InvalidLabels), name:label reads,
// UnlabelParameterVersion, and the 100-version limit.
// https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-labels.html
// https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-versions.html
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameterHistory.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  type ParameterType,
  PutParameterCommand,
  type SSMClient,
  UnlabelParameterVersionCommand,
} from '@aws-sdk/client-ssm';
import type { Cloud } from '../../src/index.js';
import { rejectsWith, ssmCloud } from './helpers.js';

describe('SSM versions and labels', () => {
  let cloud: Cloud;
  let ssm: SSMClient;
  before(async () => ({ cloud, ssm } = await ssmCloud()));
  after(() => cloud.stop());

  /** A parameter with `count` versions whose values are v1, v2, …. */
  const versions = async (Name: string, count: number, Type: ParameterType = 'String') => {
    for (let i = 1; i <= count; i++) {
      await ssm.send(new PutParameterCommand({ Name, Value: `v${i}`, Type, Overwrite: i > 1 }));
    }
  };
  const label = (Name: string, Labels: string[], ParameterVersion?: number) =>
    ssm.send(new LabelParameterVersionCommand({ Name, Labels, ParameterVersion }));
  const valueAt = async (Name: string) => (await ssm.send(new GetParameterCommand({ Name }))).Parameter!;

  it('lists every version oldest first with its attributes and labels', async () => {
    await ssm.send(
      new PutParameterCommand({ Name: '/h/a', Value: 'v1', Type: 'String', Description: 'first' }),
    );
    await ssm.send(
      new PutParameterCommand({ Name: '/h/a', Value: 'v2', Overwrite: true, AllowedPattern: 'v\\d' }),
    );
    await label('/h/a', ['stable'], 1);
    const { Parameters, NextToken } = await ssm.send(new GetParameterHistoryCommand({ Name: '/h/a' }));
    assert.equal(NextToken, undefined);
    assert.deepEqual(
      Parameters?.map((p) => [p.Version, p.Value, p.Description, p.AllowedPattern, p.Labels]),
      [
        [1, 'v1', 'first', undefined, ['stable']],
        [2, 'v2', 'first', 'v\\d', []],
      ],
    );
    assert.equal(Parameters?.[0]?.LastModifiedUser, 'arn:aws:iam::000000000000:root');
    assert.equal(Parameters?.[0]?.Tier, 'Standard');
  });

  it('pages history with MaxResults and NextToken, and hides SecureString values unless decrypted', async () => {
    await versions('/h/secret', 7, 'SecureString');
    const first = await ssm.send(new GetParameterHistoryCommand({ Name: '/h/secret', MaxResults: 3 }));
    assert.deepEqual(
      first.Parameters?.map((p) => p.Version),
      [1, 2, 3],
    );
    assert.ok(first.Parameters?.every((p) => p.Value?.startsWith('AQICA')));
    assert.equal(first.Parameters?.[0]?.KeyId, 'alias/aws/ssm');
    const rest = await ssm.send(
      new GetParameterHistoryCommand({
        Name: '/h/secret',
        MaxResults: 5,
        NextToken: first.NextToken,
        WithDecryption: true,
      }),
    );
    assert.deepEqual(
      rest.Parameters?.map((p) => p.Value),
      ['v4', 'v5', 'v6', 'v7'],
    );
    assert.equal(rest.NextToken, undefined);
    await rejectsWith(ssm.send(new GetParameterHistoryCommand({ Name: '/h/none' })), 'ParameterNotFound');
  });

  it('labels the latest version by default and reads it back with name:label', async () => {
    await versions('/l/app', 3);
    const result = await label('/l/app', ['prod', 'blue']);
    assert.equal(result.ParameterVersion, 3);
    assert.deepEqual(result.InvalidLabels, []);
    const parameter = await valueAt('/l/app:prod');
    assert.deepEqual([parameter.Value, parameter.Version, parameter.Selector], ['v3', 3, ':prod']);
  });

  it('moves a label from one version to another: a label is on one version at a time', async () => {
    await versions('/l/move', 3);
    await label('/l/move', ['live'], 1);
    assert.equal((await valueAt('/l/move:live')).Value, 'v1');
    await label('/l/move', ['live'], 2);
    assert.equal((await valueAt('/l/move:live')).Value, 'v2');
    const { Parameters } = await ssm.send(new GetParameterHistoryCommand({ Name: '/l/move' }));
    assert.deepEqual(
      Parameters?.map((p) => p.Labels),
      [[], ['live'], []],
    );
  });

  // "Labels can't begin with a number, "aws", or "ssm" (not case sensitive)"; letters, numbers, periods,
  // hyphens and underscores only. Invalid ones come back in InvalidLabels; the valid ones are attached.
  it('returns labels that break the naming rules in InvalidLabels and attaches the rest', async () => {
    await versions('/l/rules', 1);
    const result = await label('/l/rules', ['1st', 'AWSlabel', 'ssm-x', 'has space', 'ok_label-1.0']);
    assert.deepEqual(result.InvalidLabels, ['1st', 'AWSlabel', 'ssm-x', 'has space']);
    const { Parameters } = await ssm.send(new GetParameterHistoryCommand({ Name: '/l/rules' }));
    assert.deepEqual(Parameters?.[0]?.Labels, ['ok_label-1.0']);
    await rejectsWith(
      label('/l/rules', ['x'.repeat(101)]),
      'ValidationException',
      /at 'labels.1.member'|at 'labels'/,
    );
  });

  it('allows at most 10 labels on one version: ParameterVersionLabelLimitExceeded', async () => {
    await versions('/l/limit', 1);
    await label(
      '/l/limit',
      Array.from({ length: 10 }, (_, i) => `l${i}`),
    );
    await rejectsWith(
      label('/l/limit', ['eleventh']),
      'ParameterVersionLabelLimitExceeded',
      /^A parameter version can have maximum 10 labels\./,
    );
    // Labels already on the version do not count twice.
    assert.deepEqual((await label('/l/limit', ['l0', 'l1'])).InvalidLabels, []);
  });

  it('answers ParameterNotFound and ParameterVersionNotFound for what it cannot label', async () => {
    await rejectsWith(label('/l/none', ['x']), 'ParameterNotFound', 'Parameter /l/none not found.');
    await versions('/l/two', 2);
    await rejectsWith(
      label('/l/two', ['x'], 5),
      'ParameterVersionNotFound',
      'Systems Manager could not find version 5 of /l/two. Verify the version and try again.',
    );
  });

  it('unlabels a version, reporting labels that were not on it as invalid', async () => {
    await versions('/l/un', 2);
    await label('/l/un', ['a', 'b'], 1);
    const result = await ssm.send(
      new UnlabelParameterVersionCommand({ Name: '/l/un', ParameterVersion: 1, Labels: ['a', 'zzz'] }),
    );
    assert.deepEqual(result.RemovedLabels, ['a']);
    assert.deepEqual(result.InvalidLabels, ['zzz']);
    await rejectsWith(valueAt('/l/un:a'), 'ParameterNotFound');
    assert.equal((await valueAt('/l/un:b')).Value, 'v1');
    await rejectsWith(
      ssm.send(new UnlabelParameterVersionCommand({ Name: '/l/un', ParameterVersion: 9, Labels: ['b'] })),
      'ParameterVersionNotFound',
    );
  });

  it('keeps the last 100 versions, dropping the oldest, unless the oldest has a label', async () => {
    await versions('/l/hundred', 100);
    await ssm.send(new PutParameterCommand({ Name: '/l/hundred', Value: 'v101', Overwrite: true }));
    let history = await ssm.send(new GetParameterHistoryCommand({ Name: '/l/hundred', MaxResults: 1 }));
    assert.equal(history.Parameters?.[0]?.Version, 2);
    await rejectsWith(valueAt('/l/hundred:1'), 'ParameterVersionNotFound');

    await label('/l/hundred', ['keep'], 2);
    await rejectsWith(
      ssm.send(new PutParameterCommand({ Name: '/l/hundred', Value: 'v102', Overwrite: true })),
      'ParameterMaxVersionLimitExceeded',
      "You attempted to create a new version of /l/hundred by calling the PutParameter API with the overwrite flag. Version 2, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.",
    );
    history = await ssm.send(new GetParameterHistoryCommand({ Name: '/l/hundred', MaxResults: 1 }));
    assert.equal(history.Parameters?.[0]?.Version, 2);
    assert.equal((await valueAt('/l/hundred')).Version, 101);
  });
});
