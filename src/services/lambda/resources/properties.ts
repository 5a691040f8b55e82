// Small readers shared by Lambda's CloudFormation resource types: CloudFormation's JSON values as the
// Lambda API takes them, and the one way of applying a property change (the new value, or the default
// when the property was removed).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_Lambda.html

import { isDeepStrictEqual } from 'node:util';
import { type ResourceContext, stringProperty } from '../../../core/resources.js';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object without its undefined members, so an absent property is absent from the call. */
export function defined(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

/** A map of strings (environment variables), values coerced as CloudFormation passes them (`3` → `"3"`). */
export function stringMap(value: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  if (isObject(value)) for (const [key, v] of Object.entries(value)) map[key] = stringProperty(v) ?? '';
  return map;
}

/** The members of `next` that differ from `before`, each the new value or, for one removed, its default
 * (a member with no default is left as it is). */
export function changes(next: Json, before: Json, defaults: Json): Json {
  const changed: Json = {};
  for (const key of new Set([...Object.keys(next), ...Object.keys(before)])) {
    if (isDeepStrictEqual(next[key], before[key])) continue;
    const value = next[key] ?? defaults[key];
    if (value !== undefined) changed[key] = value;
  }
  return changed;
}

/** Refuses properties whose Lambda feature Nimbus does not serve, naming it, rather than making a resource
 * that silently lacks it. Empty lists count as absent (templates often write `Layers: []`). */
export function refuse(
  type: string,
  ctx: ResourceContext,
  properties: Json,
  unserved: Record<string, string>,
): void {
  for (const [property, feature] of Object.entries(unserved)) {
    const value = properties[property];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    throw new Error(`${type} ${ctx.logicalId}: ${property} is not supported by Nimbus: ${feature}`);
  }
}

/** Lambda's not-found error code, which deleting something already gone meets. */
export const NOT_FOUND = ['ResourceNotFoundException'];
