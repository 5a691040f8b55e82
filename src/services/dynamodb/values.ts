// AttributeValues: validation with DynamoDB's wording, canonical numbers, equality and ordering, item size,
// and the sortable byte encoding of key values. Values keep their wire form (B and BS as base64 text).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html (item size)

import { ServiceError } from '../../core/errors.js';
import { canonicalNumber, compareDecimals, encodeDecimal, parseDecimal } from './decimal.js';
import { invalidParameter, validation } from './errors.js';

export interface AttributeValue {
  S?: string;
  N?: string;
  B?: string;
  SS?: string[];
  NS?: string[];
  BS?: string[];
  M?: Record<string, AttributeValue>;
  L?: AttributeValue[];
  NULL?: boolean;
  BOOL?: boolean;
}
export type Item = Record<string, AttributeValue>;
/** An item or key as an operation receives it (validated against the model, then cast). */
export type AttributeMap = Item;
export type ValueType = 'S' | 'N' | 'B' | 'SS' | 'NS' | 'BS' | 'M' | 'L' | 'NULL' | 'BOOL';

export const VALUE_TYPES: readonly ValueType[] = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'];

/** The largest item: 400 KB, names and values counted in UTF-8. */
export const MAX_ITEM_BYTES = 400 * 1024;
/** DynamoDB nests documents at most 32 levels deep. */
const MAX_DEPTH = 32;

export function typeOf(value: AttributeValue): ValueType {
  for (const type of VALUE_TYPES) if (value[type] !== undefined) return type;
  throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
}

/** Checks every value of an item (or of ExpressionAttributeValues) and returns it with canonical numbers. */
export function checkItem(item: Record<string, AttributeValue>): Item {
  const out: Item = {};
  for (const name of Object.keys(item)) out[name] = checkValue(item[name]!, 1);
  return out;
}

export function checkValue(value: AttributeValue, depth = 1): AttributeValue {
  if (depth > MAX_DEPTH)
    throw validation('Nesting Levels have exceeded supported limits: Nesting level of 33 exceeded');
  let type: ValueType | undefined;
  for (const candidate of VALUE_TYPES) {
    if (value[candidate] === undefined) continue;
    if (type)
      throw validation(
        'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
      );
    type = candidate;
  }
  if (!type)
    throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  switch (type) {
    case 'S':
      return { S: value.S! };
    case 'N':
      return { N: canonicalNumber(value.N!) };
    case 'B':
      return { B: checkBase64(value.B!) };
    case 'BOOL':
      return { BOOL: value.BOOL! };
    case 'NULL':
      if (value.NULL !== true)
        throw invalidParameter('Null attribute value types must have the value of true');
      return { NULL: true };
    // Sets come back in DynamoDB's own order, not as written ("The order of the values within a set is
    // not preserved"): strings and binaries by their bytes, numbers by value.
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.SetTypes
    case 'SS':
      return { SS: checkSet(value.SS!, 'string', (s) => s, byUtf8) };
    case 'NS':
      return { NS: checkSet(value.NS!, 'number', canonicalNumber, byNumber) };
    case 'BS':
      return { BS: checkSet(value.BS!, 'binary', checkBase64, byBytes) };
    case 'L':
      return { L: value.L!.map((element) => checkValue(element, depth + 1)) };
    case 'M': {
      const map: Record<string, AttributeValue> = {};
      for (const key of Object.keys(value.M!)) map[key] = checkValue(value.M![key]!, depth + 1);
      return { M: map };
    }
  }
}

/** Equality as DynamoDB compares values: numbers numerically, sets ignoring order, documents deeply. */
export function equalValues(a: AttributeValue, b: AttributeValue): boolean {
  const type = typeOf(a);
  if (type !== typeOf(b)) return false;
  switch (type) {
    case 'S':
    case 'N':
    case 'B':
    case 'BOOL':
    case 'NULL':
      return a[type] === b[type];
    case 'SS':
    case 'NS':
    case 'BS': {
      const left = a[type]!;
      const right = new Set(b[type]!);
      return left.length === right.size && left.every((element) => right.has(element));
    }
    case 'L': {
      const left = a.L!;
      const right = b.L!;
      return left.length === right.length && left.every((element, i) => equalValues(element, right[i]!));
    }
    case 'M': {
      const left = Object.keys(a.M!);
      const right = b.M!;
      return (
        left.length === Object.keys(right).length &&
        left.every((key) => Object.hasOwn(right, key) && equalValues(a.M![key]!, right[key]!))
      );
    }
  }
}

/** Order of two scalars of the same type (S by UTF-8 bytes, N numerically, B by bytes); undefined otherwise. */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  if (a.N !== undefined && b.N !== undefined) return compareDecimals(parseDecimal(a.N), parseDecimal(b.N));
  if (a.S !== undefined && b.S !== undefined) return Buffer.compare(Buffer.from(a.S), Buffer.from(b.S));
  if (a.B !== undefined && b.B !== undefined)
    return Buffer.compare(Buffer.from(a.B, 'base64'), Buffer.from(b.B, 'base64'));
  return undefined;
}

/** The bytes a key value is stored under; SQLite's BLOB order (memcmp) is DynamoDB's order for the type. */
export function encodeKeyValue(value: AttributeValue): Buffer {
  if (value.S !== undefined) return Buffer.from(value.S, 'utf8');
  if (value.N !== undefined) return encodeDecimal(parseDecimal(value.N));
  return Buffer.from(value.B ?? '', 'base64');
}

/** The item's size as DynamoDB counts it toward the 400 KB limit and capacity. */
export function itemSize(item: Item): number {
  let size = 0;
  for (const name of Object.keys(item)) size += Buffer.byteLength(name) + valueSize(item[name]!);
  return size;
}

export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return Buffer.byteLength(value.B, 'base64');
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  if (value.NS) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS) return value.BS.reduce((sum, b) => sum + Buffer.byteLength(b, 'base64'), 0);
  // "A List or Map requires 3 bytes of overhead … Each List or Map element also requires 1 byte."
  if (value.L) return value.L.reduce((sum, v) => sum + 1 + valueSize(v), 3);
  if (value.M) {
    let size = 3;
    for (const key of Object.keys(value.M)) size += 1 + Buffer.byteLength(key) + valueSize(value.M[key]!);
    return size;
  }
  return 0;
}

/** "Numbers are variable length, with up to 38 significant digits … approximately 1 byte per two
 * significant digits, plus 1 byte." */
function numberSize(text: string): number {
  const digits = parseDecimal(text).digits.length;
  return digits === 0 ? 1 : Math.ceil(digits / 2) + 1;
}

function checkSet(
  elements: string[],
  noun: string,
  canonical: (element: string) => string,
  order: (a: string, b: string) => number,
): string[] {
  // "An string set  may not be empty" is DynamoDB's own wording, double space included.
  if (elements.length === 0) throw invalidParameter(`An ${noun} set  may not be empty`);
  const out = elements.map(canonical);
  const seen = new Set<string>();
  for (const element of out) {
    if (seen.has(element))
      throw invalidParameter(`Input collection [${elements.join(', ')}] contains duplicates.`);
    seen.add(element);
  }
  return out.sort(order);
}

function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function byNumber(a: string, b: string): number {
  return compareDecimals(parseDecimal(a), parseDecimal(b));
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'base64'), Buffer.from(b, 'base64'));
}

function checkBase64(text: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1)
    throw new ServiceError(
      'SerializationException',
      'Base64 encoded length is expected a multiple of 4 bytes',
    );
  return Buffer.from(text, 'base64').toString('base64');
}
