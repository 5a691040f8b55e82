// GetParameter and GetParameters: a parameter's latest version, or the one a `name:version` or
// `name:label` selector names; names may be ARNs. SecureStrings read as ciphertext unless WithDecryption.
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameters.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/ssm.js';
import { parameterOutput } from '../output.js';
import { operation, type Resolved, resolve } from './operation.js';

export const getParameter = operation({
  input: model.GetParameterRequest,
  run: (input, ssm, ctx) => {
    const { parameter, version, reference } = resolve(ssm, input.Name, ctx);
    return {
      Parameter: parameterOutput(parameter, version, ctx, {
        decrypt: input.WithDecryption === true,
        selector: reference.selector,
      }),
    };
  },
});

/** Each name once; names that find nothing (unknown, or an unknown version or label) are listed in
 * InvalidParameters rather than failing the call. */
export const getParameters = operation({
  input: model.GetParametersRequest,
  run: (input, ssm, ctx) => {
    const found: ReturnType<typeof parameterOutput>[] = [];
    const invalid: string[] = [];
    for (const name of new Set(input.Names)) {
      let resolved: Resolved;
      try {
        resolved = resolve(ssm, name, ctx);
      } catch (error) {
        if (error instanceof ServiceError) {
          invalid.push(name);
          continue;
        }
        throw error;
      }
      const { parameter, version, reference } = resolved;
      found.push(
        parameterOutput(parameter, version, ctx, {
          decrypt: input.WithDecryption === true,
          selector: reference.selector,
        }),
      );
    }
    return { Parameters: found, InvalidParameters: invalid };
  },
});
