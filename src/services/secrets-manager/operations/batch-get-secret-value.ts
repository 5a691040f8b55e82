// BatchGetSecretValue: the AWSCURRENT values of up to 20 secrets named in SecretIdList (each failure an
// entry of Errors), or of the secrets Filters select, a page at a time.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/secrets-manager.js';
import type { RequestContext } from '../../../core/service.js';
import { invalidParameter } from '../errors.js';
import { matchesFilters } from '../filters.js';
import type { SecretsManager } from '../secrets-manager.js';
import { operation, page, valueEntry } from './operation.js';

/** "The number of results to include in the response" defaults to the most the model allows. */
const DEFAULT_MAX = 20;

export const batchGetSecretValue = operation({
  input: model.BatchGetSecretValueRequest,
  run: (input, secrets, ctx) => {
    // The wordings moto reproduces from AWS for these two rules.
    if ((input.SecretIdList === undefined) === (input.Filters === undefined)) {
      throw invalidParameter("Either 'SecretIdList' or 'Filters' must be provided, but not both.");
    }
    if (input.MaxResults !== undefined && input.Filters === undefined) {
      throw invalidParameter(
        "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided.",
      );
    }
    if (input.SecretIdList !== undefined) {
      const results = input.SecretIdList.map((id) => fetchOne(secrets, ctx, id));
      return collect(results);
    }
    const matching = secrets
      .listSecrets(ctx.account, ctx.region, false)
      .filter((secret) => matchesFilters(secret, input.Filters));
    const { items, nextToken } = page(matching, input.MaxResults, input.NextToken, DEFAULT_MAX);
    return { ...collect(items.map((secret) => fetchOne(secrets, ctx, secret.arn))), NextToken: nextToken };
  },
});

type Fetched = { value: Record<string, unknown> } | { error: Record<string, unknown> };

function fetchOne(secrets: SecretsManager, ctx: RequestContext, secretId: string): Fetched {
  try {
    const secret = secrets.requireActive(ctx.account, ctx.region, secretId);
    const version = secrets.versions.read(secret, undefined, undefined);
    secrets.versions.recordAccess(secret, version);
    return { value: valueEntry(secret, version, secrets.versions) };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return { error: { SecretId: secretId, ErrorCode: error.code, Message: error.message } };
  }
}

function collect(results: Fetched[]): { SecretValues: unknown[]; Errors: unknown[] } {
  const SecretValues: unknown[] = [];
  const Errors: unknown[] = [];
  for (const result of results) {
    if ('value' in result) SecretValues.push(result.value);
    else Errors.push(result.error);
  }
  return { SecretValues, Errors };
}
