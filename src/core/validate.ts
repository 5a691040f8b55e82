// Checks a decoded input against its shape and converts it to the operation's types. Each shape is compiled
// once into a tree of closures (cached per shape), so a request pays for its own values, never for walking
// the model. JSON inputs arrive typed; awsQuery and REST-bound inputs arrive as strings and are coerced here
// ("5" → 5, "true" → true). Problems are collected, not thrown, so each service can word them as AWS does.
//
// What AWS does, and this mirrors: a member that is null is absent; every failed constraint of every member
// is reported, in the model's member order, each value's pattern before its length (observed: "2 validation
// errors detected: Value '' at 'backupName' failed to satisfy constraint: Member must satisfy regular
// expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'backupName' … length greater than or equal to 3"; AWS is
// not consistent here — DynamoDB's DescribeTable names the length first — so tests compare sets).

import { Readable } from 'node:stream';
import { lowerFirst, type Shape, type StructureShape, type ValidationProblem } from './shapes.js';

export type InputSource = 'json' | 'query';

export interface ValidationResult {
  readonly value: Record<string, unknown>;
  readonly problems: ValidationProblem[];
}

export interface ValidationOptions {
  /** Check the model's constraints (lengths, ranges, patterns, enums). Services that word their own limits
   * (SQS, SNS, S3) check types and required members only. Default true. */
  readonly constraints?: boolean;
}

export function validateInput(
  shape: StructureShape,
  raw: Record<string, unknown>,
  source: InputSource,
  options: ValidationOptions = {},
): ValidationResult {
  const problems: ValidationProblem[] = [];
  const check = compiled(shape, options.constraints !== false);
  const value = check(raw, undefined, '', '', source, problems) as Record<string, unknown>;
  return { value, problems };
}

/** A member's place in the input, materialized as text only when a problem is reported. */
interface Path {
  readonly parent: Path | undefined;
  readonly segment: string;
}

type Check = (
  raw: unknown,
  parent: Path | undefined,
  segment: string,
  /** The structure member (as declared: `MaxNumberOfMessages`) the value belongs to. */
  member: string,
  source: InputSource,
  problems: ValidationProblem[],
) => unknown;

const withConstraints = new WeakMap<Shape, Check>();
const typesOnly = new WeakMap<Shape, Check>();

function compiled(shape: Shape, constraints: boolean): Check {
  const cache = constraints ? withConstraints : typesOnly;
  let check = cache.get(shape);
  if (!check) {
    // Registered before its members are compiled, so a shape that contains itself finds itself here.
    let body: Check | undefined;
    check = (raw, parent, segment, member, source, problems) =>
      body!(raw, parent, segment, member, source, problems);
    cache.set(shape, check);
    body = compile(shape, constraints);
    cache.set(shape, body);
  }
  return check;
}

function compile(shape: Shape, constraints: boolean): Check {
  switch (shape.kind) {
    case 'structure':
      return compileStructure(shape, constraints);
    case 'list': {
      const member = compiled(shape.member, constraints);
      const length = constraints ? lengthCheck(shape.min, shape.max) : undefined;
      const summary = constraints ? memberSummary(shape.member, 'Member') : undefined;
      return (raw, parent, segment, name, source, problems) => {
        if (!Array.isArray(raw)) return typeProblem(problems, parent, segment, name, raw, 'list');
        length?.(raw.length, raw, parent, segment, name, problems);
        const path = { parent, segment };
        const items = summary ? [] : problems;
        const out = new Array(raw.length);
        for (let i = 0; i < raw.length; i++)
          out[i] = member(raw[i], path, `${i + 1}.member`, name, source, items);
        if (summary && items.length > 0)
          summarize(problems, items, parent, segment, name, javaList(raw), summary);
        return out;
      };
    }
    case 'map': {
      const value = compiled(shape.value, constraints);
      const length = constraints ? lengthCheck(shape.min, shape.max) : undefined;
      const summary = constraints ? memberSummary(shape.value, 'Map value') : undefined;
      return (raw, parent, segment, name, source, problems) => {
        if (!isPlainObject(raw)) return typeProblem(problems, parent, segment, name, raw, 'map');
        const keys = Object.keys(raw);
        length?.(keys.length, raw, parent, segment, name, problems);
        const path = { parent, segment };
        const items = summary ? [] : problems;
        // No prototype: a key such as `__proto__` is data, not a way to reach Object.prototype.
        const out: Record<string, unknown> = Object.create(null);
        for (const key of keys) out[key] = value(raw[key], path, key, name, source, items);
        if (summary && items.length > 0)
          summarize(problems, items, parent, segment, name, javaMap(raw), summary);
        return out;
      };
    }
    case 'string':
      return compileString(shape, constraints);
    case 'integer':
    case 'double': {
      const integer = shape.kind === 'integer';
      const range = constraints ? boundsCheck(shape.min, shape.max, 'value') : undefined;
      return (raw, parent, segment, name, source, problems) => {
        let n: number;
        if (typeof raw === 'number') n = raw;
        else if (source === 'query' && typeof raw === 'string' && raw.trim() !== '') n = Number(raw);
        else return typeProblem(problems, parent, segment, name, raw, shape.kind);
        if (integer ? !Number.isInteger(n) : !Number.isFinite(n)) {
          return typeProblem(problems, parent, segment, name, raw, shape.kind);
        }
        range?.(n, n, parent, segment, name, problems);
        return n;
      };
    }
    case 'boolean':
      return (raw, parent, segment, name, source, problems) => {
        if (typeof raw === 'boolean') return raw;
        if (source === 'query' && (raw === 'true' || raw === 'false')) return raw === 'true';
        return typeProblem(problems, parent, segment, name, raw, 'boolean');
      };
    case 'blob': {
      const text = shape.text === true;
      return (raw, parent, segment, name, _source, problems) => {
        // REST payloads arrive as bytes; JSON bodies and in-process calls carry base64 text.
        if (Buffer.isBuffer(raw) && !text) return raw;
        if (typeof raw !== 'string' || !isBase64(raw))
          return typeProblem(problems, parent, segment, name, raw, 'blob');
        return text ? raw : Buffer.from(raw, 'base64');
      };
    }
    case 'timestamp':
      return (raw, parent, segment, name, _source, problems) => {
        // awsJson sends epoch seconds; awsQuery (and some hand-written JSON) ISO 8601 text.
        if (typeof raw === 'number' && Number.isFinite(raw)) return Math.round(raw * 1000);
        if (typeof raw === 'string' && /^\d{4}-\d\d-\d\d/.test(raw) && Number.isFinite(Date.parse(raw))) {
          return Date.parse(raw);
        }
        return typeProblem(problems, parent, segment, name, raw, 'timestamp');
      };
    case 'stream':
      return (raw, parent, segment, name, _source, problems) => {
        if (raw instanceof Readable) return raw;
        if (Buffer.isBuffer(raw)) return Readable.from([raw]);
        if (typeof raw !== 'string' || !isBase64(raw))
          return typeProblem(problems, parent, segment, name, raw, 'blob');
        return Readable.from([Buffer.from(raw, 'base64')]);
      };
  }
}

function compileStructure(shape: StructureShape, constraints: boolean): Check {
  // Read lazily: a recursive shape's members are completed after the shape itself is declared.
  let members: { name: string; segment: string; required: boolean; check: Check }[] | undefined;
  return (raw, parent, segment, name, source, problems) => {
    if (!isPlainObject(raw)) return typeProblem(problems, parent, segment, name, raw, 'structure');
    members ??= Object.entries(shape.members).map(([name, member]) => ({
      name,
      segment: lowerFirst(name),
      required: member.required,
      check: compiled(member.shape, constraints),
    }));
    const path = segment === '' && parent === undefined ? undefined : { parent, segment };
    const out: Record<string, unknown> = {};
    for (const member of members) {
      const value = raw[member.name];
      if (value === undefined || value === null) {
        if (member.required) {
          problems.push({
            kind: 'missing',
            path: pathText(path, member.segment),
            member: member.name,
            value: null,
            constraint: 'Member must not be null',
          });
        }
        continue;
      }
      const checked = member.check(value, path, member.segment, member.name, source, problems);
      if (checked !== undefined) out[member.name] = checked;
    }
    return out;
  };
}

function compileString(shape: Extract<Shape, { kind: 'string' }>, constraints: boolean): Check {
  const length = constraints ? lengthCheck(shape.min, shape.max) : undefined;
  const values = constraints && shape.enum ? new Set(shape.enum) : undefined;
  const enumText = shape.enum ? `Member must satisfy enum value set: [${shape.enum.join(', ')}]` : '';
  const pattern = constraints ? shape.pattern : undefined;
  return (raw, parent, segment, name, _source, problems) => {
    if (typeof raw !== 'string') return typeProblem(problems, parent, segment, name, raw, 'string');
    if (values && !values.has(raw)) constraintProblem(problems, parent, segment, name, raw, enumText);
    if (pattern && !pattern.regex.test(raw)) {
      constraintProblem(
        problems,
        parent,
        segment,
        name,
        raw,
        `Member must satisfy regular expression pattern: ${pattern.text}`,
      );
    }
    // Lengths count code points, as AWS does.
    length?.(codePoints(raw), raw, parent, segment, name, problems);
    return raw;
  };
}

/** Checks a measure of a value (a string's or list's length, a number itself) against the model's bounds;
 * the value printed is the value, not the measure. */
type BoundsCheck = (
  measure: number,
  raw: unknown,
  parent: Path | undefined,
  segment: string,
  name: string,
  problems: ValidationProblem[],
) => void;

function boundsCheck(
  min: number | undefined,
  max: number | undefined,
  noun: 'length' | 'value',
): BoundsCheck | undefined {
  if (min === undefined && max === undefined) return undefined;
  const below = `Member must have ${noun} greater than or equal to ${min}`;
  const above = `Member must have ${noun} less than or equal to ${max}`;
  return (measure, raw, parent, segment, name, problems) => {
    if (min !== undefined && measure < min) constraintProblem(problems, parent, segment, name, raw, below);
    else if (max !== undefined && measure > max)
      constraintProblem(problems, parent, segment, name, raw, above);
  };
}

const lengthCheck = (min: number | undefined, max: number | undefined) => boundsCheck(min, max, 'length');

/**
 * A list or map of scalars is reported once, at the container, with every constraint of its members, as AWS
 * does: "Value '[a b]' at 'ids' failed to satisfy constraint: Member must satisfy constraint: [Member must
 * have length less than or equal to 64, …, Member must not be null]" and, for a map's values, "Map value must
 * satisfy constraint: [...]". The value is printed as Java prints a list (`[a, b]`) or map (`{k=v}`).
 * undefined for members that are structures, lists or maps (those report each item's own path).
 */
function memberSummary(member: Shape, subject: 'Member' | 'Map value'): string | undefined {
  const rules: string[] = [];
  if (member.kind === 'string') {
    if (member.max !== undefined) rules.push(`Member must have length less than or equal to ${member.max}`);
    if (member.min !== undefined)
      rules.push(`Member must have length greater than or equal to ${member.min}`);
    if (member.pattern) rules.push(`Member must satisfy regular expression pattern: ${member.pattern.text}`);
    if (member.enum) rules.push(`Member must satisfy enum value set: [${member.enum.join(', ')}]`);
  } else if (member.kind === 'integer' || member.kind === 'double') {
    if (member.max !== undefined) rules.push(`Member must have value less than or equal to ${member.max}`);
    if (member.min !== undefined) rules.push(`Member must have value greater than or equal to ${member.min}`);
  } else {
    return undefined;
  }
  if (rules.length === 0) return undefined;
  return `${subject} must satisfy constraint: [${[...rules, 'Member must not be null'].join(', ')}]`;
}

/** Moves the members' problems onto their container: type problems stay as they are (they decide a
 * SerializationException), constraint problems become the one summary. */
function summarize(
  problems: ValidationProblem[],
  items: ValidationProblem[],
  parent: Path | undefined,
  segment: string,
  name: string,
  shown: string,
  summary: string,
): void {
  const types = items.filter((problem) => problem.kind === 'type');
  problems.push(...types);
  if (types.length === items.length) return;
  problems.push({
    kind: 'constraint',
    path: pathText(parent, segment),
    member: name,
    value: shown,
    shown,
    constraint: summary,
  });
}

function javaList(values: readonly unknown[]): string {
  return `[${values.map((value) => (value === null || value === undefined ? 'null' : String(value))).join(', ')}]`;
}

function javaMap(values: Record<string, unknown>): string {
  return `{${Object.entries(values)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ')}}`;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  double: 'a number',
  boolean: 'a boolean',
  blob: 'base64-encoded binary data',
  timestamp: 'a timestamp',
  list: 'a list',
  map: 'a map',
  structure: 'a structure',
};

function typeProblem(
  problems: ValidationProblem[],
  parent: Path | undefined,
  segment: string,
  member: string,
  raw: unknown,
  expected: string,
): undefined {
  problems.push({
    kind: 'type',
    path: pathText(parent, segment),
    member,
    value: raw,
    expected,
    constraint: `Member must be ${EXPECTED[expected]}`,
  });
  return undefined;
}

function constraintProblem(
  problems: ValidationProblem[],
  parent: Path | undefined,
  segment: string,
  member: string,
  value: unknown,
  constraint: string,
): void {
  problems.push({
    kind: 'constraint',
    path: pathText(parent, segment),
    member,
    value,
    constraint,
  });
}

function pathText(parent: Path | undefined, segment: string): string {
  let text = segment;
  for (let at = parent; at !== undefined; at = at.parent) {
    if (at.segment !== '') text = `${at.segment}.${text}`;
  }
  return text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function isBase64(text: string): boolean {
  return /^[A-Za-z0-9+/\r\n]*={0,2}$/.test(text);
}

function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
