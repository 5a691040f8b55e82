// A state machine's `events` as serverless-step-functions compiles them: `schedule` (an EventBridge rule;
// `method: scheduler` is not compiled yet) and `eventBridge`/`cloudwatchEvent` (a rule with a pattern),
// each starting the machine with a role EventBridge assumes. Like the plugin, values are pasted into JSON
// text and parsed back (`pasted` in ../events/shared.ts), so quoting and escapes come out as they do there.
// https://github.com/serverless-operations/serverless-step-functions#events
/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings use ${} */

import {
  type Compilation,
  isObject,
  type Json,
  type JsonObject,
  type TemplateResource,
} from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { countSet, pasted, pastedInput } from '../events/shared.js';
import { normalizedName } from '../naming.js';
import { serviceRole } from './role.js';

export function compileStateMachineEvents(
  compilation: Compilation,
  key: string,
  machine: JsonObject,
  machineLogicalId: string,
): void {
  const events = Array.isArray(machine.events) ? machine.events : [];
  let schedules = 0;
  let rules = 0;
  for (const event of events) {
    if (!isObject(event)) continue;
    if (event.schedule !== undefined) {
      schedules += 1;
      addSchedule(compilation, key, event.schedule, machineLogicalId, schedules);
    }
    const rule = event.cloudwatchEvent ?? event.eventBridge;
    if (rule !== undefined) {
      rules += 1;
      addEventRule(compilation, key, rule, machineLogicalId, rules);
    }
    if (event.http !== undefined)
      throw new ServerlessError(
        `State machine "${key}" has an "http" event: Nimbus does not compile REST API (API Gateway v1) events yet`,
        'NIMBUS_EVENT_TYPE_NOT_SUPPORTED',
      );
  }
}

function addSchedule(
  compilation: Compilation,
  key: string,
  schedule: Json,
  machineLogicalId: string,
  n: number,
) {
  const path = `stepFunctions.stateMachines.${key}.events.schedule`;
  let expression: Json;
  let state = 'ENABLED';
  const target: JsonObject = {};
  const properties: JsonObject = {};
  let role: Json | undefined;
  if (typeof schedule === 'string') expression = schedule;
  else if (isObject(schedule)) {
    if (!schedule.rate)
      throw new ServerlessError(
        `Missing "rate" property for schedule event in stateMachine ${key} The correct syntax is: schedule: rate(10 minutes) OR an object with "rate" property. Please check the README for more info.`,
        'STEP_FUNCTIONS_SCHEDULE_RATE_MISSING',
      );
    if ((schedule.method ?? 'eventBus') !== 'eventBus')
      throw new ServerlessError(
        `State machine "${key}": schedule events with method "${String(schedule.method)}" (EventBridge Scheduler) are not compiled by Nimbus yet`,
        'NIMBUS_STEP_FUNCTIONS_SCHEDULER_NOT_SUPPORTED',
      );
    if (schedule.timezone)
      throw new ServerlessError(
        'Cannot setup "schedule" event: "timezone" is only supported with "scheduler" mode',
        'STEP_FUNCTIONS_SCHEDULE_TIMEZONE',
      );
    expression = schedule.rate;
    if (schedule.enabled === false) state = 'DISABLED';
    Object.assign(properties, named(schedule, path));
    Object.assign(target, inputs(schedule, path, false));
    if (isObject(schedule.retryPolicy)) target.RetryPolicy = retryPolicy(schedule.retryPolicy);
    role = schedule.role;
  } else
    throw new ServerlessError(
      `Schedule event of stateMachine ${key} is not an object nor a string The correct syntax is: schedule: rate(10 minutes) OR an object with "rate" property. Please check the README for more info.`,
      'STEP_FUNCTIONS_SCHEDULE_INVALID',
    );
  const roleLogicalId = `${normalizedName(key)}ScheduleToStepFunctionsRole`;
  compilation.resources[`${normalizedName(key)}StepFunctionsEventsRuleSchedule${n}`] = {
    Type: 'AWS::Events::Rule',
    Properties: {
      ScheduleExpression: pasted(String(expression), path),
      State: state,
      ...properties,
      Targets: [
        {
          ...target,
          Arn: { Ref: machineLogicalId },
          Id: `${key}StepFunctionsSchedule`,
          RoleArn: role ?? { 'Fn::GetAtt': [roleLogicalId, 'Arn'] },
        },
      ],
    },
  };
  const policy = `${compilation.stage}-${compilation.region}-${compilation.service}-${key}-schedule`;
  if (role === undefined)
    compilation.resources[roleLogicalId] = startRole(compilation, policy, machineLogicalId, true);
}

function addEventRule(
  compilation: Compilation,
  key: string,
  rule: Json,
  machineLogicalId: string,
  n: number,
) {
  const path = `stepFunctions.stateMachines.${key}.events.eventBridge`;
  if (!isObject(rule))
    throw new ServerlessError(
      `CloudWatch event of stateMachine "${key}" is not an object Please check the docs for more info.`,
      'STEP_FUNCTIONS_EVENT_INVALID',
    );
  if (!rule.event)
    throw new ServerlessError(
      `Missing "event" property for cloudwatch event in stateMachine ${key} Please check the docs for more info.`,
      'STEP_FUNCTIONS_EVENT_MISSING',
    );
  const pattern = JSON.parse(JSON.stringify(rule.event).replace(/\\n|\\r/g, '')) as Json;
  const target: JsonObject = inputs(rule, path, true);
  if (rule.deadLetterConfig !== undefined) target.DeadLetterConfig = { Arn: rule.deadLetterConfig };
  if (isObject(rule.retryPolicy)) target.RetryPolicy = retryPolicy(rule.retryPolicy);
  const roleLogicalId = `${normalizedName(key)}EventToStepFunctionsRole`;
  compilation.resources[`${normalizedName(key)}EventsRuleCloudWatchEvent${n}`] = {
    Type: 'AWS::Events::Rule',
    Properties: {
      ...(rule.eventBusName !== undefined ? { EventBusName: rule.eventBusName } : {}),
      EventPattern: pattern,
      State: rule.enabled === false ? 'DISABLED' : 'ENABLED',
      ...named(rule, path),
      Targets: [
        {
          ...target,
          Arn: { Ref: machineLogicalId },
          Id: `${key}CloudWatchEvent`,
          RoleArn: rule.iamRole ?? { 'Fn::GetAtt': [roleLogicalId, 'Arn'] },
        },
      ],
    },
  };
  const policy = `${compilation.stage}-${compilation.region}-${compilation.service}-${key}-event`;
  if (rule.iamRole === undefined)
    compilation.resources[roleLogicalId] = startRole(compilation, policy, machineLogicalId, false);
}

function named(options: JsonObject, path: string): JsonObject {
  return {
    ...(options.description ? { Description: pasted(String(options.description), path) } : {}),
    ...(options.name ? { Name: pasted(String(options.name), path) } : {}),
  };
}

/** Input, InputPath or InputTransformer — one of them at most, as the plugin requires. */
function inputs(options: JsonObject, path: string, dropNewlines: boolean): JsonObject {
  const { input, inputPath, inputTransformer } = options;
  if (countSet(input, inputPath, inputTransformer) > 1)
    throw new ServerlessError(
      "You can't set input, inputPath and inputTransformer properties at the same time for events. Please check the AWS docs for more info",
      'STEP_FUNCTIONS_EVENT_INPUTS',
    );
  const target: JsonObject = {};
  if (input) target.Input = pastedInput(input, path, dropNewlines);
  if (inputPath) {
    const text = dropNewlines ? String(inputPath).replace(/\r?\n/g, '') : String(inputPath);
    target.InputPath = pasted(text, path);
  }
  if (isObject(inputTransformer)) {
    const template = String(inputTransformer.inputTemplate ?? '').replace(/"/g, '\\"');
    target.InputTransformer = {
      InputPathsMap: inputTransformer.inputPathsMap ?? null,
      InputTemplate: pasted(template, path),
    };
  }
  return target;
}

function retryPolicy(policy: JsonObject): JsonObject {
  return {
    ...(policy.maximumEventAgeInSeconds !== undefined
      ? { MaximumEventAgeInSeconds: policy.maximumEventAgeInSeconds }
      : {}),
    ...(policy.maximumRetryAttempts !== undefined
      ? { MaximumRetryAttempts: policy.maximumRetryAttempts }
      : {}),
  };
}

/** The role EventBridge assumes to start the machine. The plugin applies the provider's permissions
 * boundary to schedule roles only. */
function startRole(
  compilation: Compilation,
  policyName: string,
  machineLogicalId: string,
  schedule: boolean,
): TemplateResource {
  return serviceRole(compilation, {
    principal: 'events.amazonaws.com',
    policyName,
    statements: [{ Effect: 'Allow', Action: ['states:StartExecution'], Resource: { Ref: machineLogicalId } }],
    permissionsBoundary: schedule,
  });
}
