// Secrets Manager deletion through the AWS SDK v3: the recovery window on the cloud clock (the secret is
// purged once it passes, with no timer), ForceDeleteWithoutRecovery, RestoreSecret, and what a secret
// scheduled for deletion still allows.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RestoreSecret.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

const DAY = 86_400_000;
/** Observed from AWS (hashicorp/terraform-provider-aws#23998). */
const MARKED = "You can't perform this operation on the secret because it was marked for deletion.";
const NOT_FOUND = "Secrets Manager can't find the specified secret.";

describe('Secrets Manager deletion', () => {
  let cloud: Cloud;
  let sm: SecretsManagerClient;
  let counter = 0;
  const newSecret = async () => {
    const name = `deletion-${++counter}`;
    await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'x' }));
    return name;
  };

  before(async () => {
    cloud = await startTestCloud();
    sm = client(cloud, SecretsManagerClient);
  });
  after(async () => {
    sm.destroy();
    await cloud.stop();
  });

  it('schedules deletion 30 days ahead by default and purges the secret once the window passes', async () => {
    const name = await newSecret();
    const before = cloud.clock.now();
    const deleted = await sm.send(new DeleteSecretCommand({ SecretId: name }));
    const expected = before + 30 * DAY;
    assert.ok(Math.abs(deleted.DeletionDate!.getTime() - expected) < 5_000);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    assert.equal(described.DeletedDate?.getTime(), deleted.DeletionDate?.getTime());
    await assert.rejects(sm.send(new GetSecretValueCommand({ SecretId: name })), {
      name: 'InvalidRequestException',
      message: MARKED,
    });
    cloud.clock.advance(30 * DAY - 60_000);
    assert.ok(await sm.send(new DescribeSecretCommand({ SecretId: name })));
    cloud.clock.advance(120_000);
    await assert.rejects(sm.send(new DescribeSecretCommand({ SecretId: name })), {
      name: 'ResourceNotFoundException',
      message: NOT_FOUND,
    });
    // The name is free again.
    await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'reborn' }));
    assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'reborn');
  });

  it('honours RecoveryWindowInDays between 7 and 30 and refuses others', async () => {
    const name = await newSecret();
    const before = cloud.clock.now();
    const deleted = await sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
    assert.ok(Math.abs(deleted.DeletionDate!.getTime() - (before + 7 * DAY)) < 5_000);
    const other = await newSecret();
    for (const days of [6, 31]) {
      await assert.rejects(
        sm.send(new DeleteSecretCommand({ SecretId: other, RecoveryWindowInDays: days })),
        {
          name: 'InvalidParameterException',
          message: 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
        },
      );
    }
    await assert.rejects(
      sm.send(
        new DeleteSecretCommand({
          SecretId: other,
          RecoveryWindowInDays: 7,
          ForceDeleteWithoutRecovery: true,
        }),
      ),
      {
        name: 'InvalidParameterException',
        message: "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
      },
    );
  });

  it('deletes at once with ForceDeleteWithoutRecovery, also a secret already scheduled', async () => {
    const name = await newSecret();
    await sm.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
    await assert.rejects(sm.send(new DescribeSecretCommand({ SecretId: name })), {
      name: 'ResourceNotFoundException',
    });
    const scheduled = await newSecret();
    await sm.send(new DeleteSecretCommand({ SecretId: scheduled }));
    // A second delete without force is refused; with force it purges (getmoto/moto#8223, checked against AWS).
    await assert.rejects(sm.send(new DeleteSecretCommand({ SecretId: scheduled })), {
      name: 'InvalidRequestException',
    });
    await sm.send(new DeleteSecretCommand({ SecretId: scheduled, ForceDeleteWithoutRecovery: true }));
    await assert.rejects(sm.send(new DescribeSecretCommand({ SecretId: scheduled })), {
      name: 'ResourceNotFoundException',
    });
  });

  it('answers a forced delete of a secret that does not exist with success, and an unforced one with not found', async () => {
    // getmoto/moto#5475: AWS answers ForceDeleteWithoutRecovery for an unknown secret without an error.
    const forced = await sm.send(
      new DeleteSecretCommand({ SecretId: 'never-was', ForceDeleteWithoutRecovery: true }),
    );
    assert.equal(forced.Name, 'never-was');
    await assert.rejects(sm.send(new DeleteSecretCommand({ SecretId: 'never-was' })), {
      name: 'ResourceNotFoundException',
      message: NOT_FOUND,
    });
  });

  it('restores a secret scheduled for deletion, with its versions', async () => {
    const name = await newSecret();
    await sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 10 }));
    await assert.rejects(sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'y' })), {
      message: MARKED,
    });
    await assert.rejects(sm.send(new GetResourcePolicyCommand({ SecretId: name })), { message: MARKED });
    // DescribeSecret and ListSecretVersionIds still answer during the window.
    assert.equal((await sm.send(new ListSecretVersionIdsCommand({ SecretId: name }))).Versions?.length, 1);
    cloud.clock.advance(9 * DAY);
    const restored = await sm.send(new RestoreSecretCommand({ SecretId: name }));
    assert.equal(restored.Name, name);
    assert.equal((await sm.send(new DescribeSecretCommand({ SecretId: name }))).DeletedDate, undefined);
    cloud.clock.advance(2 * DAY);
    assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'x');
  });

  it('refuses to create a secret whose name is scheduled for deletion', async () => {
    const name = await newSecret();
    await sm.send(new DeleteSecretCommand({ SecretId: name }));
    // Observed from AWS (aws-controllers-k8s/community#2969).
    await assert.rejects(sm.send(new CreateSecretCommand({ Name: name, SecretString: 'again' })), {
      name: 'InvalidRequestException',
      message:
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
    });
    await assert.rejects(sm.send(new RestoreSecretCommand({ SecretId: 'no-such' })), {
      name: 'ResourceNotFoundException',
    });
  });
});
