// Invoke end to end: functions run in real child processes speaking the Runtime API, as on AWS.
// Expected payloads and log lines follow https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html
// and https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateFunctionCommand,
  InvokeCommand,
  type LambdaClient,
  PutFunctionConcurrencyCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, sqsClient, startTestCloud } from '../support/helpers.js';
import { createFunction, decodePayload, lambdaClient, ROLE } from './helpers.js';

describe('Lambda Invoke (Node.js)', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
  });
  after(() => cloud.stop());

  const invoke = (
    name: string,
    payload?: unknown,
    extra: Partial<ConstructorParameters<typeof InvokeCommand>[0]> = {},
  ) =>
    lambda.send(
      new InvokeCommand({
        FunctionName: name,
        Payload: payload === undefined ? undefined : JSON.stringify(payload),
        ...extra,
      }),
    );

  it('runs an async CommonJS handler and returns its result', async () => {
    await createFunction(lambda, 'echo', {
      'index.js':
        'exports.handler = async (event, context) => ({ got: event, name: context.functionName, id: context.awsRequestId, left: context.getRemainingTimeInMillis() });',
    });
    const result = await invoke('echo', { a: 1 });
    assert.equal(result.StatusCode, 200);
    assert.equal(result.FunctionError, undefined);
    assert.equal(result.ExecutedVersion, '$LATEST');
    const body = decodePayload(result.Payload) as { got: unknown; name: string; id: string; left: number };
    assert.deepEqual(body.got, { a: 1 });
    assert.equal(body.name, 'echo');
    assert.match(body.id, /^[0-9a-f-]{36}$/);
    assert.ok(body.left > 0 && body.left <= 3000);
  });

  it('passes {} when the request has no payload', async () => {
    assert.deepEqual((decodePayload((await invoke('echo')).Payload) as { got: unknown }).got, {});
  });

  it('runs ESM handlers (.mjs) and callback-style handlers', async () => {
    await createFunction(
      lambda,
      'esm',
      { 'app.mjs': 'export const main = async (event) => ({ esm: true, n: event.n * 2 });' },
      { handler: 'app.main' },
    );
    assert.deepEqual(decodePayload((await invoke('esm', { n: 21 })).Payload), { esm: true, n: 42 });
    await createFunction(lambda, 'callback', {
      'index.js':
        'exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { late: event.x }), 5); };',
    });
    assert.deepEqual(decodePayload((await invoke('callback', { x: 'y' })).Payload), { late: 'y' });
  });

  it('reports a thrown error with FunctionError Unhandled and the runtime payload', async () => {
    await createFunction(lambda, 'thrower', {
      'index.js': 'exports.handler = async () => { const e = new TypeError("bad input"); throw e; };',
    });
    const result = await invoke('thrower', {});
    assert.equal(result.StatusCode, 200);
    assert.equal(result.FunctionError, 'Unhandled');
    const error = decodePayload(result.Payload) as {
      errorType: string;
      errorMessage: string;
      trace: string[];
    };
    assert.equal(error.errorType, 'TypeError');
    assert.equal(error.errorMessage, 'bad input');
    assert.ok(Array.isArray(error.trace));
  });

  it('keeps a warm environment between invocations (module state survives)', async () => {
    await createFunction(lambda, 'counter', { 'index.js': 'let n = 0; exports.handler = async () => ++n;' });
    const first = decodePayload((await invoke('counter')).Payload);
    const second = decodePayload((await invoke('counter')).Payload);
    assert.equal(first, 1);
    assert.equal(second, 2);
  });

  it('kills a function that runs past its timeout, and the next invocation gets a fresh environment', async () => {
    await createFunction(
      lambda,
      'sleeper',
      {
        'index.js':
          'let n = 0; exports.handler = async (e) => { n++; if (e.sleep) await new Promise((r) => setTimeout(r, 5000)); return n; };',
      },
      { timeout: 1 },
    );
    assert.equal(decodePayload((await invoke('sleeper', {})).Payload), 1);
    const result = await invoke('sleeper', { sleep: true }, { LogType: 'Tail' });
    assert.equal(result.FunctionError, 'Unhandled');
    const error = decodePayload(result.Payload) as { errorType: string; errorMessage: string };
    assert.equal(error.errorType, 'Sandbox.Timedout');
    assert.match(error.errorMessage, /^RequestId: \S+ Error: Task timed out after 1\.00 seconds$/);
    const tail = Buffer.from(result.LogResult ?? '', 'base64').toString();
    assert.match(tail, /Task timed out after 1\.00 seconds/);
    assert.match(tail, /Status: timeout/);
    assert.equal(
      decodePayload((await invoke('sleeper', {})).Payload),
      1,
      'a new environment starts from scratch',
    );
  });

  it('fails only the invocation in flight when the process exits', async () => {
    await createFunction(lambda, 'exiter', {
      'index.js': 'exports.handler = async (e) => { if (e.exit) process.exit(3); return "ok"; };',
    });
    const crashed = await invoke('exiter', { exit: true });
    assert.equal(crashed.FunctionError, 'Unhandled');
    const error = decodePayload(crashed.Payload) as { errorType: string; errorMessage: string };
    assert.equal(error.errorType, 'Runtime.ExitError');
    assert.match(error.errorMessage, /Runtime exited with error: exit status 3/);
    assert.equal(decodePayload((await invoke('exiter', {})).Payload), 'ok');
  });

  it('reports a missing handler export and a missing module as init errors', async () => {
    await createFunction(lambda, 'no-export', { 'index.js': 'exports.other = async () => 1;' });
    const missing = decodePayload((await invoke('no-export')).Payload) as {
      errorType: string;
      errorMessage: string;
    };
    assert.equal(missing.errorType, 'Runtime.HandlerNotFound');
    assert.equal(missing.errorMessage, 'index.handler is undefined or not exported');
    await createFunction(lambda, 'no-module', { 'other.js': 'exports.handler = async () => 1;' });
    const result = await invoke('no-module');
    assert.equal(result.FunctionError, 'Unhandled');
    assert.equal(
      (decodePayload(result.Payload) as { errorType: string }).errorType,
      'Runtime.ImportModuleError',
    );
  });

  it('returns the last 4 KB of the log with LogType Tail: START, output, END and REPORT', async () => {
    await createFunction(lambda, 'logger', {
      'index.js':
        'exports.handler = async (e) => { console.log("hello", e.who); console.error("line1\\nline2"); return 1; };',
    });
    const result = await invoke('logger', { who: 'world' }, { LogType: 'Tail' });
    const tail = Buffer.from(result.LogResult ?? '', 'base64').toString();
    assert.match(tail, /^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/m);
    assert.match(tail, /\t[0-9a-f-]{36}\tINFO\thello world/);
    assert.match(tail, /\tERROR\tline1\nline2/);
    assert.match(tail, /^END RequestId: /m);
    assert.match(
      tail,
      /^REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\t/m,
    );
  });

  it('writes the function log to CloudWatch Logs under /aws/lambda/<name>', async () => {
    await invoke('logger', { who: 'logs' });
    const logs = client(cloud, CloudWatchLogsClient);
    let messages: string[] = [];
    for (let i = 0; i < 50 && !messages.some((m) => m.includes('hello logs')); i++) {
      const found = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/logger' }));
      messages = (found.events ?? []).map((e) => e.message ?? '');
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(messages.some((m) => m.includes('hello logs')));
    assert.ok(messages.some((m) => m.startsWith('REPORT RequestId:') && m.includes('Init Duration:')));
  });

  it("gives handlers Lambda's variables, their own, and an SDK that reaches Nimbus as their account", async () => {
    await createFunction(
      lambda,
      'sdk-user',
      {
        'index.js': `
          const { SQSClient, CreateQueueCommand, SendMessageCommand } = require('@aws-sdk/client-sqs');
          const sqs = new SQSClient({});
          exports.handler = async (event) => {
            const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: event.queue }));
            await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: process.env.GREETING }));
            const env = process.env;
            return { QueueUrl, fn: env.AWS_LAMBDA_FUNCTION_NAME, mem: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, region: env.AWS_REGION,
              group: env.AWS_LAMBDA_LOG_GROUP_NAME, stream: env.AWS_LAMBDA_LOG_STREAM_NAME, root: env.LAMBDA_TASK_ROOT, exec: env.AWS_EXECUTION_ENV };
          };`,
      },
      { environment: { GREETING: 'hi from lambda' }, timeout: 10, memorySize: 256 },
    );
    const result = await invoke('sdk-user', { queue: 'from-lambda' });
    assert.equal(result.FunctionError, undefined, new TextDecoder().decode(result.Payload));
    const body = decodePayload(result.Payload) as Record<string, string>;
    assert.equal(body.fn, 'sdk-user');
    assert.equal(body.mem, '256');
    assert.equal(body.region, 'us-east-1');
    assert.equal(body.group, '/aws/lambda/sdk-user');
    assert.match(body.stream!, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.equal(body.exec, 'AWS_Lambda_nodejs24.x');
    const received = await sqsClient(cloud).send(new ReceiveMessageCommand({ QueueUrl: body.QueueUrl }));
    assert.equal(received.Messages?.[0]?.Body, 'hi from lambda');
  });

  it('lets an ESM handler import the SDK it did not bundle', async () => {
    await createFunction(
      lambda,
      'esm-sdk',
      {
        'index.mjs': `import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
        export const handler = async () => (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Account;`,
      },
      { timeout: 10 },
    );
    const result = await invoke('esm-sdk');
    assert.equal(result.FunctionError, undefined, new TextDecoder().decode(result.Payload));
    assert.equal(decodePayload(result.Payload), '000000000000');
  });

  it('picks up configuration changes on the next invocation', async () => {
    await createFunction(lambda, 'configured', {
      'index.js': 'exports.handler = async () => process.env.MODE ?? null;',
    });
    assert.equal(decodePayload((await invoke('configured')).Payload), null);
    await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'configured',
        Environment: { Variables: { MODE: 'fast' } },
      }),
    );
    assert.equal(decodePayload((await invoke('configured')).Payload), 'fast');
  });

  it('runs a hot-reload directory in place: an edited handler runs on the next invocation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-hot-'));
    try {
      // The directory is the user's own project: its package.json decides CommonJS (this machine's /tmp has
      // one saying "module").
      writeFileSync(join(dir, 'package.json'), '{"type": "commonjs"}');
      writeFileSync(join(dir, 'index.js'), 'exports.handler = async () => "v1";');
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'hot',
          Runtime: 'nodejs22.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { S3Bucket: 'hot-reload', S3Key: dir },
        }),
      );
      assert.equal(decodePayload((await invoke('hot')).Payload), 'v1');
      // A different length guarantees a new fingerprint even within one mtime tick.
      writeFileSync(join(dir, 'index.js'), 'exports.handler = async () => "version two";');
      assert.equal(decodePayload((await invoke('hot')).Payload), 'version two');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers DryRun with 204 and Event with 202, running the event in the background', async () => {
    assert.equal((await invoke('echo', {}, { InvocationType: 'DryRun' })).StatusCode, 204);
    await createFunction(
      lambda,
      'async-writer',
      {
        'index.js': `const { SQSClient, CreateQueueCommand, SendMessageCommand } = require('@aws-sdk/client-sqs');
        exports.handler = async (e) => { const sqs = new SQSClient({}); const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'async-out' }));
          await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: e.note })); };`,
      },
      { timeout: 10 },
    );
    const accepted = await invoke('async-writer', { note: 'queued' }, { InvocationType: 'Event' });
    assert.equal(accepted.StatusCode, 202);
    const sqs = sqsClient(cloud);
    let body: string | undefined;
    for (let i = 0; i < 100 && !body; i++) {
      try {
        const url = `${cloud.endpoint}/000000000000/async-out`;
        body = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages?.[0]?.Body;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    assert.equal(body, 'queued');
  });

  it('rejects a payload that is not JSON, and unknown functions', async () => {
    await assert.rejects(
      lambda.send(
        new InvokeCommand({ FunctionName: 'echo', Payload: new TextEncoder().encode('{not json') }),
      ),
      (e: Error & { $metadata?: { httpStatusCode?: number } }) =>
        e.name === 'InvalidRequestContentException' && e.$metadata?.httpStatusCode === 400,
    );
    await assert.rejects(invoke('nope'), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(e.name, 'ResourceNotFoundException');
      assert.equal(e.message, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope');
      assert.equal(e.$metadata?.httpStatusCode, 404);
      return true;
    });
  });

  it('throttles synchronous calls over the reserved concurrency with TooManyRequestsException', async () => {
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'echo', ReservedConcurrentExecutions: 0 }),
    );
    await assert.rejects(
      invoke('echo', {}),
      (e: Error & { Reason?: string; $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.name, 'TooManyRequestsException');
        assert.equal(e.$metadata?.httpStatusCode, 429);
        assert.equal(e.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
        return true;
      },
    );
  });
});
