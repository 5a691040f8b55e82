// Function events compiled as the Framework compiles them: the configurations it refuses fail with its
// message and code (and the ones Nimbus cannot serve say so), and serverless-iam-roles-per-function's
// roles come out as the plugin makes them. Their templates are checked against `osls package` by the
// fixtures under fixtures/parity (framework-parity.test.ts).

import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Json, JsonObject } from '../../src/serverless/compilation.js';
import { compileService } from '../../src/serverless/compile.js';
import { packageServiceDirectory } from '../../src/serverless/index.js';
import { copyFixture, FIXTURES, normalizedTemplate } from './helpers.js';

function compile(functions: JsonObject, extra: JsonObject = {}) {
  return compileService({
    config: { service: 'svc', provider: { name: 'aws' }, functions, ...extra },
    stage: 'dev',
    region: 'us-east-1',
    artifactDirectoryName: 'serverless/svc/dev/1-now',
    artifactOf: () => ({ fileName: 'x.zip', sha256: 'abc' }),
  });
}

/** One function `fn` with these events. */
function compileEvents(events: Json[], extra: JsonObject = {}) {
  return compile({ fn: { handler: 'handler.main', events } }, extra);
}

function rejects(run: () => unknown, code: string, message?: string | RegExp) {
  assert.throws(run, (error: Error & { code?: string }) => {
    assert.equal(error.code, code);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  });
}

describe('schedule events', () => {
  it('refuses method: scheduler, which needs EventBridge Scheduler', () => {
    rejects(
      () => compileEvents([{ schedule: { rate: ['rate(1 hour)'], method: 'scheduler' } }]),
      'NIMBUS_SCHEDULER_NOT_SUPPORTED',
      /EventBridge Scheduler/,
    );
  });
  it('refuses a name shared by several rate expressions', () => {
    rejects(
      () => compileEvents([{ schedule: { rate: ['rate(1 hour)', 'rate(2 hours)'], name: 'one' } }]),
      'SCHEDULE_NAME_NOT_ALLOWED_MULTIPLE_RATES',
      'You cannot specify a name when defining more than one rate expression',
    );
  });
  it('refuses the options only the scheduler mode has', () => {
    rejects(
      () => compileEvents([{ schedule: { rate: ['rate(1 hour)'], timezone: 'Europe/Paris' } }]),
      'SCHEDULE_PARAMETER_NOT_SUPPORTED',
      'Cannot setup "schedule" event: "timezone" is only supported with "scheduler" mode',
    );
  });
  it('refuses an expression the schema does not accept', () => {
    rejects(
      () => compileEvents([{ schedule: 'rate(1 minutes)' }]),
      'INVALID_NON_SCHEMA_COMPLIANT_CONFIGURATION',
      /^Configuration error at 'functions\.fn\.events\.0\.schedule': must match pattern/,
    );
  });
});

describe('s3 events', () => {
  it('asks for existing: true when the bucket is an intrinsic function', () => {
    rejects(
      () => compileEvents([{ s3: { bucket: { Ref: 'Bucket' } } }]),
      'S3_INVALID_NEW_BUCKET_FORMAT',
      /you need to specify that the bucket is existing via "existing: true" property/,
    );
  });
  it('refuses two existing buckets for one function, as the Framework does', () => {
    rejects(
      () =>
        compileEvents([
          { s3: { bucket: 'first-bucket', existing: true } },
          { s3: { bucket: 'second-bucket', existing: true } },
        ]),
      'S3_MULTIPLE_BUCKETS_PER_FUNCTION',
      /^Only one S3 Bucket can be configured per function\. In "svc-dev-fn" you're attempting to configure "first-bucket" and "second-bucket" at the same time\.$/,
    );
  });
  it('refuses a bucket name S3 would refuse', () => {
    rejects(
      () => compileEvents([{ s3: 'Not_A_Bucket' }]),
      'S3_INVALID_BUCKET_PATTERN',
      /^Not_A_Bucket - Bucket name must conform to pattern/,
    );
  });
});

describe('sns events', () => {
  it('needs topicName when the ARN is an intrinsic function', () => {
    rejects(
      () => compileEvents([{ sns: { arn: { Ref: 'Topic' } } }]),
      'SNS_MISSING_TOPIC_NAME',
      'Missing "sns.topicName" setting (it needs to be provided if "sns.arn" is not provided as plain ARN string)',
    );
  });
  it('refuses kmsMasterKeyId, which the Framework does not declare', () => {
    rejects(
      () => compileEvents([{ sns: { topicName: 't', kmsMasterKeyId: 'alias/aws/sns' } }]),
      'INVALID_NON_SCHEMA_COMPLIANT_CONFIGURATION',
      "Configuration error at 'functions.fn.events.0.sns': unrecognized property 'kmsMasterKeyId'",
    );
  });
});

describe('stream events', () => {
  it('needs startingPositionTimestamp for AT_TIMESTAMP through a consumer', () => {
    rejects(
      () =>
        compileEvents([
          {
            stream: {
              arn: 'arn:aws:kinesis:us-east-1:0:stream/s',
              consumer: true,
              startingPosition: 'AT_TIMESTAMP',
            },
          },
        ]),
      'FUNCTION_STREAM_STARTING_POSITION_TIMESTAMP_INVALID',
      'You must specify startingPositionTimestamp for function: fn when startingPosition is AT_TIMESTAMP',
    );
  });
  it('needs the type of a stream given by an intrinsic function', () => {
    rejects(
      () => compileEvents([{ stream: { arn: { 'Fn::GetAtt': ['Table', 'StreamArn'] } } }]),
      'INVALID_NON_SCHEMA_COMPLIANT_CONFIGURATION',
      /must have required property 'type'/,
    );
  });
  it('adds the statements of each function after those of the events before it', () => {
    const { compilation } = compileEvents([
      { sqs: 'arn:aws:sqs:us-east-1:0:q' },
      { stream: 'arn:aws:dynamodb:us-east-1:0:table/T/stream/1' },
    ]);
    const actions = compilation.roleStatements!.map((statement) => (statement as JsonObject).Action);
    assert.deepEqual(actions.slice(-2), [
      ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'],
      ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
    ]);
  });
});

describe('cloudwatchEvent, cloudwatchLog and eventBridge events', () => {
  it('refuses two of input, inputPath and inputTransformer on a cloudwatchEvent', () => {
    rejects(
      () =>
        compileEvents([{ cloudwatchEvent: { event: { source: ['a'] }, input: 'x', inputPath: '$.detail' } }]),
      'CLOUDWATCH_MULTIPLE_INPUT_PROPERTIES',
      /^You can only set one of input, inputPath, or inputTransformer properties at the same time/,
    );
  });
  it('allows two subscription filters per log group across the service', () => {
    const log = { cloudwatchLog: '/app/logs' };
    rejects(
      () => compile({ a: { handler: 'h.a', events: [log, log] }, b: { handler: 'h.b', events: [log] } }),
      'CLOUDWATCHLOG_LOG_GROUP_EVENT_PER_FUNCTION_LIMIT_EXCEEDED',
      'Only 2 subscription filters can be configured per log group. You\'re attempting to configure more subscription filters than allowed for "/app/logs".',
    );
  });
  it('refuses two of input, inputPath and inputTransformer on an eventBridge event', () => {
    rejects(
      () =>
        compileEvents([{ eventBridge: { pattern: { source: ['a'] }, input: { a: 1 }, inputPath: '$.x' } }]),
      'EVENTBRIDGE_MULTIPLE_INPUT_PROPERTIES',
      'You can only set one of input, inputPath, or inputTransformer properties for eventBridge events.',
    );
  });
  it('needs a pattern or a schedule on an eventBridge event', () => {
    rejects(
      () => compileEvents([{ eventBridge: { eventBus: 'bus' } }]),
      'INVALID_NON_SCHEMA_COMPLIANT_CONFIGURATION',
      /functions\.fn\.events\.0\.eventBridge/,
    );
  });
});

describe('serverless-iam-roles-per-function', () => {
  const plugin = { plugins: ['serverless-iam-roles-per-function'] };
  const statements = [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }];

  it('gives each function with iamRoleStatements the role the plugin generates', async () => {
    // expected-template.json is what `osls package` wrote for this fixture with the plugin's own source
    // (v3.2.0, src/lib/index.ts of functionalone/serverless-iam-roles-per-function, transpiled and loaded
    // from .serverless_plugins in a scratch copy), normalized like the parity fixtures.
    const dir = copyFixture('iam-roles-per-function', 'service');
    try {
      const { built } = await packageServiceDirectory({ serviceDir: dir, options: {}, env: {} });
      const expected = JSON.parse(
        readFileSync(join(FIXTURES, 'iam-roles-per-function/expected-template.json'), 'utf8'),
      );
      assert.deepEqual(normalizedTemplate(built.template), expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('ignores iamRoleStatements when the plugin is not listed', () => {
    const { template } = compile({ fn: { handler: 'h.main', iamRoleStatements: statements } });
    assert.equal(template.Resources.FnIamRoleLambdaExecution, undefined);
  });
  it('refuses a function with both role and iamRoleStatements', () => {
    rejects(
      () =>
        compile(
          {
            fn: { handler: 'h.main', role: 'Own', iamRoleStatements: statements },
            other: { handler: 'h.o' },
          },
          plugin,
        ),
      'IAM_ROLES_PER_FUNCTION_ERROR',
      "serverless-iam-roles-per-function: ERROR: Define function with both 'role' and 'iamRoleStatements' is not supported. Function name: fn",
    );
  });
  it('refuses statements without Effect, Action or Resource', () => {
    rejects(
      () =>
        compile(
          { fn: { handler: 'h.main', iamRoleStatements: [{ Effect: 'Allow', Action: ['s3:*'] }] } },
          plugin,
        ),
      'IAM_ROLES_PER_FUNCTION_ERROR',
      'serverless-iam-roles-per-function: ERROR: iamRoleStatements should be an array of objects, where each object has Effect, Action / NotAction, Resource / NotResource fields. Specifically, statement 0 is missing the following properties: Resource / NotResource',
    );
  });
  it('drops -lambdaRole from a long role name, and refuses one still too long', () => {
    const long = 'f'.repeat(40);
    const { template } = compile({ [long]: { handler: 'h.main', iamRoleStatements: statements } }, plugin);
    const role = template.Resources[`F${'f'.repeat(39)}IamRoleLambdaExecution`]!;
    assert.deepEqual(role.Properties!.RoleName, {
      'Fn::Join': ['-', ['svc', 'dev', long, { Ref: 'AWS::Region' }]],
    });
    rejects(
      () => compile({ ['g'.repeat(60)]: { handler: 'h.main', iamRoleStatements: statements } }, plugin),
      'IAM_ROLES_PER_FUNCTION_ERROR',
      /auto generated role name for function: g+ is too long \(over 64 chars\)/,
    );
  });
});
