// ReplicateSecretToRegions and RemoveRegionsFromReplication: the replica regions a secret is configured
// with, stored and reported in ReplicationStatus. Nimbus keeps no copies in the other regions (README).
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ReplicateSecretToRegions.html
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RemoveRegionsFromReplication.html

import * as model from '../../../core/generated/secrets-manager.js';
import { replicationStatus } from '../describe.js';
import type { Replica } from '../secrets-manager.js';
import { operation } from './operation.js';

export const replicateSecretToRegions = operation({
  input: model.ReplicateSecretToRegionsRequest,
  run: (input, secrets, ctx) => {
    const secret = secrets.requireActive(ctx.account, ctx.region, input.SecretId);
    const added = input.AddReplicaRegions.flatMap((replica): Replica[] =>
      replica.Region ? [{ Region: replica.Region, KmsKeyId: replica.KmsKeyId }] : [],
    );
    const all = secrets.addReplicas(secret, added);
    const regions = new Set(added.map((replica) => replica.Region));
    return {
      ARN: secret.arn,
      ReplicationStatus: replicationStatus(all.filter((replica) => regions.has(replica.Region))),
    };
  },
});

export const removeRegionsFromReplication = operation({
  input: model.RemoveRegionsFromReplicationRequest,
  run: (input, secrets, ctx) => {
    const secret = secrets.requireActive(ctx.account, ctx.region, input.SecretId);
    const kept = secrets.removeReplicas(secret, input.RemoveReplicaRegions);
    return { ARN: secret.arn, ReplicationStatus: replicationStatus(kept) ?? [] };
  },
});
