// GetParametersByPath: the parameters one level below a path, or every level with Recursive, filtered by
// Type, KeyId or Label, in pages of MaxResults (1–10, default 10).
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html

import * as model from '../../../core/generated/ssm.js';
import { compileFilters } from '../filters.js';
import { asPath, checkPath } from '../names.js';
import { parameterOutput } from '../output.js';
import { decodeToken, encodeToken, operation } from './operation.js';

const DEFAULT_MAX_RESULTS = 10;

export const getParametersByPath = operation({
  input: model.GetParametersByPathRequest,
  run: (input, ssm, ctx) => {
    checkPath(input.Path);
    const match = compileFilters(input.ParameterFilters ?? [], 'path', ssm);
    const limit = input.MaxResults ?? DEFAULT_MAX_RESULTS;
    const after = decodeToken('path', input.NextToken, '');
    const path = input.Path.length > 1 ? input.Path.replace(/\/$/, '') : input.Path;
    const page: ReturnType<typeof parameterOutput>[] = [];
    let last = '';
    let more = false;
    // Public parameters (`/aws/service/…`) are not served: their paths hold nothing here, and nothing
    // else can be stored under /aws, so they answer an empty list as an unknown path does on AWS.
    for (const row of ssm.current(ctx.account, ctx.region, after, path)) {
      if (!input.Recursive && parentOf(asPath(row.name)) !== path) continue;
      const version = match(row);
      if (!version) continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(parameterOutput(row, version, ctx, { decrypt: input.WithDecryption === true }));
      last = row.key;
    }
    return { Parameters: page, NextToken: more ? encodeToken('path', last) : undefined };
  },
});

function parentOf(name: string): string {
  return name.slice(0, name.lastIndexOf('/')) || '/';
}
