// Small helpers over template values shared by the SAM transform's files: intrinsic detection, references,
// SAM's `Key: Value` tags as CloudFormation's tag lists, and parameter references resolved for hashing.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification.html

import { isRecord } from '../../template/errors.js';

export type Properties = Record<string, unknown>;

export { isRecord };

export const ref = (logicalId: string) => ({ Ref: logicalId });
export const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });

/** `{Ref: …}` or `{Fn::…: …}`: a value CloudFormation computes. */
export function isIntrinsic(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::') || keys[0] === 'Condition');
}

export function isIf(value: unknown): value is { 'Fn::If': unknown[] } {
  return (
    isRecord(value) && isIntrinsic(value) && Array.isArray(value['Fn::If']) && value['Fn::If'].length === 3
  );
}

export function isNoValue(value: unknown): boolean {
  return isRecord(value) && value.Ref === 'AWS::NoValue';
}

/** SAM's tag map as CloudFormation's list, in the map's order. */
export function tagList(tags: unknown): { Key: string; Value: unknown }[] {
  if (!isRecord(tags)) return [];
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** The SAM tag first, then the user's, as samtranslator orders them (the order is part of the resource). */
export function samTags(tags: unknown): { Key: string; Value: unknown }[] {
  if (isRecord(tags) && Object.hasOwn(tags, 'lambda:createdBy')) {
    throw new Error(
      'lambda:createdBy is a reserved Tag key name and cannot be set on your resource. Please change the tag key in the input.',
    );
  }
  return [{ Key: 'lambda:createdBy', Value: 'SAM' }, ...tagList(tags)];
}

/** Replaces `Ref` to parameters (and `${Param}` in Fn::Sub strings) by their values, leaving every other
 *  intrinsic in place: what SAM hashes so that a new parameter value publishes a new version. */
export function resolveParameterRefs(value: unknown, parameters: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveParameterRefs(item, parameters));
  if (!isRecord(value)) return value;
  if (isIntrinsic(value) && typeof value.Ref === 'string' && Object.hasOwn(parameters, value.Ref)) {
    return parameters[value.Ref];
  }
  if (isIntrinsic(value) && typeof value['Fn::Sub'] === 'string') {
    return { 'Fn::Sub': substitute(value['Fn::Sub'], parameters) };
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, resolveParameterRefs(item, parameters)]),
  );
}

/** Drops the properties whose value is undefined, so a generated resource lists only what is set. */
export function defined(properties: Properties): Properties {
  return Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined));
}

function substitute(text: string, parameters: Record<string, unknown>): string {
  return text.replace(/\$\{([^}!]+)\}/g, (whole, name: string) => {
    const value = parameters[name.trim()];
    return typeof value === 'string' ? value : whole;
  });
}
