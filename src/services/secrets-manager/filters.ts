// ListSecrets' and BatchGetSecretValue's Filters: each filter's values are alternatives, filters combine
// with AND, and a value starting with `!` matches secrets the rest does not match.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Filter.html
// https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_search-secret.html

import type { Tag } from './secrets-manager.js';
import type { SecretRow } from './store.js';

export interface SecretFilter {
  readonly Key?: string;
  readonly Values?: readonly string[];
}

export function matchesFilters(secret: SecretRow, filters: readonly SecretFilter[] = []): boolean {
  return filters.every((filter) => matchesFilter(secret, filter));
}

function matchesFilter(secret: SecretRow, filter: SecretFilter): boolean {
  const attributes = attributesFor(secret, filter.Key ?? 'all');
  return (filter.Values ?? []).some((value) => {
    const negated = value.startsWith('!');
    const term = negated ? value.slice(1) : value;
    const found = attributes.some((attribute) => matches(filter.Key ?? 'all', term, attribute));
    return negated ? !found : found;
  });
}

/** The strings a filter key looks at. owning-service: Nimbus's secrets are never managed by another
 * service, so it has nothing to match. */
function attributesFor(secret: SecretRow, key: string): string[] {
  const tags = JSON.parse(secret.tags) as Tag[];
  switch (key) {
    case 'name':
      return [secret.name];
    case 'description':
      return secret.description ? [secret.description] : [];
    case 'tag-key':
      return tags.map((tag) => tag.Key);
    case 'tag-value':
      return tags.map((tag) => tag.Value);
    case 'primary-region':
      return [secret.region];
    case 'owning-service':
      return [];
    default:
      return [
        secret.name,
        ...(secret.description ? [secret.description] : []),
        ...tags.flatMap((t) => [t.Key, t.Value]),
      ];
  }
}

/** name, tag-key, tag-value, primary-region: a case-sensitive prefix of the whole value (the user guide:
 * "Name: Data returns a secret named DatabaseSecret, but not databaseSecret or MyData"). description and
 * all: every word of the term begins some word of the attribute, case-insensitively ("My Description"
 * matches "Description of my secret"). */
function matches(key: string, term: string, attribute: string): boolean {
  if (key !== 'description' && key !== 'all') return attribute.startsWith(term);
  const wanted = words(term.toLowerCase());
  const present = words(attribute).map((word) => word.toLowerCase());
  return wanted.length > 0 && wanted.every((word) => present.some((candidate) => candidate.startsWith(word)));
}

/** "The words are separated by any change from uppercase to lowercase, from letter to number, or from
 * number/letter to punctuation": `credsDatabase#892` is creds, Database and 892. */
export function words(text: string): string[] {
  return text
    .split(/[^A-Za-z0-9]+/)
    .flatMap((part) => part.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/))
    .filter((word) => word.length > 0);
}
