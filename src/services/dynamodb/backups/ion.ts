// DynamoDB items in Amazon Ion text, as exports write them: S as strings, N as decimals, B as blobs, sets as
// lists annotated `$dynamodb_SS`/`$dynamodb_NS`/`$dynamodb_BS`, M as structs, L as lists.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html#S3DataExport.Output_Data_ION
// https://amazon-ion.github.io/ion-docs/docs/spec.html

import type { AttributeValue, Item } from '../values.js';

/** One line of an ION export: `$ion_1_0 {Item:{…}}` is how the file opens; each item is `{Item:{…}}`. */
export function ionItem(item: Item): string {
  return `{Item:${ionStruct(item)}}`;
}

export function ionValue(value: AttributeValue): string {
  if (value.S !== undefined) return ionString(value.S);
  if (value.N !== undefined) return ionDecimal(value.N);
  if (value.B !== undefined) return `{{${value.B}}}`;
  if (value.BOOL !== undefined) return value.BOOL ? 'true' : 'false';
  if (value.NULL !== undefined) return 'null';
  if (value.SS !== undefined) return `$dynamodb_SS::[${value.SS.map(ionString).join(',')}]`;
  if (value.NS !== undefined) return `$dynamodb_NS::[${value.NS.map(ionDecimal).join(',')}]`;
  if (value.BS !== undefined) return `$dynamodb_BS::[${value.BS.map((b) => `{{${b}}}`).join(',')}]`;
  if (value.M !== undefined) return ionStruct(value.M);
  if (value.L !== undefined) return `[${value.L.map(ionValue).join(',')}]`;
  return 'null';
}

export function ionStruct(item: Item): string {
  return `{${Object.entries(item)
    .map(([name, value]) => `${ionSymbol(name)}:${ionValue(value)}`)
    .join(',')}}`;
}

/** A DynamoDB number is canonical plain notation (decimal.ts); Ion reads `12` as an int, so a decimal
 * without a point gets one (`12.` is the decimal 12). */
function ionDecimal(n: string): string {
  return n.includes('.') ? n : `${n}.`;
}

function ionString(s: string): string {
  return `"${ionEscape(s, '"')}"`;
}

/** Field names are quoted symbols unless they are plain identifiers. */
function ionSymbol(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !/^(null|true|false|nan)$/.test(name)
    ? name
    : `'${ionEscape(name, "'")}'`;
}

function ionEscape(s: string, quote: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}
