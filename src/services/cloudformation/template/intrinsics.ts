// Resolves intrinsic functions to plain JSON: Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If,
// the condition functions, Fn::FindInMap, Fn::GetAZs, Fn::Base64, Fn::Cidr, Fn::ImportValue, Fn::Length,
// Fn::ToJsonString, and the removal of `Ref: AWS::NoValue`.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html

import { cidrBlocks } from './cidr.js';
import { evaluateConditionSection, fnAndOr, fnEquals, fnNot } from './conditions.js';
import { formatError, isRecord, templateError, unresolvedDependencies, validationError } from './errors.js';
import { findInMap } from './mappings.js';
import type { Template } from './parse.js';
import { parseSubString, subArguments } from './sub.js';

export interface PseudoParameters {
  accountId: string;
  region: string;
  stackName: string;
  stackId: string;
  partition?: string;
  urlSuffix?: string;
  notificationArns?: string[];
}

export interface Scope {
  parameters: Record<string, string | string[]>;
  pseudo: PseudoParameters;
  mappings: Template['Mappings'];
  conditions: Record<string, boolean>;
  /** A resource's Ref value (its physical id); the engine supplies it. */
  ref(logicalId: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
  importValue(exportName: string): unknown;
  /** Availability zones for Fn::GetAZs: the engine answers `${region}a`, `b`, `c`. */
  azs(region: string): string[];
}

/** Resolves every intrinsic in `value`, removes every `Ref: AWS::NoValue` (object members and list items) and returns
 *  plain JSON (undefined when the whole value is AWS::NoValue). Fn::If evaluates only the branch it takes. */
export function resolveValue(value: unknown, scope: Scope): unknown {
  const resolved = resolve(value, { scope, condition: (name) => scope.conditions[name] });
  return resolved === NO_VALUE ? undefined : resolved;
}

/** Evaluates the Conditions section (conditions may reference other conditions and parameters, never resources). */
export function evaluateConditions(
  template: Template,
  scope: Omit<Scope, 'conditions' | 'ref' | 'getAtt'>,
): Record<string, boolean> {
  const full: Scope = {
    ...scope,
    conditions: {},
    ref: (name) => {
      throw formatError(
        `Unresolved dependencies [${name}]. Cannot reference resources in the Conditions block of the template`,
      );
    },
    getAtt: (name) => {
      throw formatError(
        `Unresolved dependencies [${name}]. Cannot reference resources in the Conditions block of the template`,
      );
    },
  };
  return evaluateConditionSection(template, (value, condition) =>
    resolve(value, { scope: full, condition, inCondition: true }),
  );
}

/** The partition and URL suffix of a region. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html */
export function partitionOf(region: string): { partition: string; urlSuffix: string } {
  if (region.startsWith('cn-')) return { partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' };
  if (region.startsWith('us-gov-')) return { partition: 'aws-us-gov', urlSuffix: 'amazonaws.com' };
  return { partition: 'aws', urlSuffix: 'amazonaws.com' };
}

/** The marker `Ref: AWS::NoValue` resolves to until its member or item is dropped. */
const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

interface Context {
  scope: Scope;
  condition(name: string): boolean | undefined;
  /** Inside a condition function or the Conditions section, where `{Condition: name}` names a condition. */
  inCondition?: boolean;
}

type Fn = (argument: unknown, context: Context) => unknown;

const FUNCTIONS: Record<string, Fn> = {
  Ref: (argument, context) => refValue(stringArgument('Ref', argument, context), context.scope),
  'Fn::GetAtt': getAtt,
  'Fn::Sub': sub,
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::If': fnIf,
  'Fn::Equals': (argument, context) =>
    fnEquals(argument, (value) => resolve(value, { ...context, inCondition: true })),
  'Fn::And': (argument, context) =>
    fnAndOr('Fn::And', argument, (value) => resolve(value, { ...context, inCondition: true })),
  'Fn::Or': (argument, context) =>
    fnAndOr('Fn::Or', argument, (value) => resolve(value, { ...context, inCondition: true })),
  'Fn::Not': (argument, context) =>
    fnNot(argument, (value) => resolve(value, { ...context, inCondition: true })),
  'Fn::FindInMap': (argument, context) =>
    findInMap(
      argument,
      context.scope.mappings,
      (value) => resolve(value, context),
      (value) => stringArgument('Fn::FindInMap', value, context),
    ),
  'Fn::GetAZs': (argument, context) => {
    const region = resolve(argument, context);
    return context.scope.azs(
      typeof region === 'string' && region !== '' ? region : context.scope.pseudo.region,
    );
  },
  'Fn::Base64': (argument, context) =>
    Buffer.from(stringArgument('Fn::Base64', argument, context), 'utf8').toString('base64'),
  'Fn::Cidr': (argument, context) => {
    const values = resolve(argument, context);
    if (!Array.isArray(values) || values.length !== 3)
      throw templateError('Fn::Cidr requires three parameters');
    return cidrBlocks(String(values[0]), Number(values[1]), Number(values[2]));
  },
  'Fn::ImportValue': (argument, context) =>
    context.scope.importValue(stringArgument('Fn::ImportValue', argument, context)),
  'Fn::Length': (argument, context) => {
    const list = resolve(argument, context);
    if (!Array.isArray(list))
      throw templateError('Fn::Length requires a list or a function that returns a list');
    return list.length;
  },
  'Fn::ToJsonString': (argument, context) => {
    const value = resolve(argument, context);
    if (typeof value !== 'object' || value === null) {
      throw templateError('Fn::ToJsonString requires an object or a list');
    }
    return JSON.stringify(value);
  },
  'Fn::Transform': () => {
    throw validationError('Fn::Transform (AWS::Include and macros) is not supported by Nimbus yet');
  },
};

function resolve(value: unknown, context: Context): unknown {
  if (Array.isArray(value))
    return value.map((item) => resolve(item, context)).filter((item) => item !== NO_VALUE);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const key = keys[0]!;
    const fn = FUNCTIONS[key];
    if (fn) return fn(value[key], context);
    if (key === 'Condition' && typeof value[key] === 'string' && context.inCondition) {
      // Only meaningful inside the condition functions; a `Condition` property elsewhere is a plain member.
      return conditionValue(value[key] as string, context);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const resolved = resolve(inner, context);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function conditionValue(name: string, context: Context): unknown {
  const value = context.condition(name);
  if (value === undefined) {
    throw formatError(`Unresolved condition dependency ${name} in Fn::And, Fn::Or, Fn::Not or Condition`);
  }
  return value;
}

function refValue(name: string, scope: Scope): unknown {
  if (Object.hasOwn(scope.parameters, name)) return scope.parameters[name];
  const pseudo = scope.pseudo;
  switch (name) {
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::AccountId':
      return pseudo.accountId;
    case 'AWS::Region':
      return pseudo.region;
    case 'AWS::StackName':
      return pseudo.stackName;
    case 'AWS::StackId':
      return pseudo.stackId;
    case 'AWS::Partition':
      return pseudo.partition ?? partitionOf(pseudo.region).partition;
    case 'AWS::URLSuffix':
      return pseudo.urlSuffix ?? partitionOf(pseudo.region).urlSuffix;
    case 'AWS::NotificationARNs':
      return pseudo.notificationArns ?? [];
  }
  return scope.ref(name);
}

/** A string argument; under the language extensions it may itself be a function (`Ref: !Sub 'Bucket${Name}'`). */
function stringArgument(fn: string, argument: unknown, context: Context): string {
  const value = typeof argument === 'string' ? argument : resolve(argument, context);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw templateError(`${fn} requires a string argument`);
  return value;
}

function getAtt(argument: unknown, context: Context): unknown {
  // `Fn::GetAtt: a.b` (string) is accepted as `[a, b]`; nested attribute names keep their dots (`Endpoint.Address`).
  let parts = argument;
  if (typeof parts === 'string') {
    const dot = parts.indexOf('.');
    parts = dot < 0 ? [parts] : [parts.slice(0, dot), parts.slice(dot + 1)];
  }
  if (!Array.isArray(parts) || parts.length !== 2) {
    throw templateError('every Fn::GetAtt object requires two non-empty parameters.');
  }
  const logicalId = stringArgument('Fn::GetAtt', parts[0], context);
  const attribute = stringArgument('Fn::GetAtt', parts[1], context);
  return context.scope.getAtt(logicalId, attribute);
}

function sub(argument: unknown, context: Context): string {
  const { source, variables } = subArguments(argument);
  const text = typeof source === 'string' ? source : resolve(source, context);
  if (typeof text !== 'string') throw templateError('Fn::Sub requires a string as its first argument');
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(variables)) values[name] = resolve(value, context);
  return parseSubString(text)
    .map((part) => {
      if ('text' in part) return part.text;
      const name = part.variable;
      if (Object.hasOwn(values, name)) return subText(values[name]);
      const scope = context.scope;
      if (Object.hasOwn(scope.parameters, name) || name.startsWith('AWS::'))
        return subText(refValue(name, scope));
      const dot = name.indexOf('.');
      if (dot > 0) return subText(scope.getAtt(name.slice(0, dot), name.slice(dot + 1)));
      if (name === '') throw unresolvedDependencies([name], 'Resources');
      return subText(scope.ref(name));
    })
    .join('');
}

function subText(value: unknown): string {
  if (value === NO_VALUE || value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(',');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function join(argument: unknown, context: Context): string {
  const wrong = () =>
    templateError(
      'every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.',
    );
  if (!Array.isArray(argument) || argument.length !== 2 || typeof argument[0] !== 'string') throw wrong();
  const list = resolve(argument[1], context);
  if (!Array.isArray(list)) throw wrong();
  return list
    .map((item) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item)))
    .join(argument[0]);
}

function select(argument: unknown, context: Context): unknown {
  if (!Array.isArray(argument) || argument.length !== 2) {
    throw templateError('Fn::Select requires a list argument with two elements: an integer index and a list');
  }
  const index = Number(resolve(argument[0], context));
  const list = resolve(argument[1], context);
  if (!Array.isArray(list)) {
    throw templateError('Fn::Select requires a list argument with two elements: an integer index and a list');
  }
  // Observed wording, two spaces included: "Template error: Fn::Select  cannot select nonexistent value at index 2".
  if (!Number.isInteger(index) || index < 0 || index >= list.length || list[index] === null) {
    throw templateError(
      `Fn::Select  cannot select nonexistent value at index ${resolve(argument[0], context)}`,
    );
  }
  return list[index];
}

function split(argument: unknown, context: Context): string[] {
  const wrong = () =>
    templateError(
      'every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string to be split or a function that returns a string to be split.',
    );
  if (!Array.isArray(argument) || argument.length !== 2 || typeof argument[0] !== 'string') throw wrong();
  const text = resolve(argument[1], context);
  if (typeof text !== 'string') throw wrong();
  return text.split(argument[0]);
}

function fnIf(argument: unknown, context: Context): unknown {
  if (!Array.isArray(argument) || argument.length !== 3 || typeof argument[0] !== 'string') {
    throw templateError(
      'every Fn::If object requires three parameters, (1) a condition name, (2) a value if the condition is true and (3) a value if it is false.',
    );
  }
  const holds = context.condition(argument[0]);
  if (holds === undefined) throw templateError(`unresolved condition dependency ${argument[0]} in Fn::If`);
  return resolve(holds ? argument[1] : argument[2], context);
}
