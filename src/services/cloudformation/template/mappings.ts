// Fn::FindInMap over the Mappings section, with the DefaultValue of the language extensions.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-findinmap.html

import { isRecord, templateError } from './errors.js';
import type { Template } from './parse.js';

/** Fn::FindInMap, with the `{DefaultValue: ...}` fourth argument of the language extensions.
 *  https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-findinmap.html
 *  https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap-enhancements.html */
export function findInMap(
  argument: unknown,
  mappings: Template['Mappings'],
  resolve: (value: unknown) => unknown,
  key: (value: unknown) => string,
): unknown {
  if (!Array.isArray(argument) || argument.length < 3 || argument.length > 4) {
    throw templateError(
      'every Fn::FindInMap object requires three parameters, the map name, map key and the attribute for return value',
    );
  }
  const [mapName, topKey, secondKey] = argument.slice(0, 3).map(key);
  const fallback = argument[3];
  const hasDefault = isRecord(fallback) && Object.hasOwn(fallback, 'DefaultValue');
  const map = mappings?.[mapName!];
  const found = map?.[topKey!]?.[secondKey!];
  if (found !== undefined) return resolve(found);
  if (hasDefault) return resolve(fallback.DefaultValue);
  if (map === undefined)
    throw templateError(`Mapping named '${mapName}' is not present in the 'Mappings' section of template.`);
  throw templateError(`Unable to get mapping for ${mapName}::${topKey}::${secondKey}`);
}
