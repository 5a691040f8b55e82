// `functions:` compiled to AWS::Lambda::Function resources as the Framework does: provider defaults
// (runtime, memory 1024, timeout 6, environment, tags, layers, tracing), the execution role, a version
// named by a hash of code and configuration (so an unchanged function publishes no new version), the
// provisioned-concurrency alias, the function URL and the asynchronous invocation settings.
// https://www.serverless.com/framework/docs/providers/aws/guide/functions

import { createHash } from 'node:crypto';
import {
  type Compilation,
  type FunctionEntry,
  isObject,
  type Json,
  type JsonObject,
  type TemplateResource,
} from './compilation.js';
import { deploymentBucketName } from './core-template.js';
import { addEventInvokeConfig } from './destinations.js';
import { ServerlessError } from './errors.js';
import { addFunctionUrl } from './function-url.js';
import { DEPLOYMENT_BUCKET_LOGICAL_ID, naming, ROLE_LOGICAL_ID } from './naming.js';

export const DEFAULT_RUNTIME = 'nodejs24.x';

/** Two passes, in the Framework's order: it compiles functions concurrently, so every function's own
 * properties (and the statements they add to the shared role) come before any version, URL or
 * destination statement. */
export function addFunctions(compilation: Compilation): void {
  const compiled = compilation.functions.map((fn) => ({ fn, ...addFunction(compilation, fn) }));
  for (const { fn, resource, sha256 } of compiled) addVersionAndRest(compilation, fn, resource, sha256);
}

function addFunction(
  compilation: Compilation,
  fn: FunctionEntry,
): { resource: TemplateResource; sha256: string } {
  const { provider, input } = compilation;
  const config = fn.config;
  if (!config.handler && !config.image)
    throw new ServerlessError(
      `Either "handler" or "image" property needs to be set on function "${fn.key}"`,
      'FUNCTION_NEITHER_HANDLER_NOR_IMAGE_DEFINED_ERROR',
    );
  if (config.image)
    throw new ServerlessError(
      `Function "${fn.key}" is a container image: Nimbus runs zip-packaged functions only (Lambda's container images are not served)`,
      'NIMBUS_IMAGE_FUNCTIONS_UNSUPPORTED',
    );
  const artifact = input.artifactOf(fn.key);
  const properties: JsonObject = {
    Code: {
      S3Bucket: deploymentBucketName(compilation) ?? { Ref: DEPLOYMENT_BUCKET_LOGICAL_ID },
      S3Key: `${input.artifactDirectoryName}/${artifact.fileName}`,
    },
  };
  const resource: TemplateResource = { Type: 'AWS::Lambda::Function', Properties: properties };
  const runtimeManagement = runtimeManagementOf(provider.runtimeManagement, config.runtimeManagement);
  if (runtimeManagement) properties.RuntimeManagementConfig = runtimeManagement;
  properties.Handler = config.handler!;
  properties.Runtime = (config.runtime ?? provider.runtime ?? DEFAULT_RUNTIME) as Json;
  properties.FunctionName = fn.name;
  properties.MemorySize = (config.memorySize ?? provider.memorySize ?? 1024) as Json;
  properties.Timeout = (config.timeout || provider.timeout || 6) as Json;
  const architecture = config.architecture ?? provider.architecture;
  if (architecture) properties.Architectures = [architecture];
  if (config.description) properties.Description = config.description;
  if (config.snapStart) properties.SnapStart = { ApplyOn: 'PublishedVersions' };
  if (typeof config.condition === 'string') resource.Condition = config.condition;
  const dependsOn: string[] = [];
  if (config.dependsOn) dependsOn.push(...([config.dependsOn].flat() as string[]));
  if (config.tags || provider.tags) {
    const tags = {
      ...(isObject(provider.tags) ? provider.tags : {}),
      ...(isObject(config.tags) ? config.tags : {}),
    };
    properties.Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  }
  if (config.ephemeralStorageSize) properties.EphemeralStorage = { Size: config.ephemeralStorageSize };
  if (config.recursiveLoop) properties.RecursiveLoop = config.recursiveLoop;
  const statements = compilation.roleStatements;
  if (config.onError) {
    properties.DeadLetterConfig = { TargetArn: config.onError };
    if (typeof config.onError === 'string' && statements)
      statements.push({ Effect: 'Allow', Action: ['sns:Publish'], Resource: [config.onError] });
  }
  const kmsKeyArn = config.kmsKeyArn ?? provider.kmsKeyArn;
  if (kmsKeyArn) {
    properties.KmsKeyArn = kmsKeyArn;
    if (typeof kmsKeyArn === 'string' && statements)
      appendIfMissing(statements, { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [kmsKeyArn] });
  }
  const tracing = config.tracing ?? (isObject(provider.tracing) ? provider.tracing.lambda : undefined);
  if (tracing) {
    properties.TracingConfig = { Mode: typeof tracing === 'boolean' ? 'Active' : tracing };
    if (statements)
      appendIfMissing(statements, {
        Effect: 'Allow',
        Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        Resource: ['*'],
      });
  }
  if (config.environment || provider.environment)
    properties.Environment = {
      Variables: {
        ...(isObject(provider.environment) ? provider.environment : {}),
        ...(isObject(config.environment) ? config.environment : {}),
      },
    };
  addRole(compilation, fn, properties, dependsOn);
  const vpc = vpcConfigOf(config.vpc, provider.vpc);
  if (vpc) properties.VpcConfig = vpc;
  if (config.fileSystemConfig) {
    if (!vpc)
      throw new ServerlessError(
        `Function "${fn.key}": when using fileSystemConfig, ensure that function has vpc configured on function or provider level`,
        'LAMBDA_FILE_SYSTEM_CONFIG_MISSING_VPC',
      );
    const fs = config.fileSystemConfig as JsonObject;
    statements?.push({
      Effect: 'Allow',
      Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      Resource: [fs.arn!],
    });
    properties.FileSystemConfigs = [{ Arn: fs.arn!, LocalMountPath: fs.localMountPath! }];
  }
  if (config.reservedConcurrency || config.reservedConcurrency === 0)
    properties.ReservedConcurrentExecutions = config.reservedConcurrency;
  // The log group first, so the function's first invocation finds it with its retention.
  if (!config.disableLogs) dependsOn.unshift(naming.logGroupLogicalId(fn.key));
  if (dependsOn.length > 0) resource.DependsOn = dependsOn;
  if (config.layers) properties.Layers = config.layers;
  else if (Array.isArray(provider.layers)) properties.Layers = [...provider.layers];
  compilation.resources[naming.functionLogicalId(fn.key)] = resource;
  return { resource, sha256: artifact.sha256 };
}

function addVersionAndRest(
  compilation: Compilation,
  fn: FunctionEntry,
  resource: TemplateResource,
  sha256: string,
): void {
  const { provider } = compilation;
  const config = fn.config;
  const properties = resource.Properties!;
  const versioned = config.versionFunction ?? provider.versionFunctions ?? true;
  if (versioned || config.provisionedConcurrency || config.snapStart)
    addVersion(compilation, fn, resource, sha256, Boolean(versioned));
  addLoggingConfig(config.logs ?? (isObject(provider.logs) ? provider.logs.lambda : undefined), properties);
  addFunctionUrl(compilation, fn);
  addEventInvokeConfig(compilation, fn);
}

function addRole(
  compilation: Compilation,
  fn: FunctionEntry,
  properties: JsonObject,
  dependsOn: string[],
): void {
  const role = compilation.customRoleOf(fn) ?? ROLE_LOGICAL_ID;
  if (typeof role === 'string') {
    properties.Role = role.startsWith('arn:') ? role : { 'Fn::GetAtt': [role, 'Arn'] };
    if (!role.startsWith('arn:') && role !== ROLE_LOGICAL_ID) dependsOn.push(role);
    return;
  }
  properties.Role = role;
  const getAtt = isObject(role) ? role['Fn::GetAtt'] : undefined;
  if (Array.isArray(getAtt)) dependsOn.push(getAtt[0] as string);
}

/** The version, named by a hash of the code and of the configuration a version freezes (not tags or
 * reserved concurrency, which belong to the function), so a redeploy of the same code publishes none. */
function addVersion(
  compilation: Compilation,
  fn: FunctionEntry,
  resource: TemplateResource,
  codeSha256: string,
  versioned: boolean,
): void {
  const hash = createHash('sha256');
  hash.update(codeSha256);
  const frozen = structuredClone(resource.Properties!);
  const layerHashes = layerConfigurations(compilation, frozen.Layers)
    .map((layer) => compilation.input.layerArtifactOf?.(String((layer as JsonObject).name)))
    .filter((artifact) => artifact !== undefined)
    .sort((a, b) => a.fileName.localeCompare(b.fileName));
  for (const artifact of layerHashes) hash.update(artifact.sha256);
  delete frozen.Code;
  delete frozen.ReservedConcurrentExecutions;
  delete frozen.Tags;
  frozen.layerConfigurations = layerConfigurations(compilation, frozen.Layers);
  hash.update(JSON.stringify(sortedDeep(frozen)));
  const version: TemplateResource = {
    Type: 'AWS::Lambda::Version',
    // Old versions stay when a new one replaces them; they go with the function.
    DeletionPolicy: 'Retain',
    Properties: { FunctionName: { Ref: naming.functionLogicalId(fn.key) }, CodeSha256: codeSha256 },
  };
  if (typeof fn.config.condition === 'string') version.Condition = fn.config.condition;
  if (fn.config.description) version.Properties!.Description = fn.config.description;
  const versionId = naming.versionLogicalId(fn.key, hash.digest('base64'));
  compilation.resources[versionId] = version;
  compilation.template.Outputs[naming.versionOutputLogicalId(fn.key)] = {
    Description: 'Current Lambda function version',
    Value: { Ref: versionId },
    ...(typeof fn.config.condition === 'string' ? { Condition: fn.config.condition } : {}),
  };
  if (!fn.targetAlias) return;
  if (!versioned) delete version.DeletionPolicy;
  compilation.resources[fn.targetAlias.logicalId] = {
    Type: 'AWS::Lambda::Alias',
    Properties: {
      FunctionName: { Ref: naming.functionLogicalId(fn.key) },
      FunctionVersion: { 'Fn::GetAtt': [versionId, 'Version'] },
      Name: fn.targetAlias.name,
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: fn.config.provisionedConcurrency! },
    },
    DependsOn: naming.functionLogicalId(fn.key),
    ...(typeof fn.config.condition === 'string' ? { Condition: fn.config.condition } : {}),
  };
}

/** The service's own layers a function uses, as the version hash includes them. */
function layerConfigurations(compilation: Compilation, layers: Json | undefined): Json[] {
  if (!Array.isArray(layers)) return [];
  const found: Json[] = [];
  for (const layer of layers) {
    const ref = isObject(layer) ? layer.Ref : undefined;
    const declared = typeof ref === 'string' ? compilation.resources[ref] : undefined;
    const key = typeof ref === 'string' ? compilation.layerKeys.get(ref) : undefined;
    if (!declared || typeof ref !== 'string' || key === undefined) continue;
    const properties = structuredClone(declared.Properties ?? {});
    if (isObject(properties.Content)) delete properties.Content.S3Key;
    found.push({ name: key, ref, properties });
  }
  return found;
}

function addLoggingConfig(logs: Json | undefined, properties: JsonObject): void {
  if (!isObject(logs)) return;
  const config: JsonObject = {};
  if (logs.applicationLogLevel) config.ApplicationLogLevel = logs.applicationLogLevel;
  if (logs.logFormat) config.LogFormat = logs.logFormat;
  if (logs.logGroup) config.LogGroup = logs.logGroup;
  if (logs.systemLogLevel) config.SystemLogLevel = logs.systemLogLevel;
  if (Object.keys(config).length > 0) properties.LoggingConfig = config;
}

function runtimeManagementOf(...levels: (Json | undefined)[]): JsonObject | undefined {
  let mode = 'auto';
  let arn: Json | undefined;
  for (const level of levels) {
    if (typeof level === 'string') mode = level;
    else if (isObject(level)) {
      if (typeof level.mode === 'string') mode = level.mode;
      if (level.arn) arn = level.arn;
    }
  }
  const modes: Record<string, string> = { onFunctionUpdate: 'FunctionUpdate', manual: 'Manual' };
  const updateOn = modes[mode];
  if (!updateOn) return undefined;
  return updateOn === 'Manual'
    ? { UpdateRuntimeOn: updateOn, RuntimeVersionArn: arn ?? null }
    : { UpdateRuntimeOn: updateOn };
}

function vpcConfigOf(functionVpc: Json | undefined, providerVpc: Json | undefined): JsonObject | undefined {
  if (functionVpc === null || functionVpc === false) return undefined;
  const fn = isObject(functionVpc) ? functionVpc : {};
  const provider = isObject(providerVpc) ? providerVpc : {};
  const securityGroupIds = fn.securityGroupIds ?? provider.securityGroupIds;
  const subnetIds = fn.subnetIds ?? provider.subnetIds;
  if (!securityGroupIds || !subnetIds) return undefined;
  const config: JsonObject = { SecurityGroupIds: securityGroupIds, SubnetIds: subnetIds };
  const ipv6 = fn.ipv6AllowedForDualStack || provider.ipv6AllowedForDualStack;
  if (ipv6 !== undefined) config.Ipv6AllowedForDualStack = ipv6;
  return config;
}

function appendIfMissing(statements: Json[], statement: JsonObject): void {
  const text = JSON.stringify(statement);
  if (!statements.some((existing) => JSON.stringify(existing) === text)) statements.push(statement);
}

/** Keys sorted at every depth (arrays keep their order), as the Framework hashes configurations. */
export function sortedDeep(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, item]) => [key, sortedDeep(item)]),
  );
}
