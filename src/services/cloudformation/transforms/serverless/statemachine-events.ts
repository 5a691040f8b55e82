// The role a SAM state machine runs as (`<Id>Role`, trusting states.amazonaws.com, with its Policies), and
// its event sources: Schedule, ScheduleV2, CloudWatchEvent and EventBridgeRule, each an AWS::Events::Rule
// `<Id><Event>` whose target (`<Id><Event>StepFunctionsTarget`) starts an execution through the role
// `<Id><Event>Role` (trusting events.amazonaws.com, allowed states:StartExecution on the machine).
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-statemachine-statemachineeventsource.html

import type { ResourceDeclaration } from '../../template/parse.js';
import { InvalidEvent, InvalidResource, notServed } from './errors.js';
import { expandPolicyTemplate, isPolicyTemplateName } from './policy-templates.js';
import { managedPolicyArn } from './role.js';
import { defined, getAtt, isIntrinsic, isRecord, type Properties, ref, tagList } from './values.js';

const RULE_EVENTS = new Set(['Schedule', 'ScheduleV2', 'CloudWatchEvent', 'EventBridgeRule']);

/** The machine's generated role: managed policy names or ARNs, inline statements and policy templates. */
export function stateMachineRole(
  logicalId: string,
  properties: Properties,
  partition: string,
): { logicalId: string; properties: Properties } {
  const roleId = `${logicalId}Role`;
  const entries =
    properties.Policies === undefined
      ? []
      : Array.isArray(properties.Policies)
        ? properties.Policies
        : [properties.Policies];
  const managed: unknown[] = [];
  const inline: Properties[] = [];
  entries.forEach((entry, index) => {
    if (typeof entry === 'string') managed.push(managedPolicyArn(entry, partition));
    else if (isIntrinsic(entry)) managed.push(entry);
    else if (isRecord(entry) && 'Statement' in entry)
      inline.push({ PolicyName: `${roleId}Policy${index}`, PolicyDocument: entry });
    else if (
      isRecord(entry) &&
      Object.keys(entry).length === 1 &&
      isPolicyTemplateName(Object.keys(entry)[0]!)
    ) {
      const [name, values] = Object.entries(entry)[0]!;
      const expanded = expandPolicyTemplate(name, values);
      if (typeof expanded === 'string') throw new InvalidResource(logicalId, expanded);
      inline.push({ PolicyName: `${roleId}Policy${index}`, PolicyDocument: expanded });
    } else
      throw new InvalidResource(
        logicalId,
        `Policy at index ${index} in the 'Policies' property is not valid`,
      );
  });
  // SAM gives a traced machine's role X-Ray's write policy, after the user's managed policies.
  const tracing = properties.Tracing as { Enabled?: unknown } | undefined;
  if (tracing?.Enabled === true) managed.push(managedPolicyArn('AWSXrayWriteOnlyAccess', partition));
  return {
    logicalId: roleId,
    properties: defined({
      AssumeRolePolicyDocument: trust('states.amazonaws.com'),
      ManagedPolicyArns: managed,
      Policies: inline.length > 0 ? inline : undefined,
      Path: properties.RolePath,
      PermissionsBoundary: properties.PermissionsBoundary,
      Tags: [{ Key: 'stateMachine:createdBy', Value: 'SAM' }, ...tagList(properties.Tags)],
    }),
  };
}

/** One event of the machine: its rule and the rule's role. */
export function stateMachineRuleEvent(
  machineId: string,
  eventId: string,
  event: unknown,
  attributes: Partial<ResourceDeclaration>,
): Record<string, ResourceDeclaration> {
  if (!isRecord(event) || typeof event.Type !== 'string') {
    throw new InvalidResource(
      machineId,
      `Event with id [${eventId}] is invalid. Type of event must be specified.`,
    );
  }
  if (!RULE_EVENTS.has(event.Type)) {
    throw new InvalidResource(
      machineId,
      new InvalidEvent(eventId, notServed(`Event type ${event.Type}`)).message,
    );
  }
  const properties = isRecord(event.Properties) ? event.Properties : {};
  const ruleId = `${machineId}${eventId}`;
  const roleId = `${ruleId}Role`;
  const schedule = event.Type === 'Schedule' || event.Type === 'ScheduleV2';
  const state =
    properties.Enabled !== undefined ? (properties.Enabled ? 'ENABLED' : 'DISABLED') : properties.State;
  const target = defined({
    Arn: ref(machineId),
    Id: schedule || !isRecord(properties.Target) ? `${ruleId}StepFunctionsTarget` : properties.Target.Id,
    RoleArn: getAtt(roleId, 'Arn'),
    Input: properties.Input,
    InputPath: schedule ? undefined : properties.InputPath,
    InputTransformer: schedule ? undefined : properties.InputTransformer,
    RetryPolicy: properties.RetryPolicy,
  });
  const rule = schedule
    ? {
        ScheduleExpression: properties.Schedule ?? properties.ScheduleExpression,
        Name: properties.Name,
        Description: properties.Description,
        State: state,
      }
    : {
        EventBusName: properties.EventBusName,
        EventPattern: properties.Pattern,
        Name: properties.RuleName,
        State: state,
      };
  return {
    [ruleId]: {
      Type: 'AWS::Events::Rule',
      ...attributes,
      Properties: defined({ ...rule, Targets: [target] }),
    },
    [roleId]: {
      Type: 'AWS::IAM::Role',
      ...attributes,
      Properties: {
        AssumeRolePolicyDocument: trust('events.amazonaws.com'),
        Policies: [
          {
            PolicyName: `${roleId}StartExecutionPolicy`,
            PolicyDocument: {
              Statement: [{ Action: 'states:StartExecution', Effect: 'Allow', Resource: ref(machineId) }],
            },
          },
        ],
      },
    },
  };
}

function trust(service: string): Properties {
  return {
    Version: '2012-10-17',
    Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: [service] } }],
  };
}
