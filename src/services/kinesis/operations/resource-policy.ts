// Put/Get/DeleteResourcePolicy on a stream or consumer: the policy document is kept and returned as sent
// (Nimbus authorizes nothing by it).
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutResourcePolicy.html

import * as model from '../../../core/generated/kinesis.js';
import { invalidArgument } from '../errors.js';
import { operation } from './operation.js';
import { requireResource } from './tags.js';

export const putResourcePolicy = operation({
  input: model.PutResourcePolicyInput,
  run: (input, kinesis, ctx) => {
    requireResource(kinesis, input.ResourceARN, ctx);
    try {
      JSON.parse(input.Policy);
    } catch {
      throw invalidArgument('Policy is not a valid JSON document.');
    }
    kinesis.sql.putPolicy.run(input.ResourceARN, input.Policy);
    return {};
  },
});

export const getResourcePolicy = operation({
  input: model.GetResourcePolicyInput,
  output: model.GetResourcePolicyOutput,
  run: (input, kinesis, ctx) => {
    requireResource(kinesis, input.ResourceARN, ctx);
    const row = kinesis.sql.policy.get(input.ResourceARN) as { policy: string } | undefined;
    // A resource without a policy answers an empty document.
    return { Policy: row?.policy ?? '{}' };
  },
});

export const deleteResourcePolicy = operation({
  input: model.DeleteResourcePolicyInput,
  run: (input, kinesis, ctx) => {
    requireResource(kinesis, input.ResourceARN, ctx);
    kinesis.sql.deletePolicy.run(input.ResourceARN);
    return {};
  },
});
