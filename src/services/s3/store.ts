// S3's tables. A bucket is a row with its configurations (tagging, CORS, lifecycle, …) as JSON; every
// version of every object is a row (`version_id` 'null' in unversioned buckets), the latest one flagged;
// bodies are blob files the rows name. Multipart uploads and their parts, and notification deliveries
// waiting to go out, are rows too, written in the same transaction as the change that made them.

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const S3_MIGRATIONS: readonly string[] = [
  `CREATE TABLE s3_buckets (
     name TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     versioning TEXT NOT NULL DEFAULT '',
     config TEXT NOT NULL DEFAULT '{}');
   CREATE TABLE s3_objects (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     bucket TEXT NOT NULL,
     key TEXT NOT NULL,
     version_id TEXT NOT NULL,
     is_latest INTEGER NOT NULL,
     delete_marker INTEGER NOT NULL DEFAULT 0,
     blobs TEXT NOT NULL DEFAULT '[]',
     size INTEGER NOT NULL DEFAULT 0,
     etag TEXT NOT NULL DEFAULT '',
     last_modified INTEGER NOT NULL,
     storage_class TEXT NOT NULL DEFAULT 'STANDARD',
     meta TEXT NOT NULL DEFAULT '{}',
     data BLOB);
   CREATE UNIQUE INDEX s3_objects_latest ON s3_objects (bucket, key) WHERE is_latest = 1;
   CREATE INDEX s3_objects_by_key ON s3_objects (bucket, key, id);
   CREATE TABLE s3_uploads (
     upload_id TEXT PRIMARY KEY,
     bucket TEXT NOT NULL,
     key TEXT NOT NULL,
     initiated INTEGER NOT NULL,
     meta TEXT NOT NULL);
   CREATE INDEX s3_uploads_by_key ON s3_uploads (bucket, key, initiated);
   CREATE TABLE s3_parts (
     upload_id TEXT NOT NULL,
     part_number INTEGER NOT NULL,
     blob TEXT NOT NULL,
     size INTEGER NOT NULL,
     etag TEXT NOT NULL,
     checksums TEXT NOT NULL,
     last_modified INTEGER NOT NULL,
     PRIMARY KEY (upload_id, part_number));
   CREATE TABLE s3_deliveries (
     id INTEGER PRIMARY KEY,
     destination TEXT NOT NULL,
     payload TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     due_at INTEGER NOT NULL);
   CREATE INDEX s3_deliveries_by_due ON s3_deliveries (due_at, id);`,
  // ListObjectVersions reads keys in order, newest version first.
  `CREATE INDEX s3_objects_versions ON s3_objects (bucket, key, id DESC);`,
  // Restores of archived objects: when each next changes (completes, or its copy expires).
  `CREATE TABLE s3_restores (object_id INTEGER PRIMARY KEY, due_at INTEGER NOT NULL);
   CREATE INDEX s3_restores_by_due ON s3_restores (due_at);`,
  // (bucket, key, id DESC) serves every lookup (bucket, key, id ASC) did; each index costs every write its
  // own B-tree pages, so the redundant one goes (the daily lifecycle sweep sorts instead).
  `DROP INDEX s3_objects_by_key;`,
];

export interface BucketRow {
  name: string;
  account: string;
  region: string;
  created_at: number;
  versioning: '' | 'Enabled' | 'Suspended';
  config: string;
}

export interface ObjectRow {
  id: number;
  bucket: string;
  key: string;
  version_id: string;
  is_latest: number;
  delete_marker: number;
  blobs: string;
  size: number;
  etag: string;
  last_modified: number;
  storage_class: string;
  meta: string;
  data: Buffer | null;
}

export interface UploadRow {
  upload_id: string;
  bucket: string;
  key: string;
  initiated: number;
  meta: string;
}

export interface PartRow {
  upload_id: string;
  part_number: number;
  blob: string;
  size: number;
  etag: string;
  checksums: string;
  last_modified: number;
}

export interface DeliveryRow {
  id: number;
  destination: string;
  payload: string;
  attempts: number;
  due_at: number;
}

export type S3Statements = { readonly [K in keyof typeof S3_SQL]: Statement };

export function prepareS3(store: Store): S3Statements {
  return prepareAll(store, S3_SQL);
}

const S3_SQL = {
  insertBucket: `INSERT INTO s3_buckets (name, account, region, created_at) VALUES (?, ?, ?, ?)`,
  getBucket: `SELECT * FROM s3_buckets WHERE name = ?`,
  listBuckets: `SELECT * FROM s3_buckets WHERE account = ? ORDER BY name`,
  deleteBucket: `DELETE FROM s3_buckets WHERE name = ?`,
  setVersioning: `UPDATE s3_buckets SET versioning = ? WHERE name = ?`,
  setConfig: `UPDATE s3_buckets SET config = ? WHERE name = ?`,
  anyObject: `SELECT 1 FROM s3_objects WHERE bucket = ? LIMIT 1`,
  anyUpload: `SELECT 1 FROM s3_uploads WHERE bucket = ? LIMIT 1`,
  latest: `SELECT * FROM s3_objects WHERE bucket = ? AND key = ? AND is_latest = 1`,
  objectById: `SELECT * FROM s3_objects WHERE id = ?`,
  version: `SELECT * FROM s3_objects WHERE bucket = ? AND key = ? AND version_id = ?`,
  unlatest: `UPDATE s3_objects SET is_latest = 0 WHERE bucket = ? AND key = ? AND is_latest = 1`,
  relatest: `UPDATE s3_objects SET is_latest = 1 WHERE id = (SELECT id FROM s3_objects WHERE bucket = ? AND key = ? ORDER BY id DESC LIMIT 1)`,
  insertObject: `INSERT INTO s3_objects (bucket, key, version_id, is_latest, delete_marker, blobs, size, etag,
      last_modified, storage_class, meta, data) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
  deleteObjectRow: `DELETE FROM s3_objects WHERE id = ?`,
  setObjectMeta: `UPDATE s3_objects SET meta = ? WHERE id = ?`,
  setStorageClass: `UPDATE s3_objects SET storage_class = ? WHERE id = ?`,
  listLatest: `SELECT * FROM s3_objects WHERE bucket = ? AND is_latest = 1 AND delete_marker = 0 AND key > ?
      ORDER BY key LIMIT ?`,
  listLatestFrom: `SELECT * FROM s3_objects WHERE bucket = ? AND is_latest = 1 AND delete_marker = 0 AND key >= ?
      ORDER BY key LIMIT ?`,
  versionsOfKeyBelow: `SELECT * FROM s3_objects WHERE bucket = ? AND key = ? AND id < ? ORDER BY id DESC LIMIT ?`,
  versionsAfterKey: `SELECT * FROM s3_objects WHERE bucket = ? AND key > ? ORDER BY key, id DESC LIMIT ?`,
  allObjects: `SELECT * FROM s3_objects WHERE bucket = ? ORDER BY key, id`,
  allBlobNames: `SELECT blobs FROM s3_objects`,
  insertUpload: `INSERT INTO s3_uploads (upload_id, bucket, key, initiated, meta) VALUES (?, ?, ?, ?, ?)`,
  getUpload: `SELECT * FROM s3_uploads WHERE upload_id = ? AND bucket = ? AND key = ?`,
  listUploads: `SELECT * FROM s3_uploads WHERE bucket = ? ORDER BY key, initiated`,
  deleteUpload: `DELETE FROM s3_uploads WHERE upload_id = ?`,
  upsertPart: `INSERT INTO s3_parts (upload_id, part_number, blob, size, etag, checksums, last_modified)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (upload_id, part_number) DO UPDATE SET blob = excluded.blob,
      size = excluded.size, etag = excluded.etag, checksums = excluded.checksums,
      last_modified = excluded.last_modified`,
  getPart: `SELECT * FROM s3_parts WHERE upload_id = ? AND part_number = ?`,
  listParts: `SELECT * FROM s3_parts WHERE upload_id = ? ORDER BY part_number`,
  deleteParts: `DELETE FROM s3_parts WHERE upload_id = ?`,
  allPartBlobs: `SELECT blob FROM s3_parts`,
  insertDelivery: `INSERT INTO s3_deliveries (destination, payload, due_at) VALUES (?, ?, ?)`,
  dueDeliveries: `SELECT * FROM s3_deliveries WHERE due_at <= ? ORDER BY due_at, id LIMIT ?`,
  nextDueAfter: `SELECT MIN(due_at) AS at FROM s3_deliveries WHERE due_at > ?`,
  retryDelivery: `UPDATE s3_deliveries SET attempts = ?, due_at = ? WHERE id = ?`,
  deleteDelivery: `DELETE FROM s3_deliveries WHERE id = ?`,
  allBuckets: `SELECT * FROM s3_buckets`,
  upsertRestore: `INSERT INTO s3_restores (object_id, due_at) VALUES (?, ?)
      ON CONFLICT (object_id) DO UPDATE SET due_at = excluded.due_at`,
  dueRestores: `SELECT object_id FROM s3_restores WHERE due_at <= ? ORDER BY due_at`,
  nextRestoreAt: `SELECT MIN(due_at) AS at FROM s3_restores`,
  deleteRestore: `DELETE FROM s3_restores WHERE object_id = ?`,
  nextSequence: `UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 's3_objects' RETURNING seq`,
};
