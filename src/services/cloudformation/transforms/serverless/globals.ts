// The `Globals` section: properties every resource of a type inherits, merged as SAM merges them (maps merged key by
// key, lists concatenated global first, scalars and mismatched types replaced by the resource's own value).
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html

/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings (and SAM's own message) use ${} */

import { InvalidSection } from './errors.js';
import { isIntrinsic, isRecord, type Properties } from './values.js';

/** What each section of Globals may set, as the SAM specification lists it. */
const SUPPORTED: Record<string, readonly string[]> = {
  Function: [
    'Handler',
    'Runtime',
    'CodeUri',
    'DeadLetterQueue',
    'Description',
    'MemorySize',
    'Timeout',
    'VpcConfig',
    'Environment',
    'Tags',
    'PropagateTags',
    'Tracing',
    'KmsKeyArn',
    'AutoPublishAlias',
    'AutoPublishAliasAllProperties',
    'Layers',
    'DeploymentPreference',
    'RolePath',
    'PermissionsBoundary',
    'ReservedConcurrentExecutions',
    'ProvisionedConcurrencyConfig',
    'AssumeRolePolicyDocument',
    'EventInvokeConfig',
    'FileSystemConfigs',
    'CodeSigningConfigArn',
    'Architectures',
    'SnapStart',
    'EphemeralStorage',
    'FunctionUrlConfig',
    'RuntimeManagementConfig',
    'LoggingConfig',
    'RecursiveLoop',
    'SourceKMSKeyArn',
    'TenancyConfig',
    'DurableConfig',
    'CapacityProviderConfig',
    'FunctionScalingConfig',
    'PublishToLatestPublished',
    'VersionDeletionPolicy',
  ],
  SimpleTable: ['SSESpecification'],
  LayerVersion: ['PublishLambdaVersion'],
};

/** Sections for types this transform refuses anyway (a template using them fails on the resource, not here). */
const UNTRANSLATED = ['Api', 'CapacityProvider', 'HttpApi', 'StateMachine', 'WebSocketApi'];

/** Checks the section and returns, per resource type (`AWS::Serverless::Function`), its global properties. */
export function readGlobals(globals: unknown): Map<string, Properties> {
  const out = new Map<string, Properties>();
  if (globals === undefined) return out;
  if (!isRecord(globals)) throw new InvalidSection('Globals', 'It must be a non-empty dictionary');
  for (const [section, properties] of Object.entries(globals)) {
    if (UNTRANSLATED.includes(section)) continue;
    const supported = SUPPORTED[section];
    if (!supported) {
      const names = [...Object.keys(SUPPORTED), ...UNTRANSLATED].sort();
      throw new InvalidSection(
        'Globals',
        `'${section}' is not supported. Must be one of the following values - [${names.map((name) => `'${name}'`).join(', ')}]`,
      );
    }
    // SAM's own message keeps the unexpanded placeholder.
    if (!isRecord(properties))
      throw new InvalidSection('Globals', 'Value of ${section} must be a dictionary');
    for (const key of Object.keys(properties)) {
      if (!supported.includes(key)) {
        throw new InvalidSection(
          'Globals',
          `'${key}' is not a supported property of '${section}'. Must be one of the following values - [${supported.map((name) => `'${name}'`).join(', ')}]`,
        );
      }
    }
    out.set(`AWS::Serverless::${section}`, properties);
  }
  return out;
}

/** The resource's properties with the globals merged in. */
export function mergeGlobals(global: Properties | undefined, local: Properties): Properties {
  if (!global) return local;
  return merge(global, local) as Properties;
}

function merge(global: unknown, local: unknown): unknown {
  const kind = kindOf(global);
  if (kind !== kindOf(local) || kind === 'scalar') return local;
  if (kind === 'list') return [...(global as unknown[]), ...(local as unknown[])];
  const out: Properties = { ...(global as Properties) };
  for (const [key, value] of Object.entries(local as Properties)) {
    out[key] = Object.hasOwn(out, key) ? merge(out[key], value) : value;
  }
  return out;
}

/** Intrinsics count as scalars: `!Ref X` replaces a global map rather than merging into it. */
function kindOf(value: unknown): 'map' | 'list' | 'scalar' {
  if (Array.isArray(value)) return 'list';
  if (isRecord(value) && !isIntrinsic(value)) return 'map';
  return 'scalar';
}
