// Parsing and validating a state machine definition: JSON, required and allowed fields per state type
// and query language, transitions, reachability, Retry/Catch shape, nested Map/Parallel definitions.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html
// Messages follow AWS's `CODE: text at /location` shape, joined with ", " inside
// `Invalid State Machine Definition: '…'` as CreateStateMachine answers InvalidDefinition. The code names
// are AWS's; the text of each message is ours where no AWS wording could be found.

import {
  type Diagnostic,
  type Json,
  type State,
  type StateMachineDefinition,
  StatesFailure,
} from './index.js';

export function parseDefinition(text: string): StateMachineDefinition {
  const errors = validateDefinition(text).filter((d) => d.severity === 'ERROR');
  if (errors.length > 0) {
    const detail = errors
      .map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ''}`)
      .join(', ');
    throw new StatesFailure('InvalidDefinition', `Invalid State Machine Definition: '${detail}'`);
  }
  return JSON.parse(text) as StateMachineDefinition;
}

export function validateDefinition(text: string): Diagnostic[] {
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (e) {
    return [{ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: (e as Error).message }];
  }
  const out: Diagnostic[] = [];
  if (!isObject(parsed)) {
    out.push(schema('The definition must be a JSON object', ''));
    return out;
  }
  checkMachine(parsed, '', 'JSONPath', out, true);
  return out;
}

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const JSONPATH_ONLY = new Set([
  'InputPath',
  'OutputPath',
  'Parameters',
  'ResultSelector',
  'ResultPath',
  'Result',
  'ItemsPath',
  'SecondsPath',
  'TimestampPath',
  'ErrorPath',
  'CausePath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'MaxConcurrencyPath',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCountPath',
  'Iterator',
]);
const JSONATA_ONLY = new Set(['Arguments', 'Output', 'Items']);
const IO = ['InputPath', 'OutputPath', 'Output'];
const RESULT = ['ResultSelector', 'ResultPath', 'Retry', 'Catch', 'Assign', 'Next', 'End'];

// The fields each state type accepts (https://states-language.net/spec.html and the state-* pages).
const FIELDS: Record<string, readonly string[]> = {
  Pass: [...IO, 'Result', 'ResultPath', 'Parameters', 'Assign', 'Next', 'End'],
  Task: [
    ...IO,
    ...RESULT,
    'Resource',
    'Parameters',
    'Arguments',
    'Credentials',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
  ],
  Choice: [...IO, 'Choices', 'Default', 'Assign'],
  Wait: [...IO, 'Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath', 'Assign', 'Next', 'End'],
  Succeed: IO,
  Fail: ['Error', 'Cause', 'ErrorPath', 'CausePath'],
  Parallel: [...IO, ...RESULT, 'Branches', 'Parameters', 'Arguments'],
  Map: [
    ...IO,
    ...RESULT,
    'ItemProcessor',
    'Iterator',
    'ItemsPath',
    'Items',
    'ItemSelector',
    'Parameters',
    'MaxConcurrency',
    'MaxConcurrencyPath',
    'ItemReader',
    'ItemBatcher',
    'ResultWriter',
    'Label',
    'ToleratedFailurePercentage',
    'ToleratedFailurePercentagePath',
    'ToleratedFailureCount',
    'ToleratedFailureCountPath',
  ],
};
const REQUIRED: Record<string, readonly string[]> = {
  Task: ['Resource'],
  Choice: ['Choices'],
  Parallel: ['Branches'],
};
const TERMINAL = new Set(['Choice', 'Succeed', 'Fail']);

function checkMachine(
  machine: Record<string, Json>,
  at: string,
  inherited: string,
  out: Diagnostic[],
  top: boolean,
): void {
  const allowed = top
    ? ['StartAt', 'States', 'Comment', 'Version', 'TimeoutSeconds', 'QueryLanguage']
    : ['StartAt', 'States', 'Comment', 'ProcessorConfig', 'QueryLanguage'];
  for (const key of Object.keys(machine))
    if (!allowed.includes(key)) out.push(schema(`Field '${key}' is not supported`, at || '/'));
  const language = machine.QueryLanguage === undefined ? inherited : String(machine.QueryLanguage);
  if (language !== 'JSONPath' && language !== 'JSONata')
    out.push(schema(`Value '${language}' is not valid for QueryLanguage`, `${at}/QueryLanguage`));
  if (typeof machine.StartAt !== 'string')
    out.push(schema("The field 'StartAt' should be non-null", at || '/'));
  if (!isObject(machine.States)) {
    out.push(schema("The field 'States' should be non-null", at || '/'));
    return;
  }
  const states = machine.States;
  const names = Object.keys(states);
  if (typeof machine.StartAt === 'string' && !(machine.StartAt in states)) {
    out.push({
      severity: 'ERROR',
      code: 'MISSING_TRANSITION_TARGET',
      message: `Missing 'Next' target: ${machine.StartAt}`,
      location: `${at}/StartAt`,
    });
  }
  const targets = new Map<string, string[]>();
  for (const name of names) {
    const loc = `${at}/States/${name}`;
    // AWS: state names are 1 to 80 characters.
    if (name.length === 0 || name.length > 80)
      out.push(schema('State names must be 1 to 80 characters long', loc));
    const state = states[name];
    if (!isObject(state) || typeof state.Type !== 'string') {
      out.push(schema("The field 'Type' should be non-null", loc));
      continue;
    }
    targets.set(name, checkState(state as State, loc, language, names, out));
  }
  // AWS answers MISSING_END_STATE (no location) when no state ends the workflow, and then skips the
  // reachability walk (observed responses, recorded in floci-io/floci#2786).
  const ends = names.some((n) => {
    const st = states[n];
    return isObject(st) && (st.End === true || st.Type === 'Succeed' || st.Type === 'Fail');
  });
  if (!ends && names.length > 0) {
    out.push({ severity: 'ERROR', code: 'MISSING_END_STATE', message: 'Workflow has no terminal state' });
    return;
  }
  // Unreachable states, from StartAt through every Next, Default, Choice and Catch target.
  const seen = new Set<string>();
  const queue = typeof machine.StartAt === 'string' ? [machine.StartAt] : [];
  while (queue.length > 0) {
    const n = queue.pop() ?? '';
    if (seen.has(n)) continue;
    seen.add(n);
    queue.push(...(targets.get(n) ?? []));
  }
  for (const name of names) {
    if (!seen.has(name))
      out.push({
        severity: 'ERROR',
        code: 'MISSING_TRANSITION_TARGET',
        message: `State "${name}" is not reachable.`,
        location: `${at}/States/${name}`,
      });
  }
}

function checkState(
  state: State,
  loc: string,
  inherited: string,
  names: string[],
  out: Diagnostic[],
): string[] {
  const type = state.Type;
  const fields = FIELDS[type];
  if (!fields) {
    out.push(schema(`Value '${type}' is not a valid state type`, `${loc}/Type`));
    return [];
  }
  const language = typeof state.QueryLanguage === 'string' ? state.QueryLanguage : inherited;
  if (inherited === 'JSONata' && language === 'JSONPath')
    out.push(schema('A JSONPath state cannot be nested in a JSONata state machine', `${loc}/QueryLanguage`));
  for (const key of Object.keys(state)) {
    if (!COMMON.includes(key) && !fields.includes(key))
      out.push(schema(`Field '${key}' is not supported`, loc));
    else if (language === 'JSONata' && JSONPATH_ONLY.has(key))
      out.push(
        schema(`The field '${key}' is not supported with the JSONata query language`, `${loc}/${key}`),
      );
    else if (language === 'JSONPath' && JSONATA_ONLY.has(key))
      out.push(
        schema(`The field '${key}' is not supported with the JSONPath query language`, `${loc}/${key}`),
      );
  }
  for (const key of REQUIRED[type] ?? [])
    if (state[key] === undefined) out.push(schema(`The field '${key}' should be non-null`, loc));
  if (type === 'Map' && state.ItemProcessor === undefined && state.Iterator === undefined)
    out.push(schema("The field 'ItemProcessor' should be non-null", loc));
  const next: string[] = [];
  const target = (name: Json | undefined, where: string) => {
    if (typeof name !== 'string') return;
    next.push(name);
    if (!names.includes(name))
      out.push({
        severity: 'ERROR',
        code: 'MISSING_TRANSITION_TARGET',
        message: `Missing 'Next' target: ${name}`,
        location: where,
      });
  };
  if (!TERMINAL.has(type)) {
    if (state.Next !== undefined && state.End !== undefined)
      out.push(schema("Only one of 'Next' or 'End' may be set", loc));
    else if (state.Next === undefined && state.End !== true)
      out.push(schema("The field 'Next' should be non-null", loc));
    target(state.Next, `${loc}/Next`);
  }
  if (type === 'Choice') {
    target(state.Default, `${loc}/Default`);
    const rules = Array.isArray(state.Choices) ? state.Choices : [];
    if (state.Choices !== undefined && rules.length === 0)
      out.push(schema("The field 'Choices' must not be empty", `${loc}/Choices`));
    rules.forEach((rule, i) => {
      const where = `${loc}/Choices[${i}]`;
      if (!isObject(rule)) return;
      if (typeof rule.Next !== 'string') out.push(schema("The field 'Next' should be non-null", where));
      target(rule.Next, `${where}/Next`);
      if (language === 'JSONata' && rule.Condition === undefined)
        out.push(schema("The field 'Condition' should be non-null", where));
      if (language === 'JSONPath' && rule.Condition !== undefined)
        out.push(
          schema(
            "The field 'Condition' is not supported with the JSONPath query language",
            `${where}/Condition`,
          ),
        );
    });
  }
  if (type === 'Wait') {
    const set = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'].filter(
      (k) => state[k] !== undefined,
    );
    if (set.length !== 1)
      out.push(
        schema("Exactly one of 'Seconds', 'Timestamp', 'SecondsPath' or 'TimestampPath' must be set", loc),
      );
  }
  checkRules(state.Retry, `${loc}/Retry`, out, false, target);
  checkRules(state.Catch, `${loc}/Catch`, out, true, target);
  if (type === 'Parallel' && Array.isArray(state.Branches)) {
    state.Branches.forEach((b, i) => {
      if (isObject(b)) checkMachine(b, `${loc}/Branches[${i}]`, language, out, false);
    });
  }
  if (type === 'Map') {
    const processor = state.ItemProcessor ?? state.Iterator;
    if (isObject(processor))
      checkMachine(
        processor,
        `${loc}/${state.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator'}`,
        language,
        out,
        false,
      );
  }
  return next;
}

// Retry/Catch: ErrorEquals required and non-empty; States.ALL alone in its rule and in the last rule.
function checkRules(
  rules: Json | undefined,
  loc: string,
  out: Diagnostic[],
  catcher: boolean,
  target: (name: Json | undefined, where: string) => void,
): void {
  if (rules === undefined) return;
  if (!Array.isArray(rules)) {
    out.push(schema('Expected an array', loc));
    return;
  }
  rules.forEach((rule, i) => {
    const where = `${loc}[${i}]`;
    if (!isObject(rule)) return;
    const errors = rule.ErrorEquals;
    if (!Array.isArray(errors) || errors.length === 0)
      out.push(schema("The field 'ErrorEquals' should be non-null and non-empty", where));
    else if (errors.includes('States.ALL')) {
      if (errors.length > 1)
        out.push(schema('States.ALL must appear alone in ErrorEquals', `${where}/ErrorEquals`));
      if (i !== rules.length - 1)
        out.push(
          schema(
            `States.ALL must appear in the last ${catcher ? 'Catcher' : 'Retrier'}`,
            `${where}/ErrorEquals`,
          ),
        );
    }
    if (catcher) {
      if (typeof rule.Next !== 'string') out.push(schema("The field 'Next' should be non-null", where));
      target(rule.Next, `${where}/Next`);
    } else {
      if (
        typeof rule.MaxAttempts === 'number' &&
        (rule.MaxAttempts < 0 || !Number.isInteger(rule.MaxAttempts))
      )
        out.push(schema('MaxAttempts must be a non-negative integer', `${where}/MaxAttempts`));
      if (typeof rule.BackoffRate === 'number' && rule.BackoffRate < 1)
        out.push(schema('BackoffRate must be at least 1.0', `${where}/BackoffRate`));
      if (typeof rule.IntervalSeconds === 'number' && rule.IntervalSeconds < 1)
        out.push(schema('IntervalSeconds must be at least 1', `${where}/IntervalSeconds`));
      if (
        rule.JitterStrategy !== undefined &&
        rule.JitterStrategy !== 'FULL' &&
        rule.JitterStrategy !== 'NONE'
      )
        out.push(schema("JitterStrategy must be 'FULL' or 'NONE'", `${where}/JitterStrategy`));
    }
  });
}

function schema(message: string, location: string): Diagnostic {
  return { severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message, location: location || '/' };
}

function isObject(value: Json | undefined): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
