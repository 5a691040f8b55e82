// Parameters (src/services/cloudformation/template/parameters.ts): types, defaults, previous values, every
// constraint and its message.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html

/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings and Fn::ForEach keys use ${} */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type GivenParameter,
  resolveParameters,
} from '../../src/services/cloudformation/template/parameters.js';
import type { ParameterDeclaration } from '../../src/services/cloudformation/template/parse.js';

const given = (values: Record<string, string>): GivenParameter[] =>
  Object.entries(values).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));

test('values come from the caller, then the default; numbers stay strings, lists become arrays', () => {
  const resolved = resolveParameters(
    {
      Name: { Type: 'String' },
      Size: { Type: 'Number', Default: 5 },
      Zones: { Type: 'CommaDelimitedList', Default: 'a, b ,c' },
      Ports: { Type: 'List<Number>' },
      Subnets: { Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1,subnet-2' },
      Vpc: { Type: 'AWS::EC2::VPC::Id', Default: 'vpc-1' },
      Secret: { Type: 'String', NoEcho: 'true', Default: 's' },
      Empty: { Type: 'String', Default: '' },
    },
    given({ Name: 'orders', Ports: '80,443' }),
  );
  assert.deepEqual(resolved.values, {
    Name: 'orders',
    Size: '5',
    Zones: ['a', 'b', 'c'],
    Ports: ['80', '443'],
    Subnets: ['subnet-1', 'subnet-2'],
    Vpc: 'vpc-1',
    Secret: 's',
    Empty: '',
  });
  assert.deepEqual([...resolved.noEcho], ['Secret']);
});

test('UsePreviousValue takes the stack value', () => {
  const resolved = resolveParameters(
    { Stage: { Type: 'String', Default: 'dev' }, Zones: { Type: 'CommaDelimitedList' } },
    [
      { ParameterKey: 'Stage', UsePreviousValue: true },
      { ParameterKey: 'Zones', UsePreviousValue: true },
    ],
    { Stage: 'prod', Zones: ['x', 'y'] },
  );
  assert.deepEqual(resolved.values, { Stage: 'prod', Zones: ['x', 'y'] });
});

const failures: Array<[string, ParameterDeclaration, string | undefined, string]> = [
  // Observed wordings: "Parameter 'ASGDesiredCapacity' must be a number not less than 1" (aws/aws-k8s-tester#189),
  // "Parameter 'Naming' must contain at least 12 characters", "Parameter 'P' must match pattern ^[a-z]+$".
  [
    'AllowedValues',
    { Type: 'String', AllowedValues: ['a', 'b'] },
    'c',
    "Parameter 'P' must be one of AllowedValues",
  ],
  [
    'AllowedPattern',
    { Type: 'String', AllowedPattern: '^[a-z]+$' },
    'A1',
    "Parameter 'P' must match pattern ^[a-z]+$",
  ],
  [
    'AllowedPattern matches the whole value',
    { Type: 'String', AllowedPattern: '[a-z]+' },
    'abc1',
    "Parameter 'P' must match pattern [a-z]+",
  ],
  ['MinLength', { Type: 'String', MinLength: 3 }, 'ab', "Parameter 'P' must contain at least 3 characters"],
  [
    'MaxLength',
    { Type: 'String', MaxLength: '2' },
    'abc',
    "Parameter 'P' must not contain more than 2 characters",
  ],
  ['MinValue', { Type: 'Number', MinValue: 5 }, '4', "Parameter 'P' must be a number not less than 5"],
  [
    'MaxValue',
    { Type: 'Number', MaxValue: '10' },
    '10.5',
    "Parameter 'P' must be a number not greater than 10",
  ],
  ['a Number that is not one', { Type: 'Number' }, 'ten', "Parameter 'P' must be a number"],
  ['a List<Number> member', { Type: 'List<Number>' }, '1,x', "Parameter 'P' must be a number"],
  [
    'AllowedValues on each list member',
    { Type: 'CommaDelimitedList', AllowedValues: ['a', 'b'] },
    'a,c',
    "Parameter 'P' must be one of AllowedValues",
  ],
  [
    // ConstraintDescription replaces the reason (observed: "Parameter SourceLambdaBucket failed to satisfy constraint: ...",
    // awslabs/aws-config-engine-for-compliance-as-code#12).
    'a constraint with a ConstraintDescription',
    { Type: 'String', AllowedPattern: '[a-z]+', ConstraintDescription: 'lower-case letters only' },
    'ABC',
    "Parameter 'P' failed to satisfy constraint: lower-case letters only",
  ],
  [
    'a default that breaks a constraint',
    { Type: 'String', Default: 'aws-', MinLength: 12 },
    undefined,
    "Parameter 'P' must contain at least 12 characters",
  ],
  [
    // Observed from CloudFormation for a name with no parameter behind it.
    'an SSM parameter type naming no parameter',
    { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/x' },
    undefined,
    'Unable to fetch parameters [/x] from parameter store for this account.',
  ],
];

for (const [name, declaration, value, message] of failures) {
  test(`rejects ${name}`, () =>
    assert.throws(
      () => resolveParameters({ P: declaration }, value === undefined ? [] : given({ P: value })),
      {
        name: 'ServiceError',
        code: 'ValidationError',
        message,
      },
    ));
}

test('values that satisfy every constraint pass', () => {
  const resolved = resolveParameters(
    {
      P: { Type: 'String', AllowedPattern: '[a-z]+', MinLength: 2, MaxLength: 4 },
      N: { Type: 'Number', MinValue: 1, MaxValue: 10, AllowedValues: [1, 5, 10] },
    },
    given({ P: 'abcd', N: '5' }),
  );
  assert.deepEqual(resolved.values, { P: 'abcd', N: '5' });
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html; observed wordings,
// e.g. boto/botocore#2598 ("Parameters: [EnvironmentName] must have values").
test('lists every parameter without a value', () => {
  assert.throws(
    () =>
      resolveParameters(
        { A: { Type: 'String' }, B: { Type: 'Number' }, C: { Type: 'String', Default: 'c' } },
        [],
      ),
    {
      message: 'Parameters: [A, B] must have values',
    },
  );
});

test('rejects parameters the template does not declare', () => {
  assert.throws(() => resolveParameters({ A: { Type: 'String', Default: 'a' } }, given({ X: '1', Y: '2' })), {
    code: 'ValidationError',
    message: 'Parameters: [X, Y] do not exist in the template',
  });
});

test('rejects UsePreviousValue without a previous value', () => {
  assert.throws(
    () => resolveParameters({ A: { Type: 'String' } }, [{ ParameterKey: 'A', UsePreviousValue: true }], {}),
    {
      message:
        'Invalid input for parameter key A. Cannot specify usePreviousValue as true for a parameter key not in the previous template',
    },
  );
});
