// GetParameterHistory: every kept version of a parameter, oldest first, with its labels, in pages of
// MaxResults (1–50, default 50).
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameterHistory.html

import * as model from '../../../core/generated/ssm.js';
import { parameterNotFound } from '../errors.js';
import { parseReference } from '../names.js';
import { historyOutput } from '../output.js';
import { decodeToken, encodeToken, operation } from './operation.js';

const DEFAULT_MAX_RESULTS = 50;

export const getParameterHistory = operation({
  input: model.GetParameterHistoryRequest,
  run: (input, ssm, ctx) => {
    // A name or an ARN; a selector names one version, which history does not take.
    const reference = parseReference(input.Name, ctx.account, ctx.region);
    const parameter =
      reference?.selector === undefined && reference && ssm.find(ctx.account, ctx.region, reference.name);
    if (!parameter) throw parameterNotFound();
    const limit = input.MaxResults ?? DEFAULT_MAX_RESULTS;
    const after = decodeToken('history', input.NextToken, 0);
    // One more than the page, to know whether another page follows.
    const versions = ssm.history(parameter, after, limit + 1);
    const page = versions.slice(0, limit);
    const labels = ssm.labels(parameter);
    const labelsOf = (version: number) =>
      [...labels].filter(([, on]) => on === version).map(([label]) => label);
    return {
      Parameters: page.map((version) =>
        historyOutput(parameter, version, labelsOf(version.version), ctx, input.WithDecryption === true),
      ),
      NextToken: versions.length > limit ? encodeToken('history', page[page.length - 1]!.version) : undefined,
    };
  },
});
