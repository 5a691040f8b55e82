// Mocked integrations in Step Functions Local's MockConfigFile format: a test case chosen by starting
// `<ARN>#<test case>` replaces named Task states' answers per attempt, so an error path (two throttles,
// then success) runs without breaking the function (sfn-local-mock-cfg-file.html).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { startTestCloud } from '../../support/helpers.js';
import { createMachine, history, sfnClient, types, waitForEnd } from './helpers.js';

const CONFIG = {
  StateMachines: {
    orders: { TestCases: { HappyPath: { Charge: 'Charged' }, Throttled: { Charge: 'ThrottledTwice' } } },
  },
  MockedResponses: {
    Charged: { '0': { Return: { StatusCode: 200, Payload: { charged: true } } } },
    ThrottledTwice: {
      '0-1': { Throw: { Error: 'Lambda.TooManyRequestsException', Cause: 'Rate exceeded' } },
      '2': { Return: { StatusCode: 200, Payload: { charged: 'late' } } },
    },
  },
};

describe('Step Functions mocked integrations (MockConfigFile)', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  let dir: string;
  let machine: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nimbus-sfn-mocks-'));
    writeFileSync(join(dir, 'mocks.json'), JSON.stringify(CONFIG));
    process.env.SFN_MOCK_CONFIG = join(dir, 'mocks.json');
    cloud = await startTestCloud();
    sfn = sfnClient(cloud);
    machine = await createMachine(sfn, 'orders', {
      StartAt: 'Charge',
      States: {
        Charge: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'charge-that-does-not-exist' },
          OutputPath: '$.Payload',
          Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxAttempts: 3 }],
          End: true,
        },
      },
    });
  });
  after(async () => {
    delete process.env.SFN_MOCK_CONFIG;
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a Task from its test case instead of calling the function', async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: `${machine}#HappyPath` }),
    );
    assert.match(executionArn!, /:execution:orders:/);
    const done = await waitForEnd(sfn, executionArn!);
    assert.equal(done.status, 'SUCCEEDED', done.cause);
    assert.equal(done.output, '{"charged":true}');
  });

  it('throws per attempt as the test case says, and the Retry absorbs it', async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: `${machine}#Throttled` }),
    );
    for (let i = 0; i < 20; i++) {
      cloud.clock.advance(5_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const done = await waitForEnd(sfn, executionArn!);
    assert.equal(done.status, 'SUCCEEDED', done.cause);
    assert.equal(done.output, '{"charged":"late"}');
    assert.equal(types(await history(sfn, executionArn!)).filter((t) => t === 'TaskFailed').length, 2);
  });

  it('refuses a test case the file does not have', async () => {
    await assert.rejects(sfn.send(new StartExecutionCommand({ stateMachineArn: `${machine}#Nope` })), {
      name: 'ValidationException',
    });
  });
});
