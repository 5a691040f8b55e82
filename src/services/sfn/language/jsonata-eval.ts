// JSONata in states with `QueryLanguage: "JSONata"`: `{% expr %}` strings anywhere in a field, with
// `$states` and workflow variables bound and AWS's added functions ($partition, $range, $hash, $random,
// $uuid, $parse). https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html

import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { type Environment, type Json, StatesFailure } from './index.js';

/** What `$states` holds for one evaluation. */
export interface StatesBinding {
  readonly input: Json;
  readonly result?: Json;
  readonly errorOutput?: Json;
}

/** Whether a string is a whole `{% … %}` expression. */
export function isExpression(value: Json): value is string {
  return typeof value === 'string' && /^\{%[\s\S]*%\}$/.test(value.trim());
}

/** Evaluates every `{% %}` string inside `value` (objects and arrays walked), leaving the rest as is. */
export async function evaluateJsonata(
  value: Json,
  states: StatesBinding,
  env: Environment,
  field = 'Output',
): Promise<Json> {
  if (isExpression(value)) return evaluateExpression(value, states, env, field);
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const v of value) out.push(await evaluateJsonata(v, states, env, field));
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await evaluateJsonata(v, states, env, field);
    return out;
  }
  return value;
}

async function evaluateExpression(
  text: string,
  states: StatesBinding,
  env: Environment,
  field: string,
): Promise<Json> {
  const source = text.trim().slice(2, -2);
  let result: unknown;
  try {
    const expr = jsonata(source);
    registerAwsFunctions(expr);
    result = await expr.evaluate(
      {},
      {
        ...env.variables,
        states: {
          input: states.input,
          result: states.result,
          errorOutput: states.errorOutput,
          context: env.context,
        },
      },
    );
  } catch (e) {
    throw new StatesFailure(
      'States.QueryEvaluationError',
      `An error occurred while evaluating the JSONata expression in field '${field}': ${(e as Error).message}`,
    );
  }
  // AWS: an expression that evaluates to nothing is an error, not null.
  if (result === undefined) {
    throw new StatesFailure(
      'States.QueryEvaluationError',
      `The JSONata expression '${source.trim()}' specified for the field '${field}' returned nothing (undefined).`,
    );
  }
  return toJson(result);
}

function toJson(value: unknown): Json {
  // jsonata marks sequences with extra properties; a JSON round trip gives plain data.
  return JSON.parse(JSON.stringify(value)) as Json;
}

type Expression = ReturnType<typeof jsonata>;

function registerAwsFunctions(expr: Expression): void {
  expr.registerFunction(
    'partition',
    (array: unknown[], size: number) => {
      const out: unknown[][] = [];
      for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
      return out;
    },
    '<an:a>',
  );
  expr.registerFunction(
    'range',
    (start: number, end: number, step: number) => {
      const out: number[] = [];
      for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
        out.push(v);
        if (out.length > 1000) throw new Error('$range generated more than 1000 items');
      }
      return out;
    },
    '<nnn:a>',
  );
  expr.registerFunction(
    'hash',
    (data: unknown, algorithm: string) => {
      const names: Record<string, string> = {
        MD5: 'md5',
        'SHA-1': 'sha1',
        'SHA-256': 'sha256',
        'SHA-384': 'sha384',
        'SHA-512': 'sha512',
      };
      const alg = names[algorithm];
      if (!alg) throw new Error(`Unsupported hash algorithm ${algorithm}`);
      return createHash(alg)
        .update(typeof data === 'string' ? data : JSON.stringify(data))
        .digest('hex');
    },
    '<js:s>',
  );
  expr.registerFunction('random', () => Math.random(), '<n?:n>');
  expr.registerFunction('uuid', () => randomUUID(), '<:s>');
  expr.registerFunction('parse', (text: string) => JSON.parse(text) as unknown, '<s:j>');
}
