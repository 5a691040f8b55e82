// A secret's metadata as DescribeSecret and ListSecrets answer it: dates as epoch seconds, labels by
// version (deprecated versions left out), and the rotation and replication members only when configured.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_SecretListEntry.html

import type { Replica, Tag } from './secrets-manager.js';
import type { SecretRow } from './store.js';
import type { Versions } from './versions.js';

/** What RotateSecret configured: the function, the schedule, and whether rotation is on. */
export interface RotationConfig {
  lambdaArn: string;
  rules?: { AutomaticallyAfterDays?: number; Duration?: string; ScheduleExpression?: string };
  enabled: boolean;
}

const DAY_MS = 86_400_000;

/** DescribeSecret's answer; ListSecrets names the labels map `SecretVersionsToStages`. */
export function describe(
  secret: SecretRow,
  versions: Versions,
  labelsMember: 'VersionIdsToStages' | 'SecretVersionsToStages',
): Record<string, unknown> {
  const tags = JSON.parse(secret.tags) as Tag[];
  const stages = versions.stages(secret);
  const rotation = secret.rotation ? (JSON.parse(secret.rotation) as RotationConfig) : undefined;
  return {
    ARN: secret.arn,
    Name: secret.name,
    Type: secret.type ?? undefined,
    Description: secret.description ?? undefined,
    // Omitted for the default key (aws/secretsmanager), as the API reference says.
    KmsKeyId: secret.kms_key_id ?? undefined,
    ...rotationMembers(secret, rotation),
    LastChangedDate: seconds(secret.changed_at),
    LastAccessedDate: secret.accessed_at === null ? undefined : seconds(secret.accessed_at),
    // "The date the secret is scheduled for deletion. If it is not scheduled for deletion, this field is omitted."
    DeletedDate: secret.delete_at === null ? undefined : seconds(secret.delete_at),
    Tags: tags.length > 0 ? tags : undefined,
    [labelsMember]: stages.size > 0 ? Object.fromEntries(stages) : undefined,
    CreatedDate: seconds(secret.created_at),
    ...replicationMembers(secret),
  };
}

/** ReplicationStatus as CreateSecret, ReplicateSecretToRegions and DescribeSecret report it. Nimbus keeps
 * no copies in other regions (see the README), so each replica is reported in sync. */
export function replicationStatus(replicas: readonly Replica[]): Record<string, unknown>[] | undefined {
  if (replicas.length === 0) return undefined;
  return replicas.map((replica) => ({
    Region: replica.Region,
    KmsKeyId: replica.KmsKeyId ?? 'alias/aws/secretsmanager',
    Status: 'InSync',
    StatusMessage: 'Replication succeeded',
  }));
}

/** Epoch seconds with milliseconds, as awsJson writes timestamps. */
export function seconds(ms: number): number {
  return ms / 1000;
}

function replicationMembers(secret: SecretRow): Record<string, unknown> {
  const replicas = JSON.parse(secret.replicas) as Replica[];
  if (replicas.length === 0) return {};
  return { PrimaryRegion: secret.region, ReplicationStatus: replicationStatus(replicas) };
}

/** "If the secret has never been configured for rotation, Secrets Manager returns null" for
 * RotationEnabled; the other rotation members follow it. */
function rotationMembers(secret: SecretRow, rotation: RotationConfig | undefined): Record<string, unknown> {
  if (!rotation) return {};
  const days = rotation.rules?.AutomaticallyAfterDays;
  const from = secret.rotated_at ?? secret.created_at;
  return {
    RotationEnabled: rotation.enabled,
    RotationLambdaARN: rotation.lambdaArn,
    RotationRules: rotation.rules,
    LastRotatedDate: secret.rotated_at === null ? undefined : seconds(secret.rotated_at),
    NextRotationDate: rotation.enabled && days ? seconds(from + days * DAY_MS) : undefined,
  };
}
