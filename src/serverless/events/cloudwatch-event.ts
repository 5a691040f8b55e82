// `cloudwatchEvent` events: an EventBridge rule on the default bus matching an event pattern, targeting
// the function, and the right of EventBridge to invoke it.
// https://www.serverless.com/framework/docs/providers/aws/events/cloudwatch-event

import { type Compilation, isObject, type JsonObject } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { naming } from '../naming.js';
import { eventsOfType } from './each.js';
import {
  countSet,
  eventPath,
  inputTransformerOf,
  invokePermission,
  pasted,
  pastedInput,
  rejectUnknownProperties,
  schemaError,
} from './shared.js';

const KNOWN = ['event', 'input', 'inputPath', 'inputTransformer', 'description', 'name', 'enabled'];

export function compileCloudWatchEventEvents(compilation: Compilation): void {
  for (const { fn, event, index, position } of eventsOfType(compilation, 'cloudwatchEvent')) {
    const path = eventPath(fn, position, 'cloudwatchEvent');
    if (!isObject(event)) throw schemaError(path, 'must be object');
    rejectUnknownProperties(event, KNOWN, path);
    if (!isObject(event.event))
      throw new ServerlessError(
        `Function "${fn.key}": a cloudwatchEvent needs an "event" pattern to match`,
        'NIMBUS_CLOUDWATCH_EVENT_PATTERN_MISSING',
      );
    if (countSet(event.input, event.inputPath, event.inputTransformer) > 1)
      throw new ServerlessError(
        'You can only set one of input, inputPath, or inputTransformer properties at the same time for cloudwatch events. Please check the AWS docs for more info',
        'CLOUDWATCH_MULTIPLE_INPUT_PROPERTIES',
      );
    const target = compilation.functionTarget(fn);
    const ruleTarget: JsonObject = {};
    // The Framework writes the rule as JSON text, dropping escaped line breaks from the pattern and the
    // input on the way (and actual ones from the input path).
    if (event.input) ruleTarget.Input = pastedInput(event.input, path, true);
    if (event.inputPath) ruleTarget.InputPath = pasted(String(event.inputPath).replace(/\r?\n/g, ''), path);
    const transformer = inputTransformerOf(event.inputTransformer);
    if (transformer) ruleTarget.InputTransformer = transformer;
    const properties: JsonObject = {
      EventPattern: JSON.parse(JSON.stringify(event.event).replace(/\\[nr]/g, '')) as JsonObject,
      State: event.enabled === false ? 'DISABLED' : 'ENABLED',
    };
    if (event.description) properties.Description = pasted(String(event.description), path);
    if (event.name) properties.Name = pasted(String(event.name), path);
    properties.Targets = [{ ...ruleTarget, Arn: target, Id: `${fn.key}CloudWatchEvent` }];
    const ruleId = naming.cloudWatchEventLogicalId(fn.key, index);
    const alias = fn.targetAlias?.logicalId;
    compilation.resources[ruleId] = {
      Type: 'AWS::Events::Rule',
      ...(alias ? { DependsOn: alias } : {}),
      Properties: properties,
    };
    compilation.resources[naming.cloudWatchEventPermissionLogicalId(fn.key, index)] = invokePermission(
      target,
      'events.amazonaws.com',
      { 'Fn::GetAtt': [ruleId, 'Arn'] },
      alias,
    );
  }
}
