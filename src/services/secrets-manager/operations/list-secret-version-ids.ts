// ListSecretVersionIds: a secret's versions, oldest first; deprecated ones (without labels) only with
// IncludeDeprecated.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecretVersionIds.html

import * as model from '../../../core/generated/secrets-manager.js';
import { seconds } from '../describe.js';
import { operation, page } from './operation.js';

const DEFAULT_MAX = 100;

export const listSecretVersionIds = operation({
  input: model.ListSecretVersionIdsRequest,
  run: (input, secrets, ctx) => {
    const secret = secrets.requireSecret(ctx.account, ctx.region, input.SecretId);
    const stages = secrets.versions.stages(secret);
    const versions = secrets.versions
      .all(secret)
      .filter((version) => input.IncludeDeprecated === true || stages.has(version.version_id));
    const { items, nextToken } = page(versions, input.MaxResults, input.NextToken, DEFAULT_MAX);
    return {
      Versions: items.map((version) => ({
        VersionId: version.version_id,
        VersionStages: stages.get(version.version_id) ?? [],
        LastAccessedDate: version.accessed_at === null ? undefined : seconds(version.accessed_at),
        CreatedDate: seconds(version.created_at),
        KmsKeyIds: version.kms_key_id ? [version.kms_key_id] : undefined,
      })),
      NextToken: nextToken,
      ARN: secret.arn,
      Name: secret.name,
    };
  },
});
