// Template-level checks (src/services/cloudformation/template/validate.ts): Fn::GetAtt targets and attributes,
// DependsOn targets, references, Outputs and Exports.

/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings and Fn::ForEach keys use ${} */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate } from '../../src/services/cloudformation/template/parse.js';
import { validateTemplate } from '../../src/services/cloudformation/template/validate.js';

const ATTRIBUTES: Record<string, string[]> = {
  'AWS::SQS::Queue': ['Arn', 'QueueName', 'QueueUrl'],
  'AWS::RDS::DBInstance': ['Endpoint.Address', 'Endpoint.Port'],
};
const attributesOf = (type: string) => ATTRIBUTES[type];

const check = (yaml: string) => validateTemplate(parseTemplate(yaml), attributesOf);

test('a well-formed template passes', () => {
  check(`
Parameters: {Stage: {Type: String, Default: dev}}
Conditions: {IsProd: !Equals [!Ref Stage, prod]}
Resources:
  Q: {Type: AWS::SQS::Queue}
  Db: {Type: AWS::RDS::DBInstance, DependsOn: Q}
  C: {Type: Custom::Thing, Properties: {A: !GetAtt Db.Endpoint.Address, B: !Sub '\${Q.Arn}-\${Stage}'}}
  P: {Type: AWS::SQS::Queue, Condition: IsProd, Properties: {X: !If [IsProd, !Ref Q, !Ref AWS::NoValue]}}
Outputs:
  Url: {Value: !Ref Q, Export: {Name: !Sub '\${AWS::StackName}:Url'}}
  Any: {Value: !GetAtt C.Anything, Export: {Name: 'app:any-1'}, Condition: IsProd}
`);
});

const resources = 'Resources:\n  Q: {Type: AWS::SQS::Queue}\n';

const errors: Array<[string, string, string]> = [
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html
  [
    'a GetAtt of an undeclared resource',
    `${resources}  X: {Type: AWS::SQS::Queue, Properties: {A: !GetAtt Nope.Arn}}`,
    'Template error: instance of Fn::GetAtt references undefined resource Nope',
  ],
  [
    'a Sub attribute of an undeclared resource',
    `${resources}  X: {Type: AWS::SQS::Queue, Properties: {A: !Sub '\${Nope.Arn}'}}`,
    'Template error: instance of Fn::GetAtt references undefined resource Nope',
  ],
  [
    'an attribute the type lacks',
    `${resources}  X: {Type: AWS::SQS::Queue, Properties: {A: !GetAtt Q.Url}}`,
    'Template error: resource Q does not support attribute type Url in Fn::GetAtt',
  ],
  [
    'a nested attribute the type lacks',
    'Resources:\n  Db: {Type: AWS::RDS::DBInstance}\n  X: {Type: AWS::SQS::Queue, Properties: {A: !GetAtt Db.Endpoint.Host}}',
    'Template error: resource Db does not support attribute type Endpoint.Host in Fn::GetAtt',
  ],
  [
    'a DependsOn target that does not exist',
    `${resources}  X: {Type: AWS::SQS::Queue, DependsOn: [Q, Ghost]}`,
    'Template format error: Unresolved resource dependencies [Ghost] in the Resources block of the template',
  ],
  [
    'a Ref to nothing',
    `${resources}  X: {Type: AWS::SQS::Queue, Properties: {A: !Ref Nope}}`,
    'Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template',
  ],
  [
    'a Ref to nothing in Outputs',
    `${resources}Outputs:\n  O: {Value: !Ref Nope}`,
    'Template format error: Unresolved resource dependencies [Nope] in the Outputs block of the template',
  ],
  [
    'an undeclared condition on a resource',
    `${resources}  X: {Type: AWS::SQS::Queue, Condition: Nope}`,
    'Template format error: Unresolved condition dependencies [Nope] in the Resources block of the template',
  ],
  [
    'an Fn::If of an undeclared condition',
    `${resources}  X: {Type: AWS::SQS::Queue, Properties: {A: !If [Nope, 1, 2]}}`,
    'Template error: unresolved condition dependency Nope in Fn::If',
  ],
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html
  [
    'an Output without Value',
    `${resources}Outputs:\n  O: {Description: x}`,
    'Template format error: Every Outputs member must contain a Value object',
  ],
  [
    'an Export without Name',
    `${resources}Outputs:\n  O: {Value: x, Export: {}}`,
    'Template format error: Output O is malformed. The Name field of every Export member must be specified and consist only of alphanumeric characters, colons, or hyphens.',
  ],
  [
    'an Export Name with other characters',
    `${resources}Outputs:\n  O: {Value: x, Export: {Name: 'a/b'}}`,
    'Template format error: Output O is malformed. The Name field of every Export member must be specified and consist only of alphanumeric characters, colons, or hyphens.',
  ],
];

for (const [name, yaml, message] of errors) {
  test(`rejects ${name}`, () =>
    assert.throws(() => check(yaml), { name: 'ServiceError', code: 'ValidationError', message }));
}
