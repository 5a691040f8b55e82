// ValidateStateMachineDefinition through the SDK v3: result, diagnostics, severity filter and maxResults.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SFNClient, ValidateStateMachineDefinitionCommand } from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { definition, startSfn } from './fixtures.js';

describe('Step Functions definition validation', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  before(async () => {
    ({ cloud, sfn } = await startSfn());
  });
  after(() => cloud?.stop());

  it('answers OK with no diagnostics for a valid definition', async () => {
    const result = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: definition() }));
    assert.equal(result.result, 'OK');
    assert.deepEqual(result.diagnostics, []);
    assert.equal(result.truncated, false);
  });

  it('answers FAIL with coded, located diagnostics for a broken definition', async () => {
    const broken = JSON.stringify({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'Nowhere' }, B: { Type: 'Pass', Next: 'Elsewhere' } },
    });
    const result = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: broken }));
    assert.equal(result.result, 'FAIL');
    assert.ok((result.diagnostics ?? []).length >= 2);
    assert.ok(result.diagnostics?.every((d) => d.severity === 'ERROR' && d.code && d.message));
    assert.ok(
      result.diagnostics?.some(
        (d) => d.code === 'MISSING_TRANSITION_TARGET' && d.location === '/States/A/Next',
      ),
    );
    const one = await sfn.send(
      new ValidateStateMachineDefinitionCommand({ definition: broken, maxResults: 1 }),
    );
    assert.equal(one.diagnostics?.length, 1);
    assert.equal(one.truncated, true);
  });

  it('reports a definition that is not JSON as INVALID_JSON_DESCRIPTION', async () => {
    const result = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: '{"StartAt": ' }));
    assert.equal(result.result, 'FAIL');
    assert.equal(result.diagnostics?.[0]?.code, 'INVALID_JSON_DESCRIPTION');
  });
});
