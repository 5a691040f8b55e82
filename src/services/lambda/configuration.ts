// A function version's configuration: built from CreateFunction / UpdateFunctionConfiguration input with
// Lambda's defaults and checks, and kept in exactly the shape GetFunctionConfiguration returns.
// https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html

import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../core/errors.js';
import type { StoredCode } from './code.js';
import { type FunctionRef, functionArn, LATEST, lambdaTimestamp } from './names.js';
import { runtimeFamily } from './runtimes.js';

export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime?: string;
  Role: string;
  Handler?: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  CodeSha256: string;
  Version: string;
  Environment?: { Variables: Record<string, string> };
  TracingConfig: { Mode: string };
  RevisionId: string;
  Layers?: { Arn: string; CodeSize: number }[];
  State: string;
  StateReason?: string;
  StateReasonCode?: string;
  LastUpdateStatus: string;
  LastUpdateStatusReason?: string;
  LastUpdateStatusReasonCode?: string;
  PackageType: string;
  Architectures: string[];
  EphemeralStorage: { Size: number };
  SnapStart: { ApplyOn: string; OptimizationStatus: string };
  LoggingConfig: {
    LogFormat: string;
    LogGroup: string;
    ApplicationLogLevel?: string;
    SystemLogLevel?: string;
  };
  DeadLetterConfig?: { TargetArn?: string };
  KMSKeyArn?: string;
  VpcConfig?: { SubnetIds: string[]; SecurityGroupIds: string[]; VpcId: string };
}

/** The members a request may set. */
export interface ConfigurationInput {
  Runtime?: string;
  Role?: string;
  Handler?: string;
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
  DeadLetterConfig?: { TargetArn?: string };
  TracingConfig?: { Mode?: string };
  KMSKeyArn?: string;
  /** Already checked against the layers that exist (Layers.resolve); empty removes every layer. */
  Layers?: readonly { Arn: string; CodeSize: number }[];
  EphemeralStorage?: { Size: number };
  VpcConfig?: { SubnetIds?: string[]; SecurityGroupIds?: string[] };
  LoggingConfig?: {
    LogFormat?: string;
    ApplicationLogLevel?: string;
    SystemLogLevel?: string;
    LogGroup?: string;
  };
  SnapStart?: { ApplyOn?: string };
  Architectures?: string[];
}

// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
const RESERVED_VARIABLES = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);
const ENVIRONMENT_LIMIT_BYTES = 4096;

/** $LATEST's configuration for a new function. */
export function newConfiguration(
  ref: FunctionRef,
  input: ConfigurationInput & { Role: string },
  code: StoredCode,
  now: number,
): FunctionConfiguration {
  if (!input.Runtime || !input.Handler) {
    throw new ServiceError(
      'InvalidParameterValueException',
      'Runtime and Handler are mandatory parameters for functions created with deployment packages.',
    );
  }
  const base: FunctionConfiguration = {
    FunctionName: ref.name,
    FunctionArn: functionArn(ref),
    Role: input.Role,
    CodeSize: code.codeSize,
    Description: '',
    Timeout: 3,
    MemorySize: 128,
    LastModified: lambdaTimestamp(now),
    CodeSha256: code.codeSha256,
    Version: LATEST,
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: randomUUID(),
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: input.Architectures ?? ['x86_64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${ref.name}` },
  };
  return applyConfiguration(base, input, now);
}

/** The configuration after an UpdateFunctionConfiguration (or a CreateFunction's own settings). */
export function applyConfiguration(
  current: FunctionConfiguration,
  input: ConfigurationInput,
  now: number,
): FunctionConfiguration {
  const next: FunctionConfiguration = {
    ...current,
    LastModified: lambdaTimestamp(now),
    RevisionId: randomUUID(),
  };
  if (input.Runtime !== undefined) {
    runtimeFamily(input.Runtime);
    next.Runtime = input.Runtime;
  }
  if (input.Role !== undefined) next.Role = input.Role;
  if (input.Handler !== undefined) next.Handler = input.Handler;
  if (input.Description !== undefined) next.Description = input.Description;
  if (input.Timeout !== undefined) next.Timeout = input.Timeout;
  if (input.MemorySize !== undefined) next.MemorySize = input.MemorySize;
  if (input.Environment !== undefined) {
    const variables = input.Environment.Variables ?? {};
    checkEnvironment(variables);
    next.Environment = { Variables: { ...variables } };
  }
  if (input.DeadLetterConfig !== undefined) {
    next.DeadLetterConfig = input.DeadLetterConfig.TargetArn
      ? { TargetArn: input.DeadLetterConfig.TargetArn }
      : undefined;
  }
  if (input.TracingConfig?.Mode) next.TracingConfig = { Mode: input.TracingConfig.Mode };
  if (input.KMSKeyArn !== undefined) next.KMSKeyArn = input.KMSKeyArn || undefined;
  if (input.Layers !== undefined)
    next.Layers = input.Layers.length > 0 ? input.Layers.map((layer) => ({ ...layer })) : undefined;
  if (input.EphemeralStorage) next.EphemeralStorage = { Size: input.EphemeralStorage.Size };
  if (input.VpcConfig) {
    next.VpcConfig = {
      SubnetIds: input.VpcConfig.SubnetIds ?? [],
      SecurityGroupIds: input.VpcConfig.SecurityGroupIds ?? [],
      VpcId: '',
    };
  }
  if (input.LoggingConfig) next.LoggingConfig = loggingConfig(input.LoggingConfig, current.FunctionName);
  if (input.SnapStart?.ApplyOn)
    next.SnapStart = { ApplyOn: input.SnapStart.ApplyOn, OptimizationStatus: 'Off' };
  return next;
}

/** A LoggingConfig replaces the function's whole (members left out go back to Lambda's defaults, not to
 * what was set before); JSON logs have log levels, INFO unless given.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html */
function loggingConfig(
  input: NonNullable<ConfigurationInput['LoggingConfig']>,
  functionName: string,
): FunctionConfiguration['LoggingConfig'] {
  const LogFormat = input.LogFormat ?? 'Text';
  const config: FunctionConfiguration['LoggingConfig'] = {
    LogFormat,
    LogGroup: input.LogGroup ?? `/aws/lambda/${functionName}`,
  };
  const json = LogFormat === 'JSON';
  const application = input.ApplicationLogLevel ?? (json ? 'INFO' : undefined);
  const system = input.SystemLogLevel ?? (json ? 'INFO' : undefined);
  if (application) config.ApplicationLogLevel = application;
  if (system) config.SystemLogLevel = system;
  return config;
}

function checkEnvironment(variables: Record<string, string>): void {
  const reserved = Object.keys(variables).filter((key) => RESERVED_VARIABLES.has(key));
  if (reserved.length > 0) {
    throw new ServiceError(
      'InvalidParameterValueException',
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  for (const key of Object.keys(variables)) {
    if (!/^[a-zA-Z]([a-zA-Z0-9_])+$/.test(key)) {
      throw new ServiceError(
        'ValidationException',
        `1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]`,
      );
    }
  }
  const measured = JSON.stringify(variables);
  if (Buffer.byteLength(measured) > ENVIRONMENT_LIMIT_BYTES) {
    throw new ServiceError(
      'InvalidParameterValueException',
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
}
