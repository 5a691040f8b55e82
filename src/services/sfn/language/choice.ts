// Choice rules: every comparison operator, And/Or/Not, JSONata Condition rules with their own
// Output/Assign, and Default. https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html

import { selectPath } from './data-flow.js';
import {
  type ChoiceOutcome,
  type Environment,
  type Json,
  type QueryLanguage,
  type State,
  StatesFailure,
} from './index.js';
import { evaluateJsonata } from './jsonata-eval.js';
import { readPath, tryReadPath } from './jsonpath.js';
import { renderTemplate } from './templates.js';

export async function choose(
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  env: Environment,
): Promise<ChoiceOutcome> {
  const rules = Array.isArray(state.Choices) ? state.Choices : [];
  if (language === 'JSONata') {
    for (const rule of rules) {
      if (!isObject(rule)) continue;
      const ok = await evaluateJsonata(rule.Condition ?? false, { input: rawInput }, env, 'Condition');
      if (typeof ok !== 'boolean') {
        throw new StatesFailure(
          'States.QueryEvaluationError',
          `The Condition field must evaluate to a boolean, got ${JSON.stringify(ok)}`,
        );
      }
      if (ok) return jsonataOutcome(rule, String(rule.Next), rawInput, env);
    }
    const next = typeof state.Default === 'string' ? state.Default : undefined;
    return jsonataOutcome(state, next, rawInput, env);
  }
  const input = selectPath(state.InputPath, rawInput, env);
  let next = typeof state.Default === 'string' ? state.Default : undefined;
  for (const rule of rules) {
    if (isObject(rule) && matches(rule, input, env)) {
      next = String(rule.Next);
      const assign = isObject(rule.Assign) ? rule.Assign : state.Assign;
      return {
        next,
        output: selectPath(state.OutputPath, input, env),
        assign: assignOf(assign, input, rawInput, env),
      };
    }
  }
  return {
    next,
    output: selectPath(state.OutputPath, input, env),
    assign: next ? assignOf(state.Assign, input, rawInput, env) : {},
  };
}

/** Whether one JSONPath Choice rule (or nested And/Or/Not) matches the input. */
export function matches(rule: Record<string, Json>, input: Json, env: Environment): boolean {
  if (Array.isArray(rule.And)) return rule.And.every((r) => isObject(r) && matches(r, input, env));
  if (Array.isArray(rule.Or)) return rule.Or.some((r) => isObject(r) && matches(r, input, env));
  if (isObject(rule.Not)) return !matches(rule.Not, input, env);
  const variable = typeof rule.Variable === 'string' ? rule.Variable : '$';
  const value = variableValue(variable, input, env);
  for (const [op, expected] of Object.entries(rule)) {
    if (op === 'Variable' || op === 'Next' || op === 'Assign' || op === 'Comment') continue;
    if (op === 'IsPresent') return (value !== undefined) === expected;
    if (value === undefined) {
      // AWS: comparing a missing field fails the execution, except with IsPresent.
      throw new StatesFailure(
        'States.Runtime',
        `Invalid path '${variable}': The choice state's condition path references an invalid value.`,
      );
    }
    if (op === 'IsNull') return (value === null) === expected;
    if (op === 'IsNumeric') return (typeof value === 'number') === expected;
    if (op === 'IsString') return (typeof value === 'string') === expected;
    if (op === 'IsBoolean') return (typeof value === 'boolean') === expected;
    if (op === 'IsTimestamp')
      return (typeof value === 'string' && parseTimestamp(value) !== undefined) === expected;
    const path = op.endsWith('Path');
    const base = path ? op.slice(0, -4) : op;
    const other = path ? readPath(String(expected), input, env.context) : expected;
    return compare(base, value, other);
  }
  return false;
}

/** RFC 3339 as Step Functions accepts it: `2016-03-14T01:59:00Z`, fraction and offset optional, the T
 * and Z upper case. Epoch ms, or undefined. */
export function parseTimestamp(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function compare(op: string, a: Json, b: Json): boolean {
  const kind = /^(String|Numeric|Boolean|Timestamp)/.exec(op)?.[1];
  const rel = op.slice(kind?.length ?? 0);
  if (op === 'StringMatches') return typeof a === 'string' && typeof b === 'string' && wildcard(b).test(a);
  let x: number | string;
  let y: number | string;
  if (kind === 'String') {
    if (typeof a !== 'string' || typeof b !== 'string') return false;
    [x, y] = [a, b];
  } else if (kind === 'Numeric') {
    if (typeof a !== 'number' || typeof b !== 'number') return false;
    [x, y] = [a, b];
  } else if (kind === 'Boolean') {
    return rel === 'Equals' && typeof a === 'boolean' && a === b;
  } else if (kind === 'Timestamp') {
    const ta = typeof a === 'string' ? parseTimestamp(a) : undefined;
    const tb = typeof b === 'string' ? parseTimestamp(b) : undefined;
    if (ta === undefined || tb === undefined) return false;
    [x, y] = [ta, tb];
  } else {
    throw new StatesFailure('States.Runtime', `Unknown Choice operator ${op}`);
  }
  switch (rel) {
    case 'Equals':
      return x === y;
    case 'LessThan':
      return x < y;
    case 'GreaterThan':
      return x > y;
    case 'LessThanEquals':
      return x <= y;
    case 'GreaterThanEquals':
      return x >= y;
    default:
      throw new StatesFailure('States.Runtime', `Unknown Choice operator ${op}`);
  }
}

// StringMatches: `*` matches any run of characters; `\*` and `\\` are literal.
function wildcard(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i] ?? '');
    else if (c === '*') source += '[\\s\\S]*';
    else source += escapeRegex(c);
  }
  return new RegExp(`^${source}$`);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function variableValue(variable: string, input: Json, env: Environment): Json | undefined {
  const v = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(variable);
  if (v && !variable.startsWith('$$')) {
    const name = v[1] ?? '';
    if (!(name in env.variables)) return undefined;
    return tryReadPath(`$${v[2] ?? ''}`, env.variables[name] ?? null, env.context);
  }
  return tryReadPath(variable, input, env.context);
}

function assignOf(
  assign: Json | undefined,
  input: Json,
  rawInput: Json,
  env: Environment,
): Record<string, Json> {
  if (!isObject(assign)) return {};
  const scope: Environment = {
    context: env.context,
    variables: { ...env.variables, states: { input: rawInput, context: env.context } },
  };
  const out = renderTemplate(assign, input, scope);
  return isObject(out) ? out : {};
}

async function jsonataOutcome(
  holder: Record<string, Json>,
  next: string | undefined,
  rawInput: Json,
  env: Environment,
): Promise<ChoiceOutcome> {
  const output =
    holder.Output === undefined
      ? rawInput
      : await evaluateJsonata(holder.Output, { input: rawInput }, env, 'Output');
  const assign: Record<string, Json> = {};
  if (isObject(holder.Assign)) {
    for (const [k, v] of Object.entries(holder.Assign))
      assign[k] = await evaluateJsonata(v, { input: rawInput }, env, 'Assign');
  }
  return { next, output, assign };
}

function isObject(value: Json | undefined): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
