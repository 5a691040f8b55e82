// DeleteParameter and DeleteParameters: a parameter goes with all its versions, labels and tags.
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DeleteParameter.html
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DeleteParameters.html

import * as model from '../../../core/generated/ssm.js';
import { parameterNotFound } from '../errors.js';
import { operation } from './operation.js';

export const deleteParameter = operation({
  input: model.DeleteParameterRequest,
  run: (input, ssm, ctx) => {
    const parameter = ssm.find(ctx.account, ctx.region, input.Name);
    if (!parameter) throw parameterNotFound();
    ssm.delete(parameter);
    return {};
  },
});

/** Names that name no parameter are reported in InvalidParameters, the others deleted. */
export const deleteParameters = operation({
  input: model.DeleteParametersRequest,
  run: (input, ssm, ctx) => {
    const deleted: string[] = [];
    const invalid: string[] = [];
    for (const name of new Set(input.Names)) {
      const parameter = ssm.find(ctx.account, ctx.region, name);
      if (parameter) {
        ssm.delete(parameter);
        deleted.push(name);
      } else invalid.push(name);
    }
    return { DeletedParameters: deleted, InvalidParameters: invalid };
  },
});
