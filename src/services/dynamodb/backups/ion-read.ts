// Reads DynamoDB items from Amazon Ion text, as imports take them (and exports write them, ion.ts): structs,
// lists, strings, decimals and ints (N), blobs (B), bools, nulls, and the `$dynamodb_SS`/`NS`/`BS`
// annotations on lists for sets. A subset of Ion text: no clobs, timestamps, S-expressions or long strings.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataImport.Format.html
// https://amazon-ion.github.io/ion-docs/docs/spec.html

import type { AttributeValue, Item } from '../values.js';

/** The items of an Ion document whose top-level values are `{Item:{…}}` structs. */
export function ionItems(text: string): Item[] {
  const reader = new Reader(text);
  const items: Item[] = [];
  for (;;) {
    reader.space();
    if (reader.done()) return items;
    const value = reader.value();
    if (value === VERSION_MARKER) continue;
    if (!value || !('M' in value) || !value.M?.Item?.M)
      throw new Error('an Ion value that is not {Item:{…}}');
    items.push(value.M.Item.M);
  }
}

const VERSION_MARKER = { NULL: true } as AttributeValue;

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  space(): void {
    for (;;) {
      const rest = this.text.slice(this.at, this.at + 2);
      if (/^\s/.test(rest)) this.at++;
      else if (rest === '//') this.at = this.indexOr('\n', this.at);
      else if (rest === '/*') this.at = this.indexOr('*/', this.at) + 2;
      else return;
    }
  }

  value(): AttributeValue {
    this.space();
    const annotations: string[] = [];
    for (;;) {
      const match = /^('(?:[^'\\]|\\.)*'|[A-Za-z_$][A-Za-z0-9_$]*)\s*::/.exec(this.text.slice(this.at));
      if (!match) break;
      annotations.push(unquote(match[1]!));
      this.at += match[0].length;
      this.space();
    }
    const ch = this.text[this.at];
    if (ch === '{' && this.text[this.at + 1] === '{') return { B: this.blob() };
    if (ch === '{') return { M: this.struct() };
    if (ch === '[') return this.list(annotations[0]);
    if (ch === '"') return { S: this.string() };
    const token = /^[^\s,:{}[\]()]+/.exec(this.text.slice(this.at))?.[0];
    if (!token) throw new Error(`unexpected Ion text at ${this.at}`);
    this.at += token.length;
    if (token === '$ion_1_0') return VERSION_MARKER;
    if (token === 'true' || token === 'false') return { BOOL: token === 'true' };
    if (token === 'null' || token.startsWith('null.')) return { NULL: true };
    if (/^[-+]?(\d[\d_]*)(\.\d*)?([dDeE][-+]?\d+)?$/.test(token)) return { N: ionNumber(token) };
    throw new Error(`unsupported Ion value ${token}`);
  }

  private struct(): Item {
    this.at++;
    const item: Item = {};
    for (;;) {
      this.space();
      if (this.text[this.at] === '}') {
        this.at++;
        return item;
      }
      const name = this.text[this.at] === '"' ? this.string() : this.symbol();
      this.space();
      if (this.text[this.at] !== ':') throw new Error(`expected ':' at ${this.at}`);
      this.at++;
      item[name] = this.value();
      this.separator('}');
    }
  }

  private list(annotation: string | undefined): AttributeValue {
    this.at++;
    const values: AttributeValue[] = [];
    for (;;) {
      this.space();
      if (this.text[this.at] === ']') {
        this.at++;
        break;
      }
      values.push(this.value());
      this.separator(']');
    }
    if (annotation === '$dynamodb_SS') return { SS: values.map((v) => v.S ?? '') };
    if (annotation === '$dynamodb_NS') return { NS: values.map((v) => v.N ?? '0') };
    if (annotation === '$dynamodb_BS') return { BS: values.map((v) => v.B ?? '') };
    return { L: values };
  }

  private separator(close: string): void {
    this.space();
    if (this.text[this.at] === ',') this.at++;
    else if (this.text[this.at] !== close) throw new Error(`expected ',' or '${close}' at ${this.at}`);
  }

  private symbol(): string {
    const match = /^('(?:[^'\\]|\\.)*'|[A-Za-z_$][A-Za-z0-9_$]*)/.exec(this.text.slice(this.at));
    if (!match) throw new Error(`expected a field name at ${this.at}`);
    this.at += match[0].length;
    return unquote(match[1]!);
  }

  private string(): string {
    const match = /^"((?:[^"\\]|\\.)*)"/.exec(this.text.slice(this.at));
    if (!match) throw new Error(`unterminated string at ${this.at}`);
    this.at += match[0].length;
    return ionUnescape(match[1]!);
  }

  private blob(): string {
    const end = this.text.indexOf('}}', this.at);
    if (end < 0) throw new Error(`unterminated blob at ${this.at}`);
    const base64 = this.text.slice(this.at + 2, end).replace(/\s/g, '');
    this.at = end + 2;
    return base64;
  }

  private indexOr(needle: string, from: number): number {
    const at = this.text.indexOf(needle, from);
    return at < 0 ? this.text.length : at;
  }
}

/** Ion's `12.`, `1.5d3`, `1_000` as DynamoDB number text. */
function ionNumber(token: string): string {
  return token
    .replace(/_/g, '')
    .replace(/[dD]/, 'E')
    .replace(/\.(?=$|E)/, '');
}

function unquote(symbol: string): string {
  return symbol.startsWith("'") ? ionUnescape(symbol.slice(1, -1)) : symbol;
}

function ionUnescape(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, code: string) => {
    if (code.length > 1) return String.fromCharCode(Number.parseInt(code.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t', '0': '\0' } as Record<string, string>)[code] ?? code;
  });
}
