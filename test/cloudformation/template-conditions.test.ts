// The Conditions section (evaluateConditions in src/services/cloudformation/template/intrinsics.ts): conditions over
// parameters, pseudo parameters, mappings and other conditions, never resources.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html

/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings and Fn::ForEach keys use ${} */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateConditions } from '../../src/services/cloudformation/template/intrinsics.js';
import { parseTemplate, type Template } from '../../src/services/cloudformation/template/parse.js';

const scope = {
  parameters: { Stage: 'prod', Zones: ['a', 'b'] },
  pseudo: { accountId: '000000000000', region: 'us-east-1', stackName: 's', stackId: 'id' },
  mappings: { Env: { prod: { Big: 'true' } } },
  importValue: () => 'x',
  azs: (region: string) => [`${region}a`],
};

function conditionsOf(yaml: string): Template {
  return parseTemplate(
    `Parameters:\n  Stage: {Type: String}\n  Zones: {Type: CommaDelimitedList}\nConditions:\n${yaml}\nResources:\n  Q: {Type: AWS::SQS::Queue}`,
  );
}

test('evaluates conditions referring to parameters, pseudo parameters, mappings and other conditions', () => {
  const template = conditionsOf(
    [
      '  IsProd: !Equals [!Ref Stage, prod]',
      '  InVirginia: !Equals [!Ref AWS::Region, us-east-1]',
      '  Both: !And [!Condition IsProd, !Condition InVirginia]',
      '  Either: !Or [!Condition NotProd, !Condition InVirginia]',
      '  NotProd: !Not [!Condition IsProd]',
      '  Big: !Equals [!FindInMap [Env, !Ref Stage, Big], "true"]',
      '  TwoZones: !Equals [!Join [",", !Ref Zones], "a,b"]',
      '  ViaSub: !Equals [!Sub "${Stage}-${AWS::Region}", prod-us-east-1]',
    ].join('\n'),
  );
  assert.deepEqual(evaluateConditions(template, scope), {
    IsProd: true,
    InVirginia: true,
    Both: true,
    Either: true,
    NotProd: false,
    Big: true,
    TwoZones: true,
    ViaSub: true,
  });
});

const errors: Array<[string, string, string]> = [
  [
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
    // (observed wording, e.g. aws-cloudformation/cfn-lint#99)
    'a reference to resources',
    '  A: !Equals [!Ref Q, x]\n  B: !Equals [!GetAtt Other.Arn, x]',
    'Template format error: Unresolved dependencies [Q, Other]. Cannot reference resources in the Conditions block of the template',
  ],
  [
    'a Sub of a resource',
    '  A: !Equals [!Sub "${Q}", x]',
    'Template format error: Unresolved dependencies [Q]. Cannot reference resources in the Conditions block of the template',
  ],
  [
    'a non-boolean condition',
    '  A: !Ref Stage',
    'Template format error: Conditions can only be boolean operations on parameters and other conditions',
  ],
  [
    'a cycle of conditions',
    '  A: !Not [!Condition B]\n  B: !Not [!Condition A]',
    'Template format error: Circular dependency between conditions: [A, B]',
  ],
  [
    'an undeclared condition',
    '  A: !Not [!Condition Nope]',
    'Template format error: Unresolved condition dependency Nope in Fn::And, Fn::Or, Fn::Not or Condition',
  ],
];

for (const [name, yaml, message] of errors) {
  test(`rejects ${name}`, () =>
    assert.throws(() => evaluateConditions(conditionsOf(yaml), scope), {
      name: 'ServiceError',
      code: 'ValidationError',
      message,
    }));
}

test('a template without Conditions has none', () => {
  assert.deepEqual(evaluateConditions(parseTemplate('Resources: {Q: {Type: AWS::SQS::Queue}}'), scope), {});
});
