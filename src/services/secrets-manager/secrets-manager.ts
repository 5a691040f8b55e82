// The Secrets Manager engine: finding secrets by name or ARN, creating them, their details, tags, policies
// and replica regions, and the recovery window of a deletion. Versions and staging labels live in
// versions.ts, rotation in rotation.ts. No HTTP here.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html

import type { Clock } from '../../core/clock.js';
import type { InProcessCall, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import {
  invalidParameter,
  invalidRequest,
  markedForDeletion,
  resourceExists,
  secretNotFound,
} from './errors.js';
import { isValidSecretName, newSecretArn, parseSecretId } from './names.js';
import {
  SECRETS_MANAGER_MIGRATIONS,
  type SecretRow,
  type SecretsManagerStatements,
  secretsManagerStatements,
} from './store.js';
import { type SecretValue, Versions } from './versions.js';

const DAY_MS = 86_400_000;

export interface Tag {
  Key: string;
  Value: string;
}

export interface Replica {
  Region: string;
  KmsKeyId?: string;
}

export interface NewSecret {
  name: string;
  description?: string;
  kmsKeyId?: string;
  type?: string;
  tags: Tag[];
  replicas: Replica[];
  value?: SecretValue;
  token?: string;
}

export class SecretsManager implements ServiceEngine {
  readonly sql: SecretsManagerStatements;
  readonly versions: Versions;
  /** When the next recovery window ends: until then no read needs to purge anything. */
  private nextPurgeAt = 0;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly call: InProcessCall,
    /** Nimbus's log: a rotation function's failure is reported here (AWS reports it in CloudTrail). */
    readonly log: (message: string) => void,
  ) {
    store.migrate('secrets-manager', SECRETS_MANAGER_MIGRATIONS);
    this.sql = secretsManagerStatements(store);
    this.versions = new Versions(this.sql, clock);
  }

  /** The secret a SecretId names, scheduled for deletion or not; one whose recovery window has passed is
   * deleted now (computed on read, so advancing the clock purges it). */
  findSecret(account: string, region: string, secretId: string): SecretRow | undefined {
    this.purge();
    const reference = parseSecretId(secretId);
    let found: SecretRow | undefined;
    if (reference.kind === 'name') {
      found = this.sql.secretByName.get(account, region, reference.name) as SecretRow | undefined;
    } else {
      found = this.sql.secretByArn.get(account, region, reference.arn) as SecretRow | undefined;
      // A partial ARN: the ARN without the hyphen and six characters Secrets Manager appended.
      if (!found && reference.account === account && reference.region === region && reference.name) {
        found = this.sql.secretByName.get(account, region, reference.name) as SecretRow | undefined;
      }
    }
    return found && this.isPurged(found) ? undefined : found;
  }

  /** The secret, or AWS's ResourceNotFoundException. */
  requireSecret(account: string, region: string, secretId: string): SecretRow {
    const secret = this.findSecret(account, region, secretId);
    if (!secret) throw secretNotFound();
    return secret;
  }

  /** A secret not scheduled for deletion: what every operation but Describe, ListSecretVersionIds,
   * Restore and Delete needs. */
  requireActive(account: string, region: string, secretId: string): SecretRow {
    const secret = this.requireSecret(account, region, secretId);
    if (secret.delete_at !== null) throw markedForDeletion();
    return secret;
  }

  listSecrets(account: string, region: string, includePlannedDeletion: boolean): SecretRow[] {
    this.purge();
    const rows = (this.sql.secretsIn.all(account, region) as SecretRow[]).filter(
      (row) => !this.isPurged(row),
    );
    return includePlannedDeletion ? rows : rows.filter((row) => row.delete_at === null);
  }

  /** CreateSecret: a retry with the same ClientRequestToken and value is answered as the first call was.
   * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html */
  createSecret(account: string, region: string, secret: NewSecret): { row: SecretRow; versionId?: string } {
    if (!isValidSecretName(secret.name)) {
      throw invalidParameter(
        'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
      );
    }
    return this.store.transaction(() => {
      const existing = this.findSecret(account, region, secret.name);
      if (existing) return { row: existing, versionId: this.retriedCreate(existing, secret) };
      for (const replica of secret.replicas) this.checkReplicaRegion(region, replica.Region);
      const now = this.clock.now();
      // The name may still have a row past its recovery window (hidden by isPurged, not yet reclaimed).
      this.sql.purgeExpired.run(now);
      const { lastInsertRowid } = this.sql.insertSecret.run({
        account,
        region,
        name: secret.name,
        arn: newSecretArn(account, region, secret.name),
        description: secret.description ?? null,
        kms_key_id: secret.kmsKeyId ?? null,
        type: secret.type ?? null,
        tags: JSON.stringify(secret.tags),
        replicas: JSON.stringify(dedupeReplicas(secret.replicas)),
        created_at: now,
        changed_at: now,
      });
      const row = this.sql.secretById.get(lastInsertRowid) as SecretRow;
      if (!secret.value) return { row };
      const version = this.versions.put(row, { value: secret.value, token: secret.token });
      return { row, versionId: version.versionId };
    });
  }

  updateDetails(
    secret: SecretRow,
    changes: { description?: string; kmsKeyId?: string; type?: string },
  ): void {
    this.sql.updateDetails.run(
      changes.description ?? secret.description,
      changes.kmsKeyId ?? secret.kms_key_id,
      changes.type ?? secret.type,
      this.clock.now(),
      secret.id,
    );
  }

  /** TagResource appends, replacing the value of a key already there. */
  tag(secret: SecretRow, tags: Tag[]): void {
    const current = JSON.parse(secret.tags) as Tag[];
    for (const tag of tags) {
      const found = current.find((existing) => existing.Key === tag.Key);
      if (found) found.Value = tag.Value;
      else current.push(tag);
    }
    this.sql.updateTags.run(JSON.stringify(current), this.clock.now(), secret.id);
  }

  untag(secret: SecretRow, keys: readonly string[]): void {
    const remaining = (JSON.parse(secret.tags) as Tag[]).filter((tag) => !keys.includes(tag.Key));
    this.sql.updateTags.run(JSON.stringify(remaining), this.clock.now(), secret.id);
  }

  setPolicy(secret: SecretRow, policy: string | null): void {
    this.sql.updatePolicy.run(policy, this.clock.now(), secret.id);
  }

  addReplicas(secret: SecretRow, replicas: Replica[]): Replica[] {
    for (const replica of replicas) this.checkReplicaRegion(secret.region, replica.Region);
    const all = dedupeReplicas([...(JSON.parse(secret.replicas) as Replica[]), ...replicas]);
    this.sql.updateReplicas.run(JSON.stringify(all), this.clock.now(), secret.id);
    return all;
  }

  removeReplicas(secret: SecretRow, regions: readonly string[]): Replica[] {
    const kept = (JSON.parse(secret.replicas) as Replica[]).filter((r) => !regions.includes(r.Region));
    this.sql.updateReplicas.run(JSON.stringify(kept), this.clock.now(), secret.id);
    return kept;
  }

  /** DeleteSecret: scheduled `days` ahead on the cloud clock, or at once with `force`.
   * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html */
  deleteSecret(secret: SecretRow, options: { days?: number; force: boolean }): number {
    const replicas = JSON.parse(secret.replicas) as Replica[];
    if (replicas.length > 0) {
      throw invalidParameter(
        `You can't delete secret ${secret.name} that still has replica regions [${replicas.map((r) => r.Region).join(',')}]`,
      );
    }
    // A secret already scheduled can still be purged at once (getmoto/moto#8223, checked against AWS).
    if (secret.delete_at !== null && !options.force) throw markedForDeletion();
    const now = this.clock.now();
    if (options.force) {
      this.sql.deleteSecret.run(secret.id);
      return now;
    }
    const deleteAt = now + (options.days ?? 30) * DAY_MS;
    this.sql.scheduleDeletion.run(deleteAt, now, secret.id);
    this.nextPurgeAt = Math.min(this.nextPurgeAt, deleteAt);
    return deleteAt;
  }

  restoreSecret(secret: SecretRow): void {
    this.sql.scheduleDeletion.run(null, this.clock.now(), secret.id);
  }

  reset(): void {
    this.sql.deleteAll.run();
    this.nextPurgeAt = Number.POSITIVE_INFINITY;
  }

  stop(): void {}

  /** A CreateSecret for a name already taken: the same token and value is a retry (answered with the
   * version it made); anything else is refused. */
  private retriedCreate(existing: SecretRow, secret: NewSecret): string | undefined {
    if (existing.delete_at !== null) {
      throw invalidRequest(
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
      );
    }
    const version = secret.token ? this.versions.find(existing, secret.token) : undefined;
    if (!version || !secret.value) {
      throw resourceExists(`The operation failed because the secret ${secret.name} already exists.`);
    }
    return this.versions.put(existing, { value: secret.value, token: secret.token }).versionId;
  }

  /** Whether a secret's recovery window has passed: it no longer exists, purged or not. */
  private isPurged(secret: SecretRow): boolean {
    return secret.delete_at !== null && secret.delete_at <= this.clock.now();
  }

  /** Deletes the rows of secrets whose recovery window has passed; a read finds them gone either way
   * (isPurged), so this only reclaims their space, and only once the earliest window has ended. */
  private purge(): void {
    const now = this.clock.now();
    if (now < this.nextPurgeAt) return;
    this.sql.purgeExpired.run(now);
    const { at } = this.sql.earliestDeletion.get() as { at: number | null };
    this.nextPurgeAt = at ?? Number.POSITIVE_INFINITY;
  }

  private checkReplicaRegion(own: string, region: string): void {
    if (region === own) throw invalidParameter('Invalid replica region.');
  }
}

function dedupeReplicas(replicas: Replica[]): Replica[] {
  const byRegion = new Map<string, Replica>();
  for (const replica of replicas) byRegion.set(replica.Region, replica);
  return [...byRegion.values()];
}
