// AWS::Serverless::Function → AWS::Lambda::Function with the `lambda:createdBy: SAM` tag, its generated role
// `<Function>Role` (unless `Role` is given), `AutoPublishAlias` as a Version (`<Function>Version<hash>`, retained)
// and an Alias (`<Function>Alias<name>`), and the resources of each event source.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html

import type { ResourceDeclaration } from '../../template/parse.js';
import { publish } from './auto-publish.js';
import { s3Location } from './code.js';
import { InvalidEvent, InvalidResource, notServed } from './errors.js';
import type { EventTarget, Generated } from './event-target.js';
import { isPullEvent, pullEvent } from './pull-events.js';
import { isPushEvent, pushEvent } from './push-events.js';
import { draftRole, type RoleDraft, roleProperties } from './role.js';
import { defined, getAtt, isIf, isRecord, type Properties, ref, samTags } from './values.js';

export interface FunctionContext {
  readonly partition: string;
  readonly templateDirectory: string | undefined;
  /** Parameter values (defaults included) and AWS::Region / AWS::Partition, for what SAM resolves before hashing. */
  readonly parameters: Record<string, unknown>;
  readonly resources: Record<string, ResourceDeclaration>;
}

/** The references `F.Alias` and `F.Version` may stand for, as SAM resolves them. */
export interface FunctionReferences {
  Alias?: string;
  Version?: string;
}

const PROPERTIES = new Set([
  'FunctionName',
  'Handler',
  'Runtime',
  'CodeUri',
  'ImageUri',
  'PackageType',
  'InlineCode',
  'DeadLetterQueue',
  'Description',
  'MemorySize',
  'Timeout',
  'VpcConfig',
  'Role',
  'AssumeRolePolicyDocument',
  'Policies',
  'RolePath',
  'PermissionsBoundary',
  'Environment',
  'Events',
  'Tags',
  'PropagateTags',
  'Tracing',
  'KmsKeyArn',
  'DeploymentPreference',
  'ReservedConcurrentExecutions',
  'Layers',
  'EventInvokeConfig',
  'EphemeralStorage',
  'AutoPublishAlias',
  'AutoPublishCodeSha256',
  'AutoPublishAliasAllProperties',
  'VersionDescription',
  'ProvisionedConcurrencyConfig',
  'FileSystemConfigs',
  'ImageConfig',
  'CodeSigningConfigArn',
  'Architectures',
  'SnapStart',
  'FunctionUrlConfig',
  'RuntimeManagementConfig',
  'LoggingConfig',
  'RecursiveLoop',
  'SourceKMSKeyArn',
  'CapacityProviderConfig',
  'FunctionScalingConfig',
  'VersionDeletionPolicy',
  'PublishToLatestPublished',
  'TenancyConfig',
  'DurableConfig',
]);

/** SAM properties whose translation needs a service or resource Nimbus does not have yet. */
const NOT_SERVED: Record<string, string> = {
  DeploymentPreference: 'DeploymentPreference (CodeDeploy)',
  EventInvokeConfig: 'EventInvokeConfig on a SAM function',
  FunctionUrlConfig: 'FunctionUrlConfig on a SAM function',
  ProvisionedConcurrencyConfig: 'ProvisionedConcurrencyConfig',
  CapacityProviderConfig: 'CapacityProviderConfig',
  FunctionScalingConfig: 'FunctionScalingConfig',
  PublishToLatestPublished: 'PublishToLatestPublished',
  TenancyConfig: 'TenancyConfig',
  ImageUri: 'A container image function (ImageUri)',
};

/** Event types SAM knows that Nimbus does not translate yet, with the reason. */
const OTHER_EVENTS: Record<string, string> = {
  Api: 'API Gateway is not served by Nimbus yet',
  HttpApi: 'API Gateway is not served by Nimbus yet',
};
const KNOWN_UNSERVED_EVENTS = [
  'AlexaSkill',
  'IoTRule',
  'Cognito',
  'CloudWatchLogs',
  'MSK',
  'MQ',
  'SelfManagedKafka',
  'DocumentDB',
  'ScheduleV2',
];

/** Translates one function; returns its resources and what `F.Alias` / `F.Version` refer to. */
export function translateFunction(
  logicalId: string,
  declaration: ResourceDeclaration,
  properties: Properties,
  context: FunctionContext,
): { resources: Generated; references: FunctionReferences } {
  checkProperties(logicalId, properties);
  const attributes = passthrough(declaration);
  const lambda = lambdaProperties(logicalId, properties, context);
  const resources: Generated = {};
  const references: FunctionReferences = {};
  const lambdaDeclaration: ResourceDeclaration = {
    Type: 'AWS::Lambda::Function',
    ...resourceAttributes(declaration),
  };
  resources[logicalId] = lambdaDeclaration;

  let name: unknown = ref(logicalId);
  let arn: unknown = getAtt(logicalId, 'Arn');
  if (properties.AutoPublishAlias !== undefined) {
    const { version, alias } = publish(logicalId, properties, lambda, attributes, context);
    Object.assign(resources, version, alias);
    references.Version = Object.keys(version)[0];
    references.Alias = Object.keys(alias)[0];
    name = ref(references.Alias!);
    arn = ref(references.Alias!);
  }

  let role: RoleDraft | undefined;
  if (properties.Role === undefined) {
    role = draftRole(logicalId, properties, context.partition);
    lambda.Role = getAtt(role.logicalId, 'Arn');
  } else if (isIf(properties.Role)) {
    throw new InvalidResource(
      logicalId,
      notServed('A Role chosen with Fn::If (a conditionally generated role)'),
    );
  }
  const target: EventTarget = {
    functionId: logicalId,
    name,
    arn,
    attributes,
    role,
    partition: context.partition,
    resources: context.resources,
  };
  Object.assign(resources, events(logicalId, properties.Events, target));
  if (role)
    resources[role.logicalId] = { Type: 'AWS::IAM::Role', ...attributes, Properties: roleProperties(role) };
  lambdaDeclaration.Properties = defined(lambda);
  return { resources, references };
}

function checkProperties(logicalId: string, properties: Properties): void {
  for (const [name, value] of Object.entries(properties)) {
    if (!PROPERTIES.has(name)) {
      throw new InvalidResource(
        logicalId,
        `property ${name} not defined for resource of type AWS::Serverless::Function`,
      );
    }
    if (NOT_SERVED[name] && value !== undefined)
      throw new InvalidResource(logicalId, notServed(NOT_SERVED[name]));
  }
  if (properties.PropagateTags === true) throw new InvalidResource(logicalId, notServed('PropagateTags'));
  if (properties.PackageType !== undefined && properties.PackageType !== 'Zip') {
    throw new InvalidResource(logicalId, notServed(`PackageType ${String(properties.PackageType)}`));
  }
  if (properties.DeadLetterQueue !== undefined) {
    const dlq = properties.DeadLetterQueue;
    if (!isRecord(dlq) || !dlq.Type || !dlq.TargetArn) {
      throw new InvalidResource(
        logicalId,
        "'DeadLetterQueue' requires Type and TargetArn properties to be specified.",
      );
    }
    if (dlq.Type !== 'SQS' && dlq.Type !== 'SNS')
      throw new InvalidResource(logicalId, "'DeadLetterQueue' requires Type of ['SQS', 'SNS']");
  }
}

function lambdaProperties(logicalId: string, properties: Properties, context: FunctionContext): Properties {
  const tracing = properties.Tracing;
  const dlq = properties.DeadLetterQueue as Properties | undefined;
  const lambda: Properties = {
    FunctionName: properties.FunctionName,
    Handler: properties.Handler,
    Runtime: properties.Runtime,
    Description: properties.Description,
    MemorySize: properties.MemorySize,
    Timeout: properties.Timeout,
    VpcConfig: properties.VpcConfig,
    Role: properties.Role,
    Environment: properties.Environment,
    Code: code(logicalId, properties, context),
    KmsKeyArn: properties.KmsKeyArn,
    ReservedConcurrentExecutions: properties.ReservedConcurrentExecutions,
    Tags: samTagsOf(logicalId, properties.Tags),
    Layers: properties.Layers,
    FileSystemConfigs: properties.FileSystemConfigs,
    ImageConfig: properties.ImageConfig,
    PackageType: properties.PackageType,
    Architectures: properties.Architectures,
    SnapStart: properties.SnapStart,
    EphemeralStorage: properties.EphemeralStorage,
    TracingConfig: tracing !== undefined && tracing !== 'Disabled' ? { Mode: tracing } : undefined,
    DeadLetterConfig: dlq ? { TargetArn: dlq.TargetArn } : undefined,
    CodeSigningConfigArn: properties.CodeSigningConfigArn,
    RuntimeManagementConfig: properties.RuntimeManagementConfig,
    LoggingConfig: properties.LoggingConfig,
    RecursiveLoop: properties.RecursiveLoop,
    DurableConfig: properties.DurableConfig,
  };
  if (!lambda.Runtime || !lambda.Handler) {
    throw new InvalidResource(
      logicalId,
      'Runtime and Handler needs to be present when PackageType is of type `Zip`',
    );
  }
  return lambda;
}

function samTagsOf(logicalId: string, tags: unknown) {
  try {
    return samTags(tags);
  } catch (error) {
    throw new InvalidResource(logicalId, (error as Error).message);
  }
}

function code(logicalId: string, properties: Properties, context: FunctionContext): Properties {
  if (properties.InlineCode !== undefined) return { ZipFile: properties.InlineCode };
  if (properties.CodeUri === undefined)
    throw new InvalidResource(logicalId, "Only one of 'InlineCode' or 'CodeUri' can be set.");
  const located = s3Location(properties.CodeUri, logicalId, 'CodeUri', context.templateDirectory);
  if (properties.SourceKMSKeyArn !== undefined) located.SourceKMSKeyArn = properties.SourceKMSKeyArn;
  return located;
}

/** Each event source's resources, in SAM's order (by event id), so the role's policies come out in the same order. */
function events(logicalId: string, declared: unknown, target: EventTarget): Generated {
  if (declared === undefined) return {};
  if (!isRecord(declared)) throw new InvalidResource(logicalId, "Property 'Events' should be a map.");
  const out: Generated = {};
  for (const [eventId, event] of Object.entries(declared).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    try {
      const type = isRecord(event) ? event.Type : undefined;
      const properties = isRecord(event) && isRecord(event.Properties) ? event.Properties : {};
      if (typeof type === 'string' && OTHER_EVENTS[type])
        throw new InvalidEvent(eventId, `${type} events need ${OTHER_EVENTS[type]}.`);
      if (typeof type === 'string' && KNOWN_UNSERVED_EVENTS.includes(type))
        throw new InvalidEvent(eventId, notServed(`The ${type} event source`));
      if (typeof type === 'string' && isPullEvent(type))
        Object.assign(out, pullEvent(eventId, type, properties, target));
      else if (typeof type === 'string' && isPushEvent(type))
        Object.assign(out, pushEvent(eventId, type, properties, target));
      else
        throw new InvalidEvent(
          eventId,
          `Resource dict has missing or invalid value for key Type. Event Type is: ${String(type)}.`,
        );
    } catch (error) {
      if (error instanceof InvalidEvent) throw new InvalidResource(logicalId, error.message);
      throw error;
    }
  }
  return out;
}

/** Condition, DeletionPolicy and UpdateReplacePolicy: what SAM copies onto every resource a function generates. */
export function passthrough(declaration: ResourceDeclaration): Partial<ResourceDeclaration> {
  return defined({
    Condition: declaration.Condition,
    DeletionPolicy: declaration.DeletionPolicy,
    UpdateReplacePolicy: declaration.UpdateReplacePolicy,
  }) as Partial<ResourceDeclaration>;
}

/** The attributes the translated resource itself keeps (DependsOn, Metadata and UpdatePolicy included). */
export function resourceAttributes(declaration: ResourceDeclaration): Partial<ResourceDeclaration> {
  return defined({
    DependsOn: declaration.DependsOn,
    ...passthrough(declaration),
    UpdatePolicy: declaration.UpdatePolicy,
    Metadata: declaration.Metadata,
  }) as Partial<ResourceDeclaration>;
}
