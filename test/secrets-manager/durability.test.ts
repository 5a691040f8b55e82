// Durability: what Secrets Manager acknowledged survives `kill -9` and a restart on the same data dir:
// secrets, every version and label, tags, policies and a scheduled deletion, whose window keeps running
// on the persisted cloud clock.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { client, kill9, startNimbusProcess } from '../support/helpers.js';

describe('Secrets Manager durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-secrets-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged secret, version, label, tag and policy across SIGKILL', async () => {
    const first = await startNimbusProcess(dataDir);
    let sm = client(first.endpoint, SecretsManagerClient);
    const created = await sm.send(
      new CreateSecretCommand({ Name: 'durable', SecretString: 'v0', Tags: [{ Key: 'k', Value: 'v' }] }),
    );
    const puts: string[] = [];
    for (let i = 1; i <= 50; i++) {
      puts.push(
        (await sm.send(new PutSecretValueCommand({ SecretId: 'durable', SecretString: `v${i}` }))).VersionId!,
      );
    }
    await sm.send(
      new PutResourcePolicyCommand({
        SecretId: 'durable',
        ResourcePolicy: '{"Version":"2012-10-17","Statement":[]}',
      }),
    );
    await sm.send(new CreateSecretCommand({ Name: 'doomed', SecretBinary: new Uint8Array([7, 8, 9]) }));
    const { DeletionDate } = await sm.send(
      new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }),
    );
    sm.destroy();
    await kill9(first.child);

    const second = await startNimbusProcess(dataDir);
    try {
      sm = client(second.endpoint, SecretsManagerClient);
      const current = await sm.send(new GetSecretValueCommand({ SecretId: created.ARN }));
      assert.equal(current.SecretString, 'v50');
      assert.equal(current.VersionId, puts.at(-1));
      const previous = await sm.send(
        new GetSecretValueCommand({ SecretId: 'durable', VersionStage: 'AWSPREVIOUS' }),
      );
      assert.equal(previous.VersionId, puts.at(-2));
      const oldest = await sm.send(
        new GetSecretValueCommand({ SecretId: 'durable', VersionId: created.VersionId }),
      );
      assert.equal(oldest.SecretString, 'v0');
      const described = await sm.send(new DescribeSecretCommand({ SecretId: 'durable' }));
      assert.deepEqual(described.Tags, [{ Key: 'k', Value: 'v' }]);
      assert.ok((await sm.send(new GetResourcePolicyCommand({ SecretId: 'durable' }))).ResourcePolicy);
      const doomed = await sm.send(new DescribeSecretCommand({ SecretId: 'doomed' }));
      assert.equal(doomed.DeletedDate?.getTime(), DeletionDate?.getTime());
      sm.destroy();
    } finally {
      await kill9(second.child);
    }
  });
});
