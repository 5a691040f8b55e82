// The SAM transform (`Transform: AWS::Serverless-2016-10-31`), written for Nimbus: a pure function from a SAM template
// to the plain CloudFormation template AWS's translator produces (same logical ids, properties, tags and role
// policies), with one deliberate difference: local CodeUri/ContentUri directories run in place (see code.ts).
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification.html

import type { ResourceDeclaration, Template } from '../../template/parse.js';
import { translateApi, translateHttpApi } from './api.js';
import { documentError, InvalidResource, InvalidSection, notServed, SERVERLESS_TRANSFORM } from './errors.js';
import { type FunctionReferences, translateFunction } from './function.js';
import { mergeGlobals, readGlobals } from './globals.js';
import { translateLayerVersion } from './layer-version.js';
import { translateSimpleTable } from './simple-table.js';
import { translateStateMachine } from './statemachine.js';
import { isRecord, type Properties } from './values.js';

export { SERVERLESS_TRANSFORM } from './errors.js';

export interface ServerlessContext {
  region: string;
  accountId: string;
  partition?: string;
  stackName: string;
  /** Where relative local CodeUri / ContentUri paths are resolved from (else the working directory). */
  templateDirectory?: string;
  /** The stack's parameter values: SAM resolves `Ref`s to parameters before hashing version ids. */
  parameters?: Record<string, unknown>;
}

/** Returns the translated template (a copy); a template without the transform comes back unchanged. */
export function applyServerlessTransform(template: Template, context: ServerlessContext): Template {
  const declared =
    template.Transform === undefined
      ? []
      : Array.isArray(template.Transform)
        ? template.Transform
        : [template.Transform];
  if (!declared.includes(SERVERLESS_TRANSFORM)) return template;
  const source = structuredClone(template) as Template & { Globals?: unknown };
  const out = structuredClone(template) as Template & { Globals?: unknown };
  delete out.Globals;
  const remaining = declared.filter((name) => name !== SERVERLESS_TRANSFORM);
  if (remaining.length === 0) delete out.Transform;
  else out.Transform = Array.isArray(template.Transform) ? remaining : remaining[0]!;

  const errors: string[] = [];
  let globals: Map<string, Properties>;
  try {
    globals = readGlobals(source.Globals);
  } catch (error) {
    if (error instanceof InvalidSection) throw documentError([error.message]);
    throw error;
  }
  const parameters = parameterValues(template, context);
  const partition = context.partition ?? partitionOf(context.region);
  const renamed = new Map<string, string>();
  const references = new Map<string, FunctionReferences>();

  for (const [logicalId, declaration] of order(source.Resources)) {
    if (!declaration.Type.startsWith('AWS::Serverless::')) continue;
    try {
      const own = declaration.Properties ?? {};
      if (!isRecord(own)) throw new InvalidResource(logicalId, 'Properties of a resource must be an object.');
      const properties = mergeGlobals(globals.get(declaration.Type), own);
      delete out.Resources[logicalId];
      switch (declaration.Type) {
        case 'AWS::Serverless::Function': {
          const translated = translateFunction(logicalId, declaration, properties, {
            partition,
            templateDirectory: context.templateDirectory,
            parameters,
            resources: out.Resources,
          });
          Object.assign(out.Resources, translated.resources);
          references.set(logicalId, translated.references);
          break;
        }
        case 'AWS::Serverless::StateMachine':
          Object.assign(
            out.Resources,
            translateStateMachine(logicalId, declaration, properties, {
              partition,
              templateDirectory: context.templateDirectory,
            }),
          );
          break;
        case 'AWS::Serverless::Api':
          Object.assign(
            out.Resources,
            translateApi(logicalId, declaration, properties, context.templateDirectory),
          );
          break;
        case 'AWS::Serverless::HttpApi':
          Object.assign(
            out.Resources,
            translateHttpApi(logicalId, declaration, properties, context.templateDirectory),
          );
          break;
        case 'AWS::Serverless::SimpleTable':
          out.Resources[logicalId] = translateSimpleTable(logicalId, declaration, properties);
          break;
        case 'AWS::Serverless::LayerVersion': {
          const layer = translateLayerVersion(logicalId, declaration, properties, {
            parameters,
            templateDirectory: context.templateDirectory,
          });
          out.Resources[layer.logicalId] = layer.resource;
          renamed.set(logicalId, layer.logicalId);
          break;
        }
        default:
          throw new InvalidResource(logicalId, notServed(`Resource type ${declaration.Type}`));
      }
    } catch (error) {
      if (error instanceof InvalidResource) errors.push(error.message);
      else throw error;
    }
  }
  if (errors.length > 0) throw documentError(errors);
  return rewriteReferences(out, renamed, references);
}

/** Functions first (their S3 events edit buckets, their events feed their roles), then the rest in template order. */
function order(resources: Record<string, ResourceDeclaration>): [string, ResourceDeclaration][] {
  const entries = Object.entries(resources);
  const isFunction = ([, declaration]: [string, ResourceDeclaration]) =>
    declaration.Type === 'AWS::Serverless::Function';
  return [...entries.filter(isFunction), ...entries.filter((entry) => !isFunction(entry))];
}

/** Given values, then defaults, then the two pseudo parameters SAM knows itself. */
function parameterValues(template: Template, context: ServerlessContext): Record<string, unknown> {
  const values: Record<string, unknown> = { ...(context.parameters ?? {}) };
  for (const [name, declaration] of Object.entries(template.Parameters ?? {})) {
    if (!Object.hasOwn(values, name) && isRecord(declaration) && 'Default' in declaration)
      values[name] = declaration.Default;
  }
  values['AWS::Region'] ??= context.region;
  values['AWS::Partition'] ??= context.partition ?? partitionOf(context.region);
  return values;
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov')) return 'aws-us-gov';
  return 'aws';
}

/** Renames references to layers whose id gained a hash, and resolves `F.Alias` / `F.Version` (Ref, GetAtt, Sub). */
function rewriteReferences(
  template: Template,
  renamed: Map<string, string>,
  references: Map<string, FunctionReferences>,
): Template {
  const target = (name: string): string | undefined => {
    if (renamed.has(name)) return renamed.get(name);
    const [functionId, property] = name.split('.', 2);
    const found =
      functionId && property ? references.get(functionId)?.[property as keyof FunctionReferences] : undefined;
    return found;
  };
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && typeof value.Ref === 'string') return { Ref: target(value.Ref) ?? value.Ref };
    if (
      keys.length === 1 &&
      Array.isArray(value['Fn::GetAtt']) &&
      typeof value['Fn::GetAtt'][0] === 'string'
    ) {
      const [resource, attribute, ...rest] = value['Fn::GetAtt'] as [string, unknown, ...unknown[]];
      // `!GetAtt Fn.Alias.Arn` reads as ['Fn', 'Alias.Arn'].
      if (typeof attribute === 'string' && attribute.includes('.')) {
        const [property, ...path] = attribute.split('.');
        const aliased = target(`${resource}.${property}`);
        if (aliased) return { 'Fn::GetAtt': [aliased, path.join('.'), ...rest] };
      }
      return { 'Fn::GetAtt': [target(resource) ?? resource, visit(attribute), ...rest.map(visit)] };
    }
    if (keys.length === 1 && value['Fn::Sub'] !== undefined) {
      const sub = value['Fn::Sub'];
      const text = (s: string) =>
        s.replace(/\$\{([^}!.\s]+(?:\.[^}\s]+)?)\}/g, (whole, name: string) => {
          const [head, ...tail] = name.split('.');
          const direct = target(name);
          if (direct) return `\${${direct}}`;
          const renamedHead = head ? target(head) : undefined;
          return renamedHead ? `\${${[renamedHead, ...tail].join('.')}}` : whole;
        });
      if (typeof sub === 'string') return { 'Fn::Sub': text(sub) };
      if (Array.isArray(sub) && typeof sub[0] === 'string')
        return { 'Fn::Sub': [text(sub[0]), visit(sub[1])] };
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item)]));
  };
  const out = visit(template) as Template;
  for (const resource of Object.values(out.Resources)) {
    if (resource.DependsOn === undefined) continue;
    const rename = (name: string) => renamed.get(name) ?? name;
    resource.DependsOn = Array.isArray(resource.DependsOn)
      ? resource.DependsOn.map(rename)
      : rename(resource.DependsOn);
  }
  return out;
}
