// The execution role serverless-step-functions gives a state machine without a `role`: one statement per
// resource its Task states (inside Parallel branches and Map processors too) call, worked out from each
// task's Resource and Parameters/Arguments, merged by action and then by resource.
// https://github.com/serverless-operations/serverless-step-functions#iam-roles
/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings use ${} */

import {
  type Compilation,
  isObject,
  type Json,
  type JsonObject,
  type TemplateResource,
} from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { isIntrinsic, localFunctionReference, referencedFunction } from './definition.js';

interface Permission {
  readonly action: string;
  readonly resource: Json;
}

type State = JsonObject;
type Strategy = (state: State, compilation: Compilation) => Permission[];

/** The role resource for the state machine `key` (its `definition` as written). */
export function executionRole(compilation: Compilation, key: string, machine: JsonObject): TemplateResource {
  const definition = isObject(machine.definition) ? machine.definition : {};
  const states = isObject(definition.States) ? definition.States : {};
  const name = typeof machine.name === 'string' ? machine.name : key;
  let permissions = taskStates(Object.values(states), name).flatMap((state) =>
    permissionsOf(state, compilation),
  );
  if (machine.loggingConfig)
    permissions.push({
      action:
        'logs:CreateLogDelivery,logs:GetLogDelivery,logs:UpdateLogDelivery,logs:DeleteLogDelivery,' +
        'logs:ListLogDeliveries,logs:PutResourcePolicy,logs:DescribeResourcePolicies,logs:DescribeLogGroups',
      resource: '*',
    });
  if (machine.tracingConfig)
    permissions.push({
      action: 'xray:PutTraceSegments,xray:PutTelemetryRecords,xray:GetSamplingRules,xray:GetSamplingTargets',
      resource: '*',
    });
  if (Array.isArray(machine.kmsKeyArns) && machine.kmsKeyArns.length > 0)
    permissions.push({
      action: 'kms:Decrypt,kms:Encrypt,kms:ReEncrypt*,kms:GenerateDataKey*,kms:DescribeKey',
      resource: machine.kmsKeyArns,
    });
  const encryption = isObject(machine.encryptionConfig) ? machine.encryptionConfig : undefined;
  if (encryption?.KmsKeyId)
    permissions.push({ action: 'kms:Decrypt,kms:Encrypt', resource: { 'Fn::Sub': encryption.KmsKeyId } });
  permissions = byResource(byAction(permissions));
  const extra = Array.isArray(machine.iamRoleStatements) ? machine.iamRoleStatements : [];
  const statements: Json[] =
    permissions.length === 0 && extra.length === 0
      ? [{ Effect: 'Deny', Action: '*', Resource: '*' }]
      : [
          ...permissions.map((p) => ({ Effect: 'Allow', Action: p.action.split(','), Resource: p.resource })),
          ...extra,
        ];
  return serviceRole(compilation, {
    principal: { 'Fn::Sub': 'states.${AWS::Region}.amazonaws.com' },
    policyName: `${compilation.stage}-${compilation.service}-statemachine`,
    statements,
    permissionsBoundary: true,
  });
}

/** A role a service assumes, with one inline policy, the provider's `iam.role.path` and (where the plugin
 * sets it) `rolePermissionsBoundary`: the shape of every role serverless-step-functions writes. */
export function serviceRole(
  compilation: Compilation,
  role: { principal: Json; policyName: string; statements: Json[]; permissionsBoundary: boolean },
): TemplateResource {
  const provider = compilation.provider;
  const iam = isObject(provider.iam) && isObject(provider.iam.role) ? provider.iam.role : {};
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: role.principal }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        {
          PolicyName: role.policyName,
          PolicyDocument: { Version: '2012-10-17', Statement: role.statements },
        },
      ],
      ...(role.permissionsBoundary && provider.rolePermissionsBoundary
        ? { PermissionsBoundary: provider.rolePermissionsBoundary }
        : {}),
      ...(iam.path ? { Path: iam.path } : {}),
    },
  };
}

/** Task states, and what a Map's reader, writer and distributed child executions call. */
function taskStates(states: Json[], machineName: string): State[] {
  return states.flatMap((state): State[] => {
    if (!isObject(state)) return [];
    if (state.Type === 'Task') return [state];
    if (state.Type === 'Parallel') {
      const branches = Array.isArray(state.Branches) ? state.Branches : [];
      return taskStates(
        branches.flatMap((branch) =>
          isObject(branch) && isObject(branch.States) ? Object.values(branch.States) : [],
        ),
        machineName,
      );
    }
    if (state.Type === 'Map') {
      const processor = isObject(state.ItemProcessor) ? state.ItemProcessor : state.Iterator;
      const inner = isObject(processor) && isObject(processor.States) ? Object.values(processor.States) : [];
      const found = taskStates(inner, machineName);
      const config =
        isObject(processor) && isObject(processor.ProcessorConfig) ? processor.ProcessorConfig : {};
      if (isObject(state.ItemProcessor) && config.Mode === 'DISTRIBUTED')
        found.push({
          Resource: 'arn:aws:states:::states:startExecution',
          Mode: 'DISTRIBUTED',
          StateMachineName: machineName,
        });
      if (isObject(state.ItemReader)) found.push(state.ItemReader);
      if (isObject(state.ResultWriter)) found.push(state.ResultWriter);
      return found;
    }
    return [];
  });
}

function permissionsOf(state: State, compilation: Compilation): Permission[] {
  const resource = state.Resource;
  const normalized =
    typeof resource === 'string'
      ? resource.replace(/^arn:(aws(-[a-z]+)*|\$\{AWS::Partition\}):/, 'arn:aws:')
      : '';
  const strategy = STRATEGIES.get(normalized);
  if (strategy) return strategy(state, compilation);
  const service = /^arn:aws:states:::(?:aws-sdk:)?([a-z0-9-]+):/.exec(normalized)?.[1];
  if (service && NOT_COMPILED.has(service))
    throw new ServerlessError(
      `Nimbus does not work out the IAM statements serverless-step-functions writes for "${normalized}" tasks yet: give the state machine a "role"`,
      'NIMBUS_STEP_FUNCTIONS_ROLE_NOT_SUPPORTED',
    );
  return lambdaFallback(state, compilation);
}

// Services whose tasks the plugin has statements for that Nimbus does not reproduce (nor serve).
const NOT_COMPILED = new Set([
  'batch',
  'glue',
  'ecs',
  'codebuild',
  'elasticmapreduce',
  'sagemaker',
  'bedrock',
  'http',
  'sesv2',
  'athena',
  'redshiftdata',
  'scheduler',
]);

/** A task whose Resource is a function's ARN (or an intrinsic): the function and its versions. */
function lambdaFallback(state: State, compilation: Compilation): Permission[] {
  const resource = state.Resource;
  const isLambda = typeof resource === 'string' && /arn:aws(-[a-z]+)*:lambda/.test(resource);
  if (!isIntrinsic(resource) && !isLambda) return [];
  const trimmed = typeof resource === 'string' ? withoutAlias(resource) : resource!;
  const fn = referencedFunction(compilation, trimmed);
  if (fn) return [{ action: 'lambda:InvokeFunction', resource: functionArns(fn.name) }];
  const functionArn = localFunctionReference(compilation, trimmed);
  return [{ action: 'lambda:InvokeFunction', resource: [functionArn, versionsOf(functionArn)] }];
}

function withoutAlias(arn: string): string {
  const parts = arn.split(':');
  return parts.length === 8 ? parts.slice(0, 7).join(':') : arn;
}

function versionsOf(functionArn: Json): Json {
  const sub = isObject(functionArn) ? functionArn['Fn::Sub'] : undefined;
  if (typeof sub === 'string') return { 'Fn::Sub': `${sub}:*` };
  if (Array.isArray(sub)) return { 'Fn::Sub': [`${sub[0]}:*`, sub[1]!] };
  return { 'Fn::Sub': ['${functionArn}:*', { functionArn }] };
}

function functionArns(name: string): Json[] {
  const arn = `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${name}`;
  return [{ 'Fn::Sub': arn }, { 'Fn::Sub': `${arn}:*` }];
}

/** A parameter of the task in the language its fields are written in. */
function argument(state: State, key: string): Json | undefined {
  const parameters = isObject(state.Parameters) ? state.Parameters : undefined;
  const args = isObject(state.Arguments) ? state.Arguments : undefined;
  if (state.QueryLanguage === 'JSONata') return args?.[key];
  if (state.QueryLanguage === 'JSONPath') return parameters?.[key];
  if (parameters && !args) return parameters[key];
  if (args && !parameters) return args[key];
  return undefined;
}

/** Whether the task computes `key` at run time (`Key.$`, or a JSONata `{% %}` argument). */
function dynamic(state: State, key: string): boolean {
  const parameters = isObject(state.Parameters) ? state.Parameters : undefined;
  const args = isObject(state.Arguments) ? state.Arguments : undefined;
  const jsonata = args?.[key];
  return (
    Boolean(parameters?.[`${key}.$`]) || (typeof jsonata === 'string' && jsonata.trim().startsWith('{%'))
  );
}

function invokeLambda(state: State, compilation: Compilation): Permission[] {
  if (dynamic(state, 'FunctionName'))
    return [{ action: 'lambda:InvokeFunction', resource: argument(state, 'AllowedFunctions') || '*' }];
  const name = argument(state, 'FunctionName');
  if (typeof name === 'string') {
    const segments = name.split(':');
    if (/^arn:aws(-[a-z]+)*:lambda/.test(name))
      return [{ action: 'lambda:InvokeFunction', resource: [name, `${name}:*`] }];
    if (segments.length === 3 && /^\d+$/.test(segments[0]!)) {
      const arn = `arn:\${AWS::Partition}:lambda:\${AWS::Region}:${name}`;
      return [{ action: 'lambda:InvokeFunction', resource: [{ 'Fn::Sub': arn }, { 'Fn::Sub': `${arn}:*` }] }];
    }
    return [{ action: 'lambda:InvokeFunction', resource: functionArns(name) }];
  }
  if (isObject(name) && 'Fn::GetAtt' in name) {
    const functionArn = localFunctionReference(compilation, name);
    return [
      {
        action: 'lambda:InvokeFunction',
        resource: [functionArn, { 'Fn::Sub': ['${functionArn}:*', { functionArn }] }],
      },
    ];
  }
  if (isObject(name) && 'Ref' in name) {
    const fn = referencedFunction(compilation, name);
    if (fn) return [{ action: 'lambda:InvokeFunction', resource: functionArns(fn.name) }];
    const functionArn = localFunctionReference(compilation, name);
    const arn = 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${functionArn}';
    return [
      {
        action: 'lambda:InvokeFunction',
        resource: [{ 'Fn::Sub': [arn, { functionArn }] }, { 'Fn::Sub': [`${arn}:*`, { functionArn }] }],
      },
    ];
  }
  return [{ action: 'lambda:InvokeFunction', resource: name ?? null }];
}

function sendMessage(state: State, compilation: Compilation): Permission[] {
  const parameters = isObject(state.Parameters) ? state.Parameters : {};
  if (parameters['QueueUrl.$']) return [{ action: 'sqs:SendMessage', resource: '*' }];
  if (parameters.QueueUrl === undefined) return [];
  return [{ action: 'sqs:SendMessage', resource: queueArn(parameters.QueueUrl, compilation) }];
}

function queueArn(url: Json, _compilation: Compilation): Json {
  if (typeof url === 'string') {
    const match = /https:\/\/sqs.(.*).amazonaws.com\/(.*)\/(.*)/.exec(url);
    if (!match) return [];
    const [, region, account, queue] = match;
    return `arn:${partitionOf(region!)}:sqs:${region}:${account}:${queue}`;
  }
  if (isIntrinsic(url)) return typeof url.Ref === 'string' ? { 'Fn::GetAtt': [url.Ref, 'Arn'] } : '*';
  return [];
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function publish(state: State): Permission[] {
  const parameters = isObject(state.Parameters) ? state.Parameters : {};
  if (parameters['TopicArn.$']) return [{ action: 'sns:Publish', resource: '*' }];
  return parameters.TopicArn === undefined ? [] : [{ action: 'sns:Publish', resource: parameters.TopicArn }];
}

function tableArn(table: Json | undefined): Json {
  if (isIntrinsic(table)) {
    if (table.Ref !== undefined) return { 'Fn::GetAtt': [table.Ref, 'Arn'] };
    if (table['Fn::ImportValue'] !== undefined)
      return {
        'Fn::Join': [
          ':',
          [
            'arn',
            { Ref: 'AWS::Partition' },
            'dynamodb',
            { Ref: 'AWS::Region' },
            { Ref: 'AWS::AccountId' },
            { 'Fn::Join': ['/', ['table', table]] },
          ],
        ],
      };
  }
  return {
    'Fn::Join': [
      ':',
      [
        'arn',
        { Ref: 'AWS::Partition' },
        'dynamodb',
        { Ref: 'AWS::Region' },
        { Ref: 'AWS::AccountId' },
        `table/${String(table)}`,
      ],
    ],
  };
}

function dynamodb(action: string): Strategy {
  return (state) => {
    const table = argument(state, 'TableName');
    let resource: Json;
    if (dynamic(state, 'TableName')) resource = '*';
    else if (dynamic(state, 'IndexName')) resource = tableArn(`${String(table)}/index/*`);
    else if (argument(state, 'IndexName'))
      resource = tableArn(`${String(table)}/index/${String(argument(state, 'IndexName'))}`);
    else resource = tableArn(table);
    return [{ action, resource }];
  };
}

function dynamodbBatch(action: string): Strategy {
  return (state) => {
    if (dynamic(state, 'RequestItems')) return [{ action, resource: '*' }];
    const items = argument(state, 'RequestItems');
    return Object.keys(isObject(items) ? items : {}).map((table) => ({
      action,
      resource: tableArn(table.replace('.$', '')),
    }));
  };
}

const EXECUTION_RULE = {
  'Fn::Sub': [
    'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule',
    {},
  ],
};

function startExecution(action: string): Strategy {
  return (state) => {
    const machine = stateMachineArn(state);
    return [
      { action, resource: machine },
      { action: 'states:DescribeExecution,states:StopExecution', resource: executionArns(machine) },
      { action: 'events:PutTargets,events:PutRule,events:DescribeRule', resource: EXECUTION_RULE },
    ];
  };
}

function stateMachineArn(state: State): Json {
  if (state.Mode === 'DISTRIBUTED')
    return {
      'Fn::Sub': [
        `arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:stateMachine:${String(state.StateMachineName)}`,
        {},
      ],
    };
  if (isObject(state.Arguments)) {
    const arn = state.Arguments.StateMachineArn;
    return typeof arn === 'string' && arn.trim().startsWith('{%') ? '*' : (arn ?? null);
  }
  if (isObject(state.Parameters))
    return state.Parameters['StateMachineArn.$'] ? '*' : (state.Parameters.StateMachineArn ?? null);
  return state.StateMachineArn ?? '*';
}

function executionArns(machine: Json): Json {
  if (machine === '*') return '*';
  if (typeof machine === 'string') return `${machine.replace(':stateMachine:', ':execution:')}:*`;
  const sub = isObject(machine) ? machine['Fn::Sub'] : undefined;
  if (typeof sub === 'string') return { 'Fn::Sub': `${sub.replace(':stateMachine:', ':execution:')}:*` };
  if (Array.isArray(sub))
    return { 'Fn::Sub': [`${String(sub[0]).replace(':stateMachine:', ':execution:')}:*`, sub[1]!] };
  return '*';
}

function putEvents(state: State): Permission[] {
  const entries = argument(state, 'Entries');
  const buses = new Set(
    (Array.isArray(entries) ? entries : []).map((e) => (isObject(e) && e.EventBusName) || 'default'),
  );
  return [
    {
      action: 'events:PutEvents',
      resource: [...buses].map((eventBus) => ({
        'Fn::Sub': [
          'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${eventBus}',
          { eventBus },
        ],
      })),
    },
  ];
}

function putTargets(state: State): Permission[] {
  if (dynamic(state, 'Rule')) return [{ action: 'events:PutTargets', resource: '*' }];
  const ruleName = argument(state, 'Rule') ?? null;
  const eventBusName = argument(state, 'EventBusName');
  const prefix = 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/';
  const resource = eventBusName
    ? { 'Fn::Sub': [`${prefix}\${eventBusName}/\${ruleName}`, { eventBusName, ruleName }] }
    : { 'Fn::Sub': [`${prefix}\${ruleName}`, { ruleName }] };
  return [{ action: 'events:PutTargets', resource }];
}

function s3(action: string): Strategy {
  return (state) => {
    const parameters = isObject(state.Parameters) ? state.Parameters : {};
    const bucket = parameters.Bucket || '*';
    const key = parameters.Key || '*';
    const bucketed = (template: string): Json =>
      isIntrinsic(bucket)
        ? { 'Fn::Sub': [template, { bucket }] }
        : { 'Fn::Sub': template.replaceAll('${bucket}', String(bucket)) };
    if (action === 's3:listObjectsV2') {
      const both = ['arn:${AWS::Partition}:s3:::${bucket}', 'arn:${AWS::Partition}:s3:::${bucket}/*'].map(
        bucketed,
      );
      return [
        { action: 's3:Get*', resource: both },
        { action: 's3:List*', resource: both },
      ];
    }
    if (parameters.Prefix)
      return [
        {
          action,
          resource: [
            bucketed(`arn:\${AWS::Partition}:s3:::\${bucket}/${String(parameters.Prefix)}/${String(key)}`),
          ],
        },
      ];
    if (bucket === '*' && key === '*') return [{ action, resource: ['*'] }];
    return [{ action, resource: [bucketed(`arn:\${AWS::Partition}:s3:::\${bucket}/${String(key)}`)] }];
  };
}

const STATES = 'arn:aws:states:::';
const STRATEGIES = new Map<string, Strategy>([
  [`${STATES}sqs:sendMessage`, sendMessage],
  [`${STATES}sqs:sendMessage.waitForTaskToken`, sendMessage],
  [`${STATES}sns:publish`, publish],
  [`${STATES}sns:publish.waitForTaskToken`, publish],
  [`${STATES}dynamodb:updateItem`, dynamodb('dynamodb:UpdateItem')],
  [`${STATES}aws-sdk:dynamodb:updateItem`, dynamodb('dynamodb:UpdateItem')],
  [`${STATES}aws-sdk:dynamodb:updateItem.waitForTaskToken`, dynamodb('dynamodb:UpdateItem')],
  [`${STATES}dynamodb:putItem`, dynamodb('dynamodb:PutItem')],
  [`${STATES}aws-sdk:dynamodb:putItem`, dynamodb('dynamodb:PutItem')],
  [`${STATES}aws-sdk:dynamodb:putItem.waitForTaskToken`, dynamodb('dynamodb:PutItem')],
  [`${STATES}dynamodb:getItem`, dynamodb('dynamodb:GetItem')],
  [`${STATES}dynamodb:deleteItem`, dynamodb('dynamodb:DeleteItem')],
  [`${STATES}aws-sdk:dynamodb:updateTable`, dynamodb('dynamodb:UpdateTable')],
  [`${STATES}aws-sdk:dynamodb:query`, dynamodb('dynamodb:Query')],
  [`${STATES}aws-sdk:dynamodb:scan`, dynamodb('dynamodb:Scan')],
  [`${STATES}aws-sdk:dynamodb:batchGetItem`, dynamodbBatch('dynamodb:BatchGetItem')],
  [`${STATES}aws-sdk:dynamodb:batchWriteItem`, dynamodbBatch('dynamodb:BatchWriteItem')],
  [`${STATES}lambda:invoke`, invokeLambda],
  [`${STATES}lambda:invoke.waitForTaskToken`, invokeLambda],
  [`${STATES}states:startExecution`, startExecution('states:StartExecution')],
  [`${STATES}states:startExecution.sync`, startExecution('states:StartExecution')],
  [`${STATES}states:startExecution.sync:2`, startExecution('states:StartExecution')],
  [`${STATES}states:startExecution.waitForTaskToken`, startExecution('states:StartExecution')],
  [`${STATES}aws-sdk:sfn:startSyncExecution`, startExecution('states:StartSyncExecution')],
  [`${STATES}events:putEvents`, putEvents],
  [`${STATES}events:putEvents.waitForTaskToken`, putEvents],
  [`${STATES}aws-sdk:eventbridge:putTargets`, putTargets],
  [`${STATES}aws-sdk:eventbridge:putTargets.waitForTaskToken`, putTargets],
  [`${STATES}s3:getObject`, s3('s3:GetObject')],
  [`${STATES}aws-sdk:s3:getObject`, s3('s3:GetObject')],
  [`${STATES}s3:putObject`, s3('s3:PutObject')],
  [`${STATES}aws-sdk:s3:putObject`, s3('s3:PutObject')],
  [`${STATES}s3:listObjectsV2`, s3('s3:listObjectsV2')],
  [`${STATES}aws-sdk:s3:listObjectsV2`, s3('s3:listObjectsV2')],
]);

/** One permission per action, its resources gathered (any `*` makes it `*`). */
function byAction(permissions: Permission[]): Permission[] {
  const groups = new Map<string, Json[]>();
  for (const p of permissions) {
    const resources = groups.get(p.action) ?? [];
    for (const r of [p.resource].flat()) if (!resources.some((x) => same(x, r))) resources.push(r);
    groups.set(p.action, resources);
  }
  return [...groups].map(([action, resources]) => ({
    action,
    resource: resources.includes('*') ? '*' : resources,
  }));
}

/** Then one permission per resource list, its actions joined. */
function byResource(permissions: Permission[]): Permission[] {
  const groups = new Map<string, { actions: string[]; resource: Json }>();
  for (const p of permissions) {
    const key = JSON.stringify(p.resource);
    const group = groups.get(key) ?? { actions: [], resource: p.resource };
    for (const action of p.action.split(',')) if (!group.actions.includes(action)) group.actions.push(action);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ actions, resource }) => ({ action: actions.join(','), resource }));
}

function same(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
