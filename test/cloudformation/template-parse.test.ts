// Parsing templates (src/services/cloudformation/template/parse.ts, yaml.ts): JSON and YAML, the short-form tags,
// YAML's date/boolean/number pitfalls, and the top-level structure errors with CloudFormation's wording.

/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings and Fn::ForEach keys use ${} */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate } from '../../src/services/cloudformation/template/parse.js';

const rejects = (body: string, message: string) =>
  assert.throws(() => parseTemplate(body), { name: 'ServiceError', code: 'ValidationError', message });

const resourcesOf = (yaml: string) =>
  parseTemplate(`Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n${yaml}`).Resources.R!
    .Properties;

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html (short forms)
const shortForms: Array<[string, string, unknown]> = [
  ['!Ref', 'A: !Ref Bucket', { Ref: 'Bucket' }],
  ['!GetAtt dotted', 'A: !GetAtt Queue.Arn', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
  [
    '!GetAtt nested attribute',
    'A: !GetAtt Db.Endpoint.Address',
    { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
  ],
  ['!GetAtt sequence', 'A: !GetAtt [Queue, Arn]', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
  [
    '!Sub scalar',
    "A: !Sub 'arn:${AWS::Partition}:s3:::${B}'",
    { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${B}' },
  ],
  [
    '!Sub with a variable map',
    'A: !Sub\n        - "${X}-y"\n        - X: !Ref P',
    { 'Fn::Sub': ['${X}-y', { X: { Ref: 'P' } }] },
  ],
  [
    'nested !Join of !Ref and !GetAtt',
    "A: !Join ['', [!Ref A, !GetAtt B.Arn]]",
    { 'Fn::Join': ['', [{ Ref: 'A' }, { 'Fn::GetAtt': ['B', 'Arn'] }]] },
  ],
  ['!Select', 'A: !Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
  ['!Split', 'A: !Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
  ['!If', 'A: !If [C, 1, !Ref AWS::NoValue]', { 'Fn::If': ['C', 1, { Ref: 'AWS::NoValue' }] }],
  ['!Equals', 'A: !Equals [a, b]', { 'Fn::Equals': ['a', 'b'] }],
  ['!And', 'A: !And [!Condition X, !Condition Y]', { 'Fn::And': [{ Condition: 'X' }, { Condition: 'Y' }] }],
  ['!Or', 'A: !Or [!Condition X, !Condition Y]', { 'Fn::Or': [{ Condition: 'X' }, { Condition: 'Y' }] }],
  ['!Not', 'A: !Not [!Condition X]', { 'Fn::Not': [{ Condition: 'X' }] }],
  [
    '!FindInMap',
    'A: !FindInMap [M, !Ref AWS::Region, Ami]',
    { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'Ami'] },
  ],
  ['!GetAZs', 'A: !GetAZs us-east-1', { 'Fn::GetAZs': 'us-east-1' }],
  ['!GetAZs empty', 'A: !GetAZs', { 'Fn::GetAZs': '' }],
  ['!Base64', 'A: !Base64 hello', { 'Fn::Base64': 'hello' }],
  ['!Cidr', 'A: !Cidr [10.0.0.0/16, 2, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }],
  ['!ImportValue', 'A: !ImportValue Shared', { 'Fn::ImportValue': 'Shared' }],
  ['!Transform', 'A: !Transform {Name: AWS::Include}', { 'Fn::Transform': { Name: 'AWS::Include' } }],
  ['!Length', 'A: !Length [a, b]', { 'Fn::Length': ['a', 'b'] }],
  ['!ToJsonString', 'A: !ToJsonString {a: b}', { 'Fn::ToJsonString': { a: 'b' } }],
];

for (const [name, yaml, expected] of shortForms) {
  test(`YAML short form ${name} becomes the long form`, () => {
    assert.deepEqual(resourcesOf(`      ${yaml}`)?.A, expected);
  });
}

// CloudFormation reads YAML scalars as YAML 1.2 core does, not as YAML 1.1: no timestamps, no yes/no booleans.
const scalars: Array<[string, string, unknown]> = [
  ['a date stays a string (IAM policy Version)', 'A: 2012-10-17', '2012-10-17'],
  ['a timestamp stays a string', 'A: 2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00'],
  ['yes stays a string', 'A: yes', 'yes'],
  ['off stays a string', 'A: off', 'off'],
  ['true is a boolean', 'A: true', true],
  ['an integer is a number', 'A: 128', 128],
  ['a float is a number', 'A: 0.5', 0.5],
  ['a leading-zero account id stays a string', 'A: 012345678901', '012345678901'],
  ['a quoted number stays a string', "A: '10'", '10'],
  ['null is null', 'A: ~', null],
];

for (const [name, yaml, expected] of scalars) {
  test(`YAML: ${name}`, () => {
    assert.deepEqual(resourcesOf(`      ${yaml}`)?.A, expected);
  });
}

test('YAML anchors and aliases are expanded', () => {
  const props = resourcesOf('      A: &tags {k: v}\n      B: *tags');
  assert.deepEqual(props, { A: { k: 'v' }, B: { k: 'v' } });
});

test('a JSON template parses as JSON', () => {
  const template = parseTemplate('{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}');
  assert.deepEqual(template.Resources, { Q: { Type: 'AWS::SQS::Queue' } });
});

// https://repost.aws/knowledge-center/cloudformation-template-validation (the messages of each case)
const errors: Array<[string, string, string]> = [
  [
    'YAML that does not parse',
    'Resources:\n  A: [1, 2\n  B: c',
    'Template format error: YAML not well-formed. (line 3, column 3)',
  ],
  [
    'JSON that does not parse',
    '{"Resources": ,}',
    'Template format error: JSON not well-formed. (line 1, column 15)',
  ],
  [
    'JSON on a later line',
    '{\n  "Resources": {\n    x\n}',
    'Template format error: JSON not well-formed. (line 3, column 5)',
  ],
  ['a template that is a list', '- a\n- b', 'Template format error: unsupported structure.'],
  ['no Resources', 'Description: x', 'Template format error: At least one Resources member must be defined.'],
  [
    'empty Resources',
    'Resources: {}',
    'Template format error: At least one Resources member must be defined.',
  ],
  [
    'an unknown top-level section',
    'Resource: {}\nFoo: 1\nResources: {A: {Type: AWS::SNS::Topic}}',
    'Template format error: Invalid template property or properties [Resource, Foo]',
  ],
  [
    'a resource without Type',
    'Resources: {A: {Properties: {}}}',
    'Template format error: [/Resources/A] Every Resources object must contain a Type member.',
  ],
  [
    'an unknown resource attribute',
    'Resources: {A: {Type: AWS::SNS::Topic, Propertes: {}}}',
    "Template format error: Invalid template resource property 'Propertes'",
  ],
  [
    'a non-alphanumeric logical id',
    'Resources: {my-topic: {Type: AWS::SNS::Topic}}',
    'Template format error: Resource name my-topic is non alphanumeric.',
  ],
  [
    'a Condition that is not a string',
    'Resources: {A: {Type: AWS::SNS::Topic, Condition: [x]}}',
    'Template format error: Every Condition member must be a string.',
  ],
  [
    'an unknown parameter property',
    'Parameters: {P: {Type: String, Defualt: x}}\nResources: {A: {Type: AWS::SNS::Topic}}',
    "Template format error: Invalid template parameter property 'Defualt'",
  ],
  [
    'an unknown parameter type',
    'Parameters: {P: {Type: Strin}}\nResources: {A: {Type: AWS::SNS::Topic}}',
    'Template format error: Unrecognized parameter type: Strin',
  ],
];

for (const [name, body, message] of errors) {
  test(`rejects ${name}`, () => rejects(body, message));
}

test('Globals is a section under the SAM transform only', () => {
  const body = 'Globals: {Function: {Timeout: 3}}\nResources: {A: {Type: AWS::SNS::Topic}}';
  rejects(body, 'Template format error: Invalid template property or properties [Globals]');
  assert.ok(parseTemplate(`Transform: AWS::Serverless-2016-10-31\n${body}`));
});

test('Fn::ForEach keys are left for the language extensions', () => {
  const template = parseTemplate(
    "Transform: AWS::LanguageExtensions\nResources:\n  'Fn::ForEach::Topics':\n    - N\n    - [a, b]\n    - 'Topic${N}': {Type: AWS::SNS::Topic}",
  );
  assert.ok(template.Resources['Fn::ForEach::Topics']);
});
