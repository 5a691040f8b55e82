// AWS::Serverless::StateMachine: an AWS::StepFunctions::StateMachine (same logical id) with its definition
// (Definition, DefinitionUri, DefinitionSubstitutions), Name, Type, Logging, Tracing and Tags (SAM's
// `stateMachine:createdBy` first); the role `<Id>Role` trusting states.amazonaws.com when `Policies` (or
// neither `Role` nor `Policies`) is given; and per event an AWS::Events::Rule `<Id><Event>` whose target
// starts an execution through the role `<Id><Event>Role`.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-statemachine.html
//
// An inline Definition becomes, as samtranslator writes it, a `DefinitionString` Fn::Join of the lines of
// Python's `json.dumps(definition, indent=4, sort_keys=True)`. Where Nimbus differs on purpose: a local
// DefinitionUri file (JSON or YAML) is read at deploy time instead of uploaded; ScheduleV2 becomes an
// EventBridge rule, as Nimbus serves no EventBridge Scheduler resource (one-time `at()` schedules do not fit).

import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ResourceDeclaration } from '../../template/parse.js';
import { InvalidResource, notServed } from './errors.js';
import { pythonJson } from './logical-ids.js';
import { stateMachineRole, stateMachineRuleEvent } from './statemachine-events.js';
import { defined, isIntrinsic, isRecord, type Properties, tagList } from './values.js';

export interface StateMachineContext {
  readonly partition: string;
  readonly templateDirectory?: string;
}

export function translateStateMachine(
  logicalId: string,
  declaration: ResourceDeclaration,
  properties: Properties,
  context: StateMachineContext,
): Record<string, ResourceDeclaration> {
  if (properties.Role !== undefined && properties.Policies !== undefined) {
    throw new InvalidResource(
      logicalId,
      "Specify either 'Role' or 'Policies' (but not both at the same time) or neither",
    );
  }
  if (properties.Definition !== undefined && properties.DefinitionUri !== undefined) {
    throw new InvalidResource(
      logicalId,
      "Specify either 'Definition' or 'DefinitionUri' property and not both.",
    );
  }
  if (properties.Definition === undefined && properties.DefinitionUri === undefined) {
    throw new InvalidResource(
      logicalId,
      "Either 'Definition' or 'DefinitionUri' property must be specified.",
    );
  }
  for (const unserved of ['AutoPublishAlias', 'DeploymentPreference', 'UseAliasAsEventTarget']) {
    if (properties[unserved] !== undefined) throw new InvalidResource(logicalId, notServed(unserved));
  }
  const attributes = inherited(declaration);
  const out: Record<string, ResourceDeclaration> = {};
  let roleArn = properties.Role;
  if (roleArn === undefined) {
    const role = stateMachineRole(logicalId, properties, context.partition);
    out[role.logicalId] = { Type: 'AWS::IAM::Role', ...attributes, Properties: role.properties };
    roleArn = { 'Fn::GetAtt': [role.logicalId, 'Arn'] };
  }
  out[logicalId] = {
    Type: 'AWS::StepFunctions::StateMachine',
    ...attributes,
    ...(declaration.DependsOn !== undefined ? { DependsOn: declaration.DependsOn } : {}),
    Properties: defined({
      StateMachineName: properties.Name,
      StateMachineType: properties.Type,
      RoleArn: roleArn,
      ...definitionProperties(logicalId, properties, context),
      DefinitionSubstitutions: properties.DefinitionSubstitutions,
      LoggingConfiguration: properties.Logging,
      TracingConfiguration: properties.Tracing,
      Tags: [{ Key: 'stateMachine:createdBy', Value: 'SAM' }, ...tagList(properties.Tags)],
    }),
  };
  const events = isRecord(properties.Events) ? properties.Events : {};
  for (const [eventId, event] of Object.entries(events)) {
    Object.assign(out, stateMachineRuleEvent(logicalId, eventId, event, attributes));
  }
  return out;
}

/** Definition as written, or DefinitionUri as an S3 location (`s3://bucket/key`, `{Bucket, Key, Version}`)
 * or a local file read now. */
function definitionProperties(
  logicalId: string,
  properties: Properties,
  context: StateMachineContext,
): Properties {
  if (properties.Definition !== undefined) {
    if (!isRecord(properties.Definition)) {
      throw new InvalidResource(logicalId, "Type of property 'Definition' is invalid.");
    }
    return { DefinitionString: { 'Fn::Join': ['\n', pythonIndented(properties.Definition).split('\n')] } };
  }
  const uri = properties.DefinitionUri;
  if (isRecord(uri) && !isIntrinsic(uri)) {
    if (!uri.Bucket || !uri.Key) {
      throw new InvalidResource(
        logicalId,
        "'DefinitionUri' requires Bucket and Key properties to be specified.",
      );
    }
    return { DefinitionS3Location: defined({ Bucket: uri.Bucket, Key: uri.Key, Version: uri.Version }) };
  }
  if (typeof uri !== 'string')
    throw new InvalidResource(logicalId, "'DefinitionUri' must be of type dict or string.");
  const s3 = /^s3:\/\/([^/]+)\/(.+?)(?:\?versionId=(.+))?$/.exec(uri);
  if (s3) return { DefinitionS3Location: defined({ Bucket: s3[1], Key: s3[2], Version: s3[3] }) };
  const path = isAbsolute(uri) ? uri : resolve(context.templateDirectory ?? process.cwd(), uri);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InvalidResource(logicalId, `'DefinitionUri' names a file that cannot be read: ${uri}`);
  }
  return { DefinitionString: JSON.stringify(parseYaml(text) as unknown) };
}

/** Python's `json.dumps(value, indent=4, sort_keys=True)` (ASCII-escaped, `", "`-free with indent). */
export function pythonIndented(value: unknown, depth = 0): string {
  const pad = (n: number) => ' '.repeat(4 * n);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => pad(depth + 1) + pythonIndented(item, depth + 1)).join(',\n')}\n${pad(depth)}]`;
  }
  if (isRecord(value)) {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (keys.length === 0) return '{}';
    const entries = keys.map(
      (key) => `${pad(depth + 1)}${pythonJson(key)}: ${pythonIndented(value[key], depth + 1)}`,
    );
    return `{\n${entries.join(',\n')}\n${pad(depth)}}`;
  }
  return pythonJson(value);
}

/** Condition, DeletionPolicy and UpdateReplacePolicy, which SAM copies onto every resource it generates. */
function inherited(declaration: ResourceDeclaration): Partial<ResourceDeclaration> {
  const attributes: Partial<ResourceDeclaration> = {};
  if (declaration.Condition !== undefined) attributes.Condition = declaration.Condition;
  if (declaration.DeletionPolicy !== undefined) attributes.DeletionPolicy = declaration.DeletionPolicy;
  if (declaration.UpdateReplacePolicy !== undefined)
    attributes.UpdateReplacePolicy = declaration.UpdateReplacePolicy;
  return attributes;
}
