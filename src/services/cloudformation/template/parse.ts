// Parses a template body (JSON or YAML) and checks its top-level structure as CloudFormation does before anything runs.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html

import { formatError, isRecord } from './errors.js';
import { readJson } from './json.js';
import { checkParameterDeclarations } from './parameters.js';
import { readYaml } from './yaml.js';

export interface Template {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Metadata?: Record<string, unknown>;
  Parameters?: Record<string, ParameterDeclaration>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Transform?: string | string[];
  Rules?: Record<string, unknown>;
  Resources: Record<string, ResourceDeclaration>;
  Outputs?: Record<string, OutputDeclaration>;
}

export interface ResourceDeclaration {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Record<string, unknown>;
  CreationPolicy?: unknown;
  UpdatePolicy?: unknown;
}

export interface ParameterDeclaration {
  Type: string;
  Default?: unknown;
  AllowedValues?: unknown[];
  AllowedPattern?: string;
  MinLength?: number | string;
  MaxLength?: number | string;
  MinValue?: number | string;
  MaxValue?: number | string;
  NoEcho?: boolean | string;
  Description?: string;
  ConstraintDescription?: string;
}

export interface OutputDeclaration {
  Value: unknown;
  Description?: string;
  Condition?: string;
  Export?: { Name: unknown };
}

/** The top-level sections a template may have (`Hooks` for CodeDeploy blue/green, `Globals` under the SAM transform). */
const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Mappings',
  'Conditions',
  'Transform',
  'Rules',
  'Resources',
  'Outputs',
  'Hooks',
]);

/** The attributes a resource declaration may carry. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-product-attribute-reference.html */
const RESOURCE_ATTRIBUTES = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'Metadata',
  'CreationPolicy',
  'UpdatePolicy',
  'Version', // custom resources (AWS::CloudFormation::CustomResource) may declare it
]);

export const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';
export const SERVERLESS = 'AWS::Serverless-2016-10-31';

export function parseTemplate(body: string): Template {
  const parsed = /^\s*\{/.test(body) ? readJson(body) : readYaml(body);
  if (!isRecord(parsed)) throw formatError('unsupported structure.');
  checkStructure(parsed);
  return parsed as unknown as Template;
}

/** The transforms a template declares, as a list. */
export function transformsOf(template: Pick<Template, 'Transform'>): string[] {
  const transform = template.Transform;
  if (transform === undefined) return [];
  return (Array.isArray(transform) ? transform : [transform]).filter((name) => typeof name === 'string');
}

/** A key such as `Fn::ForEach::Buckets` that the language extensions expand later. */
export function isForEachKey(key: string): boolean {
  return key.startsWith('Fn::ForEach::');
}

function checkStructure(template: Record<string, unknown>): void {
  const transforms = transformsOf(template);
  const extended = transforms.includes(LANGUAGE_EXTENSIONS);
  const unknown = Object.keys(template).filter(
    (key) => !SECTIONS.has(key) && !(key === 'Globals' && transforms.includes(SERVERLESS)),
  );
  if (unknown.length) throw formatError(`Invalid template property or properties [${unknown.join(', ')}]`);
  for (const section of ['Metadata', 'Parameters', 'Mappings', 'Conditions', 'Rules', 'Outputs']) {
    if (template[section] !== undefined && !isRecord(template[section])) {
      throw formatError(`Every ${section} member must be an object.`);
    }
  }
  if (template.Description !== undefined && typeof template.Description !== 'string') {
    throw formatError('Every Description member must be a string.');
  }
  const resources = template.Resources;
  if (!isRecord(resources) || Object.keys(resources).length === 0) {
    throw formatError('At least one Resources member must be defined.');
  }
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (extended && isForEachKey(logicalId)) continue;
    checkLogicalId(logicalId, 'Resource');
    if (!isRecord(resource) || typeof resource.Type !== 'string') {
      throw formatError(`[/Resources/${logicalId}] Every Resources object must contain a Type member.`);
    }
    for (const attribute of Object.keys(resource)) {
      if (!RESOURCE_ATTRIBUTES.has(attribute))
        throw formatError(`Invalid template resource property '${attribute}'`);
    }
    if (resource.Properties !== undefined && !isRecord(resource.Properties)) {
      throw formatError(`[/Resources/${logicalId}/Properties] Every Properties member must be an object.`);
    }
    if (resource.Condition !== undefined && typeof resource.Condition !== 'string') {
      throw formatError('Every Condition member must be a string.');
    }
  }
  for (const name of Object.keys(template.Parameters ?? {})) checkLogicalId(name, 'Parameter');
  for (const name of Object.keys(template.Outputs ?? {})) {
    if (!(extended && isForEachKey(name))) checkLogicalId(name, 'Output');
  }
  checkParameterDeclarations(template.Parameters as Template['Parameters']);
}

/** Logical ids are alphanumeric. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html */
function checkLogicalId(name: string, kind: string): void {
  if (!/^[A-Za-z0-9]+$/.test(name)) throw formatError(`${kind} name ${name} is non alphanumeric.`);
}
