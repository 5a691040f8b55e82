// The Fn::Sub template string: literal text, `${Name}` / `${Resource.Attribute}` variables and `${!Literal}` escapes.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html

import { isRecord, templateError } from './errors.js';

export type SubPart = { text: string } | { variable: string };

/** Splits a Sub string into literal text and variable names. `${!X}` is the literal text `${X}`. */
export function parseSubString(source: string): SubPart[] {
  const parts: SubPart[] = [];
  let text = '';
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('${', at);
    if (open < 0) break;
    const close = source.indexOf('}', open + 2);
    if (close < 0) break;
    text += source.slice(at, open);
    const inner = source.slice(open + 2, close);
    if (inner.startsWith('!')) text += `\${${inner.slice(1)}}`;
    else {
      if (text) parts.push({ text });
      text = '';
      parts.push({ variable: inner.trim() });
    }
    at = close + 1;
  }
  text += source.slice(at);
  if (text) parts.push({ text });
  return parts;
}

/** The two forms, `Fn::Sub: String` and `Fn::Sub: [String, {Var: Value}]`, as one shape. */
export function subArguments(argument: unknown): { source: unknown; variables: Record<string, unknown> } {
  if (typeof argument === 'string') return { source: argument, variables: {} };
  if (Array.isArray(argument) && argument.length === 2 && isRecord(argument[1])) {
    return { source: argument[0], variables: argument[1] };
  }
  if (Array.isArray(argument) && argument.length === 1) return { source: argument[0], variables: {} };
  throw templateError(
    "One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string",
  );
}
