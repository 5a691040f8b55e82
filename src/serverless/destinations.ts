// A function's asynchronous invocation settings (`destinations`, `maximumEventAge`,
// `maximumRetryAttempts`) as an AWS::Lambda::EventInvokeConfig, and the right to reach each destination
// on the shared role. https://www.serverless.com/framework/docs/providers/aws/guide/functions#asynchronous-invocation

import { type Compilation, type FunctionEntry, isObject, type Json, type JsonObject } from './compilation.js';
import { ServerlessError } from './errors.js';
import { naming } from './naming.js';

/** `destinations`, `maximumEventAge`, `maximumRetryAttempts`: an AWS::Lambda::EventInvokeConfig, and the
 * right to reach each destination on the default role. */
export function addEventInvokeConfig(compilation: Compilation, fn: FunctionEntry): void {
  const { destinations, maximumEventAge, maximumRetryAttempts } = fn.config;
  if (
    !destinations &&
    !maximumEventAge &&
    (maximumRetryAttempts === undefined || maximumRetryAttempts === null)
  )
    return;
  const destinationConfig: JsonObject = {};
  const dependsOn: (string | undefined)[] = [fn.targetAlias?.logicalId];
  if (isObject(destinations)) {
    const custom = compilation.customRoleOf(fn) !== undefined && compilation.customRoleOf(fn) !== null;
    for (const [key, property] of [
      ['onSuccess', 'OnSuccess'],
      ['onFailure', 'OnFailure'],
    ] as const) {
      const destination = destinations[key];
      if (!destination) continue;
      destinationConfig[property] = { Destination: destinationArn(compilation, destination) };
      if (!custom) grantDestination(compilation, destination);
      if (typeof destination === 'string' && !destination.startsWith('arn:'))
        dependsOn.push(compilation.requireFunction(destination).targetAlias?.logicalId);
    }
  }
  const properties: JsonObject = {
    FunctionName: { Ref: naming.functionLogicalId(fn.key) },
    DestinationConfig: destinationConfig,
    Qualifier: fn.targetAlias ? fn.targetAlias.name : '$LATEST',
  };
  if (maximumEventAge) properties.MaximumEventAgeInSeconds = maximumEventAge;
  if (maximumRetryAttempts !== undefined && maximumRetryAttempts !== null)
    properties.MaximumRetryAttempts = maximumRetryAttempts;
  const dependencies = [...new Set(dependsOn.filter((id): id is string => Boolean(id)))];
  compilation.resources[naming.eventInvokeConfigLogicalId(fn.key)] = {
    Type: 'AWS::Lambda::EventInvokeConfig',
    Properties: properties,
    ...(dependencies.length > 0
      ? { DependsOn: dependencies.length === 1 ? dependencies[0] : dependencies }
      : {}),
    ...(typeof fn.config.condition === 'string' ? { Condition: fn.config.condition } : {}),
  };
}

function destinationArn(compilation: Compilation, destination: Json): Json {
  if (isObject(destination)) return destination.arn!;
  const address = String(destination);
  return address.startsWith('arn:')
    ? address
    : compilation.functionTarget(compilation.requireFunction(address));
}

function grantDestination(compilation: Compilation, destination: Json): void {
  const statements = compilation.roleStatements;
  if (!statements) return;
  const action = destinationAction(destination);
  let resource: Json;
  if (isObject(destination)) resource = destination.arn!;
  else if (String(destination).startsWith('arn:')) resource = String(destination);
  else {
    // A Fn::Sub, not a GetAtt: the target shares this role, and a GetAtt would be a circular dependency.
    const target = compilation.requireFunction(String(destination));
    const alias = target.targetAlias ? `:${target.targetAlias.name}` : '';
    resource = {
      'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${target.name}${alias}`,
    };
  }
  if (
    statements.some(
      (statement) =>
        isObject(statement) &&
        statement.Action === action &&
        JSON.stringify(statement.Resource) === JSON.stringify(resource),
    )
  )
    return;
  statements.push({ Effect: 'Allow', Action: action, Resource: resource });
}

function destinationAction(destination: Json): string {
  if (isObject(destination)) {
    const types: Record<string, string> = {
      function: 'lambda:InvokeFunction',
      sqs: 'sqs:SendMessage',
      sns: 'sns:Publish',
      eventBus: 'events:PutEvents',
    };
    const action = types[String(destination.type)];
    if (action) return action;
  } else {
    const address = String(destination);
    if (!address.startsWith('arn:') || address.includes(':function:')) return 'lambda:InvokeFunction';
    if (address.includes(':sqs:')) return 'sqs:SendMessage';
    if (address.includes(':sns:')) return 'sns:Publish';
    if (address.includes(':event-bus/')) return 'events:PutEvents';
  }
  throw new ServerlessError(
    `Unsupported destination target ${JSON.stringify(destination)}`,
    'UNSUPPORTED_DESTINATION_TARGET',
  );
}
