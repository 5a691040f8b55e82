// `nimbus deploy` with no Nimbus running at its loopback endpoint starts one for the call, deploys into
// `.nimbus/` beside the service, and stops; a later `nimbus start` in the same directory serves it.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { client, kill9, NIMBUS_CLI, runProcess, startNimbusProcess } from '../support/helpers.js';
import { copyFixture } from './helpers.js';

describe('nimbus deploy with no Nimbus running', () => {
  const dir = copyFixture('flows', 'orders');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('starts one for the call, and the deployed service is there on the next nimbus start', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const deployed = await runProcess(
      process.execPath,
      [NIMBUS_CLI, 'deploy'],
      { AWS_ENDPOINT_URL: endpoint },
      90_000,
      dir,
    );
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    assert.match(
      deployed.stdout,
      /No Nimbus answered at http:\/\/127\.0\.0\.1:\d+: started one for this command/,
    );
    const nimbus = await startNimbusProcess(undefined, { cwd: dir });
    try {
      const fn = await client(nimbus.endpoint, LambdaClient).send(
        new GetFunctionCommand({ FunctionName: 'orders-dev-record' }),
      );
      assert.equal(fn.Configuration?.Handler, 'src/record.handler');
    } finally {
      await kill9(nimbus.child);
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
