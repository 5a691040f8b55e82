// S3 prefixes: parsing `!{namespace:value}` expressions, AWS's rules for Prefix and ErrorOutputPrefix
// (checked when a stream is created or updated), and evaluating them for an object about to be written.
// https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html
// https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-s3bucketprefix.html

import { prefixConstraint } from './errors.js';
import { randomString } from './names.js';
import { formatTime, parsePattern } from './timestamp-format.js';

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'timestamp'; readonly tokens: NonNullable<ReturnType<typeof parsePattern>> }
  | { readonly kind: 'random-string' }
  | { readonly kind: 'error-output-type' }
  | { readonly kind: 'partitionKeyFromQuery' | 'partitionKeyFromLambda'; readonly name: string };

/** What the keys of one object are evaluated from. */
export interface PrefixContext {
  /** "the approximate arrival timestamp of the oldest record that's contained in the Amazon S3 object". */
  readonly time: number;
  readonly timeZone?: string;
  readonly errorOutputType?: string;
  readonly partitionKeys?: PartitionKeys;
}

export interface PartitionKeys {
  readonly query?: Readonly<Record<string, string>>;
  readonly lambda?: Readonly<Record<string, string>>;
}

/** What the rules need to know of the stream besides its prefixes. */
export interface PrefixRules {
  readonly dynamicPartitioning: boolean;
  /** The keys the MetadataExtraction processor's query yields. */
  readonly queryKeys: ReadonlySet<string>;
  readonly lambdaProcessor: boolean;
}

/** The default time prefix, appended to a prefix without a timestamp expression ("Firehose appends the
 * expression !{timestamp:yyyy/MM/dd/HH/}"). */
const DEFAULT_TIME = parsePattern('yyyy/MM/dd/HH/')!;

/** Throws AWS's InvalidArgumentException when Prefix or ErrorOutputPrefix break a rule of s3-prefixes.html. */
export function checkPrefixes(
  prefix: string | undefined,
  errorPrefix: string | undefined,
  rules: PrefixRules,
): void {
  const data = parse(prefix ?? '');
  const errors = parse(errorPrefix ?? '');
  const dataExpressions = data.filter((part) => part.kind !== 'text');
  const errorExpressions = errors.filter((part) => part.kind !== 'text');
  if (dataExpressions.length > 0 && !errorPrefix) {
    throw prefixConstraint('ErrorOutputPrefix cannot be null or empty when Prefix contains expressions');
  }
  if (data.some((part) => part.kind === 'error-output-type')) {
    throw prefixConstraint('Prefix cannot contain the !{firehose:error-output-type} expression');
  }
  if (errorExpressions.length > 0 && !errors.some((part) => part.kind === 'error-output-type')) {
    throw prefixConstraint(
      'ErrorOutputPrefix must contain at least one !{firehose:error-output-type} expression when it contains expressions',
    );
  }
  if (
    errors.some((part) => part.kind === 'partitionKeyFromQuery' || part.kind === 'partitionKeyFromLambda')
  ) {
    throw prefixConstraint(
      'ErrorOutputPrefix cannot contain partitionKeyFromQuery or partitionKeyFromLambda expressions',
    );
  }
  const keys = data.filter(
    (part) => part.kind === 'partitionKeyFromQuery' || part.kind === 'partitionKeyFromLambda',
  );
  if (keys.length > 0 && !rules.dynamicPartitioning) {
    throw prefixConstraint(
      'Prefix can contain partition key expressions only when dynamic partitioning is enabled',
    );
  }
  if (rules.dynamicPartitioning && keys.length === 0) {
    throw prefixConstraint(
      'Prefix must contain at least one partition key expression when dynamic partitioning is enabled',
    );
  }
  if (rules.dynamicPartitioning && !errorPrefix) {
    throw prefixConstraint('ErrorOutputPrefix cannot be null or empty when dynamic partitioning is enabled');
  }
  for (const part of keys) {
    if (part.kind === 'partitionKeyFromQuery' && !rules.queryKeys.has(part.name)) {
      throw prefixConstraint(
        `Prefix expression !{partitionKeyFromQuery:${part.name}} names a key the MetadataExtractionQuery does not define`,
      );
    }
    if (part.kind === 'partitionKeyFromLambda' && !rules.lambdaProcessor) {
      throw prefixConstraint('partitionKeyFromLambda expressions need a Lambda processor');
    }
  }
}

/** The prefix of an object of delivered records. */
export function dataPrefix(prefix: string | undefined, context: PrefixContext): string {
  const parts = parse(prefix ?? '');
  const hasTime = parts.some((part) => part.kind === 'timestamp');
  const partitioned = parts.some(
    (part) => part.kind === 'partitionKeyFromQuery' || part.kind === 'partitionKeyFromLambda',
  );
  const evaluated = evaluate(parts, context);
  return hasTime || partitioned
    ? evaluated
    : evaluated + formatTime(DEFAULT_TIME, context.time, context.timeZone);
}

/** The prefix of an object of failed records: ErrorOutputPrefix evaluated; one without expressions (or none,
 * when the Prefix has none) is followed by `<error-output-type>/yyyy/MM/dd/HH/`. */
export function errorPrefix(
  prefix: string | undefined,
  errorOutputPrefix: string | undefined,
  context: PrefixContext,
): string {
  const parts = parse(errorOutputPrefix ?? '');
  if (parts.some((part) => part.kind !== 'text')) return evaluate(parts, context);
  const base = errorOutputPrefix || evaluate(parse(prefix ?? ''), context);
  return `${base}${context.errorOutputType}/${formatTime(DEFAULT_TIME, context.time, context.timeZone)}`;
}

/** The names `!{partitionKeyFromQuery:…}` and `!{partitionKeyFromLambda:…}` use in a prefix. */
export function partitionKeyNames(prefix: string | undefined): { query: string[]; lambda: string[] } {
  const parts = parse(prefix ?? '');
  const names = (kind: string) =>
    parts.flatMap((part) => (part.kind === kind && 'name' in part ? [part.name] : []));
  return { query: names('partitionKeyFromQuery'), lambda: names('partitionKeyFromLambda') };
}

const EXPRESSION = /!\{([^}]*)\}/g;

function parse(prefix: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of prefix.matchAll(EXPRESSION)) {
    if (match.index > last) parts.push(text(prefix.slice(last, match.index)));
    parts.push(expression(match[1]!));
    last = match.index + match[0].length;
  }
  if (last < prefix.length) parts.push(text(prefix.slice(last)));
  return parts;
}

function text(value: string): Part {
  // "The sequence !{ can only appear in !{namespace:value} expressions."
  if (value.includes('!{'))
    throw prefixConstraint('The sequence !{ can only appear in !{namespace:value} expressions');
  return { kind: 'text', text: value };
}

function expression(body: string): Part {
  const colon = body.indexOf(':');
  const namespace = colon === -1 ? body : body.slice(0, colon);
  const value = colon === -1 ? '' : body.slice(colon + 1);
  switch (namespace) {
    case 'timestamp': {
      const tokens = value === '' ? undefined : parsePattern(value);
      if (!tokens)
        throw prefixConstraint(
          `'${value}' is not a valid DateTimeFormatter pattern in !{timestamp:${value}}`,
        );
      return { kind: 'timestamp', tokens };
    }
    case 'firehose':
      if (value === 'random-string' || value === 'error-output-type') return { kind: value };
      throw prefixConstraint(
        `'${value}' is not a valid value for the firehose namespace; use random-string or error-output-type`,
      );
    case 'partitionKeyFromQuery':
    case 'partitionKeyFromLambda':
      if (!/^[a-zA-Z0-9_-]+$/.test(value))
        throw prefixConstraint(`'${value}' is not a valid partition key name`);
      return { kind: namespace, name: value };
    default:
      throw prefixConstraint(
        `'${namespace}' is not a valid namespace; use timestamp, firehose, partitionKeyFromQuery or partitionKeyFromLambda`,
      );
  }
}

function evaluate(parts: readonly Part[], context: PrefixContext): string {
  let out = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'text':
        out += part.text;
        break;
      case 'timestamp':
        // "If you use the timestamp namespace more than once in the same prefix expression, every
        // instance evaluates to the same instant in time."
        out += formatTime(part.tokens, context.time, context.timeZone);
        break;
      case 'random-string':
        // "every instance evaluates to a new random string".
        out += randomString();
        break;
      case 'error-output-type':
        out += context.errorOutputType ?? '';
        break;
      case 'partitionKeyFromQuery':
        out += context.partitionKeys?.query?.[part.name] ?? '';
        break;
      case 'partitionKeyFromLambda':
        out += context.partitionKeys?.lambda?.[part.name] ?? '';
        break;
    }
  }
  return out;
}
