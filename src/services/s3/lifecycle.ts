// Lifecycle rules applied by a sweep at every midnight UTC on the cloud's clock: S3 rounds an expiration
// or transition due `Days` after creation up to the next midnight UTC, so one sweep a day sees each rule
// fall due when S3 would. Expiration (a delete marker in versioned buckets), transitions (the storage
// class changes), noncurrent-version expiration, expired delete markers, and aborting stale uploads.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html

import type { ClockTimer } from '../../core/clock.js';
import { deleteObject } from './deletes.js';
import { abortUpload } from './multipart.js';
import type { S3, StoredObject } from './s3.js';
import { toObject } from './s3.js';
import type { BucketRow, ObjectRow, UploadRow } from './store.js';

const DAY = 86_400_000;

interface Tag {
  Key: string;
  Value: string;
}
interface Filter {
  Prefix?: string;
  Tag?: Tag;
  ObjectSizeGreaterThan?: number;
  ObjectSizeLessThan?: number;
  And?: { Prefix?: string; Tags?: Tag[]; ObjectSizeGreaterThan?: number; ObjectSizeLessThan?: number };
}
interface Rule {
  Status: string;
  Prefix?: string;
  Filter?: Filter;
  Expiration?: { Date?: string; Days?: number; ExpiredObjectDeleteMarker?: boolean };
  Transitions?: { Date?: string; Days?: number; StorageClass?: string }[];
  NoncurrentVersionExpiration?: { NoncurrentDays?: number };
  AbortIncompleteMultipartUpload?: { DaysAfterInitiation?: number };
}

export class Lifecycle {
  private timer: ClockTimer | undefined;
  private stopped = false;

  constructor(private readonly s3: S3) {}

  start(): void {
    this.sweep();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  /** Applies every enabled rule of every bucket as of now. */
  sweep(): void {
    const now = this.s3.clock.now();
    for (const bucket of this.s3.sql.allBuckets.all() as BucketRow[]) {
      const rules = (
        (this.s3.config(bucket).lifecycle as { Rules?: Rule[] } | undefined)?.Rules ?? []
      ).filter((rule) => rule.Status === 'Enabled');
      if (rules.length > 0) this.apply(bucket, rules, now);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = this.s3.clock.now();
    this.timer = this.s3.clock.setTimer(nextMidnight(now) - now, () => {
      this.sweep();
      this.schedule();
    });
  }

  private apply(bucket: BucketRow, rules: Rule[], now: number): void {
    const rows = this.s3.sql.allObjects.all(bucket.name) as ObjectRow[];
    const versions = rows.map(toObject);
    for (const [index, object] of versions.entries()) {
      for (const rule of rules) {
        if (!applies(rule, object)) continue;
        if (object.isLatest && !object.deleteMarker) {
          if (due(rule.Expiration, object.lastModified, now)) {
            deleteObject(this.s3, bucket.name, object.key, undefined, (name) => ({
              name: name.replace('ObjectRemoved', 'LifecycleExpiration'),
              requestId: 'lifecycle',
              principal: 's3.amazonaws.com',
            }));
            break;
          }
          for (const transition of rule.Transitions ?? []) {
            if (
              transition.StorageClass &&
              transition.StorageClass !== object.storageClass &&
              due(transition, object.lastModified, now)
            ) {
              this.s3.sql.setStorageClass.run(transition.StorageClass, object.id);
            }
          }
        } else if (object.isLatest && object.deleteMarker) {
          const alone = !versions.some((other) => other.key === object.key && other.id !== object.id);
          if (rule.Expiration?.ExpiredObjectDeleteMarker && alone)
            this.s3.removeVersion(bucket, object, undefined);
        } else {
          // Noncurrent since the next newer version of the key was written.
          const successor = versions.slice(index + 1).find((other) => other.key === object.key);
          const days = rule.NoncurrentVersionExpiration?.NoncurrentDays;
          if (
            successor &&
            days !== undefined &&
            now >= nextMidnight(successor.lastModified + days * DAY - 1)
          ) {
            this.s3.removeVersion(bucket, object, undefined);
          }
        }
      }
    }
    for (const rule of rules) {
      const days = rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation;
      if (days === undefined) continue;
      for (const upload of this.s3.sql.listUploads.all(bucket.name) as UploadRow[]) {
        const prefix = rule.Filter?.Prefix ?? rule.Filter?.And?.Prefix ?? rule.Prefix ?? '';
        if (upload.key.startsWith(prefix) && now >= nextMidnight(upload.initiated + days * DAY - 1))
          abortUpload(this.s3, upload);
      }
    }
  }
}

function applies(rule: Rule, object: StoredObject): boolean {
  const filter = rule.Filter ?? {};
  const and = filter.And ?? {};
  const prefix = filter.Prefix ?? and.Prefix ?? rule.Prefix ?? '';
  if (!object.key.startsWith(prefix)) return false;
  const tags = [...(filter.Tag ? [filter.Tag] : []), ...(and.Tags ?? [])];
  const has = object.meta.tags ?? [];
  if (!tags.every((tag) => has.some(([key, value]) => key === tag.Key && value === tag.Value))) return false;
  const greater = filter.ObjectSizeGreaterThan ?? and.ObjectSizeGreaterThan;
  const less = filter.ObjectSizeLessThan ?? and.ObjectSizeLessThan;
  if (greater !== undefined && !(object.size > greater)) return false;
  if (less !== undefined && !(object.size < less)) return false;
  return true;
}

/** Whether a `{Days}` or `{Date}` action is due for an object written at `written`. */
function due(action: { Date?: string; Days?: number } | undefined, written: number, now: number): boolean {
  if (!action) return false;
  if (action.Days !== undefined) return now >= nextMidnight(written + action.Days * DAY - 1);
  if (action.Date !== undefined) {
    const date = Date.parse(action.Date);
    return !Number.isNaN(date) && now >= date;
  }
  return false;
}

/** The first midnight UTC strictly after `ms`. */
function nextMidnight(ms: number): number {
  return (Math.floor(ms / DAY) + 1) * DAY;
}
