// One compilation of a service: the resolved configuration read as the Framework reads it (stage, region,
// functions, provider defaults) and the CloudFormation template being built from it.

import { ServerlessError } from './errors.js';
import { naming, ROLE_LOGICAL_ID } from './naming.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface TemplateResource {
  Type: string;
  /** Custom resources' template version (the Framework writes `1.0`). */
  Version?: number;
  Properties?: JsonObject;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  [attribute: string]: Json | undefined;
}

export interface Template {
  AWSTemplateFormatVersion: string;
  Description: string;
  Resources: Record<string, TemplateResource>;
  Outputs: Record<string, JsonObject>;
  [section: string]: Json | Record<string, TemplateResource> | Record<string, JsonObject>;
}

/** A function's package, as the compiler needs it: the zip's file name under the artifact directory and
 * the zip's SHA-256 in base64 (what Lambda reports as CodeSha256). */
export interface Artifact {
  readonly fileName: string;
  readonly sha256: string;
}

export interface CompileInput {
  /** The configuration with its variables resolved. */
  readonly config: JsonObject;
  readonly stage: string;
  readonly region: string;
  /** `serverless/<service>/<stage>/<millis>-<iso date>`: where the artifacts go in the deployment bucket. */
  readonly artifactDirectoryName: string;
  /** The package of a function (by its key under `functions`). */
  readonly artifactOf: (functionKey: string) => Artifact;
  /** Where a layer's package is (by its key under `layers`). */
  readonly layerArtifactOf?: (layerKey: string) => Artifact | undefined;
  /** The service's directory, where plugins' files are read from (an AppSync schema); default the cwd. */
  readonly serviceDir?: string;
}

/** A function as configured, with its key. */
export interface FunctionEntry {
  readonly key: string;
  readonly config: JsonObject;
  /** The deployed name: `name`, else `<service>-<stage>-<key>`. */
  readonly name: string;
  /** The alias the function's events target (provisioned concurrency), if any. */
  readonly targetAlias?: { readonly name: string; readonly logicalId: string };
}

export class Compilation {
  readonly service: string;
  readonly stage: string;
  readonly region: string;
  readonly provider: JsonObject;
  readonly functions: readonly FunctionEntry[];
  /** The service's own layers: logical id → key under `layers` (versions hash what their functions use). */
  readonly layerKeys = new Map<string, string>();
  readonly template: Template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'The AWS CloudFormation template for this Serverless application',
    Resources: {},
    Outputs: {},
  };

  constructor(readonly input: CompileInput) {
    const { config } = input;
    const serviceName = serviceNameOf(config);
    if (serviceName === undefined)
      throw new ServerlessError('"service" property is missing in serverless.yml', 'SERVICE_NAME_MISSING');
    this.service = serviceName;
    this.stage = input.stage;
    this.region = input.region;
    this.provider = isObject(config.provider) ? config.provider : {};
    const functions = isObject(config.functions) ? config.functions : {};
    this.functions = Object.entries(functions).map(([key, value]) => {
      const fn = isObject(value) ? value : {};
      const name = functionNameOf(config, this.stage, key);
      const targetAlias = fn.provisionedConcurrency
        ? { name: 'provisioned', logicalId: naming.provisionedAliasLogicalId(key) }
        : undefined;
      return { key, config: fn, name, targetAlias };
    });
  }

  get resources(): Record<string, TemplateResource> {
    return this.template.Resources;
  }

  /** The default execution role's statements, or undefined when the service brings its own role. */
  get roleStatements(): Json[] | undefined {
    const role = this.resources[ROLE_LOGICAL_ID];
    const policies = role?.Properties?.Policies;
    if (!Array.isArray(policies)) return undefined;
    const document = (policies[0] as JsonObject).PolicyDocument as JsonObject;
    return document.Statement as Json[];
  }

  /** The function's ARN as its events reference it: the function, or its alias when it has one. */
  functionTarget(fn: FunctionEntry): Json {
    const arn = { 'Fn::GetAtt': [naming.functionLogicalId(fn.key), 'Arn'] };
    return fn.targetAlias ? { 'Fn::Join': [':', [arn, fn.targetAlias.name]] } : arn;
  }

  /** The role a function runs with when it is not the default one: its own `role`, the provider's
   * existing role (`iam.role` as a name/ARN/intrinsic), or the provider's `role`. */
  customRoleOf(fn: FunctionEntry): Json | undefined {
    if (fn.config.role) return fn.config.role;
    const iam = isObject(this.provider.iam) ? this.provider.iam : undefined;
    const role = iam?.role;
    if (isExistingRole(role)) return role;
    return this.provider.role;
  }

  /** The logical id of the role resource the function's mappings must wait for, if it is in the template. */
  roleResourceOf(fn: FunctionEntry): string | undefined {
    const role = this.customRoleOf(fn);
    if (role === undefined || role === null) return ROLE_LOGICAL_ID;
    if (typeof role === 'string') return role.includes(':') ? undefined : role;
    if (isObject(role)) {
      const getAtt = role['Fn::GetAtt'];
      if (
        Array.isArray(getAtt) &&
        getAtt.length === 2 &&
        getAtt[1] === 'Arn' &&
        typeof getAtt[0] === 'string'
      )
        return getAtt[0];
    }
    return undefined;
  }

  /** The function entry for a key, or the Framework's error. */
  requireFunction(key: string): FunctionEntry {
    const fn = this.functions.find((entry) => entry.key === key);
    if (!fn)
      throw new ServerlessError(
        `Function "${key}" doesn't exist in this Service`,
        'FUNCTION_MISSING_IN_SERVICE',
      );
    return fn;
  }
}

/** The service's name: `service: orders` or `service: { name: orders }`; undefined when absent. */
export function serviceNameOf(config: JsonObject): string | undefined {
  const service = isObject(config.service) ? config.service.name : config.service;
  return typeof service === 'string' && service !== '' ? service : undefined;
}

/** `provider.stackName`, else `<service>-<stage>`, as the Framework names the stack. */
export function stackNameOf(config: JsonObject, stage: string): string {
  const provider = isObject(config.provider) ? config.provider : {};
  return typeof provider.stackName === 'string' ? provider.stackName : `${serviceNameOf(config)}-${stage}`;
}

/** A function's deployed name: its `name`, else `<service>-<stage>-<key>`. */
export function functionNameOf(config: JsonObject, stage: string, key: string): string {
  const functions = isObject(config.functions) ? config.functions : {};
  const fn = functions[key];
  return isObject(fn) && typeof fn.name === 'string' ? fn.name : `${serviceNameOf(config)}-${stage}-${key}`;
}

/** The bucket `provider.deploymentBucket` names (`name` or `{ name }`); undefined when the stack makes its own. */
export function deploymentBucketNameOf(config: JsonObject): string | undefined {
  const provider = isObject(config.provider) ? config.provider : {};
  const option = provider.deploymentBucket;
  if (typeof option === 'string') return option;
  return isObject(option) && typeof option.name === 'string' ? option.name : undefined;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A provider `iam.role` that names an existing role (a string, or an intrinsic function) rather than
 * describing the default one (`statements`, `managedPolicies`, ...). */
export function isExistingRole(role: unknown): boolean {
  return typeof role === 'string' || (isObject(role) && Object.keys(role).some((key) => key.includes('::')));
}

/** `[a, b]` for a DependsOn, as CloudFormation accepts either form. */
export function dependsOnList(resource: TemplateResource): string[] {
  const dependsOn = resource.DependsOn;
  return dependsOn === undefined ? [] : Array.isArray(dependsOn) ? dependsOn : [dependsOn];
}
