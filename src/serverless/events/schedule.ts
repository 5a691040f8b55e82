// `schedule` events: an EventBridge rule per rate or cron expression (on the default bus) targeting the
// function, and the right of EventBridge to invoke it.
// https://www.serverless.com/framework/docs/providers/aws/events/schedule

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
import {
  eventPath,
  inputTransformerOf,
  invokePermission,
  pasted,
  pastedInput,
  rejectUnknownProperties,
  schemaError,
} from './shared.js';

// The Framework's schema: `rate(1 minute)`, `rate(5 minutes)` (the unit agrees with the number), or a
// six-field cron expression.
const RATE = '^rate\\((?:1 (?:minute|hour|day)|(?:1\\d+|[2-9]\\d*) (?:minute|hour|day)s)\\)$';
const CRON = '^cron\\(\\S+ \\S+ \\S+ \\S+ \\S+ \\S+\\)$';
const EXPRESSION = new RegExp(`${RATE}|${CRON}`);

const KNOWN = [
  'rate',
  'enabled',
  'name',
  'description',
  'input',
  'inputPath',
  'inputTransformer',
  'method',
  'roleArn',
  'groupName',
  'timezone',
];

/** A schedule as its rules need it: the expressions, and what each rule carries. */
interface Schedule {
  expressions: Json[];
  properties: JsonObject;
  target: JsonObject;
}

export function compileScheduleEvents(compilation: Compilation): void {
  const counts = new Map<string, number>();
  for (const { fn, event, position } of eventsOfType(compilation, 'schedule')) {
    const path = eventPath(fn, position, 'schedule');
    const schedule = scheduleOf(event, path);
    const target = compilation.functionTarget(fn);
    for (const expression of schedule.expressions) {
      // Rules are numbered per function across all its expressions, not per event.
      const index = (counts.get(fn.key) ?? 0) + 1;
      counts.set(fn.key, index);
      addRule(compilation, fn, index, expression, schedule, target);
    }
  }
}

function addRule(
  compilation: Compilation,
  fn: FunctionEntry,
  index: number,
  expression: Json,
  schedule: Schedule,
  target: Json,
): void {
  const ruleId = naming.scheduleLogicalId(fn.key, index);
  const alias = fn.targetAlias?.logicalId;
  compilation.resources[ruleId] = {
    Type: 'AWS::Events::Rule',
    ...(alias ? { DependsOn: alias } : {}),
    Properties: {
      ScheduleExpression: expression,
      ...schedule.properties,
      Targets: [{ ...schedule.target, Arn: target, Id: `${fn.key}Schedule` }],
    },
  };
  compilation.resources[naming.schedulePermissionLogicalId(fn.key, index)] = invokePermission(
    target,
    'events.amazonaws.com',
    { 'Fn::GetAtt': [ruleId, 'Arn'] },
    alias,
  );
}

function scheduleOf(event: Json, path: string): Schedule {
  if (!isObject(event)) {
    checkExpression(event, path);
    return { expressions: [event], properties: { State: 'ENABLED' }, target: {} };
  }
  rejectUnknownProperties(event, KNOWN, path);
  if (event.rate === undefined) throw schemaError(path, "must have required property 'rate'");
  // The schema coerces a single expression to a list.
  const expressions = [event.rate].flat();
  expressions.forEach((expression, at) => {
    if (!isObject(expression)) checkExpression(expression, `${path}.rate.${at}`);
  });
  checkEventBusOnly(event, expressions.length, path);
  const properties: JsonObject = { State: event.enabled === false ? 'DISABLED' : 'ENABLED' };
  if (event.name) properties.Name = pasted(String(event.name), path);
  if (event.description) properties.Description = pasted(String(event.description), path);
  const target: JsonObject = {};
  if (event.input) target.Input = pastedInput(inputOf(event.input), path);
  if (event.inputPath) target.InputPath = pasted(String(event.inputPath), path);
  const transformer = inputTransformerOf(event.inputTransformer);
  if (transformer) target.InputTransformer = transformer;
  return { expressions, properties, target };
}

function checkExpression(expression: Json, path: string): void {
  if (typeof expression !== 'string' || !EXPRESSION.test(expression))
    throw schemaError(path, `must match pattern "${EXPRESSION.source}"`);
}

/** Nimbus serves EventBridge rules, not EventBridge Scheduler: `method: scheduler` (and the options only
 * it has) cannot be honoured, so they fail rather than deploy a schedule that never fires. */
function checkEventBusOnly(event: JsonObject, expressionCount: number, path: string): void {
  if (expressionCount > 1 && event.name)
    throw new ServerlessError(
      'You cannot specify a name when defining more than one rate expression',
      'SCHEDULE_NAME_NOT_ALLOWED_MULTIPLE_RATES',
    );
  if (event.method !== undefined && event.method !== 'eventBus' && event.method !== 'scheduler')
    throw schemaError(`${path}.method`, 'must be equal to one of the allowed values [eventBus, scheduler]');
  if (event.method === 'scheduler')
    throw new ServerlessError(
      'Cannot setup "schedule" event: "method: scheduler" needs EventBridge Scheduler (AWS::Scheduler::Schedule), which Nimbus does not serve; use the default "method: eventBus"',
      'NIMBUS_SCHEDULER_NOT_SUPPORTED',
    );
  for (const option of ['timezone', 'groupName'])
    if (event[option])
      throw new ServerlessError(
        `Cannot setup "schedule" event: "${option}" is only supported with "scheduler" mode`,
        'SCHEDULE_PARAMETER_NOT_SUPPORTED',
      );
}

/** An `input: { body: '<json>' }` has its body parsed, so the function receives an object. */
function inputOf(input: Json): Json {
  if (!isObject(input) || typeof input.body !== 'string') return input;
  try {
    return { ...input, body: JSON.parse(input.body) as Json };
  } catch {
    throw new ServerlessError(
      `Cannot parse "input.body" of a schedule event as JSON: ${input.body}`,
      'SCHEDULE_INPUT_BODY_INVALID',
    );
  }
}
