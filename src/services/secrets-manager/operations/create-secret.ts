// CreateSecret: a secret with its first version (when a value is given), tags, description, KMS key and
// replica regions; idempotent on ClientRequestToken.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html

import * as model from '../../../core/generated/secrets-manager.js';
import { replicationStatus } from '../describe.js';
import type { Replica } from '../secrets-manager.js';
import { operation, secretValue, tagList } from './operation.js';

export const createSecret = operation({
  input: model.CreateSecretRequest,
  run: (input, secrets, ctx) => {
    const replicas = (input.AddReplicaRegions ?? []).flatMap((replica): Replica[] =>
      replica.Region ? [{ Region: replica.Region, KmsKeyId: replica.KmsKeyId }] : [],
    );
    const { row, versionId } = secrets.createSecret(ctx.account, ctx.region, {
      name: input.Name,
      description: input.Description,
      kmsKeyId: input.KmsKeyId,
      type: input.Type,
      tags: tagList(input.Tags),
      replicas,
      value: secretValue(input),
      token: input.ClientRequestToken,
    });
    return {
      ARN: row.arn,
      Name: row.name,
      VersionId: versionId,
      ReplicationStatus: replicationStatus(JSON.parse(row.replicas) as Replica[]),
    };
  },
});
