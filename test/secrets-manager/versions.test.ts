// Secrets Manager versions and staging labels through the AWS SDK v3: PutSecretValue moving AWSCURRENT
// and AWSPREVIOUS, explicit VersionStages, idempotency tokens, UpdateSecretVersionStage's rules,
// ListSecretVersionIds with deprecated versions, and the 100-version limit.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecretVersionStage.html

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

const HOUR = 3_600_000;

describe('Secrets Manager versions and staging labels', () => {
  let cloud: Cloud;
  let sm: SecretsManagerClient;
  let counter = 0;
  const newSecret = async (value = 'v1') => {
    const name = `versions-${++counter}`;
    const { VersionId } = await sm.send(new CreateSecretCommand({ Name: name, SecretString: value }));
    return { name, first: VersionId! };
  };
  const stages = async (SecretId: string) =>
    (await sm.send(new DescribeSecretCommand({ SecretId }))).VersionIdsToStages;

  before(async () => {
    cloud = await startTestCloud();
    sm = client(cloud, SecretsManagerClient);
  });
  after(async () => {
    sm.destroy();
    await cloud.stop();
  });

  it('gives a new value AWSCURRENT and the one it replaced AWSPREVIOUS; the one before loses its label', async () => {
    const { name, first } = await newSecret();
    const second = await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v2' }));
    assert.deepEqual(second.VersionStages, ['AWSCURRENT']);
    const third = await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v3' }));
    assert.deepEqual(await stages(name), {
      [second.VersionId!]: ['AWSPREVIOUS'],
      [third.VersionId!]: ['AWSCURRENT'],
    });
    const previous = await sm.send(
      new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPREVIOUS' }),
    );
    assert.equal(previous.SecretString, 'v2');
    // The first version is deprecated but still readable by id.
    const byId = await sm.send(new GetSecretValueCommand({ SecretId: name, VersionId: first }));
    assert.equal(byId.SecretString, 'v1');
    assert.deepEqual(byId.VersionStages, []);
  });

  it('attaches only the labels VersionStages names, leaving AWSCURRENT where it was', async () => {
    const { name, first } = await newSecret();
    const pending = await sm.send(
      new PutSecretValueCommand({
        SecretId: name,
        SecretString: 'next',
        VersionStages: ['AWSPENDING', 'blue'],
      }),
    );
    assert.deepEqual(pending.VersionStages, ['AWSPENDING', 'blue']);
    assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'v1');
    assert.equal(
      (await sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'blue' }))).VersionId,
      pending.VersionId,
    );
    // A label moves: 'blue' on a later version leaves the earlier one.
    const later = await sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'later', VersionStages: ['blue'] }),
    );
    assert.deepEqual(await stages(name), {
      [first]: ['AWSCURRENT'],
      [pending.VersionId!]: ['AWSPENDING'],
      [later.VersionId!]: ['blue'],
    });
  });

  it('gives the first version of a secret created without a value AWSCURRENT whatever was asked', async () => {
    const name = `versions-empty-${++counter}`;
    await sm.send(new CreateSecretCommand({ Name: name }));
    const put = await sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'x', VersionStages: ['mine'] }),
    );
    assert.deepEqual(put.VersionStages, ['mine', 'AWSCURRENT']);
  });

  it('treats a repeated ClientRequestToken with the same value as a retry and refuses a different value', async () => {
    const { name } = await newSecret();
    const token = randomUUID();
    const first = await sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'same', ClientRequestToken: token }),
    );
    const retry = await sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'same', ClientRequestToken: token }),
    );
    assert.equal(first.VersionId, token);
    assert.equal(retry.VersionId, token);
    assert.equal((await sm.send(new ListSecretVersionIdsCommand({ SecretId: name }))).Versions?.length, 2);
    await assert.rejects(
      sm.send(
        new PutSecretValueCommand({ SecretId: name, SecretString: 'different', ClientRequestToken: token }),
      ),
      { name: 'ResourceExistsException' },
    );
  });

  it('refuses a PutSecretValue with no value or with both kinds', async () => {
    const { name } = await newSecret();
    await assert.rejects(sm.send(new PutSecretValueCommand({ SecretId: name })), {
      name: 'InvalidRequestException',
      message: 'You must provide either SecretString or SecretBinary.',
    });
    await assert.rejects(
      sm.send(
        new PutSecretValueCommand({ SecretId: name, SecretString: 'a', SecretBinary: new Uint8Array([1]) }),
      ),
      { name: 'InvalidParameterException' },
    );
  });

  it('reads by VersionId and VersionStage together only when they agree', async () => {
    const { name, first } = await newSecret();
    await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v2' }));
    const agreed = await sm.send(
      new GetSecretValueCommand({ SecretId: name, VersionId: first, VersionStage: 'AWSPREVIOUS' }),
    );
    assert.equal(agreed.SecretString, 'v1');
    await assert.rejects(
      sm.send(new GetSecretValueCommand({ SecretId: name, VersionId: first, VersionStage: 'AWSCURRENT' })),
      {
        name: 'InvalidRequestException',
        message: 'You provided a VersionStage that is not associated to the provided VersionId.',
      },
    );
    const missing = randomUUID();
    await assert.rejects(sm.send(new GetSecretValueCommand({ SecretId: name, VersionId: missing })), {
      name: 'ResourceNotFoundException',
      message: `Secrets Manager can't find the specified secret value for VersionId: ${missing}`,
    });
    await assert.rejects(sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'nowhere' })), {
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret value for staging label: nowhere",
    });
  });

  describe('UpdateSecretVersionStage', () => {
    it('moves AWSCURRENT back to an older version, and AWSPREVIOUS follows to the version it left', async () => {
      const { name, first } = await newSecret();
      const second = await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v2' }));
      await sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: name,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: first,
          RemoveFromVersionId: second.VersionId,
        }),
      );
      assert.deepEqual(await stages(name), { [first]: ['AWSCURRENT'], [second.VersionId!]: ['AWSPREVIOUS'] });
      assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'v1');
    });

    it('requires RemoveFromVersionId naming the version that has the label', async () => {
      const { name, first } = await newSecret();
      const second = await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v2' }));
      // The wording AWS answers with: "The parameter RemoveFromVersionId can't be empty. Staging label
      // AWSCURRENT is currently attached to version …" (moto reproduces it from AWS).
      await assert.rejects(
        sm.send(
          new UpdateSecretVersionStageCommand({
            SecretId: name,
            VersionStage: 'AWSCURRENT',
            MoveToVersionId: first,
          }),
        ),
        {
          name: 'InvalidParameterException',
          message: `The parameter RemoveFromVersionId can't be empty. Staging label AWSCURRENT is currently attached to version ${second.VersionId}, so you must explicitly reference that version in RemoveFromVersionId.`,
        },
      );
      await assert.rejects(
        sm.send(
          new UpdateSecretVersionStageCommand({
            SecretId: name,
            VersionStage: 'AWSCURRENT',
            MoveToVersionId: second.VersionId,
            RemoveFromVersionId: first,
          }),
        ),
        { name: 'InvalidParameterException' },
      );
    });

    it('adds and removes custom labels; a version left without labels is deprecated', async () => {
      const { name, first } = await newSecret();
      await sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: name,
          VersionStage: 'green',
          MoveToVersionId: first,
        }),
      );
      assert.deepEqual(await stages(name), { [first]: ['AWSCURRENT', 'green'] });
      await sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: name,
          VersionStage: 'green',
          RemoveFromVersionId: first,
        }),
      );
      assert.deepEqual(await stages(name), { [first]: ['AWSCURRENT'] });
      await assert.rejects(
        sm.send(
          new UpdateSecretVersionStageCommand({
            SecretId: name,
            VersionStage: 'AWSCURRENT',
            RemoveFromVersionId: first,
          }),
        ),
        { name: 'InvalidParameterException' },
      );
    });
  });

  it('ListSecretVersionIds lists labelled versions, deprecated ones with IncludeDeprecated, in pages', async () => {
    const { name, first } = await newSecret();
    const second = await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v2' }));
    const third = await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v3' }));
    const listed = await sm.send(new ListSecretVersionIdsCommand({ SecretId: name }));
    assert.deepEqual(
      listed.Versions?.map((v) => [v.VersionId, v.VersionStages]),
      [
        [second.VersionId, ['AWSPREVIOUS']],
        [third.VersionId, ['AWSCURRENT']],
      ],
    );
    assert.equal(listed.Name, name);
    const all = await sm.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }));
    assert.deepEqual(
      all.Versions?.map((v) => v.VersionId),
      [first, second.VersionId, third.VersionId],
    );
    const page = await sm.send(
      new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true, MaxResults: 2 }),
    );
    assert.equal(page.Versions?.length, 2);
    const rest = await sm.send(
      new ListSecretVersionIdsCommand({
        SecretId: name,
        IncludeDeprecated: true,
        MaxResults: 2,
        NextToken: page.NextToken,
      }),
    );
    assert.deepEqual(
      rest.Versions?.map((v) => v.VersionId),
      [third.VersionId],
    );
  });

  // "Secrets Manager removes unlabeled versions when there are more than 100, but it does not remove versions
  // created less than 24 hours ago." https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html
  it('drops the oldest deprecated versions past 100, but never ones under a day old', async () => {
    const { name, first } = await newSecret();
    for (let i = 0; i < 104; i++)
      await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: `fresh-${i}` }));
    // All 105 are under a day old: none is removed.
    const paged = await sm.send(
      new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true, MaxResults: 100 }),
    );
    const next = await sm.send(
      new ListSecretVersionIdsCommand({
        SecretId: name,
        IncludeDeprecated: true,
        MaxResults: 100,
        NextToken: paged.NextToken,
      }),
    );
    assert.equal((paged.Versions?.length ?? 0) + (next.Versions?.length ?? 0), 105);
    cloud.clock.advance(25 * HOUR);
    await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'after-a-day' }));
    const kept = await sm.send(
      new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true, MaxResults: 100 }),
    );
    assert.equal(kept.Versions?.length, 100);
    assert.equal(kept.NextToken, undefined);
    // The oldest (the first version) went first; the labelled ones stay.
    assert.ok(!kept.Versions?.some((v) => v.VersionId === first));
    assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'after-a-day');
    assert.equal(
      (await sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPREVIOUS' })))
        .SecretString,
      'fresh-103',
    );
  });
});
