// PutGraphqlApiEnvironmentVariables and GetGraphqlApiEnvironmentVariables: an API's string variables, which
// every resolver and function reads as `ctx.env` (APPSYNC_JS) or `$ctx.env` (VTL). A put replaces the
// whole list; keys start with a letter, have at least two characters of letters, digits and `_`; values
// are at most 512 characters; an API has at most 50.
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_PutGraphqlApiEnvironmentVariables.html

import * as model from '../../../core/generated/appsync.js';
import { describeProblems, type ValidationProblem } from '../../../core/shapes.js';
import { badRequest } from '../errors.js';
import { operation } from './operation.js';

/** The model's EnvironmentVariableKey: the generated map shape checks values and size, not keys. */
const KEY = /^[A-Za-z]+\w*$/;
const KEY_MIN = 2;
const KEY_MAX = 64;

export const putGraphqlApiEnvironmentVariables = operation({
  http: model.operations.PutGraphqlApiEnvironmentVariables.http,
  input: model.PutGraphqlApiEnvironmentVariablesRequest,
  output: model.PutGraphqlApiEnvironmentVariablesResponse,
  run: (input, engine, ctx) => {
    const problems = Object.keys(input.environmentVariables).flatMap(keyProblems);
    if (problems.length > 0) throw badRequest(describeProblems(problems));
    const api = engine.requireApi(input.apiId, ctx);
    const environmentVariables = { ...input.environmentVariables };
    engine.docs.saveParent(api.apiId, { ...api, environmentVariables });
    engine.changed(api.apiId);
    return { environmentVariables };
  },
});

export const getGraphqlApiEnvironmentVariables = operation({
  http: model.operations.GetGraphqlApiEnvironmentVariables.http,
  input: model.GetGraphqlApiEnvironmentVariablesRequest,
  output: model.GetGraphqlApiEnvironmentVariablesResponse,
  run: (input, engine, ctx) => ({
    environmentVariables: engine.requireApi(input.apiId, ctx).environmentVariables ?? {},
  }),
});

/** A key's violations, worded as AWS words a map key's constraint. */
function keyProblems(key: string): ValidationProblem[] {
  const constraints = [
    ...(key.length < KEY_MIN ? [`Member must have length greater than or equal to ${KEY_MIN}`] : []),
    ...(key.length > KEY_MAX ? [`Member must have length less than or equal to ${KEY_MAX}`] : []),
    ...(KEY.test(key) ? [] : [`Member must satisfy regular expression pattern: ${KEY.source}`]),
  ];
  if (constraints.length === 0) return [];
  return [
    {
      kind: 'constraint',
      path: 'environmentVariables',
      member: 'environmentVariables',
      value: key,
      constraint: `Map keys must satisfy constraint: [${constraints.join(', ')}]`,
    },
  ];
}
