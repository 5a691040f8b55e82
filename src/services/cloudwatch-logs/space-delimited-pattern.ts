// Space-delimited filter patterns (`[ip, user, ..., status_code = 4*, bytes > 1000]`): a message is split into
// fields at spaces — text between double quotes or square brackets is one field — and the pattern names each
// field in turn, `...` standing for any number of them; conditions compare a named field with a number, a
// `*` wildcard string or a `%regex%`, joined by `&&` and `||`. A match yields the named fields, which
// subscription payloads carry as `extractedFields`.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

import { ConditionParser, invalidFilterPattern } from './condition-parser.js';
import { invalidParameter } from './errors.js';

/** The named fields of a matching message, or undefined when it does not match. */
export type FieldExtractor = (message: string) => Record<string, string> | undefined;

type Condition = (fields: Record<string, string>) => boolean;
type Entry = { kind: 'ellipsis' } | { kind: 'field'; name: string };

export function compileSpaceDelimitedPattern(text: string): FieldExtractor {
  if (!text.endsWith(']')) throw invalidParameter("If a filter pattern starts with '[' it must end with ']'");
  const entries: Entry[] = [];
  const conditions: Condition[] = [];
  for (const part of splitEntries(text.slice(1, -1))) {
    if (part === '...') {
      entries.push({ kind: 'ellipsis' });
      continue;
    }
    const tokens = tokenize(part);
    const name = tokens[0];
    if (name === undefined || !FIELD_NAME.test(name)) throw invalidPattern();
    if (entries.some((entry) => entry.kind === 'field' && entry.name === name)) throw invalidPattern();
    entries.push({ kind: 'field', name });
    if (tokens.length > 1) conditions.push(new FieldConditionParser(tokens).parse());
  }
  if (entries.length === 0) throw invalidPattern();
  return (message) => {
    const fields = splitFields(message);
    let found: Record<string, string> | undefined;
    assign(entries, fields, 0, 0, {}, (named) => {
      if (!conditions.every((condition) => condition(named))) return false;
      found = named;
      return true;
    });
    return found;
  };
}

const FIELD_NAME = /^[A-Za-z_$][\w$]*$/;
const TOKEN = /\s*("(?:[^"\\]|\\.)*"|%(?:[^%\\]|\\.)*%|&&|\|\||!=|<=|>=|[=<>()]|[^\s()&|=!<>]+)/y;

/** A message's fields: runs of non-space characters, or the text inside `"..."` or `[...]`. */
function splitFields(message: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < message.length) {
    if (/\s/.test(message[i]!)) {
      i++;
      continue;
    }
    const close = message[i] === '"' ? '"' : message[i] === '[' ? ']' : undefined;
    if (close) {
      const end = message.indexOf(close, i + 1);
      if (end !== -1) {
        fields.push(message.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    let end = i;
    while (end < message.length && !/\s/.test(message[end]!)) end++;
    fields.push(message.slice(i, end));
    i = end;
  }
  return fields;
}

/** Tries each way of laying the entries over the fields (`...` takes zero or more) until `accept` takes one. */
function assign(
  entries: readonly Entry[],
  fields: readonly string[],
  e: number,
  f: number,
  named: Record<string, string>,
  accept: (named: Record<string, string>) => boolean,
): boolean {
  if (e === entries.length) return f === fields.length && accept({ ...named });
  const entry = entries[e]!;
  if (entry.kind === 'field') {
    if (f >= fields.length) return false;
    named[entry.name] = fields[f]!;
    const done = assign(entries, fields, e + 1, f + 1, named, accept);
    delete named[entry.name];
    return done;
  }
  for (let skip = 0; f + skip <= fields.length; skip++)
    if (assign(entries, fields, e + 1, f + skip, named, accept)) return true;
  return false;
}

/** The pattern's comma-separated entries; commas inside quotes or `%regex%` belong to the entry. */
function splitEntries(body: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inside: string | undefined;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (inside) {
      if (c === '\\' && i + 1 < body.length) current += c + body[++i];
      else {
        if (c === inside) inside = undefined;
        current += c;
      }
    } else if (c === '"' || c === '%') {
      inside = c;
      current += c;
    } else if (c === ',') {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  if (inside) throw invalidPattern();
  parts.push(current.trim());
  if (parts.some((part) => part === '')) throw invalidPattern();
  return parts;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (!match) {
      if (text.slice(TOKEN.lastIndex).trim() === '') break;
      throw invalidPattern();
    }
    tokens.push(match[1]!);
  }
  return tokens;
}

/** A space-delimited pattern's conditions on its named fields (condition-parser.ts), `name op value`. */
class FieldConditionParser extends ConditionParser<Record<string, string>> {
  protected comparison(): (fields: Record<string, string>) => boolean {
    const name = this.next();
    if (!FIELD_NAME.test(name)) throw invalidPattern();
    const compare = comparison(this.next(), this.next());
    return (fields) => fields[name] !== undefined && compare(fields[name]);
  }
}

/** `= != < <= > >=` with a number compare numerically (a field that is not a number never matches); `=`
 * and `!=` with text match it whole, `*` standing for any characters; `%re%` tests a regular expression. */
function comparison(op: string, literal: string): (value: string) => boolean {
  if (!['=', '!=', '<', '<=', '>', '>='].includes(op)) throw invalidPattern();
  const isNumber = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(literal);
  if (op !== '=' && op !== '!=') {
    if (!isNumber) throw invalidPattern();
    const n = Number(literal);
    const tests: Record<string, (v: number) => boolean> = {
      '<': (v) => v < n,
      '<=': (v) => v <= n,
      '>': (v) => v > n,
      '>=': (v) => v >= n,
    };
    const test = tests[op]!;
    return (value) => isNumeric(value) && test(Number(value));
  }
  let equals: (value: string) => boolean;
  if (literal.startsWith('%') && literal.endsWith('%') && literal.length > 1) {
    let regex: RegExp;
    try {
      regex = new RegExp(literal.slice(1, -1));
    } catch {
      throw invalidPattern();
    }
    equals = (value) => regex.test(value);
  } else if (isNumber) {
    const n = Number(literal);
    equals = (value) => isNumeric(value) && Number(value) === n;
  } else {
    const text = literal.startsWith('"') ? unquote(literal) : literal;
    const wildcard = new RegExp(`^${text.split('*').map(escapeRegex).join('.*')}$`, 's');
    equals = (value) => wildcard.test(value);
  }
  return op === '=' ? equals : (value) => !equals(value);
}

function isNumeric(value: string): boolean {
  return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value);
}

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** AWS's answer to a pattern it cannot parse (FilterLogEvents, PutSubscriptionFilter). */
const invalidPattern = invalidFilterPattern;
