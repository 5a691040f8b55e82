// Intrinsic functions (src/services/cloudformation/template/intrinsics.ts): every function, both Fn::Sub forms,
// AWS::NoValue removal, pseudo parameters and the error wordings.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html

/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings and Fn::ForEach keys use ${} */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveValue, type Scope } from '../../src/services/cloudformation/template/intrinsics.js';

function scope(overrides: Partial<Scope> = {}): Scope {
  return {
    parameters: { Stage: 'dev', Subnets: ['subnet-a', 'subnet-b'], Count: '3' },
    pseudo: { accountId: '000000000000', region: 'eu-west-1', stackName: 'app', stackId: 'arn:stack/app/1' },
    mappings: { Regions: { 'eu-west-1': { Ami: 'ami-eu', Zones: ['a', 'b'] } } },
    conditions: { IsProd: false, IsDev: true },
    ref: (id) => `physical-${id}`,
    getAtt: (id, attribute) => `${id}.${attribute}-value`,
    importValue: (name) => `imported-${name}`,
    azs: (region) => [`${region}a`, `${region}b`, `${region}c`],
    ...overrides,
  };
}

const NO_VALUE = { Ref: 'AWS::NoValue' };

const cases: Array<[string, unknown, unknown]> = [
  // Ref https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ref.html
  ['Ref of a parameter', { Ref: 'Stage' }, 'dev'],
  ['Ref of a list parameter', { Ref: 'Subnets' }, ['subnet-a', 'subnet-b']],
  ['Ref of a Number parameter stays a string', { Ref: 'Count' }, '3'],
  ['Ref of a resource', { Ref: 'Queue' }, 'physical-Queue'],
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
  ['AWS::AccountId', { Ref: 'AWS::AccountId' }, '000000000000'],
  ['AWS::Region', { Ref: 'AWS::Region' }, 'eu-west-1'],
  ['AWS::StackName', { Ref: 'AWS::StackName' }, 'app'],
  ['AWS::StackId', { Ref: 'AWS::StackId' }, 'arn:stack/app/1'],
  ['AWS::Partition', { Ref: 'AWS::Partition' }, 'aws'],
  ['AWS::URLSuffix', { Ref: 'AWS::URLSuffix' }, 'amazonaws.com'],
  ['AWS::NotificationARNs', { Ref: 'AWS::NotificationARNs' }, []],
  // GetAtt https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html
  ['Fn::GetAtt', { 'Fn::GetAtt': ['Queue', 'Arn'] }, 'Queue.Arn-value'],
  [
    'Fn::GetAtt with a nested attribute',
    { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
    'Db.Endpoint.Address-value',
  ],
  ['Fn::GetAtt as a dotted string', { 'Fn::GetAtt': 'Db.Endpoint.Port' }, 'Db.Endpoint.Port-value'],
  ['Fn::GetAtt with a Ref attribute', { 'Fn::GetAtt': ['Queue', { Ref: 'Stage' }] }, 'Queue.dev-value'],
  // Sub https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
  [
    'Fn::Sub with pseudo parameters',
    { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:q' },
    'arn:aws:sqs:eu-west-1:000000000000:q',
  ],
  ['Fn::Sub with a parameter and a resource', { 'Fn::Sub': '${Stage}-${Queue}' }, 'dev-physical-Queue'],
  ['Fn::Sub with an attribute', { 'Fn::Sub': '${Queue.Arn}' }, 'Queue.Arn-value'],
  ['Fn::Sub ${!Literal} escape', { 'Fn::Sub': '${!Stage} is ${Stage}' }, '${Stage} is dev'],
  [
    'Fn::Sub with a variable map',
    { 'Fn::Sub': ['${Name}-${Stage}', { Name: { Ref: 'Queue' } }] },
    'physical-Queue-dev',
  ],
  ['Fn::Sub variable map wins over a parameter', { 'Fn::Sub': ['${Stage}', { Stage: 'prod' }] }, 'prod'],
  ['Fn::Sub without variables', { 'Fn::Sub': 'plain' }, 'plain'],
  ['Fn::Sub with an unclosed ${', { 'Fn::Sub': 'a ${b' }, 'a ${b'],
  // Join, Select, Split
  ['Fn::Join', { 'Fn::Join': [':', ['a', { Ref: 'Stage' }, 1]] }, 'a:dev:1'],
  ['Fn::Join of a function', { 'Fn::Join': [',', { Ref: 'Subnets' }] }, 'subnet-a,subnet-b'],
  ['Fn::Join drops NoValue items', { 'Fn::Join': ['-', ['a', NO_VALUE, 'b']] }, 'a-b'],
  ['Fn::Select', { 'Fn::Select': ['1', ['a', 'b', 'c']] }, 'b'],
  ['Fn::Select of GetAZs', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, 'eu-west-1a'],
  ['Fn::Split', { 'Fn::Split': ['|', 'a|b||c'] }, ['a', 'b', '', 'c']],
  ['Fn::Select of Fn::Split', { 'Fn::Select': [2, { 'Fn::Split': [',', 'x,y,z'] }] }, 'z'],
  // If https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html
  ['Fn::If true branch', { 'Fn::If': ['IsDev', 'small', 'large'] }, 'small'],
  ['Fn::If false branch', { 'Fn::If': ['IsProd', 'large', 'small'] }, 'small'],
  ['Fn::If evaluates only the branch taken', { 'Fn::If': ['IsDev', 'ok', { 'Fn::Select': [9, []] }] }, 'ok'],
  ['Fn::Equals', { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] }, true],
  ['Fn::Equals compares numbers as strings', { 'Fn::Equals': [{ Ref: 'Count' }, 3] }, true],
  ['Fn::And', { 'Fn::And': [{ Condition: 'IsDev' }, { 'Fn::Equals': ['a', 'a'] }] }, true],
  ['Fn::Or', { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'IsDev' }] }, true],
  ['Fn::Not', { 'Fn::Not': [{ Condition: 'IsDev' }] }, false],
  // FindInMap https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-findinmap.html
  ['Fn::FindInMap', { 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'Ami'] }, 'ami-eu'],
  ['Fn::FindInMap of a list', { 'Fn::FindInMap': ['Regions', 'eu-west-1', 'Zones'] }, ['a', 'b']],
  [
    'Fn::FindInMap DefaultValue for a missing key',
    { 'Fn::FindInMap': ['Regions', 'us-east-1', 'Ami', { DefaultValue: 'ami-x' }] },
    'ami-x',
  ],
  [
    'Fn::FindInMap DefaultValue for a missing map',
    { 'Fn::FindInMap': ['Nope', 'a', 'b', { DefaultValue: ['d'] }] },
    ['d'],
  ],
  [
    'Fn::FindInMap DefaultValue unused when found',
    { 'Fn::FindInMap': ['Regions', 'eu-west-1', 'Ami', { DefaultValue: 'x' }] },
    'ami-eu',
  ],
  // GetAZs, Base64, Cidr, ImportValue
  ['Fn::GetAZs of the stack region', { 'Fn::GetAZs': '' }, ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']],
  [
    'Fn::GetAZs of Ref AWS::Region',
    { 'Fn::GetAZs': { Ref: 'AWS::Region' } },
    ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  ],
  ['Fn::GetAZs of a named region', { 'Fn::GetAZs': 'us-east-1' }, ['us-east-1a', 'us-east-1b', 'us-east-1c']],
  [
    'Fn::Base64',
    { 'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\necho ${Stage}' } },
    Buffer.from('#!/bin/bash\necho dev').toString('base64'),
  ],
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-cidr.html (the doc's example)
  [
    'Fn::Cidr IPv4',
    { 'Fn::Cidr': ['192.168.0.0/24', 6, 5] },
    [
      '192.168.0.0/27',
      '192.168.0.32/27',
      '192.168.0.64/27',
      '192.168.0.96/27',
      '192.168.0.128/27',
      '192.168.0.160/27',
    ],
  ],
  ['Fn::Cidr from a host address', { 'Fn::Cidr': ['10.0.5.7/16', 2, '8'] }, ['10.0.0.0/24', '10.0.1.0/24']],
  [
    'Fn::Cidr IPv6',
    { 'Fn::Cidr': ['2600:1f16:ab0:ca00::/56', 2, 64] },
    ['2600:1f16:ab0:ca00::/64', '2600:1f16:ab0:ca01::/64'],
  ],
  ['Fn::ImportValue', { 'Fn::ImportValue': { 'Fn::Sub': '${Stage}-VpcId' } }, 'imported-dev-VpcId'],
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-length.html
  ['Fn::Length', { 'Fn::Length': { Ref: 'Subnets' } }, 2],
  ['Fn::Length of a literal list', { 'Fn::Length': [1, NO_VALUE, 3] }, 2],
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ToJsonString.html
  [
    'Fn::ToJsonString',
    { 'Fn::ToJsonString': { a: { Ref: 'Stage' }, b: [1, true] } },
    '{"a":"dev","b":[1,true]}',
  ],
  // AWS::NoValue https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html#cfn-pseudo-param-novalue
  ['NoValue removes an object member', { A: 1, B: NO_VALUE }, { A: 1 }],
  ['NoValue removes a list item', ['a', NO_VALUE, 'b'], ['a', 'b']],
  ['Fn::If to NoValue removes the member', { A: { 'Fn::If': ['IsProd', 'x', NO_VALUE] }, B: 2 }, { B: 2 }],
  ['a whole NoValue is undefined', NO_VALUE, undefined],
  ['nested plain JSON passes through', { a: [{ b: null, c: 1.5 }] }, { a: [{ b: null, c: 1.5 }] }],
  [
    'a Condition property outside condition functions is plain data',
    { Condition: 'IsDev' },
    { Condition: 'IsDev' },
  ],
  [
    'an IAM Condition block is plain data',
    { Condition: { StringEquals: { 'aws:x': 'y' } } },
    { Condition: { StringEquals: { 'aws:x': 'y' } } },
  ],
];

for (const [name, value, expected] of cases) {
  test(`resolves ${name}`, () => assert.deepEqual(resolveValue(value, scope()), expected));
}

test('AWS::Partition and AWS::URLSuffix follow the region', () => {
  const china = scope({ pseudo: { accountId: '1', region: 'cn-north-1', stackName: 's', stackId: 'i' } });
  assert.equal(resolveValue({ Ref: 'AWS::Partition' }, china), 'aws-cn');
  assert.equal(resolveValue({ Ref: 'AWS::URLSuffix' }, china), 'amazonaws.com.cn');
  const gov = scope({ pseudo: { accountId: '1', region: 'us-gov-west-1', stackName: 's', stackId: 'i' } });
  assert.equal(resolveValue({ Ref: 'AWS::Partition' }, gov), 'aws-us-gov');
});

const JOIN_ERROR =
  'Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.';

const errors: Array<[string, unknown, string]> = [
  // Observed: "Template error: Fn::Select  cannot select nonexistent value at index 2" (two spaces), e.g.
  // stelligent/mu#196, cloudtools/troposphere#1483; the doc says an index out of bounds is a stack error.
  [
    'Fn::Select past the end',
    { 'Fn::Select': [3, ['a', 'b']] },
    'Template error: Fn::Select  cannot select nonexistent value at index 3',
  ],
  [
    'Fn::Select of a negative index',
    { 'Fn::Select': [-1, ['a']] },
    'Template error: Fn::Select  cannot select nonexistent value at index -1',
  ],
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-join.html
  ['Fn::Join with one parameter', { 'Fn::Join': [['a']] }, JOIN_ERROR],
  ['Fn::Join of a string', { 'Fn::Join': ['', 'abc'] }, JOIN_ERROR],
  [
    'Fn::If of an unknown condition',
    { 'Fn::If': ['Nope', 1, 2] },
    'Template error: unresolved condition dependency Nope in Fn::If',
  ],
  [
    'Fn::FindInMap of an unknown map',
    { 'Fn::FindInMap': ['M', 'a', 'b'] },
    "Template error: Mapping named 'M' is not present in the 'Mappings' section of template.",
  ],
  [
    'Fn::FindInMap of an unknown top-level key',
    { 'Fn::FindInMap': ['Regions', 'us-east-1', 'Ami'] },
    'Template error: Unable to get mapping for Regions::us-east-1::Ami',
  ],
  [
    'Fn::FindInMap of an unknown second-level key',
    { 'Fn::FindInMap': ['Regions', 'eu-west-1', 'Nope'] },
    'Template error: Unable to get mapping for Regions::eu-west-1::Nope',
  ],
  [
    'Fn::Split of a list',
    { 'Fn::Split': [',', ['a']] },
    'Template error: every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string to be split or a function that returns a string to be split.',
  ],
  [
    'Fn::Equals of one value',
    { 'Fn::Equals': ['a'] },
    'Template error: every Fn::Equals object requires a list of 2 string parameters.',
  ],
  [
    'Fn::And of one condition',
    { 'Fn::And': [{ Condition: 'IsDev' }] },
    'Template error: every Fn::And object requires a list of at least 2 and at most 10 boolean parameters.',
  ],
  [
    'Fn::Cidr asking for too many blocks',
    { 'Fn::Cidr': ['10.0.0.0/24', 3, 7] },
    'Template error: Fn::Cidr: 10.0.0.0/24 cannot hold 3 blocks of /25',
  ],
  [
    'Fn::Transform',
    { 'Fn::Transform': { Name: 'AWS::Include' } },
    'Fn::Transform (AWS::Include and macros) is not supported by Nimbus yet',
  ],
];

for (const [name, value, message] of errors) {
  test(`rejects ${name}`, () =>
    assert.throws(() => resolveValue(value, scope()), {
      name: 'ServiceError',
      code: 'ValidationError',
      message,
    }));
}
