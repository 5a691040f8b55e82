// Payload templates (Parameters, ResultSelector, ItemSelector, Assign in JSONPath): keys ending `.$` take
// a path, a `$$.` context path, a `$variable`, or an intrinsic call.
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html

import { type Environment, type Json, StatesFailure } from './index.js';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics.js';
import { tryReadPath } from './jsonpath.js';

/** The template with every `.$` field replaced by its value. */
export function renderTemplate(template: Json, input: Json, env: Environment): Json {
  if (Array.isArray(template)) return template.map((t) => renderTemplate(t, input, env));
  if (typeof template !== 'object' || template === null) return template;
  const out: Record<string, Json> = {};
  for (const [key, raw] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof raw === 'string')
      out[key.slice(0, -2)] = dynamicValue(key, raw, input, env);
    else out[key] = renderTemplate(raw, input, env);
  }
  return out;
}

/** One `.$` value: a path, a context path, a variable or an intrinsic call. */
export function dynamicValue(key: string, expr: string, input: Json, env: Environment): Json {
  if (isIntrinsic(expr)) return evaluateIntrinsic(expr, input, env);
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(expr);
  if (variable && !expr.startsWith('$$')) {
    const name = variable[1] ?? '';
    if (!(name in env.variables)) {
      throw new StatesFailure('States.Runtime', `The variable '$${name}' could not be found`);
    }
    return found(
      key,
      expr,
      tryReadPath(`$${variable[2] ?? ''}`, env.variables[name] ?? null, env.context),
      input,
    );
  }
  return found(key, expr, tryReadPath(expr, input, env.context), input);
}

// AWS: "The JSONPath '$.x' specified for the field 'a.$' could not be found in the input '{...}'".
function found(key: string, expr: string, value: Json | undefined, input: Json): Json {
  if (value !== undefined) return value;
  throw new StatesFailure(
    'States.Runtime',
    `The JSONPath '${expr}' specified for the field '${key}' could not be found in the input '${JSON.stringify(input)}'`,
  );
}
