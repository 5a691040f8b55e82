// The serverless-step-functions plugin's `stepFunctions:` block, compiled natively. The plugin cannot be
// installed beside osls here (its peer dependency `serverless` v4 downloads a binary at install), so the
// expected templates come from the plugin's own test suite (serverless-step-functions 3.31.2,
// lib/deploy/stepFunctions/compileStateMachines.test.js, compileIamRole.test.js, compileActivities.test.js
// and lib/deploy/events/*), cited per case.
/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings use ${} */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json, JsonObject, TemplateResource } from '../../src/serverless/compilation.js';
import { compileService } from '../../src/serverless/compile.js';

function compile(stepFunctions: JsonObject, extra: JsonObject = {}) {
  return compileService({
    config: {
      service: 'svc',
      provider: { name: 'aws' },
      functions: { hello: { handler: 'h.main' }, 'hello-world': { handler: 'h.main' } },
      stepFunctions,
      ...extra,
    },
    stage: 'dev',
    region: 'us-east-1',
    artifactDirectoryName: 'serverless/svc/dev/1-now',
    artifactOf: () => ({ fileName: 'x.zip', sha256: 'abc' }),
  }).template;
}

const ONE_PASS = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };

function statements(role: TemplateResource | undefined): Json[] {
  const properties = role?.Properties as JsonObject;
  const policy = (properties.Policies as JsonObject[])[0]!.PolicyDocument as JsonObject;
  return policy.Statement as Json[];
}

describe('stepFunctions: state machines', () => {
  it('names the machine, its role and its output as the plugin does', () => {
    const template = compile({ stateMachines: { myStateMachine: { definition: ONE_PASS } } });
    const machine = template.Resources.MyStateMachineStepFunctionsStateMachine!;
    assert.equal(machine.Type, 'AWS::StepFunctions::StateMachine');
    assert.deepEqual(machine.DependsOn, ['MyStateMachineStepFunctionsStateMachineRole']);
    assert.deepEqual(machine.Properties!.RoleArn, {
      'Fn::GetAtt': ['MyStateMachineStepFunctionsStateMachineRole', 'Arn'],
    });
    // A definition without intrinsics is its pretty-printed JSON (compileStateMachines.test.js: "should
    // print pretty JSON for the state machine definition").
    assert.equal(machine.Properties!.DefinitionString, JSON.stringify(ONE_PASS, undefined, 2));
    assert.deepEqual(template.Outputs.MyStateMachineStepFunctionsStateMachineArn, {
      Description: 'Current StateMachine Arn',
      Value: { Ref: 'MyStateMachineStepFunctionsStateMachine' },
      Export: { Name: 'sls-svc-dev-MyStateMachineStepFunctionsStateMachineArn' },
    });
    // No task states: the role denies everything (compileIamRole.test.js).
    assert.deepEqual(statements(template.Resources.MyStateMachineStepFunctionsStateMachineRole), [
      { Effect: 'Deny', Action: '*', Resource: '*' },
    ]);
  });

  it('uses the name (or id) as the logical id and sets StateMachineName', () => {
    const template = compile({
      stateMachines: {
        a: { name: 'stateMachine', definition: ONE_PASS },
        b: { id: 'Test', definition: ONE_PASS },
      },
    });
    assert.equal(template.Resources.StateMachine!.Properties!.StateMachineName, 'stateMachine');
    assert.ok(template.Resources.Test);
    assert.ok(template.Outputs.StateMachineArn && template.Outputs.TestArn);
  });

  it('lifts intrinsics into Fn::Sub variables named by their MD5, and local function keys to logical ids', () => {
    // compileStateMachines.test.js: "should respect CloudFormation intrinsic functions" and "should support
    // local function names" (GetAtt of `hello-world` becomes HelloDashworldLambdaFunction).
    const template = compile({
      stateMachines: {
        m: {
          id: 'Test',
          definition: {
            StartAt: 'Lambda',
            States: {
              Lambda: { Type: 'Task', Resource: { 'Fn::GetAtt': ['hello-world', 'Arn'] }, Next: 'Sns' },
              Sns: {
                Type: 'Task',
                Resource: 'arn:aws:states:::sns:publish',
                Parameters: { TopicArn: { Ref: 'MyTopic' }, Message: 'hi' },
                Next: 'Wait',
              },
              Wait: { Type: 'Wait', Seconds: { Ref: 'Delay' }, End: true },
            },
          },
        },
      },
    });
    const sub = template.Resources.Test!.Properties!.DefinitionString as { 'Fn::Sub': [string, JsonObject] };
    const [text, variables] = sub['Fn::Sub'];
    const parameter = (value: string) => value.replace(/[${}]/g, '');
    const lambda = /"Resource": "(\$\{[0-9a-f]{32}\})"/.exec(text)![1]!;
    assert.deepEqual(variables[parameter(lambda)], { 'Fn::GetAtt': ['HelloDashworldLambdaFunction', 'Arn'] });
    const topic = /"TopicArn": "(\$\{[0-9a-f]{32}\})"/.exec(text)![1]!;
    assert.deepEqual(variables[parameter(topic)], { Ref: 'MyTopic' });
    // A Wait state's Seconds is written unquoted so it stays a number ("should use raw values for Seconds").
    assert.match(text, /"Seconds": \$\{[0-9a-f]{32}\}/);
  });

  it('inlines the ARN of a local function named by Ref, and turns #{…} pseudo parameters into ${…}', () => {
    // compileStateMachines.test.js: "should inline a static Lambda ARN when Resource is a Ref to a local
    // function with a known name" and "should replace pseudo parameters that starts with #".
    const template = compile({
      stateMachines: {
        m: {
          id: 'Test',
          definition: {
            StartAt: 'Parse',
            States: {
              Parse: { Type: 'Task', Resource: { Ref: 'hello' }, Next: 'Queue' },
              Queue: {
                Type: 'Task',
                Resource: 'arn:aws:states:::sqs:sendMessage',
                Parameters: {
                  QueueUrl: 'https://sqs.#{AWS::Region}.amazonaws.com/#{AWS::AccountId}/q',
                  MessageBody: 'x',
                },
                End: true,
              },
            },
          },
        },
      },
    });
    const sub = template.Resources.Test!.Properties!.DefinitionString as { 'Fn::Sub': string };
    assert.equal(typeof sub['Fn::Sub'], 'string');
    assert.ok(
      sub['Fn::Sub'].includes(
        'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:svc-dev-hello',
      ),
    );
    assert.ok(sub['Fn::Sub'].includes('https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/q'));
  });

  it('gives the role what its tasks call, merged by action then by resource', () => {
    const template = compile({
      stateMachines: {
        m: {
          definition: {
            StartAt: 'Invoke',
            States: {
              Invoke: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: 'my-function', 'Payload.$': '$' },
                Next: 'Fan',
              },
              Fan: {
                Type: 'Map',
                ItemProcessor: {
                  StartAt: 'Put',
                  States: {
                    Put: {
                      Type: 'Task',
                      Resource: 'arn:aws:states:::dynamodb:putItem',
                      Parameters: { TableName: 'cache', Item: {} },
                      End: true,
                    },
                  },
                },
                Next: 'Publish',
              },
              Publish: {
                Type: 'Task',
                Resource: 'arn:aws:states:::sns:publish',
                Parameters: { 'TopicArn.$': '$.topic', Message: 'x' },
                End: true,
              },
            },
          },
        },
      },
    });
    // iamStrategies/lambda.js (a plain name: the function and its versions in this account and region),
    // dynamodb.js (a table by name), sns.js (a topic from the input: any topic).
    assert.deepEqual(statements(template.Resources.MStepFunctionsStateMachineRole), [
      {
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction'],
        Resource: [
          { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:my-function' },
          {
            'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:my-function:*',
          },
        ],
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem'],
        Resource: [
          {
            'Fn::Join': [
              ':',
              [
                'arn',
                { Ref: 'AWS::Partition' },
                'dynamodb',
                { Ref: 'AWS::Region' },
                { Ref: 'AWS::AccountId' },
                'table/cache',
              ],
            ],
          },
        ],
      },
      { Effect: 'Allow', Action: ['sns:Publish'], Resource: '*' },
    ]);
    const role = template.Resources.MStepFunctionsStateMachineRole!.Properties as JsonObject;
    assert.equal((role.Policies as JsonObject[])[0]!.PolicyName, 'dev-svc-statemachine');
  });

  it('keeps a given role, tags, logging, tracing, type and retain', () => {
    const template = compile(
      {
        stateMachines: {
          m: {
            role: 'arn:aws:iam::000000000000:role/sfn',
            type: 'EXPRESS',
            retain: true,
            tags: { team: 'data' },
            loggingConfig: {
              level: 'ALL',
              destinations: ['arn:aws:logs:us-east-1:000000000000:log-group:l:*'],
            },
            tracingConfig: { enabled: true },
            definition: ONE_PASS,
          },
        },
      },
      { provider: { name: 'aws', tags: { app: 'a' } } },
    );
    const machine = template.Resources.MStepFunctionsStateMachine!;
    assert.equal(template.Resources.MStepFunctionsStateMachineRole, undefined);
    assert.deepEqual(machine.DependsOn, []);
    assert.equal(machine.DeletionPolicy, 'Retain');
    assert.deepEqual(machine.Properties, {
      DefinitionString: JSON.stringify(ONE_PASS, undefined, 2),
      RoleArn: 'arn:aws:iam::000000000000:role/sfn',
      StateMachineType: 'EXPRESS',
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [
          { CloudWatchLogsLogGroup: { LogGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:l:*' } },
        ],
      },
      TracingConfiguration: { Enabled: true },
      Tags: [
        { Key: 'app', Value: 'a' },
        { Key: 'team', Value: 'data' },
      ],
    });
  });

  it('compiles activities with their outputs', () => {
    const template = compile({ activities: ['myTask', 'my-other'] });
    assert.deepEqual(template.Resources.MyTaskStepFunctionsActivity, {
      Type: 'AWS::StepFunctions::Activity',
      Properties: { Name: 'myTask' },
    });
    assert.ok(template.Resources.MyDashotherStepFunctionsActivity);
    assert.ok(template.Outputs.MyTaskStepFunctionsActivityArn);
  });

  it('checks definitions with the Nimbus validator when validate is true', () => {
    const dangling = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } };
    assert.throws(
      () => compile({ validate: true, stateMachines: { m: { definition: dangling } } }),
      /✕ State machine "m" definition is invalid:\nMISSING_TRANSITION_TARGET/,
    );
    assert.ok(
      compile({ validate: true, stateMachines: { m: { definition: ONE_PASS } } }).Resources
        .MStepFunctionsStateMachine,
    );
  });

  it('refuses what it does not compile, and both role and iamRoleStatements', () => {
    assert.throws(
      () => compile({ stateMachines: { m: { definition: ONE_PASS, useExactVersion: true } } }),
      /not compiled by Nimbus yet/,
    );
    assert.throws(
      () =>
        compile({
          stateMachines: {
            m: { definition: ONE_PASS, role: 'arn:aws:iam::1:role/r', iamRoleStatements: [] },
          },
        }),
      /conflict between optional exclusive peers \[role, iamRoleStatements\]/,
    );
    assert.throws(
      () => compile({ stateMachines: { m: { definition: ONE_PASS, nope: 1 } } }),
      /"nope" is not allowed/,
    );
  });
});

describe('stepFunctions: events', () => {
  it('compiles a schedule to a rule that starts the machine with its own role', () => {
    // lib/deploy/events/schedule/compileScheduledEvents.js and eventUtils.js.
    const template = compile({
      stateMachines: {
        nightly: {
          definition: ONE_PASS,
          events: [{ schedule: { rate: 'rate(1 day)', input: { full: true } } }],
        },
      },
    });
    assert.deepEqual(template.Resources.NightlyStepFunctionsEventsRuleSchedule1, {
      Type: 'AWS::Events::Rule',
      Properties: {
        ScheduleExpression: 'rate(1 day)',
        State: 'ENABLED',
        Targets: [
          {
            Input: '{"full":true}',
            Arn: { Ref: 'NightlyStepFunctionsStateMachine' },
            Id: 'nightlyStepFunctionsSchedule',
            RoleArn: { 'Fn::GetAtt': ['NightlyScheduleToStepFunctionsRole', 'Arn'] },
          },
        ],
      },
    });
    const role = template.Resources.NightlyScheduleToStepFunctionsRole!.Properties as JsonObject;
    assert.equal((role.Policies as JsonObject[])[0]!.PolicyName, 'dev-us-east-1-svc-nightly-schedule');
  });

  it('compiles an eventBridge pattern to a rule on the named bus', () => {
    const template = compile({
      stateMachines: {
        onOrder: {
          definition: ONE_PASS,
          events: [
            { eventBridge: { eventBusName: 'orders', event: { source: ['shop'] }, inputPath: '$.detail' } },
          ],
        },
      },
    });
    const rule = template.Resources.OnOrderEventsRuleCloudWatchEvent1!.Properties!;
    assert.equal(rule.EventBusName, 'orders');
    assert.deepEqual(rule.EventPattern, { source: ['shop'] });
    assert.deepEqual(rule.Targets, [
      {
        InputPath: '$.detail',
        Arn: { Ref: 'OnOrderStepFunctionsStateMachine' },
        Id: 'onOrderCloudWatchEvent',
        RoleArn: { 'Fn::GetAtt': ['OnOrderEventToStepFunctionsRole', 'Arn'] },
      },
    ]);
  });
});
