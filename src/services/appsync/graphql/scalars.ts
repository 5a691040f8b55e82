// AppSync's scalar types and the values each accepts: what a variable or literal must look like to be
// taken, and how a resolver's value is written back (AWSJSON as a JSON string, the others as given).
// https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html

import { GraphQLError, Kind, type ValueNode } from 'graphql';

type Check = (value: string) => boolean;

const OFFSET = '(?:Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?)';
const DATE = '\\d{4}-\\d{2}-\\d{2}';
const TIME = '\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?';
const patterns: Record<string, RegExp> = {
  // "Extended ISO 8601 date string … YYYY-MM-DD", an optional time zone offset.
  AWSDate: new RegExp(`^${DATE}${OFFSET}?$`),
  AWSTime: new RegExp(`^${TIME}${OFFSET}?$`),
  // The time zone offset is required on AWSDateTime.
  AWSDateTime: new RegExp(`^${DATE}T${TIME}${OFFSET}$`),
  AWSEmail: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  AWSURL: /^[A-Za-z][A-Za-z0-9+.-]*:\/\/?[^\s]+$/,
  // "Can contain either spaces or hyphens to separate digit groups", with an optional +country code.
  AWSPhone: /^\+?[0-9][0-9 -]{2,}[0-9]$/,
};

function isIpAddress(value: string): boolean {
  const [address, prefix, extra] = value.split('/');
  if (extra !== undefined || address === undefined) return false;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) {
    const ok = v4.slice(1).every((part) => Number(part) <= 255);
    return ok && (prefix === undefined || (/^\d{1,2}$/.test(prefix) && Number(prefix) <= 32));
  }
  const v6 = /^[0-9A-Fa-f:]+$/.test(address) && address.includes(':') && address.split('::').length <= 2;
  return v6 && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= 128));
}

function stringScalar(name: string, check: Check) {
  const fail = (value: unknown) =>
    new GraphQLError(
      `Can't serialize value (${JSON.stringify(value)}) : Unable to serialize \`${value}\` as a valid ${name}.`,
    );
  const parse = (value: unknown) => {
    if (typeof value !== 'string' || !check(value)) {
      throw new GraphQLError(`Unable to parse ${JSON.stringify(value)} as a valid ${name}.`);
    }
    return value;
  };
  return {
    serialize: (value: unknown) => {
      if (typeof value === 'string' && check(value)) return value;
      throw fail(value);
    },
    parseValue: parse,
    parseLiteral: (node: ValueNode) => {
      if (node.kind !== Kind.STRING) throw new GraphQLError(`Expected a string for ${name}.`);
      return parse(node.value);
    },
  };
}

/** AWSJSON: a JSON string on the wire, its parsed value inside resolvers. */
const awsJson = {
  serialize: (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)),
  parseValue: (value: unknown) => parseJson(value),
  parseLiteral: (node: ValueNode) => {
    if (node.kind !== Kind.STRING) throw new GraphQLError('Expected a JSON string for AWSJSON.');
    return parseJson(node.value);
  },
};

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new GraphQLError(`Unable to parse ${JSON.stringify(value)} as valid JSON.`);
  }
}

/** AWSTimestamp: whole seconds since the epoch. */
const awsTimestamp = {
  serialize: (value: unknown) => {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
    throw new GraphQLError(`Can't serialize value (${JSON.stringify(value)}) as a valid AWSTimestamp.`);
  },
  parseValue: (value: unknown) => {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    throw new GraphQLError(`Unable to parse ${JSON.stringify(value)} as a valid AWSTimestamp.`);
  },
  parseLiteral: (node: ValueNode) => {
    if (node.kind !== Kind.INT) throw new GraphQLError('Expected an integer for AWSTimestamp.');
    return Number(node.value);
  },
};

export const APPSYNC_SCALARS: Readonly<Record<string, object>> = {
  AWSDate: stringScalar('AWSDate', (value) => patterns.AWSDate!.test(value)),
  AWSTime: stringScalar('AWSTime', (value) => patterns.AWSTime!.test(value)),
  AWSDateTime: stringScalar('AWSDateTime', (value) => patterns.AWSDateTime!.test(value)),
  AWSTimestamp: awsTimestamp,
  AWSEmail: stringScalar('AWSEmail', (value) => patterns.AWSEmail!.test(value)),
  AWSJSON: awsJson,
  AWSURL: stringScalar('AWSURL', (value) => patterns.AWSURL!.test(value)),
  AWSPhone: stringScalar('AWSPhone', (value) => patterns.AWSPhone!.test(value)),
  AWSIPAddress: stringScalar('AWSIPAddress', isIpAddress),
};
