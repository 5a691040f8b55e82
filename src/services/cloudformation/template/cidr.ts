// Fn::Cidr: `count` consecutive CIDR blocks of `cidrBits` host bits carved from the start of an IPv4 or IPv6 block.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-cidr.html

import { templateError } from './errors.js';

export function cidrBlocks(ipBlock: string, count: number, cidrBits: number): string[] {
  const [address, prefixText] = ipBlock.split('/');
  const prefix = Number(prefixText);
  const v6 = address?.includes(':') ?? false;
  const width = v6 ? 128 : 32;
  const base = address === undefined ? undefined : v6 ? parseV6(address) : parseV4(address);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > width) {
    throw templateError(`Fn::Cidr: invalid ipBlock ${ipBlock}`);
  }
  // count 1..256; cidrBits is the inverse of the subnet mask (8 → /24 for IPv4).
  if (!Number.isInteger(count) || count < 1 || count > 256)
    throw templateError('Fn::Cidr: count must be between 1 and 256');
  const newPrefix = width - cidrBits;
  if (!Number.isInteger(cidrBits) || cidrBits < 0 || newPrefix < prefix) {
    throw templateError(`Fn::Cidr: cidrBits ${cidrBits} does not fit in ${ipBlock}`);
  }
  if (BigInt(count) > 1n << BigInt(newPrefix - prefix)) {
    throw templateError(`Fn::Cidr: ${ipBlock} cannot hold ${count} blocks of /${newPrefix}`);
  }
  const network = (base >> BigInt(width - prefix)) << BigInt(width - prefix);
  const step = 1n << BigInt(cidrBits);
  const blocks: string[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    const start = network + i * step;
    blocks.push(`${v6 ? formatV6(start) : formatV4(start)}/${newPrefix}`);
  }
  return blocks;
}

function parseV4(address: string): bigint | undefined {
  const octets = address.split('.');
  if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255)) return undefined;
  return octets.reduce((sum, octet) => (sum << 8n) | BigInt(octet), 0n);
}

function formatV4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

function parseV6(address: string): bigint | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((sum, group) => (sum << 16n) | BigInt(`0x${group}`), 0n);
}

/** RFC 5952 text: lower case, the longest run of zero groups (two or more) shortened to `::`. */
function formatV6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
