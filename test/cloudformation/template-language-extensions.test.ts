// The AWS::LanguageExtensions transform (src/services/cloudformation/template/language-extensions.ts): Fn::ForEach
// in Resources, Outputs, Conditions and properties, nested loops, ${Id} and &{Id}, functions as Ref arguments.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-aws-languageextensions.html

/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings and Fn::ForEach keys use ${} */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateConditions, resolveValue } from '../../src/services/cloudformation/template/intrinsics.js';
import { applyLanguageExtensions } from '../../src/services/cloudformation/template/language-extensions.js';
import { parseTemplate } from '../../src/services/cloudformation/template/parse.js';

const pseudo = { accountId: '000000000000', region: 'us-east-1', stackName: 's', stackId: 'id' };

test('expands a loop over a literal collection in Resources, with Ref to the identifier', () => {
  const template = parseTemplate(`
Transform: AWS::LanguageExtensions
Resources:
  'Fn::ForEach::Topics':
    - Name
    - [Orders, Payments]
    - 'Topic\${Name}':
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Ref Name
          DisplayName: !Sub '\${Name} topic in \${AWS::Region}'
  Other: {Type: AWS::SQS::Queue}
`);
  const out = applyLanguageExtensions(template, {});
  assert.equal(out.Transform, undefined, 'the transform removes itself');
  assert.deepEqual(out.Resources, {
    TopicOrders: {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: 'Orders', DisplayName: { 'Fn::Sub': 'Orders topic in ${AWS::Region}' } },
    },
    TopicPayments: {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: 'Payments', DisplayName: { 'Fn::Sub': 'Payments topic in ${AWS::Region}' } },
    },
    Other: { Type: 'AWS::SQS::Queue' },
  });
  assert.ok(template.Resources['Fn::ForEach::Topics'], 'the input is not changed');
});

test('a collection from a CommaDelimitedList parameter, &{Id} for non-alphanumeric values, and Outputs', () => {
  const template = parseTemplate(`
Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Parameters:
  Cidrs: {Type: CommaDelimitedList, Default: '10.0.0.0/24,10.0.1.0/24'}
Resources:
  'Fn::ForEach::Subnets':
    - Cidr
    - !Ref Cidrs
    - 'Subnet&{Cidr}':
        Type: AWS::EC2::Subnet
        Properties: {CidrBlock: !Ref Cidr}
Outputs:
  'Fn::ForEach::SubnetIds':
    - Cidr
    - !Ref Cidrs
    - 'Subnet&{Cidr}Id':
        Value: !Ref 'Subnet&{Cidr}'
        Export: {Name: !Sub '\${AWS::StackName}-&{Cidr}'}
`);
  const out = applyLanguageExtensions(template, { Cidrs: ['10.0.0.0/24', '10.0.1.0/24'] });
  assert.deepEqual(out.Transform, ['AWS::Serverless-2016-10-31']);
  assert.deepEqual(Object.keys(out.Resources), ['Subnet1000024', 'Subnet1001024']);
  assert.deepEqual(out.Resources.Subnet1001024!.Properties, { CidrBlock: '10.0.1.0/24' });
  assert.deepEqual(out.Outputs, {
    Subnet1000024Id: {
      Value: { Ref: 'Subnet1000024' },
      Export: { Name: { 'Fn::Sub': '${AWS::StackName}-1000024' } },
    },
    Subnet1001024Id: {
      Value: { Ref: 'Subnet1001024' },
      Export: { Name: { 'Fn::Sub': '${AWS::StackName}-1001024' } },
    },
  });
});

test('nested loops, and a loop inside resource properties', () => {
  const template = parseTemplate(`
Transform: AWS::LanguageExtensions
Resources:
  'Fn::ForEach::Envs':
    - Env
    - [dev, prod]
    - 'Fn::ForEach::Apps':
        - App
        - [api, web]
        - '\${App}\${Env}':
            Type: AWS::SQS::Queue
            Properties:
              Tags:
                'Fn::ForEach::Tags':
                  - Key
                  - [team, cost]
                  - '\${Key}': '\${App}-\${Env}-\${Key}'
`);
  const out = applyLanguageExtensions(template, {});
  assert.deepEqual(Object.keys(out.Resources), ['apidev', 'webdev', 'apiprod', 'webprod']);
  assert.deepEqual(out.Resources.webprod!.Properties, {
    Tags: { team: 'web-prod-team', cost: 'web-prod-cost' },
  });
});

test('loops in Conditions, evaluated afterwards', () => {
  const template = parseTemplate(`
Transform: AWS::LanguageExtensions
Parameters:
  Stage: {Type: String}
Conditions:
  'Fn::ForEach::IsStage':
    - S
    - [dev, prod]
    - 'Is\${S}': !Equals [!Ref Stage, '\${S}']
Resources:
  Q: {Type: AWS::SQS::Queue}
`);
  const out = applyLanguageExtensions(template, { Stage: 'prod' });
  assert.deepEqual(
    evaluateConditions(out, {
      parameters: { Stage: 'prod' },
      pseudo,
      mappings: undefined,
      importValue: () => '',
      azs: () => [],
    }),
    {
      Isdev: false,
      Isprod: true,
    },
  );
});

test('functions as Ref and Fn::GetAtt arguments are resolved from parameters; resource-dependent ones are left', () => {
  const template = parseTemplate(`
Transform: AWS::LanguageExtensions
Parameters:
  Name: {Type: String}
Mappings:
  M: {dev: {Queue: DevQueue}}
Resources:
  Bucketorders: {Type: AWS::S3::Bucket}
  DevQueue: {Type: AWS::SQS::Queue}
  User:
    Type: AWS::SQS::Queue
    Properties:
      A: !Ref {'Fn::Sub': 'Bucket\${Name}'}
      B: !GetAtt [!FindInMap [M, dev, Queue], Arn]
      C: !Ref {'Fn::GetAtt': [DevQueue, QueueName]}
`);
  const out = applyLanguageExtensions(template, { Name: 'orders' });
  assert.deepEqual(out.Resources.User!.Properties, {
    A: { Ref: 'Bucketorders' },
    B: { 'Fn::GetAtt': ['DevQueue', 'Arn'] },
    C: { Ref: { 'Fn::GetAtt': ['DevQueue', 'QueueName'] } },
  });
});

test('Fn::Length, Fn::ToJsonString and FindInMap DefaultValue resolve at deploy time', () => {
  const scope = {
    parameters: { Names: ['a', 'b', 'c'] },
    pseudo,
    mappings: {},
    conditions: {},
    ref: () => 'r',
    getAtt: () => 'arn',
    importValue: () => '',
    azs: () => [],
  };
  assert.equal(resolveValue({ 'Fn::Length': { Ref: 'Names' } }, scope), 3);
  assert.equal(
    resolveValue({ 'Fn::ToJsonString': { q: { 'Fn::GetAtt': ['Q', 'Arn'] } } }, scope),
    '{"q":"arn"}',
  );
  assert.equal(resolveValue({ 'Fn::FindInMap': ['M', 'x', 'y', { DefaultValue: 'd' }] }, scope), 'd');
});

test('a template without the transform comes back unchanged', () => {
  const template = parseTemplate('Resources: {Q: {Type: AWS::SQS::Queue}}');
  assert.equal(applyLanguageExtensions(template, {}), template);
});

const loop = (collection: string, key = "'Q${N}'") =>
  `Transform: AWS::LanguageExtensions\nResources:\n  'Fn::ForEach::Q':\n    - N\n    - ${collection}\n    - ${key}: {Type: AWS::SQS::Queue}\n  Qa: {Type: AWS::SQS::Queue}`;

const errors: Array<[string, string, string]> = [
  [
    'a key produced twice',
    loop('[a, b]', 'Same'),
    'Transform AWS::LanguageExtensions failed with: Fn::ForEach::Q produced the key Same more than once; include ${N} or &{N} in the OutputKey',
  ],
  [
    'a key that is already declared',
    loop('[a]'),
    'Transform AWS::LanguageExtensions failed with: Fn::ForEach produced Qa, which is already declared',
  ],
  [
    'a collection that depends on a resource',
    loop('!GetAtt X.List'),
    'Transform AWS::LanguageExtensions failed with: the collection of Fn::ForEach::Q must not depend on resources',
  ],
  [
    'a collection of objects',
    loop('[{a: 1}]'),
    'Transform AWS::LanguageExtensions failed with: the collection of Fn::ForEach::Q must be a list of strings',
  ],
  [
    'a malformed loop',
    "Transform: AWS::LanguageExtensions\nResources:\n  'Fn::ForEach::Q': [N, [a]]",
    'Transform AWS::LanguageExtensions failed with: Fn::ForEach::Q must be a list of an identifier, a collection and an object of output keys and values',
  ],
];

for (const [name, body, message] of errors) {
  test(`rejects ${name}`, () =>
    assert.throws(() => applyLanguageExtensions(parseTemplate(body), {}), {
      name: 'ServiceError',
      code: 'ValidationError',
      message,
    }));
}
