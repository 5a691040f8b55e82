// ListSecrets: the region's secrets (those scheduled for deletion only with IncludePlannedDeletion),
// filtered, sorted by SortBy (creation date unless told) in SortOrder, a page at a time.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html

import * as model from '../../../core/generated/secrets-manager.js';
import { describe } from '../describe.js';
import { matchesFilters } from '../filters.js';
import type { SecretRow } from '../store.js';
import { operation, page } from './operation.js';

/** MaxResults' default: the model's maximum. */
const DEFAULT_MAX = 100;

const SORT_KEYS: Readonly<Record<string, (secret: SecretRow) => number | string>> = {
  'created-date': (secret) => secret.created_at,
  'last-accessed-date': (secret) => secret.accessed_at ?? 0,
  'last-changed-date': (secret) => secret.changed_at,
  name: (secret) => secret.name,
};

export const listSecrets = operation({
  input: model.ListSecretsRequest,
  run: (input, secrets, ctx) => {
    const key = SORT_KEYS[input.SortBy ?? 'created-date']!;
    const direction = input.SortOrder === 'desc' ? -1 : 1;
    const matching = secrets
      .listSecrets(ctx.account, ctx.region, input.IncludePlannedDeletion === true)
      .filter((secret) => matchesFilters(secret, input.Filters))
      .sort((a, b) => direction * compare(key(a), key(b)) || direction * (a.id - b.id));
    const { items, nextToken } = page(matching, input.MaxResults, input.NextToken, DEFAULT_MAX);
    return {
      SecretList: items.map((secret) => describe(secret, secrets.versions, 'SecretVersionsToStages')),
      NextToken: nextToken,
    };
  },
});

function compare(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
