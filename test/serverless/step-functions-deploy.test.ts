// `nimbus deploy` of a serverless.yml with a `stepFunctions:` block onto a started cloud: the state machine
// the block compiles to (AWS::StepFunctions::StateMachine, through the Step Functions registry) is there,
// named as the serverless-step-functions plugin names it, with its definition and role.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { Cloud } from '../../src/index.js';
import { client, NIMBUS_CLI, runProcess, startTestCloud } from '../support/helpers.js';

const SERVICE = `service: flows
provider:
  name: aws
  region: us-east-1
stepFunctions:
  stateMachines:
    checkout:
      name: checkout-flow
      definition:
        StartAt: Price
        States:
          Price:
            Type: Pass
            Result: { total: 12 }
            End: true
`;

describe('nimbus deploy of a serverless.yml with stepFunctions', () => {
  let cloud: Cloud;
  let dir: string;
  before(async () => {
    cloud = await startTestCloud();
    dir = mkdtempSync(join(tmpdir(), 'nimbus-sls-sfn-'));
    writeFileSync(join(dir, 'serverless.yml'), SERVICE);
  });
  after(async () => {
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the state machine DescribeStateMachine finds', async () => {
    const result = await runProcess(
      process.execPath,
      [NIMBUS_CLI, 'deploy'],
      { AWS_ENDPOINT_URL: cloud.endpoint },
      90_000,
      dir,
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const machine = await client(cloud, SFNClient).send(
      new DescribeStateMachineCommand({
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:checkout-flow',
      }),
    );
    assert.equal(machine.status, 'ACTIVE');
    assert.equal(machine.type, 'STANDARD');
    assert.deepEqual(JSON.parse(machine.definition!).States.Price.Result, { total: 12 });
    assert.match(machine.roleArn ?? '', /^arn:aws:iam::000000000000:role\//);
  });
});
