// DynamoDB numbers as exact decimals: parsing with AWS's limits (38 significant digits, magnitudes from
// 1E-130 to 9.9999999999999999999999999999999999999E+125), canonical text (`1.0` → `1`), comparison,
// addition and subtraction on BigInt, and an order-preserving byte encoding so SQLite sorts numbers.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number

import { validation } from './errors.js';

/** value = sign × 0.digits × 10^exp; digits has no leading or trailing zeros ('' for zero). */
export interface Decimal {
  readonly negative: boolean;
  readonly digits: string;
  readonly exp: number;
}

const NUMBER = /^([+-]?)(?:(\d+)\.?(\d*)|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const MAX_DIGITS = 38;
/** In 0.d × 10^e form: 9.99…E+125 has e = 126 and 1E-130 has e = -129. */
const MAX_EXP = 126;
const MIN_EXP = -129;
const ZERO: Decimal = { negative: false, digits: '', exp: 0 };

/** Parses a number as DynamoDB accepts it, or throws its ValidationException. */
export function parseDecimal(text: string): Decimal {
  const match = NUMBER.exec(text);
  if (!match) throw validation(`The parameter cannot be converted to a numeric value: ${text}`);
  const [, sign, whole, fraction, onlyFraction, exponent] = match;
  const intPart = whole ?? '';
  const fracPart = onlyFraction ?? fraction ?? '';
  const all = intPart + fracPart;
  const lead = all.search(/[^0]/);
  if (lead === -1) return ZERO;
  const trimmed = all.slice(lead).replace(/0+$/, '');
  const exp = intPart.length - lead + Number(exponent ?? 0);
  return checked({ negative: sign === '-', digits: trimmed, exp });
}

/** Checks a result against DynamoDB's precision and range. */
export function checked(value: Decimal): Decimal {
  if (value.digits === '') return ZERO;
  if (value.digits.length > MAX_DIGITS)
    throw validation('Attempting to store more than 38 significant digits in a Number');
  if (value.exp > MAX_EXP)
    throw validation(
      'Number overflow. Attempting to store a number with magnitude larger than supported range',
    );
  if (value.exp < MIN_EXP)
    throw validation(
      'Number underflow. Attempting to store a number with magnitude smaller than supported range',
    );
  return value;
}

/** DynamoDB's canonical text: plain notation, no leading or trailing zeros (`1.0` → `1`, `1e3` → `1000`). */
export function formatDecimal(value: Decimal): string {
  const { digits, exp } = value;
  if (digits === '') return '0';
  let text: string;
  if (exp <= 0) text = `0.${'0'.repeat(-exp)}${digits}`;
  else if (exp >= digits.length) text = digits + '0'.repeat(exp - digits.length);
  else text = `${digits.slice(0, exp)}.${digits.slice(exp)}`;
  return value.negative ? `-${text}` : text;
}

/** The canonical text of a number string (throws on an invalid one). */
export function canonicalNumber(text: string): string {
  return formatDecimal(parseDecimal(text));
}

export function compareDecimals(a: Decimal, b: Decimal): number {
  const sa = sign(a);
  const sb = sign(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  let magnitude: number;
  if (a.exp !== b.exp) magnitude = a.exp < b.exp ? -1 : 1;
  else magnitude = a.digits < b.digits ? -1 : a.digits > b.digits ? 1 : 0;
  return sa > 0 ? magnitude : -magnitude;
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
  // value = coefficient × 10^power, with power = exp - digits.length.
  const pa = a.exp - a.digits.length;
  const pb = b.exp - b.digits.length;
  const power = Math.min(pa, pb);
  const ca = coefficient(a) * 10n ** BigInt(pa - power);
  const cb = coefficient(b) * 10n ** BigInt(pb - power);
  const sum = ca + cb;
  if (sum === 0n) return ZERO;
  const negative = sum < 0n;
  const text = (negative ? -sum : sum).toString();
  const digits = text.replace(/0+$/, '');
  return checked({ negative, digits, exp: power + text.length });
}

export function negateDecimal(a: Decimal): Decimal {
  return a.digits === '' ? a : { ...a, negative: !a.negative };
}

/** Bytes whose memcmp order is the numeric order (for SQLite BLOB keys). */
export function encodeDecimal(value: Decimal): Buffer {
  const s = sign(value);
  if (s === 0) return Buffer.from([0x02]);
  const out = Buffer.alloc(3 + value.digits.length + (s < 0 ? 1 : 0));
  // Exponent biased into 0..65535; negatives invert exponent and digits, and end with 0xff so that a
  // longer digit string (a larger magnitude, a smaller number) sorts first.
  const biased = value.exp + 1000;
  out[0] = s > 0 ? 0x03 : 0x01;
  out.writeUInt16BE(s > 0 ? biased : 0xffff - biased, 1);
  for (let i = 0; i < value.digits.length; i++) {
    const d = value.digits.charCodeAt(i) - 48;
    out[3 + i] = s > 0 ? 0x30 + d : 0x39 - d;
  }
  if (s < 0) out[out.length - 1] = 0xff;
  return out;
}

/** Significant digits, for item sizes. */
export function significantDigits(value: Decimal): number {
  return value.digits.length;
}

function sign(value: Decimal): number {
  return value.digits === '' ? 0 : value.negative ? -1 : 1;
}

function coefficient(value: Decimal): bigint {
  const magnitude = BigInt(value.digits);
  return value.negative ? -magnitude : magnitude;
}
