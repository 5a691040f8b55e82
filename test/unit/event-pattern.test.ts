// Table-driven tests of the event-pattern engine, each case taken from the AWS documentation section it cites.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compileEventPattern,
  compileFilterPolicy,
  type FilterPolicyScope,
  PatternError,
} from '../../src/lib/event-pattern/index.js';

const EB = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html';
const EB_PATTERNS = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html';
const EB_ARRAYS = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html';
const SNS_STRING = 'https://docs.aws.amazon.com/sns/latest/dg/string-value-matching.html';
const SNS_NUMERIC = 'https://docs.aws.amazon.com/sns/latest/dg/numeric-value-matching.html';
const SNS_KEY = 'https://docs.aws.amazon.com/sns/latest/dg/attribute-key-matching.html';
const SNS_LIMITS = 'https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html';
const SNS_OR = 'https://docs.aws.amazon.com/sns/latest/dg/and-or-logic.html';
const RULER = 'https://github.com/aws/event-ruler (JsonRuleCompiler messages)';

interface MatchCase {
  readonly name: string;
  readonly source: string;
  readonly pattern: object;
  readonly event: unknown;
  readonly match: boolean;
}

const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const eventBridgeCases: MatchCase[] = [
  // Event patterns: exact values and structure
  {
    name: 'source equals',
    source: EB_PATTERNS,
    pattern: { source: ['aws.ec2'] },
    event: ec2Event,
    match: true,
  },
  {
    name: 'source differs',
    source: EB_PATTERNS,
    pattern: { source: ['aws.s3'] },
    event: ec2Event,
    match: false,
  },
  {
    name: 'one of several values (OR)',
    source: EB_PATTERNS,
    pattern: { detail: { state: ['stopped', 'terminated'] } },
    event: ec2Event,
    match: true,
  },
  {
    name: 'all fields must match (AND)',
    source: EB_PATTERNS,
    pattern: {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['running'] },
    },
    event: ec2Event,
    match: false,
  },
  {
    name: 'fields not in the pattern are ignored',
    source: EB_PATTERNS,
    pattern: { detail: { 'instance-id': ['i-1234567890abcdef0'] } },
    event: ec2Event,
    match: true,
  },
  {
    name: 'matching is case-sensitive',
    source: EB_PATTERNS,
    pattern: { source: ['AWS.EC2'] },
    event: ec2Event,
    match: false,
  },
  {
    name: 'missing field fails',
    source: EB_PATTERNS,
    pattern: { detail: { missing: ['x'] } },
    event: ec2Event,
    match: false,
  },
  {
    name: 'number equals number',
    source: EB_PATTERNS,
    pattern: { detail: { n: [5] } },
    event: { detail: { n: 5 } },
    match: true,
  },
  {
    name: '5 equals 5.0',
    source: EB_PATTERNS,
    pattern: { detail: { n: [5] } },
    event: { detail: { n: 5.0 } },
    match: true,
  },
  {
    name: 'number does not equal string',
    source: EB_PATTERNS,
    pattern: { n: [5] },
    event: { n: '5' },
    match: false,
  },
  {
    name: 'true matches true',
    source: EB_PATTERNS,
    pattern: { ok: [true] },
    event: { ok: true },
    match: true,
  },
  {
    name: 'true does not match "true"',
    source: EB_PATTERNS,
    pattern: { ok: [true] },
    event: { ok: 'true' },
    match: false,
  },
  {
    name: 'null matches null',
    source: `${EB} (Null values and empty strings)`,
    pattern: { responseElements: [null] },
    event: { responseElements: null },
    match: true,
  },
  {
    name: 'null does not match absent',
    source: `${EB} (Null values and empty strings)`,
    pattern: { responseElements: [null] },
    event: {},
    match: false,
  },
  {
    name: 'empty string matches empty string',
    source: `${EB} (Null values and empty strings)`,
    pattern: { LastName: [''] },
    event: { LastName: '' },
    match: true,
  },
  {
    name: 'empty string is not null',
    source: `${EB} (Null values and empty strings)`,
    pattern: { LastName: [''] },
    event: { LastName: null },
    match: false,
  },
  {
    name: 'large account number matches literally',
    source: EB_PATTERNS,
    pattern: { account: [123456789012] },
    event: { account: 123456789012 },
    match: true,
  },
  // Arrays
  {
    name: 'event array matches if one element matches',
    source: EB_ARRAYS,
    pattern: {
      resources: [
        'arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    },
    event: ec2Event,
    match: true,
  },
  {
    name: 'event array with no matching element',
    source: EB_ARRAYS,
    pattern: { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] },
    event: ec2Event,
    match: false,
  },
  {
    name: 'array of objects: element matches',
    source: EB_ARRAYS,
    pattern: { detail: { items: { id: ['b'] } } },
    event: { detail: { items: [{ id: 'a' }, { id: 'b' }] } },
    match: true,
  },
  {
    name: 'array of objects: fields from one element',
    source: EB_ARRAYS,
    pattern: { items: { id: ['a'], size: [2] } },
    event: {
      items: [
        { id: 'a', size: 1 },
        { id: 'b', size: 2 },
      ],
    },
    match: false,
  },
  // Prefix / suffix
  {
    name: 'prefix',
    source: `${EB} (Prefix matching)`,
    pattern: { time: [{ prefix: '2017-10-02' }] },
    event: { time: '2017-10-02T18:43:48Z' },
    match: true,
  },
  {
    name: 'prefix miss',
    source: `${EB} (Prefix matching)`,
    pattern: { time: [{ prefix: '2017-10-02' }] },
    event: { time: '2017-10-03T18:43:48Z' },
    match: false,
  },
  {
    name: 'prefix ignores numbers',
    source: `${EB} (Prefix matching)`,
    pattern: { n: [{ prefix: '1' }] },
    event: { n: 123 },
    match: false,
  },
  {
    name: 'prefix ignore case',
    source: `${EB} (Prefix matching while ignoring case)`,
    pattern: { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
    event: { detail: { service: 'eventbridge' } },
    match: true,
  },
  {
    name: 'suffix',
    source: `${EB} (Suffix matching)`,
    pattern: { FileName: [{ suffix: '.png' }] },
    event: { FileName: 'image.png' },
    match: true,
  },
  {
    name: 'suffix is case-sensitive',
    source: `${EB} (Suffix matching)`,
    pattern: { FileName: [{ suffix: '.png' }] },
    event: { FileName: 'image.PNG' },
    match: false,
  },
  {
    name: 'suffix ignore case',
    source: `${EB} (Suffix matching while ignoring case)`,
    pattern: { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
    event: { detail: { FileName: 'IMAGE.PNG' } },
    match: true,
  },
  // Anything-but
  {
    name: 'anything-but string: other value',
    source: `${EB} (Anything-but matching)`,
    pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } },
    event: { detail: { state: 'running' } },
    match: true,
  },
  {
    name: 'anything-but string: same value',
    source: `${EB} (Anything-but matching)`,
    pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } },
    event: { detail: { state: 'initializing' } },
    match: false,
  },
  {
    name: 'anything-but needs the field',
    source: `${EB} (Anything-but matching)`,
    pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } },
    event: { detail: {} },
    match: false,
  },
  {
    name: 'anything-but number',
    source: `${EB} (Anything-but matching)`,
    pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
    event: { detail: { 'x-limit': 123 } },
    match: false,
  },
  {
    name: 'anything-but number list',
    source: `${EB} (Anything-but matching)`,
    pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    event: { detail: { 'x-limit': 250 } },
    match: true,
  },
  {
    name: 'anything-but string list',
    source: `${EB} (Anything-but matching)`,
    pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    event: { detail: { state: 'stopped' } },
    match: false,
  },
  {
    name: 'anything-but prefix',
    source: `${EB} (Anything-but begins with)`,
    pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    event: { detail: { state: 'initializing' } },
    match: false,
  },
  {
    name: 'anything-but prefix other',
    source: `${EB} (Anything-but begins with)`,
    pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    event: { detail: { state: 'running' } },
    match: true,
  },
  {
    name: 'anything-but suffix',
    source: `${EB} (Anything-but ends with)`,
    pattern: { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } },
    event: { detail: { FileName: 'notes.txt' } },
    match: false,
  },
  {
    name: 'anything-but ignore case',
    source: `${EB} (Anything-but ignore case)`,
    pattern: { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } },
    event: { detail: { state: 'INITIALIZING' } },
    match: false,
  },
  {
    name: 'anything-but ignore case list',
    source: `${EB} (Anything-but ignore case)`,
    pattern: {
      detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] },
    },
    event: { detail: { state: 'Running' } },
    match: true,
  },
  {
    name: 'anything-but wildcard',
    source: `${EB} (Anything-but using a wildcard)`,
    pattern: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
    event: { FilePath: '/usr/lib/x.so' },
    match: false,
  },
  {
    name: 'anything-but wildcard other',
    source: `${EB} (Anything-but using a wildcard)`,
    pattern: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
    event: { FilePath: '/usr/bin/x' },
    match: true,
  },
  {
    name: 'anything-but over an array: one other element',
    source: `${EB} (Anything-but matching)`,
    pattern: { tags: [{ 'anything-but': 'a' }] },
    event: { tags: ['a', 'b'] },
    match: true,
  },
  // Numeric
  {
    name: 'numeric range inside',
    source: `${EB} (Numeric matching)`,
    pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    event: { detail: { 'c-count': 5 } },
    match: true,
  },
  {
    name: 'numeric range outside',
    source: `${EB} (Numeric matching)`,
    pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    event: { detail: { 'c-count': 0 } },
    match: false,
  },
  {
    name: 'numeric <',
    source: `${EB} (Numeric matching)`,
    pattern: { detail: { 'd-count': [{ numeric: ['<', 10] }] } },
    event: { detail: { 'd-count': 9.999 } },
    match: true,
  },
  {
    name: 'numeric = with exponent',
    source: `${EB} (Numeric matching)`,
    pattern: { detail: { 'x-limit': [{ numeric: ['=', 3.018e2] }] } },
    event: { detail: { 'x-limit': 301.8 } },
    match: true,
  },
  {
    name: 'numeric ignores strings',
    source: `${EB} (Numeric matching)`,
    pattern: { n: [{ numeric: ['>', 0] }] },
    event: { n: '5' },
    match: false,
  },
  {
    name: 'numeric decimals compared exactly (0.1+0.2 is 0.3 at six places)',
    source: `${EB} (Numeric matching)`,
    pattern: { n: [{ numeric: ['=', 0.3] }] },
    event: { n: 0.1 + 0.2 },
    match: true,
  },
  {
    name: 'numeric >= boundary',
    source: `${EB} (Numeric matching)`,
    pattern: { n: [{ numeric: ['>=', 1.5] }] },
    event: { n: 1.5 },
    match: true,
  },
  {
    name: 'numeric negative range',
    source: `${EB} (Numeric matching)`,
    pattern: { n: [{ numeric: ['>', -10, '<', -1] }] },
    event: { n: -1.000001 },
    match: true,
  },
  // Exists
  {
    name: 'exists true',
    source: `${EB} (Exists matching)`,
    pattern: { detail: { state: [{ exists: true }] } },
    event: ec2Event,
    match: true,
  },
  {
    name: 'exists false on absent field',
    source: `${EB} (Exists matching)`,
    pattern: { detail: { state: [{ exists: false }] } },
    event: { detail: {} },
    match: true,
  },
  {
    name: 'exists false on present field',
    source: `${EB} (Exists matching)`,
    pattern: { detail: { state: [{ exists: false }] } },
    event: ec2Event,
    match: false,
  },
  {
    name: 'exists works on leaves only',
    source: `${EB} (Exists matching)`,
    pattern: { detail: [{ exists: true }] },
    event: ec2Event,
    match: false,
  },
  {
    name: 'exists false with absent parent',
    source: `${EB} (Exists matching)`,
    pattern: { detail: { c: [{ exists: false }] } },
    event: { source: 'x' },
    match: true,
  },
  // IP address
  {
    name: 'cidr IPv4 inside',
    source: `${EB} (IP address matching)`,
    pattern: { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } },
    event: { detail: { 'source-ip': '10.0.0.255' } },
    match: true,
  },
  {
    name: 'cidr IPv4 outside',
    source: `${EB} (IP address matching)`,
    pattern: { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } },
    event: { detail: { 'source-ip': '10.0.1.0' } },
    match: false,
  },
  {
    name: 'cidr IPv6 inside',
    source: `${EB} (IP address matching)`,
    pattern: { ip: [{ cidr: '2001:db8::/32' }] },
    event: { ip: '2001:0db8:1234::1' },
    match: true,
  },
  {
    name: 'cidr IPv6 outside',
    source: `${EB} (IP address matching)`,
    pattern: { ip: [{ cidr: '2001:db8::/32' }] },
    event: { ip: '2001:db9::1' },
    match: false,
  },
  {
    name: 'cidr ignores non-addresses',
    source: `${EB} (IP address matching)`,
    pattern: { ip: [{ cidr: '10.0.0.0/8' }] },
    event: { ip: 'ten' },
    match: false,
  },
  // Equals-ignore-case
  {
    name: 'equals-ignore-case',
    source: `${EB} (Equals-ignore-case matching)`,
    pattern: {
      detail: { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
    },
    event: { detail: { 'detail-type': 'EC2 Instance State-change Notification' } },
    match: true,
  },
  // Wildcard
  {
    name: 'wildcard',
    source: `${EB} (Wildcard matching)`,
    pattern: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    event: { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' },
    match: true,
  },
  {
    name: 'wildcard miss',
    source: `${EB} (Wildcard matching)`,
    pattern: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    event: { EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/default' },
    match: false,
  },
  {
    name: 'wildcard star matches empty',
    source: `${EB} (Wildcard matching)`,
    pattern: { f: [{ wildcard: 'dir/*.png' }] },
    event: { f: 'dir/.png' },
    match: true,
  },
  {
    name: 'wildcard escaped star is literal',
    source: `${EB} (Wildcard matching)`,
    pattern: { f: [{ wildcard: 'a\\*b' }] },
    event: { f: 'axb' },
    match: false,
  },
  {
    name: 'wildcard escaped star matches star',
    source: `${EB} (Wildcard matching)`,
    pattern: { f: [{ wildcard: 'a\\*b' }] },
    event: { f: 'a*b' },
    match: true,
  },
  {
    name: 'wildcard regex characters are literal',
    source: `${EB} (Wildcard matching)`,
    pattern: { f: [{ wildcard: 'a.b*' }] },
    event: { f: 'axbc' },
    match: false,
  },
  // $or
  {
    name: '$or first branch',
    source: `${EB} (Multiple matching / $or)`,
    pattern: {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    },
    event: { detail: { 'c-count': 3 } },
    match: true,
  },
  {
    name: '$or third branch',
    source: `${EB} (Multiple matching / $or)`,
    pattern: {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    },
    event: { detail: { 'x-limit': 301.8 } },
    match: true,
  },
  {
    name: '$or no branch',
    source: `${EB} (Multiple matching / $or)`,
    pattern: {
      detail: {
        $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }],
      },
    },
    event: { detail: { 'c-count': 9, 'd-count': 20 } },
    match: false,
  },
  {
    name: '$or with sibling fields (AND)',
    source: `${EB} (Multiple matching / $or)`,
    pattern: {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
    },
    event: { source: 'aws.ec2', namespace: 'AWS/EC2' },
    match: false,
  },
];

const invalidEventPatterns: { name: string; source: string; pattern: unknown; reason: string | RegExp }[] = [
  { name: 'not an object', source: RULER, pattern: '["a"]', reason: 'Filter is not an object' },
  { name: 'not JSON', source: RULER, pattern: '{"a": ', reason: /JSON/ },
  { name: 'empty object', source: RULER, pattern: {}, reason: 'Empty objects are not allowed' },
  {
    name: 'scalar value',
    source: 'https://github.com/buildkite/docs/pull/896',
    pattern: { pipeline: { slug: 'x' } },
    reason: '"slug" must be an object or an array',
  },
  { name: 'empty array', source: RULER, pattern: { a: [] }, reason: 'Empty arrays are not allowed' },
  {
    name: 'nested array value',
    source: RULER,
    pattern: { a: [['x']] },
    reason: 'Match value must be String, number, true, false, or null',
  },
  {
    name: 'unknown operator',
    source: RULER,
    pattern: { a: [{ contains: 'x' }] },
    reason: 'Unrecognized match type contains',
  },
  {
    name: 'two operators in one object',
    source: RULER,
    pattern: { a: [{ prefix: 'x', suffix: 'y' }] },
    reason: 'Only one key allowed in match expression',
  },
  {
    name: 'empty match expression',
    source: RULER,
    pattern: { a: [{}] },
    reason: 'Match expression name not found',
  },
  {
    name: 'prefix not a string',
    source: 'https://github.com/aws/aws-cdk/issues/32492',
    pattern: { a: [{ suffix: ['x'] }] },
    reason: 'suffix match pattern must be a string',
  },
  {
    name: 'exists not boolean',
    source: RULER,
    pattern: { a: [{ exists: 'yes' }] },
    reason: 'exists match pattern must be either true or false.',
  },
  {
    name: 'numeric not array',
    source: RULER,
    pattern: { a: [{ numeric: 5 }] },
    reason: 'Value of numeric must be an array.',
  },
  {
    name: 'numeric bad operator',
    source: RULER,
    pattern: { a: [{ numeric: ['!=', 5] }] },
    reason: 'Unrecognized numeric range operator: !=',
  },
  {
    name: 'numeric non-number operand',
    source: RULER,
    pattern: { a: [{ numeric: ['=', '5'] }] },
    reason: 'Value of equals must be numeric',
  },
  {
    name: 'numeric bottom above top',
    source: RULER,
    pattern: { a: [{ numeric: ['>', 10, '<', 5] }] },
    reason: 'Bottom must be less than top',
  },
  {
    name: 'numeric upper bound first',
    source: RULER,
    pattern: { a: [{ numeric: ['<', 10, '>', 5] }] },
    reason: 'Too many elements in numeric expression',
  },
  {
    name: 'numeric bad second operator',
    source: RULER,
    pattern: { a: [{ numeric: ['>', 0, '=', 5] }] },
    reason: 'Bad numeric range operator: =',
  },
  {
    name: 'numeric out of range',
    source: `${EB} (Numeric matching)`,
    pattern: { a: [{ numeric: ['>', 6e9] }] },
    reason: 'Value must be between -5.0E9 and 5.0E9, inclusive',
  },
  {
    name: 'anything-but mixed list',
    source: RULER,
    pattern: { a: [{ 'anything-but': ['x', 1] }] },
    reason: 'Inside anything but list, either all values are number or string, mixed type is not supported',
  },
  {
    name: 'anything-but null',
    source: RULER,
    pattern: { a: [{ 'anything-but': [null] }] },
    reason: 'Inside anything but list, start|null|boolean is not supported.',
  },
  {
    name: 'anything-but unknown inner',
    source: RULER,
    pattern: { a: [{ 'anything-but': { numeric: ['>', 1] } }] },
    reason: 'Unsupported anything-but pattern: numeric',
  },
  {
    name: 'anything-but empty prefix',
    source: RULER,
    pattern: { a: [{ 'anything-but': { prefix: '' } }] },
    reason: 'Null prefix/suffix not allowed',
  },
  {
    name: 'wildcard consecutive stars',
    source: `${EB} (Wildcard matching)`,
    pattern: { a: [{ wildcard: 'a**b' }] },
    reason: 'Consecutive wildcard characters at pos 2',
  },
  {
    name: 'wildcard bad escape',
    source: `${EB} (Wildcard matching)`,
    pattern: { a: [{ wildcard: 'a\\b' }] },
    reason: 'Invalid escape character at pos 2',
  },
  {
    name: 'cidr without mask',
    source: RULER,
    pattern: { a: [{ cidr: '10.0.0.1' }] },
    reason: "Malformed CIDR, one '/' required",
  },
  {
    name: 'cidr bad address',
    source: RULER,
    pattern: { a: [{ cidr: '10.0.0.256/8' }] },
    reason: 'Invalid IP address: 10.0.0.256',
  },
  {
    name: 'cidr bad mask',
    source: RULER,
    pattern: { a: [{ cidr: '10.0.0.0/x' }] },
    reason: 'Malformed CIDR, mask bits must be an integer',
  },
  {
    name: 'cidr mask too long',
    source: RULER,
    pattern: { a: [{ cidr: '10.0.0.0/33' }] },
    reason: 'IPv4 mask bits must be <= 32',
  },
  {
    name: '$or with one branch',
    source: RULER,
    pattern: { $or: [{ a: ['x'] }] },
    reason: 'There must have at least 2 Objects in $or relationship.',
  },
  {
    name: '$or not an array',
    source: RULER,
    pattern: { $or: { a: ['x'] } },
    reason: 'It must be an Array followed with $or.',
  },
  {
    name: '$or with a non-object',
    source: RULER,
    pattern: { $or: [{ a: ['x'] }, 'b'] },
    reason: 'Only JSON object is allowed in array of $or relationship.',
  },
];

describe('EventBridge event patterns', () => {
  for (const c of eventBridgeCases) {
    it(`${c.match ? 'matches' : 'does not match'}: ${c.name}`, () => {
      assert.equal(compileEventPattern(c.pattern).matches(c.event), c.match, c.source);
      // The JSON text of the pattern compiles to the same matcher.
      assert.equal(compileEventPattern(JSON.stringify(c.pattern)).matches(JSON.stringify(c.event)), c.match);
    });
  }
  for (const c of invalidEventPatterns) {
    it(`rejects ${c.name}`, () => {
      const pattern = typeof c.pattern === 'string' ? c.pattern : (c.pattern as object);
      assert.throws(
        () => compileEventPattern(pattern),
        (error: unknown) => {
          assert.ok(error instanceof PatternError, c.source);
          if (typeof c.reason === 'string') assert.equal(error.reason, c.reason, c.source);
          else assert.match(error.reason, c.reason);
          assert.equal(error.message, `Event pattern is not valid. Reason: ${error.reason}`);
          return true;
        },
      );
    });
  }
});

interface PolicyCase {
  readonly name: string;
  readonly source: string;
  readonly scope: FilterPolicyScope;
  readonly policy: object;
  readonly input: unknown;
  readonly match: boolean;
}

const str = (Value: string) => ({ Type: 'String', Value });
const num = (Value: string) => ({ Type: 'Number', Value });
const arr = (Value: string) => ({ Type: 'String.Array', Value });

const policyCases: PolicyCase[] = [
  {
    name: 'exact String attribute',
    source: `${SNS_STRING} (Exact matching)`,
    scope: 'MessageAttributes',
    policy: { customer_interests: ['rugby', 'tennis'] },
    input: { customer_interests: str('rugby') },
    match: true,
  },
  {
    name: 'exact String.Array attribute',
    source: `${SNS_STRING} (Exact matching)`,
    scope: 'MessageAttributes',
    policy: { customer_interests: ['rugby', 'tennis'] },
    input: { customer_interests: arr('["rugby", "tennis"]') },
    match: true,
  },
  {
    name: 'exact miss',
    source: `${SNS_STRING} (Exact matching)`,
    scope: 'MessageAttributes',
    policy: { customer_interests: ['rugby', 'tennis'] },
    input: { customer_interests: arr('["baseball"]') },
    match: false,
  },
  {
    name: 'exact message body',
    source: `${SNS_STRING} (Exact matching)`,
    scope: 'MessageBody',
    policy: { customer_interests: ['rugby', 'tennis'] },
    input: '{ "customer_interests": "rugby" }',
    match: true,
  },
  {
    name: 'Publish API spelling',
    source: `${SNS_STRING} (Exact matching)`,
    scope: 'MessageAttributes',
    policy: { store: ['example_corp'] },
    input: { store: { DataType: 'String', StringValue: 'example_corp' } },
    match: true,
  },
  {
    name: 'anything-but list',
    source: `${SNS_STRING} (Anything-but matching)`,
    scope: 'MessageAttributes',
    policy: { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] },
    input: { customer_interests: str('baseball') },
    match: true,
  },
  {
    name: 'anything-but list excluded',
    source: `${SNS_STRING} (Anything-but matching)`,
    scope: 'MessageAttributes',
    policy: { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] },
    input: { customer_interests: str('rugby') },
    match: false,
  },
  {
    name: 'anything-but prefix',
    source: `${SNS_STRING} (Anything-but matching)`,
    scope: 'MessageAttributes',
    policy: { event: [{ 'anything-but': { prefix: 'order-' } }] },
    input: { event: str('data-entry') },
    match: true,
  },
  {
    name: 'anything-but prefix excluded',
    source: `${SNS_STRING} (Anything-but matching)`,
    scope: 'MessageAttributes',
    policy: { event: [{ 'anything-but': { prefix: 'order-' } }] },
    input: { event: str('order-cancelled') },
    match: false,
  },
  {
    name: 'equals-ignore-case',
    source: `${SNS_STRING} (Equals-ignore-case matching)`,
    scope: 'MessageAttributes',
    policy: { customer_interests: [{ 'equals-ignore-case': 'tennis' }] },
    input: { customer_interests: str('TeNnis') },
    match: true,
  },
  {
    name: 'prefix',
    source: `${SNS_STRING} (Prefix matching)`,
    scope: 'MessageAttributes',
    policy: { customer_interests: [{ prefix: 'bas' }] },
    input: { customer_interests: str('baseball') },
    match: true,
  },
  {
    name: 'suffix',
    source: `${SNS_STRING} (Suffix matching)`,
    scope: 'MessageAttributes',
    policy: { customer_interests: [{ suffix: 'ball' }] },
    input: { customer_interests: str('baseball') },
    match: true,
  },
  {
    name: 'IP address',
    source: `${SNS_STRING} (IP address matching)`,
    scope: 'MessageAttributes',
    policy: { source_ip: [{ cidr: '10.0.0.0/24' }] },
    input: { source_ip: str('10.0.0.255') },
    match: true,
  },
  {
    name: 'numeric = with exponent',
    source: `${SNS_NUMERIC} (Exact matching)`,
    scope: 'MessageAttributes',
    policy: { price_usd: [{ numeric: ['=', 301.5] }] },
    input: { price_usd: num('3.015e2') },
    match: true,
  },
  {
    name: 'numeric range',
    source: `${SNS_NUMERIC} (Range matching)`,
    scope: 'MessageAttributes',
    policy: { price_usd: [{ numeric: ['>', 0, '<=', 150] }] },
    input: { price_usd: num('100') },
    match: true,
  },
  {
    name: 'numeric range miss',
    source: `${SNS_NUMERIC} (Range matching)`,
    scope: 'MessageAttributes',
    policy: { price_usd: [{ numeric: ['>', 0, '<=', 150] }] },
    input: { price_usd: num('150.5') },
    match: false,
  },
  {
    name: 'numeric anything-but',
    source: `${SNS_NUMERIC} (Anything-but matching)`,
    scope: 'MessageAttributes',
    policy: { price: [{ 'anything-but': [100, 500] }] },
    input: { price: num('1000') },
    match: true,
  },
  {
    name: 'numeric in body',
    source: `${SNS_NUMERIC} (Exact matching)`,
    scope: 'MessageBody',
    policy: { price_usd: [{ numeric: ['=', 301.5] }] },
    input: { price_usd: 3.015e2 },
    match: true,
  },
  {
    name: 'exists true',
    source: `${SNS_KEY} (exists)`,
    scope: 'MessageAttributes',
    policy: { store: [{ exists: true }] },
    input: { store: str('example_corp') },
    match: true,
  },
  {
    name: 'exists false',
    source: `${SNS_KEY} (exists)`,
    scope: 'MessageAttributes',
    policy: { store: [{ exists: false }] },
    input: { event: str('order_placed') },
    match: true,
  },
  {
    name: 'binary attributes are not compared',
    source: `${SNS_LIMITS} (attribute-based filtering)`,
    scope: 'MessageAttributes',
    policy: { blob: [{ exists: true }] },
    input: { blob: { DataType: 'Binary', BinaryValue: 'AAA=' } },
    match: false,
  },
  {
    name: 'nested body policy',
    source: `${SNS_LIMITS} (payload-based filtering)`,
    scope: 'MessageBody',
    policy: { store: { city: ['Seattle'] } },
    input: '{"store": {"city": "Seattle"}}',
    match: true,
  },
  {
    name: 'body that is not JSON',
    source: `${SNS_LIMITS} (payload-based filtering)`,
    scope: 'MessageBody',
    policy: { a: ['b'] },
    input: 'plain text',
    match: false,
  },
  {
    name: '$or',
    source: `${SNS_OR} (OR logic)`,
    scope: 'MessageAttributes',
    policy: {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
    },
    input: { source: str('aws.cloudwatch'), namespace: str('AWS/EC2') },
    match: true,
  },
  {
    name: 'AND across keys',
    source: `${SNS_OR} (AND logic)`,
    scope: 'MessageAttributes',
    policy: { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] },
    input: { customer_interests: str('rugby'), price_usd: num('90') },
    match: false,
  },
];

const invalidPolicies: {
  name: string;
  source: string;
  scope: FilterPolicyScope;
  policy: object | string;
  message: string;
}[] = [
  {
    name: 'more than 150 combinations',
    source: SNS_LIMITS,
    scope: 'MessageAttributes',
    policy: { store: Array.from({ length: 151 }, (_, i) => String(i)) },
    message: 'Invalid parameter: FilterPolicy: Filter policy is too complex',
  },
  {
    name: 'product over 150',
    source: SNS_LIMITS,
    scope: 'MessageAttributes',
    policy: {
      a: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
      b: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16'],
    },
    message: 'Invalid parameter: FilterPolicy: Filter policy is too complex',
  },
  {
    name: 'more than five keys',
    source: SNS_LIMITS,
    scope: 'MessageAttributes',
    policy: { a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] },
    message: 'Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys',
  },
  {
    name: 'nesting in the attributes scope',
    source: SNS_LIMITS,
    scope: 'MessageAttributes',
    policy: { store: { city: ['Seattle'] } },
    message: 'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy',
  },
  {
    name: 'wildcard is not an SNS operator',
    source: SNS_STRING,
    scope: 'MessageBody',
    policy: { a: [{ wildcard: 'x*' }] },
    message: 'Invalid parameter: FilterPolicy: Unrecognized match type wildcard',
  },
  {
    name: 'numeric beyond 10^9',
    source: `${SNS_LIMITS} (Numeric matching)`,
    scope: 'MessageAttributes',
    policy: { a: [{ numeric: ['<', 2e9] }] },
    message: 'Invalid parameter: FilterPolicy: Value must be between -1.0E9 and 1.0E9, inclusive',
  },
  {
    name: 'unknown operator',
    source: RULER,
    scope: 'MessageAttributes',
    policy: { a: [{ contains: 'x' }] },
    message: 'Invalid parameter: FilterPolicy: Unrecognized match type contains',
  },
];

describe('SNS filter policies', () => {
  for (const c of policyCases) {
    it(`${c.match ? 'matches' : 'does not match'}: ${c.name} (${c.scope})`, () => {
      assert.equal(compileFilterPolicy(c.policy, c.scope).matches(c.input), c.match, c.source);
    });
  }
  for (const c of invalidPolicies) {
    it(`rejects ${c.name}`, () => {
      assert.throws(() => compileFilterPolicy(c.policy, c.scope), {
        name: 'PatternError',
        message: c.message,
      });
    });
  }
  it('accepts 150 combinations and the documented nested count of 72', () => {
    // SNS_LIMITS: "The first array has four values in a three-level nested key, and the second has three
    // values in a two-level nested key … 3 x 4 x 2 x 3 = 72".
    const nested = { key_a: { key_b: { key_c: ['1', '2', '3', '4'] } }, key_d: { key_e: ['1', '2', '3'] } };
    assert.ok(compileFilterPolicy(nested, 'MessageBody'));
    const flat = {
      a: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
      b: Array.from({ length: 15 }, (_, i) => String(i)),
    };
    assert.ok(compileFilterPolicy(flat, 'MessageAttributes'));
  });
  it('treats an empty policy as no filtering', () => {
    assert.equal(compileFilterPolicy('{}', 'MessageAttributes').matches({}), true);
  });
});
