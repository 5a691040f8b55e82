// The `stepFunctions:` block of the serverless-step-functions plugin, understood natively: each state
// machine (`<Name>StepFunctionsStateMachine`, or its `id`/`name`), its execution role (`…Role`), its
// events, its output (`…Arn`), and the activities (`<Name>StepFunctionsActivity`), with the plugin's
// logical ids so that `resources` written against them work.
// https://github.com/serverless-operations/serverless-step-functions#readme

import { validateDefinition } from '../../services/sfn/language/index.js';
import { type Compilation, isObject, type Json, type JsonObject } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { normalizedName } from '../naming.js';
import { definitionString } from './definition.js';
import { compileStateMachineEvents } from './events.js';
import { executionRole } from './role.js';

// The keys a state machine may have, as the plugin's schema lists them.
const KNOWN = [
  'id',
  'events',
  'name',
  'role',
  'useExactVersion',
  'configureTaskTimeouts',
  'definition',
  'dependsOn',
  'tags',
  'alarms',
  'notifications',
  'type',
  'retain',
  'loggingConfig',
  'tracingConfig',
  'encryptionConfig',
  'inheritGlobalTags',
  'iamRoleStatements',
  'kmsKeyArns',
];
// Plugin features Nimbus does not compile yet: a clear error rather than a template that differs.
const NOT_YET = ['useExactVersion', 'configureTaskTimeouts', 'alarms', 'notifications'];

export function compileStepFunctions(compilation: Compilation): void {
  const block = compilation.input.config.stepFunctions;
  if (!isObject(block)) return;
  const machines = isObject(block.stateMachines) ? block.stateMachines : {};
  // The plugin writes every role before any state machine (its compileIamRole runs first).
  for (const [key, value] of Object.entries(machines)) {
    const machine = checked(key, value);
    if (machine.role !== undefined) continue;
    if (machine.definition === undefined)
      throw new ServerlessError(
        `Missing "definition" for state machine ${key}`,
        'STEP_FUNCTIONS_DEFINITION_MISSING',
      );
    compilation.resources[`${machineLogicalId(key, machine)}Role`] = executionRole(compilation, key, machine);
  }
  for (const [key, value] of Object.entries(machines)) {
    const machine = checked(key, value);
    // `validate: true`: the plugin runs asl-validator; Nimbus runs its own Step Functions checks.
    if (block.validate) {
      const problems = definitionProblems(machine.definition!);
      if (problems.length > 0)
        throw new ServerlessError(
          [`✕ State machine "${key}" definition is invalid:`, ...problems].join('\n'),
          'STEP_FUNCTIONS_DEFINITION_INVALID',
        );
    }
    addStateMachine(compilation, key, machine, block.noOutput === true);
  }
  const activities = Array.isArray(block.activities) ? block.activities : [];
  for (const activity of activities) {
    const name = String(activity);
    const logicalId = `${normalizedName(name)}StepFunctionsActivity`;
    compilation.resources[logicalId] = { Type: 'AWS::StepFunctions::Activity', Properties: { Name: name } };
    compilation.template.Outputs[`${normalizedName(name)}StepFunctionsActivityArn`] = {
      Description: 'Current StateMachine Arn',
      Value: { Ref: logicalId },
    };
  }
}

/** `<Key>StepFunctionsStateMachine`, or the machine's own `id` (else `name`) normalized. */
export function machineLogicalId(key: string, machine: JsonObject): string {
  const custom = machine.id ?? machine.name;
  return custom ? normalizedName(String(custom)) : `${normalizedName(key)}StepFunctionsStateMachine`;
}

function checked(key: string, value: Json): JsonObject {
  const machine = isObject(value) ? value : {};
  for (const field of Object.keys(machine)) {
    if (!KNOWN.includes(field))
      throw new ServerlessError(
        `State machine [${key}] is malformed. Please check the README for more info. ValidationError: "${field}" is not allowed`,
        'STEP_FUNCTIONS_STATE_MACHINE_MALFORMED',
      );
    if (NOT_YET.includes(field) && machine[field])
      throw new ServerlessError(
        `State machine "${key}": "${field}" of serverless-step-functions is not compiled by Nimbus yet`,
        'NIMBUS_STEP_FUNCTIONS_OPTION_NOT_SUPPORTED',
      );
  }
  if (machine.definition === undefined)
    throw new ServerlessError(
      `State machine [${key}] is malformed. Please check the README for more info. ValidationError: "definition" is required`,
      'STEP_FUNCTIONS_STATE_MACHINE_MALFORMED',
    );
  if (machine.role !== undefined && machine.iamRoleStatements !== undefined)
    throw new ServerlessError(
      `State machine [${key}] is malformed. Please check the README for more info. ValidationError: "value" contains a conflict between optional exclusive peers [role, iamRoleStatements]`,
      'STEP_FUNCTIONS_STATE_MACHINE_MALFORMED',
    );
  return machine;
}

function addStateMachine(
  compilation: Compilation,
  key: string,
  machine: JsonObject,
  noOutput: boolean,
): void {
  const logicalId = machineLogicalId(key, machine);
  const dependsOn: string[] = [];
  let roleArn: Json;
  if (machine.role !== undefined) roleArn = machine.role;
  else {
    roleArn = { 'Fn::GetAtt': [`${logicalId}Role`, 'Arn'] };
    dependsOn.push(`${logicalId}Role`);
  }
  if (machine.dependsOn !== undefined) dependsOn.push(...[machine.dependsOn].flat().map(String));
  const tags = [
    ...(machine.inheritGlobalTags === false ? [] : tagList(compilation.provider.tags)),
    ...tagList(machine.tags),
  ];
  const properties: JsonObject = {
    DefinitionString: definitionString(compilation, machine.definition!),
    RoleArn: roleArn,
    ...(machine.type !== undefined ? { StateMachineType: machine.type } : {}),
  };
  const logging = isObject(machine.loggingConfig) ? machine.loggingConfig : undefined;
  if (logging) {
    properties.LoggingConfiguration = {
      Level: logging.level ?? 'OFF',
      IncludeExecutionData: logging.includeExecutionData ?? false,
      ...(Array.isArray(logging.destinations) && logging.destinations.length > 0
        ? {
            Destinations: logging.destinations.map((arn) => ({
              CloudWatchLogsLogGroup: { LogGroupArn: arn },
            })),
          }
        : {}),
    };
  }
  if (isObject(machine.tracingConfig))
    properties.TracingConfiguration = { Enabled: machine.tracingConfig.enabled ?? false };
  const encryption = isObject(machine.encryptionConfig) ? machine.encryptionConfig : undefined;
  if (encryption)
    properties.EncryptionConfiguration = {
      KmsDataKeyReusePeriodSeconds: encryption.KmsDataKeyReusePeriodSeconds ?? 900,
      KmsKeyId: { 'Fn::Sub': encryption.KmsKeyId ?? '' },
      Type: encryption.Type ?? 'AWS_OWNED_KEY',
    };
  if (tags.length > 0) properties.Tags = tags;
  if (machine.name) properties.StateMachineName = machine.name;
  compilation.resources[logicalId] = {
    Type: 'AWS::StepFunctions::StateMachine',
    Properties: properties,
    DependsOn: dependsOn,
    ...(machine.retain ? { DeletionPolicy: 'Retain' } : {}),
  };
  if (!noOutput) {
    const custom = machine.id ?? machine.name;
    const outputId = custom
      ? `${normalizedName(String(custom))}Arn`
      : `${normalizedName(key)}StepFunctionsStateMachineArn`;
    compilation.template.Outputs[outputId] = {
      Description: 'Current StateMachine Arn',
      Value: { Ref: logicalId },
    };
  }
  compileStateMachineEvents(compilation, key, machine, logicalId);
}

function definitionProblems(definition: Json): string[] {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
  return validateDefinition(text)
    .filter((d) => d.severity === 'ERROR')
    .map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ''}`);
}

function tagList(tags: Json | undefined): Json[] {
  if (!isObject(tags)) return [];
  return Object.entries(tags).map(([Key, value]) => ({ Key, Value: String(value || '') }));
}
