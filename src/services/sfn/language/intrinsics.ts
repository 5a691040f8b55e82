// Step Functions' intrinsic functions (`States.Format('{}', $.a)` …): parsing of calls and their
// arguments, and each function's evaluation with AWS's States.IntrinsicFailure limits.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html

import { createHash, randomUUID } from 'node:crypto';
import { type Environment, type Json, StatesFailure } from './index.js';
import { readPath } from './jsonpath.js';

/** Whether a `.$` value is an intrinsic call rather than a path. */
export function isIntrinsic(text: string): boolean {
  return /^States\.[A-Za-z0-9]+\s*\(/.test(text.trim());
}

/** Evaluates one intrinsic call against the input, context and variables. */
export function evaluateIntrinsic(text: string, input: Json, env: Environment): Json {
  const parser = new Parser(text.trim());
  const call = parser.call();
  parser.end();
  return run(call, input, env);
}

type Arg =
  | { kind: 'literal'; value: Json }
  | { kind: 'path'; path: string }
  | { kind: 'variable'; name: string; path: string }
  | { kind: 'call'; name: string; args: Arg[] };

class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  call(): Arg & { kind: 'call' } {
    const m = /^States\.([A-Za-z0-9]+)\s*\(/.exec(this.text.slice(this.i));
    if (!m) this.fail('expected an intrinsic function');
    this.i += (m?.[0] ?? '').length;
    const args: Arg[] = [];
    this.space();
    if (this.text[this.i] === ')') {
      this.i++;
      return { kind: 'call', name: `States.${m?.[1]}`, args };
    }
    for (;;) {
      args.push(this.arg());
      this.space();
      const c = this.text[this.i++];
      if (c === ')') break;
      if (c !== ',') this.fail(`expected ',' or ')'`);
    }
    return { kind: 'call', name: `States.${m?.[1]}`, args };
  }

  end(): void {
    this.space();
    if (this.i < this.text.length) this.fail('unexpected text after the call');
  }

  private arg(): Arg {
    this.space();
    const rest = this.text.slice(this.i);
    if (rest.startsWith("'")) return { kind: 'literal', value: this.string() };
    if (rest.startsWith('States.')) return this.call();
    if (rest.startsWith('$')) {
      const p = this.pathToken();
      const v = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(p);
      if (v && !p.startsWith('$$')) return { kind: 'variable', name: v[1] ?? '', path: `$${v[2] ?? ''}` };
      return { kind: 'path', path: p };
    }
    const lit = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(rest);
    if (!lit) this.fail('unexpected argument');
    this.i += (lit?.[0] ?? '').length;
    return { kind: 'literal', value: JSON.parse(lit?.[0] ?? 'null') as Json };
  }

  // Literal strings are single-quoted; `\'`, `\{`, `\}` and `\\` are escapes.
  private string(): string {
    let out = '';
    this.i++;
    while (this.i < this.text.length) {
      const c = this.text[this.i++];
      if (c === '\\') {
        // `\{` and `\}` stay escaped so that States.Format can tell them from placeholders.
        const e = this.text[this.i++] ?? '';
        out += e === '{' || e === '}' ? `\\${e}` : e;
      } else if (c === "'") return out;
      else out += c;
    }
    return this.fail('unterminated string');
  }

  private pathToken(): string {
    let depth = 0;
    let quote: string | undefined;
    const start = this.i;
    for (; this.i < this.text.length; this.i++) {
      const c = this.text[this.i];
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[' || c === '(') depth++;
      else if (c === ']') depth--;
      else if (c === ')' && depth === 0) break;
      else if (c === ')') depth--;
      else if ((c === ',' || c === ' ') && depth === 0) break;
    }
    return this.text.slice(start, this.i);
  }

  private space(): void {
    while (this.text[this.i] === ' ') this.i++;
  }

  private fail(why: string): never {
    throw new StatesFailure('States.IntrinsicFailure', `Invalid intrinsic function ${this.text}: ${why}`);
  }
}

function run(call: Arg & { kind: 'call' }, input: Json, env: Environment): Json {
  const args = call.args.map((a) => {
    const v = value(a, input, env);
    return a.kind === 'literal' && typeof v === 'string' && call.name !== 'States.Format'
      ? v.replace(/\\([{}])/g, '$1')
      : v;
  });
  const fn = FUNCTIONS[call.name];
  if (!fn) throw failure(call.name, 'is not a supported intrinsic function');
  return fn(args, call.name);
}

function value(arg: Arg, input: Json, env: Environment): Json {
  if (arg.kind === 'literal') return arg.value;
  if (arg.kind === 'call') return run(arg, input, env);
  if (arg.kind === 'path') return readPath(arg.path, input, env.context);
  if (!(arg.name in env.variables)) {
    throw new StatesFailure('States.Runtime', `The variable '$${arg.name}' could not be found`);
  }
  return readPath(arg.path, env.variables[arg.name] ?? null, env.context);
}

function failure(name: string, why: string): StatesFailure {
  return new StatesFailure('States.IntrinsicFailure', `The Intrinsic Function ${name} ${why}`);
}

type Fn = (args: Json[], name: string) => Json;

function arity(args: Json[], name: string, min: number, max = min): void {
  if (args.length < min || args.length > max) {
    throw failure(name, `expects ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
  }
}
function str(v: Json, name: string): string {
  if (typeof v !== 'string') throw failure(name, `expects a string argument, got ${JSON.stringify(v)}`);
  return v;
}
function int(v: Json, name: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw failure(name, `expects an integer argument, got ${JSON.stringify(v)}`);
  return v;
}
function arr(v: Json, name: string): Json[] {
  if (!Array.isArray(v)) throw failure(name, `expects an array argument, got ${JSON.stringify(v)}`);
  return v;
}
function obj(v: Json, name: string): Record<string, Json> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw failure(name, 'expects JSON object arguments');
  return v;
}

const HASHES: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

const FUNCTIONS: Record<string, Fn> = {
  'States.Format': (args, name) => {
    if (args.length < 1) throw failure(name, 'expects at least 1 argument');
    const template = str(args[0] ?? null, name);
    const values = args.slice(1);
    let n = 0;
    const out = template.replace(/\\([{}\\'])|\{\}/g, (_m, esc: string | undefined) => {
      if (esc) return esc;
      if (n >= values.length) throw failure(name, 'has more placeholders than arguments');
      const v = values[n++] ?? null;
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
    if (n !== values.length) throw failure(name, 'has more arguments than placeholders');
    return out;
  },
  'States.StringToJson': (args, name) => {
    arity(args, name, 1);
    try {
      return JSON.parse(str(args[0] ?? null, name)) as Json;
    } catch {
      throw failure(name, 'expects a valid JSON string');
    }
  },
  'States.JsonToString': (args, name) => {
    arity(args, name, 1);
    return JSON.stringify(args[0]);
  },
  'States.Array': (args) => args,
  'States.ArrayPartition': (args, name) => {
    arity(args, name, 2);
    const a = arr(args[0] ?? null, name);
    const size = int(args[1] ?? null, name);
    if (size <= 0) throw failure(name, 'expects a chunk size greater than 0');
    const out: Json[] = [];
    for (let i = 0; i < a.length; i += size) out.push(a.slice(i, i + size));
    return out;
  },
  'States.ArrayContains': (args, name) => {
    arity(args, name, 2);
    const needle = JSON.stringify(args[1]);
    return arr(args[0] ?? null, name).some((v) => JSON.stringify(v) === needle);
  },
  'States.ArrayRange': (args, name) => {
    arity(args, name, 3);
    const [start, end, step] = args.map((a) => int(a, name)) as [number, number, number];
    if (step === 0) throw failure(name, 'expects a non-zero step');
    const out: number[] = [];
    for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
      out.push(v);
      // AWS: "The array can contain a maximum of 1000 items".
      if (out.length > 1000) throw failure(name, 'generated an array with more than 1000 items');
    }
    return out;
  },
  'States.ArrayGetItem': (args, name) => {
    arity(args, name, 2);
    const a = arr(args[0] ?? null, name);
    const i = int(args[1] ?? null, name);
    if (i < 0 || i >= a.length) throw failure(name, `index ${i} is out of bounds`);
    return a[i] ?? null;
  },
  'States.ArrayLength': (args, name) => {
    arity(args, name, 1);
    return arr(args[0] ?? null, name).length;
  },
  'States.ArrayUnique': (args, name) => {
    arity(args, name, 1);
    const seen = new Set<string>();
    return arr(args[0] ?? null, name).filter((v) => {
      const k = JSON.stringify(v);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  },
  'States.Base64Encode': (args, name) => {
    arity(args, name, 1);
    const s = str(args[0] ?? null, name);
    // AWS: "up to 10,000 characters" of input.
    if (s.length > 10000) throw failure(name, 'input exceeds 10000 characters');
    return Buffer.from(s, 'utf8').toString('base64');
  },
  'States.Base64Decode': (args, name) => {
    arity(args, name, 1);
    const s = str(args[0] ?? null, name);
    if (s.length > 10000) throw failure(name, 'input exceeds 10000 characters');
    return Buffer.from(s, 'base64').toString('utf8');
  },
  'States.Hash': (args, name) => {
    arity(args, name, 2);
    const data = args[0] ?? null;
    const algorithm = HASHES[str(args[1] ?? null, name)];
    if (!algorithm) throw failure(name, `algorithm must be one of ${Object.keys(HASHES).join(', ')}`);
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    if (text.length > 10000) throw failure(name, 'input exceeds 10000 characters');
    return createHash(algorithm).update(text, 'utf8').digest('hex');
  },
  'States.JsonMerge': (args, name) => {
    arity(args, name, 3);
    // AWS supports only the shallow merge: the third argument must be false.
    if (args[2] !== false)
      throw failure(name, 'supports only shallow merging (the third argument must be false)');
    return { ...obj(args[0] ?? null, name), ...obj(args[1] ?? null, name) };
  },
  'States.MathRandom': (args, name) => {
    arity(args, name, 2, 3);
    const start = int(args[0] ?? null, name);
    const end = int(args[1] ?? null, name);
    return start + Math.floor(Math.random() * (end - start));
  },
  'States.MathAdd': (args, name) => {
    arity(args, name, 2);
    return int(args[0] ?? null, name) + int(args[1] ?? null, name);
  },
  'States.StringSplit': (args, name) => {
    arity(args, name, 2);
    const s = str(args[0] ?? null, name);
    const chars = str(args[1] ?? null, name);
    // The delimiter is a set of characters, each splitting the string; empty pieces are dropped.
    return s.split(new RegExp(`[${chars.replace(/[\\\]^-]/g, '\\$&')}]`)).filter((p) => p !== '');
  },
  'States.UUID': (args, name) => {
    arity(args, name, 0);
    return randomUUID();
  },
};
