// Restoring archived objects over time, on the cloud's clock. A restore of a GLACIER (Flexible Retrieval)
// or DEEP_ARCHIVE object is in progress for its tier's time, then a temporary copy is readable until its
// expiry date, then it is gone again. State lives in the object's meta (`restore`), read against the clock
// (so HEAD is right even between timer runs); a row in `s3_restores` wakes the engine at the next change
// to send `s3:ObjectRestore:Completed` and `:Delete`, and survives a restart.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_RestoreObject.html

import { ServiceError } from '../../core/errors.js';
import { WakeUp } from '../../core/wake-up.js';
import type { ObjectEvent } from './notifications.js';
import type { ObjectMeta, S3, StoredObject } from './s3.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type RestoreTier = 'Expedited' | 'Standard' | 'Bulk';

/** How long a restore takes: the upper end of the times AWS documents for each class and tier
 * ("Archive retrieval options", restoring-objects-retrieval-options.html): Flexible Retrieval
 * Expedited 1–5 minutes, Standard 3–5 hours, Bulk 5–12 hours; Deep Archive Standard within 12 hours,
 * Bulk within 48 hours, and no Expedited. The upper end, so a test that advances the clock by the
 * documented time sees the restore done. */
const RESTORE_TIMES: Record<string, Partial<Record<RestoreTier, number>>> = {
  GLACIER: { Expedited: 5 * MINUTE, Standard: 5 * HOUR, Bulk: 12 * HOUR },
  DEEP_ARCHIVE: { Standard: 12 * HOUR, Bulk: 48 * HOUR },
};

/** A restore, kept in the object's meta. */
export interface RestoreState {
  readonly tier: RestoreTier;
  readonly days: number;
  /** When the temporary copy becomes readable. */
  readonly completesAt: number;
  /** When it goes away: set when the restore completes (and moved by a later request). */
  readonly expiresAt: number;
  /** Whether `s3:ObjectRestore:Completed` has gone out. */
  readonly announced?: boolean;
  readonly principal: string;
}

/** Only these classes are archived; GLACIER_IR (Instant Retrieval) is read like STANDARD. */
export function isArchived(storageClass: string): boolean {
  return storageClass in RESTORE_TIMES;
}

/** `x-amz-restore`: in progress, or done with the copy's expiry; undefined when never or no longer. */
export function restoreHeader(meta: ObjectMeta, now: number): string | undefined {
  const restore = meta.restore;
  if (!restore || restore.expiresAt <= now) return undefined;
  if (restore.completesAt > now) return 'ongoing-request="true"';
  return `ongoing-request="false", expiry-date="${new Date(restore.expiresAt).toUTCString()}"`;
}

/** Whether the temporary copy of an archived object is readable now. */
export function isRestored(meta: ObjectMeta, now: number): boolean {
  const restore = meta.restore;
  return restore !== undefined && restore.completesAt <= now && now < restore.expiresAt;
}

export class Restores {
  private readonly wakeUp: WakeUp;

  constructor(private readonly s3: S3) {
    this.wakeUp = new WakeUp(s3.clock, () => this.run());
  }

  /** Restores a previous run left in progress are picked up at start. */
  started(): void {
    this.kickNext();
  }

  stop(): void {
    this.wakeUp.stop();
  }

  /**
   * RestoreObject: starts a restore (202) or, once the copy exists, moves its expiry to `days` from now
   * (200). A second request while one is in progress is 409 RestoreAlreadyInProgress.
   */
  request(object: StoredObject, tier: RestoreTier, days: number, event: ObjectEvent): 200 | 202 {
    const now = this.s3.clock.now();
    const duration = RESTORE_TIMES[object.storageClass]?.[tier];
    if (duration === undefined) {
      throw new ServiceError(
        'InvalidArgument',
        `${tier} retrievals are not available for the ${object.storageClass} storage class.`,
        { fields: { ArgumentName: 'Tier', ArgumentValue: tier } },
      );
    }
    const current = object.meta.restore;
    if (current && current.completesAt > now) {
      // A faster tier may overtake a restore in progress ("restore speed upgrade"); a repeat or a slower
      // one is refused. https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects-upgrade-tier.html
      if (now + duration >= current.completesAt) {
        throw new ServiceError('RestoreAlreadyInProgress', 'Object restore is already in progress');
      }
      const completesAt = now + duration;
      this.s3.store.transaction(() =>
        this.save(object, { ...current, tier, days, completesAt, expiresAt: expiryAfter(completesAt, days) }),
      );
      return 202;
    }
    const bucket = this.s3.requireBucket(object.bucket);
    return this.s3.store.transaction(() => {
      if (current && isRestored(object.meta, now)) {
        const restore: RestoreState = { ...current, days, expiresAt: expiryAfter(now, days) };
        this.save(object, restore);
        return 200;
      }
      const completesAt = now + duration;
      const restore: RestoreState = {
        tier,
        days,
        completesAt,
        expiresAt: expiryAfter(completesAt, days),
        principal: event.principal,
      };
      this.save(object, restore);
      this.s3.notifications.record(bucket, object, { ...event, name: 'ObjectRestore:Post' });
      return 202;
    });
  }

  /** Announces completions and removes expired copies that are due. */
  private run(): void {
    const now = this.s3.clock.now();
    for (const { object_id } of this.s3.sql.dueRestores.all(now) as { object_id: number }[]) {
      this.s3.store.transaction(() => this.advance(object_id, now));
    }
    this.kickNext();
  }

  private advance(objectId: number, now: number): void {
    const object = this.s3.findObjectById(objectId);
    const restore = object?.meta.restore;
    const bucket = object && this.s3.findBucket(object.bucket);
    if (!object || !restore || !bucket) {
      this.s3.sql.deleteRestore.run(objectId);
      return;
    }
    const event = { requestId: 'restore', principal: restore.principal };
    if (restore.expiresAt <= now) {
      this.s3.setObjectMeta(object, { ...object.meta, restore: undefined });
      this.s3.sql.deleteRestore.run(objectId);
      this.s3.notifications.record(bucket, object, { ...event, name: 'ObjectRestore:Delete' });
    } else if (restore.completesAt <= now && !restore.announced) {
      this.save(object, { ...restore, announced: true });
      this.s3.notifications.record(bucket, object, {
        ...event,
        name: 'ObjectRestore:Completed',
        restoreExpiresAt: restore.expiresAt,
      });
    } else {
      this.s3.sql.upsertRestore.run(objectId, nextChange(restore));
    }
  }

  private save(object: StoredObject, restore: RestoreState): void {
    this.s3.setObjectMeta(object, { ...object.meta, restore });
    this.s3.sql.upsertRestore.run(object.id, nextChange(restore));
    this.wakeUp.kick(nextChange(restore));
  }

  private kickNext(): void {
    const next = (this.s3.sql.nextRestoreAt.get() as { at: number | null }).at;
    if (next !== null) this.wakeUp.kick(next);
  }
}

function nextChange(restore: RestoreState): number {
  return restore.announced ? restore.expiresAt : restore.completesAt;
}

/** S3 adds the days to the time the restore completes (or to now, for an extension) and rounds up to the
 * next midnight UTC (restoring-objects.html, "restoration period"). */
function expiryAfter(from: number, days: number): number {
  return Math.floor((from + days * DAY) / DAY) * DAY + DAY;
}
