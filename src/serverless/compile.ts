// serverless.yml → CloudFormation, in the Framework's order: the core template, log groups and the shared
// role, functions, events, then the service's own `resources` merged over what was generated.
// https://www.serverless.com/framework/docs/providers/aws/guide/resources

import { compileAppSync } from './appsync/index.js';
import {
  Compilation,
  type CompileInput,
  isObject,
  type Json,
  type JsonObject,
  stackNameOf,
  type Template,
} from './compilation.js';
import { addCoreTemplate } from './core-template.js';
import { ServerlessError } from './errors.js';
import { compileEvents } from './events/index.js';
import { addLogGroupsAndRole } from './execution-role.js';
import { addFunctions } from './functions.js';
import { addLayers } from './layers.js';
import type { PackagedArtifact } from './package.js';
import { compileStepFunctions } from './step-functions/index.js';

export interface CompiledService {
  /** `cloudformation-template-update-stack.json`: the whole service. */
  readonly template: Template;
  /** `cloudformation-template-create-stack.json`: the deployment bucket alone, deployed first. */
  readonly coreTemplate: Template;
  readonly stackName: string;
  readonly compilation: Compilation;
}

export function compileService(
  input: CompileInput,
  layerArtifacts: ReadonlyMap<string, PackagedArtifact> = new Map(),
): CompiledService {
  const compilation = new Compilation(input);
  const coreTemplate = addCoreTemplate(compilation);
  addLogGroupsAndRole(compilation);
  addLayers(compilation, layerArtifacts);
  addFunctions(compilation);
  // serverless-step-functions compiles at package:compileFunctions, before the events.
  compileStepFunctions(compilation);
  compileEvents(compilation);
  addExportNames(compilation);
  // serverless-appsync-plugin adds its resources to the service's `resources`, merged next.
  compileAppSync(compilation);
  mergeServiceResources(compilation);
  stripNulls(compilation.template);
  return {
    template: compilation.template,
    coreTemplate,
    stackName: stackNameOf(input.config, compilation.stage),
    compilation,
  };
}

/** The generated outputs are exported as `sls-<service>-<stage>-<key>`, so other stacks can import them. */
function addExportNames(compilation: Compilation): void {
  for (const [key, output] of Object.entries(compilation.template.Outputs))
    output.Export ??= { Name: `sls-${compilation.service}-${compilation.stage}-${key}` };
}

const EXTENDABLE = new Set([
  'Condition',
  'CreationPolicy',
  'DeletionPolicy',
  'UpdatePolicy',
  'UpdateReplacePolicy',
]);

/** `resources:` deep-merged over the generated template (so `HelloLambdaFunction: { Properties: ... }`
 * overrides what was generated), then `resources.extensions` applied to generated resources. */
function mergeServiceResources(compilation: Compilation): void {
  const resources = compilation.input.config.resources;
  if (resources === undefined || resources === null) return;
  const sections = [resources].flat();
  for (const section of sections) {
    if (!isObject(section)) continue;
    const { extensions, ...rest } = section;
    mergePlain(compilation.template as unknown as JsonObject, rest);
    if (isObject(extensions)) applyExtensions(compilation, extensions);
  }
}

function applyExtensions(compilation: Compilation, extensions: JsonObject): void {
  for (const [logicalId, extension] of Object.entries(extensions)) {
    const resource = compilation.resources[logicalId];
    if (!isObject(extension)) continue;
    for (const [attribute, value] of Object.entries(extension)) {
      if (!resource)
        throw new ServerlessError(
          `Cannot extend "${logicalId}" resource, as it's not found in generated stack`,
          'RESOURCE_EXTENSION_NOT_EXISTING',
        );
      if (EXTENDABLE.has(attribute)) resource[attribute] = value;
      else if (attribute === 'Properties' || attribute === 'Metadata') {
        const target = (isObject(resource[attribute]) ? resource[attribute] : {}) as JsonObject;
        Object.assign(target, value);
        resource[attribute] = target;
      } else if (attribute === 'DependsOn') {
        const existing = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat();
        resource.DependsOn = [...existing, ...([value].flat() as string[])];
      } else
        throw new ServerlessError(
          `Cannot extend "${logicalId}" resource, as extending the "${attribute}" attribute at this point is not supported.`,
          'RESOURCE_EXTENSION_UNSUPPORTED_ATTRIBUTE',
        );
    }
  }
}

/** Plain objects merge key by key; anything else (arrays, scalars) replaces. */
function mergePlain(target: JsonObject, source: JsonObject): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isObject(existing) && isObject(value)) mergePlain(existing, value);
    else target[key] = structuredClone(value);
  }
}

/** Null properties are dropped: YAML's `~` is how a service removes a generated property. */
function stripNulls(template: Template): void {
  const strip = (value: JsonObject) => {
    for (const [key, item] of Object.entries(value)) {
      if (item === null) delete value[key];
      else if (typeof item === 'object') strip(item as JsonObject);
    }
  };
  for (const resource of Object.values(template.Resources)) {
    if (resource.Properties) strip(resource.Properties);
    else delete resource.Properties;
  }
}

export type { Json };
