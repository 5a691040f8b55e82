// IP address matching for the `cidr` operator, IPv4 and IPv6
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-ip-matching).

import { isIPv4, isIPv6 } from 'node:net';
import { fail } from './errors.js';

/** An address block: the first and last address, as integers, of one family. */
export interface CidrBlock {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

/** Parses `10.0.0.0/24` or `2001:db8::/32`, failing with event-ruler's wording. */
export function parseCidr(text: string): CidrBlock {
  const parts = text.split('/');
  if (parts.length !== 2) fail("Malformed CIDR, one '/' required");
  const [address, maskText] = parts;
  if (!/^-?\d+$/.test(maskText)) fail('Malformed CIDR, mask bits must be an integer');
  const mask = Number(maskText);
  if (mask < 0) fail('Malformed CIDR, mask bits must not be negative');
  const parsed = parseIp(address);
  if (parsed === undefined) fail(`Invalid IP address: ${address}`);
  const bits = parsed.family === 4 ? 32 : 128;
  // event-ruler once refused /32 and /128; AWS accepts them today, a single address.
  if (mask > bits) fail(`IPv${parsed.family} mask bits must be <= ${bits}`);
  const hostBits = BigInt(bits - mask);
  const hostMask = (1n << hostBits) - 1n;
  const first = parsed.value & ~hostMask;
  return { family: parsed.family, first, last: first | hostMask };
}

export function inCidr(value: string, block: CidrBlock): boolean {
  const parsed = parseIp(value);
  return (
    parsed !== undefined &&
    parsed.family === block.family &&
    parsed.value >= block.first &&
    parsed.value <= block.last
  );
}

/** An IP address literal as an integer; undefined when `text` is not one (zone ids are not addresses here). */
export function parseIp(text: string): { family: 4 | 6; value: bigint } | undefined {
  if (isIPv4(text)) return { family: 4, value: ipv4Value(text) };
  if (!isIPv6(text) || text.includes('%')) return undefined;
  let groups = text;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes its two hex groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(groups);
  if (tail) {
    const v4 = ipv4Value(tail[1]);
    groups = `${groups.slice(0, tail.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, rest] = groups.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - headGroups.length - restGroups.length;
  const all =
    rest === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...restGroups];
  let value = 0n;
  for (const group of all) value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  return { family: 6, value };
}

function ipv4Value(text: string): bigint {
  let value = 0n;
  for (const octet of text.split('.')) value = (value << 8n) | BigInt(Number(octet));
  return value;
}
