// Template-level checks beyond parsing, made before a stack is touched: Fn::GetAtt targets and attributes, DependsOn
// targets, references, Condition names, and the shape of Outputs and their Exports.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html

import { dependsOnList, referencedResources } from './dependencies.js';
import { formatError, isRecord, templateError, unresolvedDependencies } from './errors.js';
import type { Template } from './parse.js';
import { parseSubString, subArguments } from './sub.js';

/** `attributesOf(type)` lists a resource type's attributes (nested ones dotted, `Endpoint.Address`), or answers
 *  undefined when any attribute goes (custom resources) or the type is unknown (the engine reports that). */
export function validateTemplate(
  template: Template,
  attributesOf: (type: string) => readonly string[] | undefined,
): void {
  const resources = template.Resources;
  const conditions = template.Conditions ?? {};
  const checkCondition = (name: unknown) => {
    if (typeof name !== 'string') throw formatError('Every Condition member must be a string.');
    if (!Object.hasOwn(conditions, name)) {
      throw formatError(`Unresolved condition dependencies [${name}] in the Resources block of the template`);
    }
  };
  const missingDependsOn: string[] = [];
  for (const declaration of Object.values(resources)) {
    if (declaration.Condition !== undefined) checkCondition(declaration.Condition);
    for (const name of dependsOnList(declaration.DependsOn)) {
      if (!Object.hasOwn(resources, name) && !missingDependsOn.includes(name)) missingDependsOn.push(name);
    }
  }
  if (missingDependsOn.length) throw unresolvedDependencies(missingDependsOn, 'Resources');
  const bodies = Object.values(resources).map(({ Type: _t, Condition: _c, DependsOn: _d, ...rest }) => rest);
  checkReferences(bodies, template, 'Resources');
  for (const body of bodies) checkFunctions(body, template, attributesOf);

  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (!isRecord(output) || output.Value === undefined || output.Value === null) {
      throw formatError('Every Outputs member must contain a Value object');
    }
    if (output.Condition !== undefined) checkCondition(output.Condition);
    if (output.Export !== undefined) {
      const exportName = isRecord(output.Export) ? output.Export.Name : undefined;
      const literal = typeof exportName === 'string';
      if (
        exportName === undefined ||
        exportName === null ||
        (literal && !/^[A-Za-z0-9:-]+$/.test(exportName))
      ) {
        throw formatError(
          `Output ${name} is malformed. The Name field of every Export member must be specified and consist only of alphanumeric characters, colons, or hyphens.`,
        );
      }
    }
  }
  const outputs = Object.values(template.Outputs ?? {}).map(({ Condition: _c, ...rest }) => rest);
  checkReferences(outputs, template, 'Outputs');
  for (const output of outputs) checkFunctions(output, template, attributesOf);
}

/** Every Ref and Sub variable names a parameter, a pseudo parameter or a resource. */
function checkReferences(values: unknown[], template: Template, block: 'Resources' | 'Outputs'): void {
  const missing = new Set<string>();
  for (const value of values) {
    for (const name of referencedResources(value, template)) {
      if (!Object.hasOwn(template.Resources, name)) missing.add(name);
    }
  }
  // Fn::GetAtt targets get their own wording below; Ref and Sub ones are "unresolved resource dependencies".
  const getAttTargets = new Set<string>();
  for (const value of values) collectGetAtt(value, (logicalId) => getAttTargets.add(logicalId));
  const unresolved = [...missing].filter((name) => !getAttTargets.has(name));
  if (unresolved.length) throw unresolvedDependencies(unresolved, block);
}

/** Fn::GetAtt targets and attributes (also `${X.Attr}` in Fn::Sub), and Fn::If condition names. */
function checkFunctions(
  value: unknown,
  template: Template,
  attributesOf: (type: string) => readonly string[] | undefined,
): void {
  collectGetAtt(value, (logicalId, attribute) => {
    const target = template.Resources[logicalId];
    if (!target) throw templateError(`instance of Fn::GetAtt references undefined resource ${logicalId}`);
    if (attribute === undefined) return;
    const known = attributesOf(target.Type);
    if (known && !known.includes(attribute)) {
      throw templateError(`resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
    }
  });
  const conditions = template.Conditions ?? {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isRecord(node)) return;
    const branches = node['Fn::If'];
    if (Object.keys(node).length === 1 && Array.isArray(branches) && typeof branches[0] === 'string') {
      if (!Object.hasOwn(conditions, branches[0])) {
        throw templateError(`unresolved condition dependency ${branches[0]} in Fn::If`);
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(value);
}

/** Calls `found(logicalId, attribute)` for each Fn::GetAtt and `${X.Attr}`; attribute is undefined when it is a function. */
function collectGetAtt(
  value: unknown,
  found: (logicalId: string, attribute: string | undefined) => void,
): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isRecord(node)) return;
    const keys = Object.keys(node);
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
      const argument = node['Fn::GetAtt'];
      const parts = typeof argument === 'string' ? splitAtFirstDot(argument) : argument;
      if (Array.isArray(parts) && typeof parts[0] === 'string') {
        found(parts[0], typeof parts[1] === 'string' ? parts[1] : undefined);
        parts.slice(1).forEach(visit);
        return;
      }
    }
    if (keys.length === 1 && keys[0] === 'Fn::Sub') {
      let parts: ReturnType<typeof subArguments> | undefined;
      try {
        parts = subArguments(node['Fn::Sub']);
      } catch {
        // a malformed Fn::Sub is reported when it is resolved
      }
      if (parts && typeof parts.source === 'string') {
        for (const part of parseSubString(parts.source)) {
          if (!('variable' in part) || Object.hasOwn(parts.variables, part.variable)) continue;
          const [logicalId, attribute] = splitAtFirstDot(part.variable);
          if (attribute !== undefined && !logicalId.startsWith('AWS::')) found(logicalId, attribute);
        }
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(value);
}

function splitAtFirstDot(text: string): [string, string?] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}
