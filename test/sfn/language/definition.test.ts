// Definition parsing and validation.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDefinition, validateDefinition } from '../../../src/services/sfn/language/definition.js';

const codes = (def: unknown) =>
  validateDefinition(typeof def === 'string' ? def : JSON.stringify(def)).map(
    (d) => `${d.code} ${d.location ?? ''}`,
  );

describe('validateDefinition', () => {
  it('accepts a valid machine', () => {
    assert.deepEqual(
      codes({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } } }),
      [],
    );
  });
  it('reports invalid JSON', () => assert.deepEqual(codes('{'), ['INVALID_JSON_DESCRIPTION ']));
  const cases: [string, unknown, string][] = [
    // Observed AWS answers, recorded in floci-io/floci#2786 (Choices[0] locations, MISSING_END_STATE).
    [
      'a dangling Choice target',
      {
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'Q' }], Default: 'E' },
          E: { Type: 'Succeed' },
        },
      },
      'MISSING_TRANSITION_TARGET /States/C/Choices[0]/Next',
    ],
    [
      'a missing StartAt target',
      { StartAt: 'Q', States: { E: { Type: 'Succeed' } } },
      'MISSING_TRANSITION_TARGET /StartAt',
    ],
    [
      'a loop without an end',
      { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } },
      'MISSING_END_STATE ',
    ],
    [
      'a missing Next target',
      { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Z' } } },
      'MISSING_TRANSITION_TARGET /States/A/Next',
    ],
    [
      'an unreachable state',
      { StartAt: 'A', States: { A: { Type: 'Succeed' }, B: { Type: 'Succeed' } } },
      'MISSING_TRANSITION_TARGET /States/B',
    ],
    [
      'neither Next nor End',
      { StartAt: 'A', States: { A: { Type: 'Pass' } } },
      'SCHEMA_VALIDATION_FAILED /States/A',
    ],
    [
      'an unknown field',
      { StartAt: 'A', States: { A: { Type: 'Pass', End: true, Foo: 1 } } },
      'SCHEMA_VALIDATION_FAILED /States/A',
    ],
    [
      'a Task without Resource',
      { StartAt: 'A', States: { A: { Type: 'Task', End: true } } },
      'SCHEMA_VALIDATION_FAILED /States/A',
    ],
    [
      'States.ALL not last',
      {
        StartAt: 'A',
        States: {
          A: {
            Type: 'Task',
            Resource: 'r',
            End: true,
            Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['E'] }],
          },
        },
      },
      'SCHEMA_VALIDATION_FAILED /States/A/Retry[0]/ErrorEquals',
    ],
    [
      'a JSONPath field in a JSONata state',
      { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', End: true, InputPath: '$' } } },
      'SCHEMA_VALIDATION_FAILED /States/A/InputPath',
    ],
    [
      'a nested Map error',
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            End: true,
            ItemProcessor: {
              StartAt: 'X',
              States: { X: { Type: 'Pass', Next: 'Q' }, Y: { Type: 'Succeed' } },
            },
          },
        },
      },
      'MISSING_TRANSITION_TARGET /States/M/ItemProcessor/States/X/Next',
    ],
    [
      'a state name over 80 characters',
      { StartAt: 'A'.repeat(81), States: { ['A'.repeat(81)]: { Type: 'Succeed' } } },
      `SCHEMA_VALIDATION_FAILED /States/${'A'.repeat(81)}`,
    ],
  ];
  for (const [what, def, expected] of cases) {
    it(`reports ${what}`, () => assert.ok(codes(def).includes(expected), JSON.stringify(codes(def))));
  }
});

describe('parseDefinition', () => {
  it("throws InvalidDefinition with AWS's message shape", () => {
    assert.throws(
      () =>
        parseDefinition(
          JSON.stringify({
            StartAt: 'A',
            States: { A: { Type: 'Pass', Next: 'Z' }, Z1: { Type: 'Succeed' } },
          }),
        ),
      {
        error: 'InvalidDefinition',
        // The shape of the message localstack/localstack#12487 quotes from AWS.
        cause:
          "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Z at /States/A/Next, MISSING_TRANSITION_TARGET: State \"Z1\" is not reachable. at /States/Z1'",
      },
    );
  });
  it('returns the definition', () =>
    assert.equal(parseDefinition('{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}').StartAt, 'A'));
});
