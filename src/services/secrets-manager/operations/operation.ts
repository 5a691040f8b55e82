// The Secrets Manager operation factory and the helpers several operations share: reading a value from
// SecretString/SecretBinary, tags, a version's value on the wire, and NextToken paging.

import { ServiceError } from '../../../core/errors.js';
import { operationFor } from '../../../core/service.js';
import { seconds } from '../describe.js';
import { invalidParameter } from '../errors.js';
import type { SecretsManager, Tag } from '../secrets-manager.js';
import type { SecretRow, VersionRow } from '../store.js';
import type { SecretValue, Versions } from '../versions.js';

export const operation = operationFor<SecretsManager>();

/** SecretString or SecretBinary; both at once is refused as AWS refuses it. */
export function secretValue(input: {
  SecretString?: string;
  SecretBinary?: Buffer;
}): SecretValue | undefined {
  if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
    throw invalidParameter(
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  if (input.SecretString !== undefined) return { string: input.SecretString };
  if (input.SecretBinary !== undefined) return { binary: input.SecretBinary };
  return undefined;
}

export function tagList(tags: readonly { Key?: string; Value?: string }[] | undefined): Tag[] {
  return (tags ?? []).map((tag) => {
    if (tag.Key === undefined) throw invalidParameter('You must provide a Key for every tag.');
    return { Key: tag.Key, Value: tag.Value ?? '' };
  });
}

/** GetSecretValue's (and BatchGetSecretValue's entries') answer for one version. */
export function valueEntry(
  secret: SecretRow,
  version: VersionRow,
  versions: Versions,
): Record<string, unknown> {
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.version_id,
    SecretString: version.secret_string ?? undefined,
    SecretBinary: version.secret_binary === null ? undefined : version.secret_binary.toString('base64'),
    VersionStages: versions.stages(secret).get(version.version_id) ?? [],
    CreatedDate: seconds(version.created_at),
  };
}

/** A page of `items` from the opaque NextToken of the previous page (an offset, base64-wrapped). */
export function page<T>(
  items: readonly T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  defaultMax: number,
): { items: T[]; nextToken?: string } {
  const start = nextToken === undefined ? 0 : decodeToken(nextToken);
  const end = start + (maxResults ?? defaultMax);
  const slice = items.slice(start, end);
  return end < items.length ? { items: slice, nextToken: encodeToken(end) } : { items: slice };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

function decodeToken(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the error below.
  }
  throw new ServiceError('InvalidNextTokenException', 'The NextToken value is invalid.');
}
