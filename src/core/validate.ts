// Checks a decoded input against its shape and converts it to the operation's types.
// JSON inputs arrive typed; awsQuery inputs arrive as strings and are coerced here ("5" → 5, "true" → true).
// Problems are collected, not thrown, so each service can word them the way AWS does for that service.

import { Readable } from 'node:stream';
import { lowerFirst, type Shape, type StructureShape, type ValidationProblem } from './shapes.js';

export type InputSource = 'json' | 'query';

export interface ValidationResult {
  readonly value: Record<string, unknown>;
  readonly problems: ValidationProblem[];
}

export function validateInput(
  shape: StructureShape,
  raw: Record<string, unknown>,
  source: InputSource,
): ValidationResult {
  const problems: ValidationProblem[] = [];
  const value = checkStructure(shape, raw, '', source, problems);
  return { value, problems };
}

function checkStructure(
  shape: StructureShape,
  raw: Record<string, unknown>,
  path: string,
  source: InputSource,
  problems: ValidationProblem[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name in shape.members) {
    const member = shape.members[name]!;
    const memberPath = path ? `${path}.${lowerFirst(name)}` : lowerFirst(name);
    const rawValue = raw[name];
    if (rawValue === undefined || rawValue === null) {
      if (member.required) {
        problems.push({
          kind: 'missing',
          path: memberPath,
          member: name,
          value: null,
          constraint: 'Member must not be null',
        });
      }
      continue;
    }
    const checked = checkValue(member.shape, rawValue, memberPath, name, source, problems);
    if (checked !== undefined) out[name] = checked;
  }
  return out;
}

function checkValue(
  shape: Shape,
  raw: unknown,
  path: string,
  member: string,
  source: InputSource,
  problems: ValidationProblem[],
): unknown {
  const typeProblem = (expected: string) => {
    problems.push({ kind: 'type', path, member, value: raw, constraint: `Member must be ${expected}` });
    return undefined;
  };
  const constraint = (text: string, value: unknown = raw) => {
    problems.push({ kind: 'constraint', path, member, value, constraint: text });
  };
  switch (shape.kind) {
    case 'string': {
      if (typeof raw !== 'string') return typeProblem('a string');
      // Lengths count code points, as AWS does; skip counting when the shape sets no length limit.
      const length = shape.min === undefined && shape.max === undefined ? 0 : codePoints(raw);
      if (shape.min !== undefined && length < shape.min)
        constraint(`Member must have length greater than or equal to ${shape.min}`);
      else if (shape.max !== undefined && length > shape.max)
        constraint(`Member must have length less than or equal to ${shape.max}`);
      else if (shape.enum && !shape.enum.includes(raw))
        constraint(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      else if (shape.pattern && !shape.pattern.regex.test(raw))
        constraint(`Member must satisfy regular expression pattern: ${shape.pattern.text}`);
      return raw;
    }
    case 'integer': {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (source === 'query' && typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) n = Number(raw);
      else return typeProblem('an integer');
      if (!Number.isInteger(n)) return typeProblem('an integer');
      if (shape.min !== undefined && n < shape.min)
        constraint(`Member must have value greater than or equal to ${shape.min}`, n);
      else if (shape.max !== undefined && n > shape.max)
        constraint(`Member must have value less than or equal to ${shape.max}`, n);
      return n;
    }
    case 'double': {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (source === 'query' && typeof raw === 'string' && raw.trim() !== '') n = Number(raw);
      else return typeProblem('a number');
      if (!Number.isFinite(n)) return typeProblem('a number');
      if (shape.min !== undefined && n < shape.min)
        constraint(`Member must have value greater than or equal to ${shape.min}`, n);
      else if (shape.max !== undefined && n > shape.max)
        constraint(`Member must have value less than or equal to ${shape.max}`, n);
      return n;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (source === 'query' && (raw === 'true' || raw === 'false')) return raw === 'true';
      return typeProblem('a boolean');
    }
    case 'blob': {
      // REST payloads arrive as bytes; JSON bodies and in-process calls carry base64 text.
      if (Buffer.isBuffer(raw)) return raw;
      if (typeof raw !== 'string' || !isBase64(raw)) return typeProblem('base64-encoded binary data');
      return Buffer.from(raw, 'base64');
    }
    case 'timestamp': {
      // awsJson sends epoch seconds; awsQuery (and some hand-written JSON) ISO 8601 text.
      if (typeof raw === 'number' && Number.isFinite(raw)) return Math.round(raw * 1000);
      if (typeof raw === 'string' && /^\d{4}-\d\d-\d\d/.test(raw) && Number.isFinite(Date.parse(raw)))
        return Date.parse(raw);
      return typeProblem('a timestamp');
    }
    case 'stream': {
      if (raw instanceof Readable) return raw;
      if (Buffer.isBuffer(raw)) return Readable.from([raw]);
      if (typeof raw !== 'string' || !isBase64(raw)) return typeProblem('base64-encoded binary data');
      return Readable.from([Buffer.from(raw, 'base64')]);
    }
    case 'list': {
      if (!Array.isArray(raw)) return typeProblem('a list');
      if (shape.min !== undefined && raw.length < shape.min)
        constraint(`Member must have length greater than or equal to ${shape.min}`);
      else if (shape.max !== undefined && raw.length > shape.max)
        constraint(`Member must have length less than or equal to ${shape.max}`);
      return raw.map((item, i) =>
        checkValue(shape.member, item, `${path}.${i + 1}.member`, member, source, problems),
      );
    }
    case 'map': {
      if (!isPlainObject(raw)) return typeProblem('a map');
      // No prototype: a key such as `__proto__` is data, not a way to reach Object.prototype.
      const out: Record<string, unknown> = Object.create(null);
      for (const key of Object.keys(raw)) {
        out[key] = checkValue(shape.value, raw[key], `${path}.${key}`, member, source, problems);
      }
      return out;
    }
    case 'structure': {
      if (!isPlainObject(raw)) return typeProblem('a structure');
      return checkStructure(shape, raw, path, source, problems);
    }
  }
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
