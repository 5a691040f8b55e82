// The AWS::LanguageExtensions transform, applied before anything else: expands Fn::ForEach loops (Resources, Outputs,
// Conditions, resource properties; nested; ${Id} and &{Id}), resolves functions used as Ref / Fn::GetAtt arguments,
// and drops itself from Transform. Fn::Length, Fn::ToJsonString and Fn::FindInMap's DefaultValue are left for
// resolveValue, which evaluates them with everything else.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-aws-languageextensions.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html

import { isRecord, validationError } from './errors.js';
import { type PseudoParameters, resolveValue, type Scope } from './intrinsics.js';
import { isForEachKey, LANGUAGE_EXTENSIONS, type Template, transformsOf } from './parse.js';

/** Returns the transformed template (a copy); a template without the transform comes back unchanged. `pseudo`
 *  answers pseudo parameters used in collections (`!GetAZs ''`, `${AWS::Region}`) when the engine knows them. */
export function applyLanguageExtensions(
  template: Template,
  parameters: Record<string, string | string[]>,
  pseudo?: Partial<PseudoParameters>,
): Template {
  if (!transformsOf(template).includes(LANGUAGE_EXTENSIONS)) return template;
  const out = structuredClone(template);
  const remaining = transformsOf(template).filter((name) => name !== LANGUAGE_EXTENSIONS);
  if (remaining.length === 0) delete out.Transform;
  else out.Transform = Array.isArray(template.Transform) ? remaining : remaining[0]!;
  const scope = staticScope(template, parameters, pseudo);
  for (const section of ['Conditions', 'Resources', 'Outputs'] as const) {
    if (isRecord(out[section])) {
      (out as unknown as Record<string, unknown>)[section] = resolveArguments(
        expand(out[section], scope),
        scope,
      );
    }
  }
  return out;
}

/** Thrown by the static scope when a value needs a deployed resource; the caller leaves that value as it is. */
class NotStatic extends Error {}

function fail(message: string) {
  return validationError(`Transform ${LANGUAGE_EXTENSIONS} failed with: ${message}`);
}

/** Expands the loops of every object inside `value`. */
function expand(value: unknown, scope: Scope): unknown {
  if (Array.isArray(value)) return value.map((item) => expand(item, scope));
  if (!isRecord(value)) return value;
  return expandMap(value, scope);
}

function expandMap(map: Record<string, unknown>, scope: Scope): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (Object.hasOwn(out, key)) throw fail(`Fn::ForEach produced ${key}, which is already declared`);
    out[key] = value;
  };
  for (const [key, value] of Object.entries(map)) {
    if (!isForEachKey(key)) {
      put(key, expand(value, scope));
      continue;
    }
    for (const [producedKey, producedValue] of Object.entries(expandLoop(key, value, scope)))
      put(producedKey, producedValue);
  }
  return out;
}

/** One `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]`. */
function expandLoop(key: string, loop: unknown, scope: Scope): Record<string, unknown> {
  if (!Array.isArray(loop) || loop.length !== 3 || typeof loop[0] !== 'string' || !isRecord(loop[2])) {
    throw fail(
      `${key} must be a list of an identifier, a collection and an object of output keys and values`,
    );
  }
  const [identifier, collection, fragment] = loop as [string, unknown, Record<string, unknown>];
  const items = collectionOf(key, collection, scope);
  const out: Record<string, unknown> = {};
  for (const item of items) {
    // Substitute first, then expand: an inner loop sees the outer identifier already replaced.
    const produced = expandMap(substitute(fragment, identifier, item) as Record<string, unknown>, scope);
    for (const [producedKey, value] of Object.entries(produced)) {
      if (Object.hasOwn(out, producedKey)) {
        throw fail(
          `${key} produced the key ${producedKey} more than once; include \${${identifier}} or &{${identifier}} in the OutputKey`,
        );
      }
      out[producedKey] = value;
    }
  }
  return out;
}

/** The collection: a list, or a function of parameters that returns one (`!Ref Names` of a CommaDelimitedList). */
function collectionOf(key: string, collection: unknown, scope: Scope): string[] {
  let value: unknown;
  try {
    value = resolveValue(collection, scope);
  } catch (error) {
    if (error instanceof NotStatic) throw fail(`the collection of ${key} must not depend on resources`);
    throw error;
  }
  if (typeof value === 'string') value = value === '' ? [] : value.split(',');
  if (!Array.isArray(value) || value.some((item) => typeof item === 'object' && item !== null)) {
    throw fail(`the collection of ${key} must be a list of strings`);
  }
  return value.map(String);
}

/** Replaces `${Id}` with the item, `&{Id}` with its alphanumeric characters only, and `Ref: Id` with the item. */
function substitute(value: unknown, identifier: string, item: string): unknown {
  if (typeof value === 'string') {
    return value
      .split(`\${${identifier}}`)
      .join(item)
      .split(`&{${identifier}}`)
      .join(item.replace(/[^A-Za-z0-9]/g, ''));
  }
  if (Array.isArray(value)) return value.map((inner) => substitute(inner, identifier, item));
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && value.Ref === identifier) return item;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[substitute(key, identifier, item) as string] = substitute(inner, identifier, item);
  }
  return out;
}

/** `Ref: !Sub 'Bucket${Name}'` and `Fn::GetAtt: [!Ref Name, Arn]`: the transform resolves such arguments to strings. */
function resolveArguments(value: unknown, scope: Scope): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveArguments(item, scope));
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof value.Ref !== 'string') {
    return { Ref: staticString(value.Ref, scope) ?? resolveArguments(value.Ref, scope) };
  }
  if (keys.length === 1 && keys[0] === 'Fn::GetAtt' && Array.isArray(value['Fn::GetAtt'])) {
    return {
      'Fn::GetAtt': value['Fn::GetAtt'].map((part) =>
        typeof part === 'string' ? part : (staticString(part, scope) ?? resolveArguments(part, scope)),
      ),
    };
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = resolveArguments(inner, scope);
  return out;
}

function staticString(value: unknown, scope: Scope): string | undefined {
  try {
    const resolved = resolveValue(value, scope);
    return typeof resolved === 'string' ? resolved : undefined;
  } catch (error) {
    if (error instanceof NotStatic) return undefined;
    throw error;
  }
}

/** A scope that knows parameters, mappings and the pseudo parameters given, and nothing deployed. */
function staticScope(
  template: Template,
  parameters: Record<string, string | string[]>,
  pseudo: Partial<PseudoParameters> | undefined,
): Scope {
  const known = (name: keyof PseudoParameters): string => {
    const value = pseudo?.[name];
    if (typeof value !== 'string') throw new NotStatic(name);
    return value;
  };
  const notStatic = (): never => {
    throw new NotStatic();
  };
  // Each pseudo parameter is asked for on its own, so a collection using only ${AWS::Region} needs only the region.
  const pseudoScope: PseudoParameters = {
    get accountId() {
      return known('accountId');
    },
    get region() {
      return known('region');
    },
    get stackName() {
      return known('stackName');
    },
    get stackId() {
      return known('stackId');
    },
    partition: pseudo?.partition,
    urlSuffix: pseudo?.urlSuffix,
    notificationArns: pseudo?.notificationArns,
  };
  return {
    parameters,
    pseudo: pseudoScope,
    mappings: template.Mappings,
    conditions: {},
    ref: notStatic,
    getAtt: notStatic,
    importValue: notStatic,
    azs: (region) => [`${region}a`, `${region}b`, `${region}c`],
  };
}
