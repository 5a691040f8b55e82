// Durability: every parameter version, label and tag that PutParameter, LabelParameterVersion and
// AddTagsToResource acknowledged survives `kill -9` and a restart on the same data dir.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  AddTagsToResourceCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { client, kill9, startNimbusProcess } from '../support/helpers.js';

describe('SSM durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-ssm-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged version, label and tag across SIGKILL', async () => {
    const first = await startNimbusProcess(dataDir);
    let ssm = client(first.endpoint, SSMClient);
    const total = 60;
    // Concurrent writers, as an application's start-up would make them.
    await Promise.all(
      Array.from({ length: total }, (_, i) =>
        ssm.send(new PutParameterCommand({ Name: `/durable/p${i}`, Value: `value ${i}`, Type: 'String' })),
      ),
    );
    for (let version = 2; version <= 5; version++) {
      await ssm.send(
        new PutParameterCommand({
          Name: '/durable/secret',
          Value: `s${version}`,
          Type: 'SecureString',
          Overwrite: version > 2,
        }),
      );
    }
    await ssm.send(
      new LabelParameterVersionCommand({ Name: '/durable/secret', ParameterVersion: 1, Labels: ['old'] }),
    );
    await ssm.send(
      new AddTagsToResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: '/durable/p0',
        Tags: [{ Key: 'k', Value: 'v' }],
      }),
    );
    await kill9(first.child);

    const second = await startNimbusProcess(dataDir);
    try {
      ssm = client(second.endpoint, SSMClient);
      const names: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await ssm.send(new GetParametersByPathCommand({ Path: '/durable', NextToken }));
        names.push(...(page.Parameters ?? []).map((p) => p.Name!));
        NextToken = page.NextToken;
      } while (NextToken);
      assert.equal(names.filter((name) => /^\/durable\/p\d+$/.test(name)).length, total);
      const latest = await ssm.send(
        new GetParameterCommand({ Name: '/durable/secret', WithDecryption: true }),
      );
      assert.deepEqual([latest.Parameter?.Value, latest.Parameter?.Version], ['s5', 4]);
      const old = await ssm.send(
        new GetParameterCommand({ Name: '/durable/secret:old', WithDecryption: true }),
      );
      assert.equal(old.Parameter?.Value, 's2');
      const history = await ssm.send(new GetParameterHistoryCommand({ Name: '/durable/secret' }));
      assert.equal(history.Parameters?.length, 4);
      const tags = await ssm.send(
        new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/durable/p0' }),
      );
      assert.deepEqual(tags.TagList, [{ Key: 'k', Value: 'v' }]);
    } finally {
      await kill9(second.child);
    }
  });
});
