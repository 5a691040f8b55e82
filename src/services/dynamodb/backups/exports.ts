// Exports to S3: the table as it was at the export time (or the changes of an incremental window), read
// from the point-in-time history when the request is made, then written to the bucket through S3's own
// PutObject in AWS's layout: <prefix>/AWSDynamoDB/<ExportId>/{_started, manifest-summary.json,
// manifest-summary.checksum, manifest-files.json, manifest-files.checksum, data/<name>.json.gz|.ion.gz}.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html

import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { ServiceError } from '../../../core/errors.js';
import type { DynamoDb } from '../dynamodb.js';
import { ionItem } from './ion.js';

export interface ExportDescription {
  ExportArn: string;
  ExportStatus: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  StartTime: number;
  EndTime?: number;
  ExportManifest?: string;
  TableArn: string;
  TableId: string;
  ExportTime?: number;
  ClientToken?: string;
  S3Bucket: string;
  S3BucketOwner?: string;
  S3Prefix?: string;
  S3SseAlgorithm: string;
  S3SseKmsKeyId?: string;
  FailureCode?: string;
  FailureMessage?: string;
  ExportFormat: 'DYNAMODB_JSON' | 'ION';
  BilledSizeBytes?: number;
  ItemCount?: number;
  ExportType: 'FULL_EXPORT' | 'INCREMENTAL_EXPORT';
  IncrementalExportSpecification?: Record<string, unknown>;
}

/** Items per data file (AWS writes at least one file per partition; Nimbus has no partitions). */
const ITEMS_PER_FILE = 10_000;

export function exportNotFound(arn: string): ServiceError {
  return new ServiceError('ExportNotFoundException', `Export not found: ${arn}`);
}

export class Exports {
  constructor(private readonly ddb: DynamoDb) {}

  /** Records the export IN_PROGRESS and writes its files in the background (the lines are already read). */
  start(
    description: ExportDescription,
    lines: string[],
    where: { account: string; region: string },
    token?: string,
  ): void {
    this.ddb.sql.insertExport.run(
      description.ExportArn,
      where.account,
      where.region,
      description.TableArn,
      token ?? null,
      description.StartTime,
      JSON.stringify(description),
    );
    void this.write(description, lines, where);
  }

  find(arn: string, account: string): ExportDescription | undefined {
    const row = this.ddb.sql.findExport.get(arn) as { description: string } | undefined;
    const description = row && (JSON.parse(row.description) as ExportDescription);
    return description && description.ExportArn.split(':')[4] === account ? description : undefined;
  }

  byToken(account: string, region: string, token: string, since: number): ExportDescription | undefined {
    const row = this.ddb.sql.exportByToken.get(account, region, token, since) as
      | { description: string }
      | undefined;
    return row && (JSON.parse(row.description) as ExportDescription);
  }

  list(account: string, region: string): ExportDescription[] {
    return (this.ddb.sql.listExports.all(account, region) as { description: string }[]).map(
      (row) => JSON.parse(row.description) as ExportDescription,
    );
  }

  /** An export that was writing when Nimbus stopped is FAILED: its lines were held in memory only. */
  failInterrupted(): void {
    for (const row of this.ddb.sql.allExports.all() as { arn: string; description: string }[]) {
      const description = JSON.parse(row.description) as ExportDescription;
      if (description.ExportStatus !== 'IN_PROGRESS') continue;
      this.finish({
        ...description,
        ExportStatus: 'FAILED',
        EndTime: this.ddb.clock.now() / 1000,
        FailureCode: 'UNKNOWN',
        FailureMessage: 'The export was interrupted by a restart of Nimbus',
      });
    }
  }

  private async write(
    description: ExportDescription,
    lines: string[],
    where: { account: string; region: string },
  ): Promise<void> {
    const call = this.ddb.call;
    const exportId = description.ExportArn.split('/').pop()!;
    const base = `${description.S3Prefix ? `${description.S3Prefix.replace(/\/$/, '')}/` : ''}AWSDynamoDB/${exportId}`;
    const put = async (key: string, body: Buffer | string): Promise<string> => {
      if (!call) throw new Error('no in-process calls');
      const output = (await call(
        's3',
        'PutObject',
        { Bucket: description.S3Bucket, Key: key, Body: Buffer.from(body) },
        { ...where, caller: 'dynamodb' },
      )) as { ETag?: string };
      return (output.ETag ?? '').replace(/"/g, '');
    };
    try {
      await put(`${base}/_started`, '');
      const files: Record<string, unknown>[] = [];
      const ion = description.ExportFormat === 'ION';
      let bytes = 0;
      for (let i = 0; i === 0 || i < lines.length; i += ITEMS_PER_FILE) {
        const chunk = lines.slice(i, i + ITEMS_PER_FILE);
        const text = chunk.length > 0 ? `${ion ? '$ion_1_0 ' : ''}${chunk.join('\n')}\n` : '';
        bytes += Buffer.byteLength(text);
        const body = gzipSync(text);
        const key = `${base}/data/${randomName()}.${ion ? 'ion' : 'json'}.gz`;
        const etag = await put(key, body);
        files.push({
          itemCount: chunk.length,
          md5Checksum: createHash('md5').update(body).digest('base64'),
          etag,
          dataFileS3Key: key,
        });
      }
      const filesText = `${files.map((f) => JSON.stringify(f)).join('\n')}\n`;
      await put(`${base}/manifest-files.json`, filesText);
      await put(`${base}/manifest-files.checksum`, md5Hex(filesText));
      const end = this.ddb.clock.now() / 1000;
      const summary = JSON.stringify({
        version: '2020-06-30',
        exportArn: description.ExportArn,
        startTime: iso(description.StartTime),
        endTime: iso(end),
        tableArn: description.TableArn,
        tableId: description.TableId,
        ...(description.ExportTime !== undefined ? { exportTime: iso(description.ExportTime) } : {}),
        s3Bucket: description.S3Bucket,
        s3Prefix: description.S3Prefix ?? null,
        s3SseAlgorithm: description.S3SseAlgorithm,
        s3SseKmsKeyId: description.S3SseKmsKeyId ?? null,
        manifestFilesS3Key: `${base}/manifest-files.json`,
        billedSizeBytes: bytes,
        itemCount: lines.length,
        outputFormat: description.ExportFormat,
        exportType: description.ExportType,
      });
      await put(`${base}/manifest-summary.json`, summary);
      await put(`${base}/manifest-summary.checksum`, md5Hex(summary));
      this.finish({
        ...description,
        ExportStatus: 'COMPLETED',
        EndTime: end,
        ExportManifest: `${base}/manifest-summary.json`,
        BilledSizeBytes: bytes,
        ItemCount: lines.length,
      });
    } catch (error) {
      // Observed (moto's AWS-verified test_export_to_missing_s3_bucket): FailureCode S3NoSuchBucket and a
      // message containing S3's "The specified bucket does not exist".
      const code = error instanceof ServiceError ? error.code : undefined;
      this.finish({
        ...description,
        ExportStatus: 'FAILED',
        EndTime: this.ddb.clock.now() / 1000,
        FailureCode:
          code === 'NoSuchBucket' ? 'S3NoSuchBucket' : code === 'AccessDenied' ? 'S3AccessDenied' : 'UNKNOWN',
        FailureMessage: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private finish(description: ExportDescription): void {
    this.ddb.sql.updateExport.run(JSON.stringify(description), description.ExportArn);
  }
}

/** A DYNAMODB_JSON line of a full export. */
export function jsonItemLine(item: Record<string, unknown>): string {
  return JSON.stringify({ Item: item });
}

export function ionItemLine(item: Parameters<typeof ionItem>[0]): string {
  return ionItem(item);
}

function randomName(): string {
  return randomBytes(16).toString('base64url').replace(/[-_]/g, 'a').slice(0, 26).toLowerCase();
}

function md5Hex(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
