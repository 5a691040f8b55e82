// Requests generated from AWS's models: for every served operation of the services that check the model
// (DynamoDB, DynamoDB Streams, EventBridge, CloudWatch Logs, IAM), each constraint of each top-level input
// member is violated once, and the answer must be the service's validation error naming it in AWS's words,
// before any resource is looked up (the named table, queue or group never exists here).
//
// The wording is the coral validator's: "N validation error(s) detected: Value 'x' at 'member' failed to
// satisfy constraint: Member must …" (e.g. "1 validation error detected: Value '0' at 'limit' failed to
// satisfy constraint: Member must have value greater than or equal to 1", observed from DynamoDB's
// ListTables); a missing required member adds "Value null at 'member' … Member must not be null".

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cloudwatchLogs from '../../src/core/generated/cloudwatch-logs.js';
import * as dynamodb from '../../src/core/generated/dynamodb.js';
import * as dynamodbStreams from '../../src/core/generated/dynamodb-streams.js';
import * as eventbridge from '../../src/core/generated/eventbridge.js';
import * as iam from '../../src/core/generated/iam.js';
import type { ModelOperation } from '../../src/core/model.js';
import { lowerFirst, type Shape, type StructureShape } from '../../src/core/shapes.js';
import type { Cloud } from '../../src/index.js';
import { cloudWatchLogsService } from '../../src/services/cloudwatch-logs/index.js';
import { dynamodbService } from '../../src/services/dynamodb/index.js';
import { dynamodbStreamsService } from '../../src/services/dynamodb/streams/index.js';
import { eventBridgeService } from '../../src/services/eventbridge/index.js';
import { iamService } from '../../src/services/iam/index.js';
import { rawRequest, sigv4Header, startTestCloud } from '../support/helpers.js';

interface Target {
  readonly name: string;
  readonly operations: Readonly<Record<string, ModelOperation>>;
  readonly served: readonly string[];
  /** The error code the service answers a validation failure with. */
  readonly code: string;
  readonly send: (cloud: Cloud, operation: string, input: Record<string, unknown>) => Promise<Answer>;
}

interface Answer {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

const json =
  (targetPrefix: string, version: string, signingName: string) =>
  async (cloud: Cloud, operation: string, input: Record<string, unknown>): Promise<Answer> => {
    const response = await rawRequest(cloud, {
      headers: {
        'content-type': `application/x-amz-json-${version}`,
        'x-amz-target': `${targetPrefix}.${operation}`,
        authorization: sigv4Header(signingName),
      },
      body: JSON.stringify(input),
    });
    const body = JSON.parse(response.text) as Record<string, string>;
    return {
      status: response.status,
      code: (body.__type ?? '').split('#').pop() ?? '',
      message: body.message ?? body.Message ?? '',
    };
  };

async function query(cloud: Cloud, operation: string, input: Record<string, unknown>): Promise<Answer> {
  const params = new URLSearchParams({ Action: operation, Version: '2010-05-08' });
  for (const [key, value] of Object.entries(input)) {
    if (!Array.isArray(value)) params.set(key, String(value));
    else for (const [i, item] of value.entries()) params.set(`${key}.member.${i + 1}`, String(item));
  }
  const response = await rawRequest(cloud, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: sigv4Header('iam') },
    body: params.toString(),
  });
  const text = response.text;
  const pick = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(text)?.[1] ?? '';
  const fromXml = (value: string) =>
    value
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return { status: response.status, code: pick('Code'), message: fromXml(pick('Message')) };
}

const TARGETS: Target[] = [
  {
    name: 'DynamoDB',
    operations: dynamodb.operations,
    served: Object.keys(dynamodbService.operations),
    code: 'ValidationException',
    send: json('DynamoDB_20120810', '1.0', 'dynamodb'),
  },
  {
    name: 'DynamoDB Streams',
    operations: dynamodbStreams.operations,
    served: Object.keys(dynamodbStreamsService.operations),
    code: 'ValidationException',
    send: json('DynamoDBStreams_20120810', '1.0', 'dynamodb'),
  },
  {
    name: 'EventBridge',
    operations: eventbridge.operations,
    served: Object.keys(eventBridgeService.operations),
    code: 'ValidationException',
    send: json('AWSEvents', '1.1', 'events'),
  },
  {
    name: 'CloudWatch Logs',
    operations: cloudwatchLogs.operations,
    served: Object.keys(cloudWatchLogsService.operations),
    code: 'InvalidParameterException',
    send: json('Logs_20140328', '1.1', 'logs'),
  },
  {
    name: 'IAM',
    operations: iam.operations,
    served: Object.keys(iamService.operations),
    code: 'ValidationError',
    send: query,
  },
];

/** One violation of one constraint: the value sent and the sentence AWS prints for it. */
interface Violation {
  readonly member: string;
  readonly value: unknown;
  readonly shown: string;
  readonly constraint: string;
}

function violations(input: StructureShape): Violation[] {
  const found: Violation[] = [];
  for (const [member, { shape }] of Object.entries(input.members)) {
    for (const [value, constraint] of violationsOf(shape)) {
      const shown = Array.isArray(value) ? `'${JSON.stringify(value)}'` : `'${String(value)}'`;
      found.push({ member, value, shown, constraint });
    }
  }
  return found;
}

function violationsOf(shape: Shape): [unknown, string][] {
  const out: [unknown, string][] = [];
  switch (shape.kind) {
    case 'string': {
      if (shape.min !== undefined && shape.min > 0) {
        out.push(['', `Member must have length greater than or equal to ${shape.min}`]);
      }
      if (shape.max !== undefined && shape.max < 5000 && !shape.enum) {
        out.push(['a'.repeat(shape.max + 1), `Member must have length less than or equal to ${shape.max}`]);
      }
      if (shape.enum) {
        out.push(['NOT_A_MEMBER', `Member must satisfy enum value set: [${shape.enum.join(', ')}]`]);
      }
      if (shape.pattern) {
        const length = Math.max(shape.min ?? 1, 1);
        const value = [' ', '\u0001', '!', '#', '~', '.']
          .map((c) => c.repeat(length))
          .find((candidate) => {
            const fits = shape.max === undefined || candidate.length <= shape.max;
            return fits && !shape.pattern!.regex.test(candidate);
          });
        if (value !== undefined) {
          out.push([value, `Member must satisfy regular expression pattern: ${shape.pattern.text}`]);
        }
      }
      break;
    }
    case 'integer':
      if (shape.min !== undefined)
        out.push([shape.min - 1, `Member must have value greater than or equal to ${shape.min}`]);
      if (shape.max !== undefined)
        out.push([shape.max + 1, `Member must have value less than or equal to ${shape.max}`]);
      break;
    case 'list':
      if (shape.min !== undefined && shape.min > 0) {
        out.push([[], `Member must have length greater than or equal to ${shape.min}`]);
      }
      break;
  }
  return out;
}

describe('model constraints, generated from AWS models', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud.stop());

  for (const target of TARGETS) {
    it(`${target.name}: every constraint of every served operation's members is checked first, in AWS's words`, async () => {
      let checked = 0;
      const failures: string[] = [];
      for (const operation of target.served) {
        const input = target.operations[operation]?.input;
        assert.ok(input, `${target.name} serves ${operation}, which its model does not have`);
        const required = Object.entries(input.members).filter(([, member]) => member.required);
        for (const violation of violations(input)) {
          const answer = await target.send(cloud, operation, { [violation.member]: violation.value });
          const clause = `Value ${violation.shown} at '${lowerFirst(violation.member)}' failed to satisfy constraint: ${violation.constraint}`;
          const missing = required.filter(([name]) => name !== violation.member).length;
          checked++;
          const ok =
            answer.status === 400 &&
            answer.code === target.code &&
            answer.message.includes(clause) &&
            /^(\d+) validation errors? detected: /.test(answer.message) &&
            Number(/^(\d+)/.exec(answer.message)?.[1]) >= missing + 1;
          if (!ok)
            failures.push(
              `${operation} ${violation.member}=${violation.shown}: ${answer.status} ${answer.code} ${answer.message}`,
            );
        }
      }
      assert.ok(checked > 0, `no constraint of ${target.name} was tried`);
      assert.deepEqual(failures, [], `${failures.length} of ${checked} violations were answered otherwise`);
    });
  }

  it('reports every missing required member and every violation at once, in one message', async () => {
    const send = TARGETS[0]!.send;
    // DynamoDB's PutItem with only bad ReturnValues and ReturnConsumedCapacity: TableName and Item are
    // missing and two enums fail (the issue quotes AWS: "Value 'hi' at 'returnConsumedCapacity' failed to
    // satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]").
    const answer = await send(cloud, 'PutItem', { ReturnValues: 'hi', ReturnConsumedCapacity: 'hi' });
    assert.equal(answer.code, 'ValidationException');
    assert.match(answer.message, /^4 validation errors detected: /);
    for (const clause of [
      "Value null at 'tableName' failed to satisfy constraint: Member must not be null",
      "Value null at 'item' failed to satisfy constraint: Member must not be null",
      "Value 'hi' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]",
      "Value 'hi' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]",
    ]) {
      assert.ok(answer.message.includes(clause), `${clause} missing from ${answer.message}`);
    }
  });

  it('answers a value of the wrong JSON type with coral SerializationException wording', async () => {
    const send = TARGETS[0]!.send;
    // DynamoDB words it without the article: "NUMBER_VALUE cannot be converted to String" (observed for an
    // `N` sent as a JSON number, localstack#9412); other coral services (Athena) say "can not be converted
    // to a String".
    assert.deepEqual(await send(cloud, 'PutItem', { TableName: 'orders', Item: { n: { N: 5 } } }), {
      status: 400,
      code: 'SerializationException',
      message: 'NUMBER_VALUE cannot be converted to String',
    });
    assert.deepEqual(await send(cloud, 'ListTables', { Limit: '1' }), {
      status: 400,
      code: 'SerializationException',
      message: 'STRING_VALUE cannot be converted to Integer',
    });
    const logs = TARGETS.find((target) => target.name === 'CloudWatch Logs')!;
    assert.deepEqual(await logs.send(cloud, 'DescribeLogGroups', { limit: '1' }), {
      status: 400,
      code: 'SerializationException',
      message: 'STRING_VALUE can not be converted to an Integer',
    });
    assert.deepEqual(await send(cloud, 'ListTables', { Limit: [1] }), {
      status: 400,
      code: 'SerializationException',
      message: 'Start of list found where not expected',
    });
  });

  it('answers a body that is not a JSON object with SerializationException, with a message only for an array', async () => {
    // Observed from coral (Athena, awsJson 1.1): `{`, `null`, `"x"` and `{"a": 1,}` get no message, `[]` gets
    // "Start of list found where not expected"; the text travels as `Message`.
    for (const [body, message] of [
      ['{', undefined],
      ['null', undefined],
      ['"x"', undefined],
      ['{"Limit": 1,}', undefined],
      ['[]', 'Start of list found where not expected'],
    ] as const) {
      const response = await rawRequest(cloud, {
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization: sigv4Header('dynamodb'),
        },
        body,
      });
      assert.equal(response.status, 400, body);
      assert.deepEqual(JSON.parse(response.text), {
        __type: 'com.amazon.coral.service#SerializationException',
        ...(message ? { Message: message } : {}),
      });
    }
  });

  it('answers SQS over JSON a wrong type with SerializationException and its query code header', async () => {
    const send = json('AmazonSQS', '1.0', 'sqs');
    const answer = await send(cloud, 'SendMessage', {
      QueueUrl: `${cloud.endpoint}/000000000000/none`,
      MessageBody: 'x',
      DelaySeconds: 'invalid',
    });
    assert.deepEqual(answer, {
      status: 400,
      code: 'SerializationException',
      message: 'STRING_VALUE can not be converted to an Integer',
    });
  });

  it('tells an AWS operation Nimbus does not serve yet from one AWS does not have', async () => {
    const send = TARGETS[0]!.send;
    assert.deepEqual(await send(cloud, 'DescribeContributorInsights', {}), {
      status: 400,
      code: 'UnknownOperationException',
      message: 'Operation DescribeContributorInsights is not implemented by Nimbus yet',
    });
    assert.deepEqual(await send(cloud, 'MakeCoffee', {}), {
      status: 400,
      code: 'UnknownOperationException',
      message: 'Unknown operation MakeCoffee',
    });
    const iamAnswer = await query(cloud, 'CreateGroup', { GroupName: 'g' });
    assert.equal(iamAnswer.code, 'InvalidAction');
    assert.equal(iamAnswer.message, 'The action CreateGroup is not implemented by Nimbus yet.');
  });

  it("requires CreateTable's KeySchema and AttributeDefinitions unless the table comes from a global table", async () => {
    // The model leaves both optional for GlobalTableSourceArn; without it AWS answers them missing.
    const send = TARGETS[0]!.send;
    const answer = await send(cloud, 'CreateTable', { TableName: 'nokeys', BillingMode: 'PAY_PER_REQUEST' });
    assert.equal(answer.code, 'ValidationException');
    assert.match(answer.message, /^2 validation errors detected: /);
    assert.ok(
      answer.message.includes(
        "Value null at 'keySchema' failed to satisfy constraint: Member must not be null",
      ),
    );
    assert.ok(
      answer.message.includes(
        "Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null",
      ),
    );
  });

  it('tells a Lambda route Nimbus does not serve yet from a path no operation has', async () => {
    const headers = { authorization: sigv4Header('lambda') };
    const unserved = await rawRequest(cloud, {
      method: 'GET',
      path: '/2020-06-30/functions/f/code-signing-config',
      headers,
    });
    assert.equal(unserved.status, 404);
    assert.equal(unserved.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    assert.match(unserved.text, /Operation GetFunctionCodeSigningConfig is not implemented by Nimbus yet/);
    const unknown = await rawRequest(cloud, { method: 'GET', path: '/2015-03-31/no-such-thing', headers });
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /No operation matches GET \/2015-03-31\/no-such-thing/);
  });
});
