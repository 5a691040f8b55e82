// A secret's versions and staging labels: a new value becomes a version; AWSCURRENT moving to it sends
// AWSPREVIOUS to the version it left; a version with no label is deprecated, and deprecated versions are
// dropped once a secret has more than 100 versions (never those under 24 hours old).
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecretVersionStage.html
// https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html

import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { invalidParameter, invalidRequest, limitExceeded, resourceExists, valueNotFound } from './errors.js';
import type { SecretRow, SecretsManagerStatements, StageRow, VersionRow } from './store.js';

export const CURRENT = 'AWSCURRENT';
export const PREVIOUS = 'AWSPREVIOUS';
export const PENDING = 'AWSPENDING';

/** "Secrets Manager removes unlabeled versions when there are more than 100, but it does not remove
 * versions created less than 24 hours ago." (quotas page) */
const KEPT_VERSIONS = 100;
const PROTECTED_MS = 24 * 3_600_000;
/** SecretVersionStagesType: at most 20 labels on one version. */
const MAX_STAGES_PER_VERSION = 20;

/** Exactly one of the two, as the API takes them. */
export interface SecretValue {
  readonly string?: string;
  readonly binary?: Buffer;
}

export interface PutResult {
  readonly versionId: string;
  readonly stages: string[];
}

export class Versions {
  constructor(
    private readonly sql: SecretsManagerStatements,
    private readonly clock: Clock,
  ) {}

  find(secret: SecretRow, versionId: string): VersionRow | undefined {
    return this.sql.version.get(secret.id, versionId) as VersionRow | undefined;
  }

  byStage(secret: SecretRow, stage: string): VersionRow | undefined {
    return this.sql.versionByStage.get(secret.id, stage) as VersionRow | undefined;
  }

  all(secret: SecretRow): VersionRow[] {
    return this.sql.versions.all(secret.id) as VersionRow[];
  }

  /** Every labelled version's labels, in the order they were attached. */
  stages(secret: SecretRow): Map<string, string[]> {
    const byVersion = new Map<string, string[]>();
    for (const { stage, version_id } of this.sql.stages.all(secret.id) as StageRow[]) {
      const list = byVersion.get(version_id) ?? [];
      list.push(stage);
      byVersion.set(version_id, list);
    }
    return byVersion;
  }

  /** A new version (or, for a token already used with the same value, the one it made). The labels default
   * to AWSCURRENT; the first version of a secret gets AWSCURRENT whatever was asked. A version a rotation
   * prepared without a value (AWSPENDING) takes the value. */
  put(
    secret: SecretRow,
    request: { value: SecretValue; token?: string; stages?: readonly string[] },
  ): PutResult {
    const versionId = request.token ?? randomUUID();
    const labels = [...new Set(request.stages ?? [CURRENT])];
    if (labels.length > MAX_STAGES_PER_VERSION) {
      throw limitExceeded(`A version can have at most ${MAX_STAGES_PER_VERSION} staging labels.`);
    }
    const existing = this.find(secret, versionId);
    if (existing && hasValue(existing)) {
      if (!sameValue(existing, request.value)) {
        // getmoto/moto#9012's wording, which moto checks against AWS.
        throw resourceExists(
          `You can't use ClientRequestToken ${versionId} because that value is already in use for a version of secret ${secret.arn}.`,
        );
      }
      return { versionId, stages: this.stages(secret).get(versionId) ?? [] };
    }
    const now = this.clock.now();
    if (existing) {
      this.sql.fillVersion.run(
        request.value.string ?? null,
        request.value.binary ?? null,
        secret.id,
        versionId,
      );
    } else {
      const { seq } = this.sql.nextSeq.get(secret.id) as { seq: number };
      this.sql.insertVersion.run({
        secret_id: secret.id,
        version_id: versionId,
        seq,
        secret_string: request.value.string ?? null,
        secret_binary: request.value.binary ?? null,
        kms_key_id: secret.kms_key_id,
        created_at: now,
      });
    }
    if (!this.sql.stageOf.get(secret.id, CURRENT) && !labels.includes(CURRENT)) labels.push(CURRENT);
    for (const stage of labels) this.attach(secret, stage, versionId);
    this.sql.touchSecret.run(now, secret.id);
    this.prune(secret);
    return { versionId, stages: this.stages(secret).get(versionId) ?? [] };
  }

  /** A version without a value, labelled AWSPENDING: what RotateSecret prepares before the rotation
   * function's createSecret step puts the new value into it. */
  preparePending(secret: SecretRow, versionId: string): void {
    if (!this.find(secret, versionId)) {
      const { seq } = this.sql.nextSeq.get(secret.id) as { seq: number };
      this.sql.insertVersion.run({
        secret_id: secret.id,
        version_id: versionId,
        seq,
        secret_string: null,
        secret_binary: null,
        kms_key_id: secret.kms_key_id,
        created_at: this.clock.now(),
      });
    }
    this.attach(secret, PENDING, versionId);
  }

  /** The version GetSecretValue reads: by id, by label (default AWSCURRENT), or by both when they agree. */
  read(secret: SecretRow, versionId: string | undefined, stage: string | undefined): VersionRow {
    let version: VersionRow | undefined;
    if (versionId !== undefined) {
      version = this.find(secret, versionId);
      if (!version) throw valueNotFound('VersionId', versionId);
      if (stage !== undefined && this.holder(secret, stage) !== versionId) {
        throw invalidRequest('You provided a VersionStage that is not associated to the provided VersionId.');
      }
    } else {
      version = this.byStage(secret, stage ?? CURRENT);
      if (!version) throw valueNotFound('staging label', stage ?? CURRENT);
    }
    if (!hasValue(version)) {
      throw versionId !== undefined
        ? valueNotFound('VersionId', versionId)
        : valueNotFound('staging label', stage ?? CURRENT);
    }
    return version;
  }

  /** LastAccessedDate is kept to the day (the API reference: "the resolution of this field is at the date
   * level"), so a read writes only on the first access of a day. */
  recordAccess(secret: SecretRow, version: VersionRow): void {
    const today = Math.floor(this.clock.now() / 86_400_000) * 86_400_000;
    if (secret.accessed_at !== today) this.sql.accessSecret.run(today, secret.id);
    if (version.accessed_at !== today) this.sql.accessVersion.run(today, secret.id, version.version_id);
  }

  /** UpdateSecretVersionStage: moves `stage` to `moveTo` and/or takes it off `removeFrom`. A label attached
   * elsewhere must be named in RemoveFromVersionId; AWSCURRENT can only move, never be removed. */
  updateStage(
    secret: SecretRow,
    stage: string,
    removeFrom: string | undefined,
    moveTo: string | undefined,
  ): void {
    const holder = this.holder(secret, stage);
    for (const id of [removeFrom, moveTo]) {
      if (id !== undefined && !this.find(secret, id)) throw invalidParameter(`Not a valid version: ${id}`);
    }
    if (removeFrom !== undefined && holder !== removeFrom) {
      throw invalidParameter(`Version stage ${stage} not found in version ${removeFrom}`);
    }
    if (moveTo === undefined) {
      if (removeFrom === undefined)
        throw invalidParameter('You must specify MoveToVersionId or RemoveFromVersionId.');
      if (stage === CURRENT) {
        throw invalidParameter(
          `You can't remove the staging label ${CURRENT} from version ${removeFrom} without moving it to another version.`,
        );
      }
      this.sql.detachStage.run(secret.id, stage);
    } else if (holder !== moveTo) {
      if (holder !== undefined && removeFrom === undefined) {
        // The wording AWS answers with (moto reproduces it from AWS).
        throw invalidParameter(
          `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder}, so you must explicitly reference that version in RemoveFromVersionId.`,
        );
      }
      const labels = this.stages(secret).get(moveTo) ?? [];
      if (labels.length >= MAX_STAGES_PER_VERSION) {
        throw limitExceeded(`A version can have at most ${MAX_STAGES_PER_VERSION} staging labels.`);
      }
      this.attach(secret, stage, moveTo);
    }
    this.sql.touchSecret.run(this.clock.now(), secret.id);
    this.prune(secret);
  }

  /** The version a label is attached to. */
  holder(secret: SecretRow, stage: string): string | undefined {
    return (this.sql.stageOf.get(secret.id, stage) as { version_id: string } | undefined)?.version_id;
  }

  detach(secret: SecretRow, stage: string): void {
    this.sql.detachStage.run(secret.id, stage);
  }

  /** Attaches a label, taking it off whichever version had it; AWSCURRENT leaving a version leaves
   * AWSPREVIOUS there. */
  private attach(secret: SecretRow, stage: string, versionId: string): void {
    if (stage === CURRENT) {
      const previous = this.holder(secret, CURRENT);
      if (previous !== undefined && previous !== versionId) {
        this.sql.attachStage.run(secret.id, PREVIOUS, previous);
      }
    }
    this.sql.attachStage.run(secret.id, stage, versionId);
  }

  /** Past 100 versions, drops the oldest deprecated ones that are at least a day old. */
  private prune(secret: SecretRow): void {
    const versions = this.all(secret);
    let excess = versions.length - KEPT_VERSIONS;
    if (excess <= 0) return;
    const labelled = this.stages(secret);
    const cutoff = this.clock.now() - PROTECTED_MS;
    for (const version of versions) {
      if (excess <= 0) break;
      if (labelled.has(version.version_id) || version.created_at > cutoff) continue;
      this.sql.deleteVersion.run(secret.id, version.version_id);
      excess--;
    }
  }
}

export function hasValue(version: VersionRow): boolean {
  return version.secret_string !== null || version.secret_binary !== null;
}

function sameValue(version: VersionRow, value: SecretValue): boolean {
  if (value.string !== undefined) return version.secret_string === value.string;
  return (
    version.secret_binary !== null && value.binary !== undefined && version.secret_binary.equals(value.binary)
  );
}
