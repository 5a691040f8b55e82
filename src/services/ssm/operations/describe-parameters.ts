// DescribeParameters: every parameter's metadata (no values), narrowed by the deprecated Filters or by
// ParameterFilters (not both), in name order and pages of MaxResults (1–50, default 50).
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeParameters.html

import * as model from '../../../core/generated/ssm.js';
import { validation } from '../errors.js';
import { compileFilters, type ParameterStringFilter } from '../filters.js';
import { metadataOutput } from '../output.js';
import { decodeToken, encodeToken, operation } from './operation.js';

const DEFAULT_MAX_RESULTS = 50;

export const describeParameters = operation({
  input: model.DescribeParametersRequest,
  run: (input, ssm, ctx) => {
    if (input.Filters?.length && input.ParameterFilters?.length) {
      throw validation('You can use either Filters or ParameterFilters in a single request.');
    }
    const match = compileFilters(
      input.ParameterFilters ?? legacyFilters(input.Filters ?? []),
      'describe',
      ssm,
    );
    const limit = input.MaxResults ?? DEFAULT_MAX_RESULTS;
    const after = decodeToken('describe', input.NextToken, '');
    const page: ReturnType<typeof metadataOutput>[] = [];
    let last = '';
    let more = false;
    for (const row of ssm.current(ctx.account, ctx.region, after)) {
      if (!match(row)) continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(metadataOutput(row, row, ctx));
      last = row.key;
    }
    return { Parameters: page, NextToken: more ? encodeToken('describe', last) : undefined };
  },
});

/** The deprecated ParametersFilter as its ParameterStringFilter equivalent: Name matches a prefix, Type
 * and KeyId are equalities. https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_ParametersFilter.html */
function legacyFilters(filters: readonly { Key: string; Values: string[] }[]): ParameterStringFilter[] {
  return filters.map(({ Key, Values }) => ({
    Key,
    Values,
    Option: Key === 'Name' ? 'BeginsWith' : 'Equals',
  }));
}
