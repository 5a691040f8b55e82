// `eventBridge` events: a rule on the default bus, on a bus the service creates (a name), or on an
// existing one (an ARN or an intrinsic function), matching a pattern or running on a schedule; the
// function is its target and EventBridge may invoke it.
// https://www.serverless.com/framework/docs/providers/aws/events/event-bridge
//
// The Framework v3 deployed these through its own custom resource (`Custom::EventBridge`) unless
// `provider.eventBridge.useCloudFormation: true`; osls (and Framework v4) always compile plain
// CloudFormation, which is what Nimbus compiles whatever that setting says.

import { createHash } from 'node:crypto';
import {
  type Compilation,
  type FunctionEntry,
  isObject,
  type Json,
  type JsonObject,
} from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { naming } from '../naming.js';
import { eventsOfType } from './each.js';
import { countSet, eventPath, schemaError } from './shared.js';

export function compileEventBridgeEvents(compilation: Compilation): void {
  for (const { fn, event, position } of eventsOfType(compilation, 'eventBridge')) {
    const path = eventPath(fn, position, 'eventBridge');
    if (!isObject(event)) throw schemaError(path, 'must be object');
    // The Framework's schema for these events lists their properties but allows others (ignored).
    if (!event.pattern && !event.schedule) throw schemaError(path, "must have required property 'pattern'");
    if (countSet(event.input, event.inputPath, event.inputTransformer) > 1)
      throw new ServerlessError(
        'You can only set one of input, inputPath, or inputTransformer properties for eventBridge events.',
        'EVENTBRIDGE_MULTIPLE_INPUT_PROPERTIES',
      );
    addRule(compilation, fn, position, event);
  }
}

/** Rules are numbered by the event's position among all the function's events. */
function addRule(compilation: Compilation, fn: FunctionEntry, position: number, event: JsonObject): void {
  const stub = `${fn.name}-rule-${position}`;
  const ruleName =
    typeof event.name === 'string' && event.name ? event.name : hashed(stub, `rule-${position}`);
  const bus = busOf(event.eventBus);
  const alias = fn.targetAlias?.logicalId;
  const dependsOn = [alias].filter((id): id is string => Boolean(id));
  if (bus.created) {
    const busId = naming.eventBusLogicalId(String(bus.name));
    compilation.resources[busId] = { Type: 'AWS::Events::EventBus', Properties: { Name: bus.name! } };
    // The rule goes before its bus when the stack is removed.
    dependsOn.push(busId);
  }
  const properties: JsonObject = { Name: ruleName, State: event.enabled === false ? 'DISABLED' : 'ENABLED' };
  if (event.description) properties.Description = event.description;
  if (bus.name !== undefined) properties.EventBusName = bus.name;
  if (event.pattern) properties.EventPattern = event.pattern;
  if (event.schedule) properties.ScheduleExpression = event.schedule;
  properties.Targets = [targetOf(compilation, fn, ruleName, event)];
  compilation.resources[naming.eventBridgeRuleLogicalId(stub)] = {
    Type: 'AWS::Events::Rule',
    ...(dependsOn.length > 0 ? { DependsOn: dependsOn.length === 1 ? dependsOn[0] : dependsOn } : {}),
    Properties: properties,
  };
  const rulePath = bus.name === undefined ? [ruleName] : [bus.name, ruleName];
  compilation.resources[naming.eventBridgePermissionLogicalId(fn.key, position)] = {
    Type: 'AWS::Lambda::Permission',
    ...(alias ? { DependsOn: alias } : {}),
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: compilation.functionTarget(fn),
      Principal: 'events.amazonaws.com',
      SourceArn: {
        'Fn::Join': [
          ':',
          [
            'arn',
            { Ref: 'AWS::Partition' },
            'events',
            { Ref: 'AWS::Region' },
            { Ref: 'AWS::AccountId' },
            { 'Fn::Join': ['/', ['rule', ...rulePath]] },
          ],
        ],
      },
    },
  };
}

/** The bus a rule is on: none for the default bus, the name after `event-bus/` of an ARN, an intrinsic
 * function as given (both exist already); any other name is a bus the service creates. */
function busOf(eventBus: Json | undefined): { name?: Json; created: boolean } {
  if (eventBus === undefined || eventBus === null || eventBus === '' || eventBus === 'default')
    return { created: false };
  if (isObject(eventBus)) return { name: eventBus, created: false };
  const text = String(eventBus);
  if (text.startsWith('arn')) return { name: text.slice(text.indexOf('/') + 1), created: false };
  return { name: text, created: true };
}

function targetOf(
  compilation: Compilation,
  fn: FunctionEntry,
  ruleName: string,
  event: JsonObject,
): JsonObject {
  const target: JsonObject = {
    Arn: compilation.functionTarget(fn),
    Id: hashed(`${ruleName}-target`, 'target'),
  };
  if (isObject(event.retryPolicy)) {
    const policy: JsonObject = {};
    if (event.retryPolicy.maximumEventAge !== undefined)
      policy.MaximumEventAgeInSeconds = event.retryPolicy.maximumEventAge;
    if (event.retryPolicy.maximumRetryAttempts !== undefined)
      policy.MaximumRetryAttempts = event.retryPolicy.maximumRetryAttempts;
    target.RetryPolicy = policy;
  }
  if (event.deadLetterQueueArn) target.DeadLetterConfig = { Arn: event.deadLetterQueueArn };
  if (event.input) target.Input = JSON.stringify(event.input);
  else if (event.inputPath) target.InputPath = event.inputPath;
  else if (isObject(event.inputTransformer))
    // `inputTemplate` → `InputTemplate`: the keys as CloudFormation spells them.
    target.InputTransformer = Object.fromEntries(
      Object.entries(event.inputTransformer).map(([key, value]) => [
        `${key[0]!.toUpperCase()}${key.slice(1)}`,
        value,
      ]),
    );
  return target;
}

/** Rule names and target ids are at most 64 characters: a longer one keeps its start, then the MD5 of
 * the whole name, then its suffix. */
function hashed(name: string, suffix: string): string {
  if (name.length <= 64) return name;
  const digest = createHash('md5').update(name).digest('hex');
  return `${name.slice(0, 31 - suffix.length)}${digest}-${suffix}`;
}
