// ExportTableToPointInTime, DescribeExport, ListExports: full exports of the table at a time in the PITR
// window, and incremental exports of the changes in [ExportFromTime, ExportToTime), written to S3.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportTableToPointInTime.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html

import { randomBytes } from 'node:crypto';
import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/dynamodb.js';
import { type ExportDescription, exportNotFound, ionItemLine, jsonItemLine } from '../backups/exports.js';
import { ionStruct } from '../backups/ion.js';
import { recoveryWindow, type WindowChange } from '../backups/pitr.js';
import { tableNotFoundException, validation } from '../errors.js';
import { findTableByNameOrArn } from '../requests.js';
import { tableArn } from '../table.js';
import type { Item } from '../values.js';
import { operation } from './operation.js';
import { pitrUnavailable } from './pitr.js';

/** "A client token is valid for 8 hours after the first request that uses it is completed." */
const TOKEN_TTL_MS = 8 * 3600 * 1000;

export const exportTableToPointInTime = operation({
  input: model.ExportTableToPointInTimeInput,
  run: (input, ddb, ctx) => {
    const table = findTableByNameOrArn(ddb, ctx, input.TableArn);
    if (!table) throw tableNotFoundException(input.TableArn);
    const now = ddb.clock.now();
    const window = recoveryWindow(table.spec, now);
    if (!window) throw pitrUnavailable(table.spec.name);
    const token = input.ClientToken;
    if (token !== undefined) {
      const earlier = ddb.exports.byToken(ctx.account, ctx.region, token, now - TOKEN_TTL_MS);
      if (earlier) {
        if (earlier.TableArn !== tableArn(table) || earlier.S3Bucket !== input.S3Bucket)
          throw new ServiceError(
            'ExportConflictException',
            `There was a conflict when writing to the specified S3 bucket. ClientToken ${token} was used with different parameters`,
          );
        return { ExportDescription: earlier };
      }
    }
    const type = input.ExportType ?? 'FULL_EXPORT';
    const format = input.ExportFormat ?? 'DYNAMODB_JSON';
    const incremental = type === 'INCREMENTAL_EXPORT' ? incrementalWindow(input, window, now) : undefined;
    let lines: string[];
    let exportTime: number | undefined;
    if (incremental) {
      const changes = ddb.history.changesBetween(table, incremental.from, incremental.to, (pk, sk) => {
        const row = ddb.sql.getItem.get(table.id, pk, sk) as { item: string } | undefined;
        return row ? (JSON.parse(row.item) as Item) : undefined;
      });
      lines = changes.map((c) => changeLine(c, format, incremental.viewType));
    } else {
      if (input.IncrementalExportSpecification)
        throw validation('IncrementalExportSpecification can only be specified for INCREMENTAL_EXPORT');
      exportTime = input.ExportTime ?? now;
      if (exportTime < window.earliest || exportTime > now)
        throw new ServiceError(
          'InvalidExportTimeException',
          `Invalid export time: ExportTime must be between ${iso(window.earliest)} and ${iso(now)}`,
        );
      const items = ddb.history.itemsAt(table, exportTime);
      lines = items.map((item) => (format === 'ION' ? ionItemLine(item) : jsonItemLine(item)));
    }
    const description: ExportDescription = {
      ExportArn: `${tableArn(table)}/export/${String(now).padStart(14, '0')}-${randomBytes(4).toString('hex')}`,
      ExportStatus: 'IN_PROGRESS',
      StartTime: now / 1000,
      TableArn: tableArn(table),
      TableId: table.spec.tableId,
      ...(exportTime !== undefined ? { ExportTime: exportTime / 1000 } : {}),
      ...(token !== undefined ? { ClientToken: token } : {}),
      S3Bucket: input.S3Bucket,
      ...(input.S3BucketOwner ? { S3BucketOwner: input.S3BucketOwner } : {}),
      ...(input.S3Prefix ? { S3Prefix: input.S3Prefix } : {}),
      S3SseAlgorithm: input.S3SseAlgorithm ?? 'AES256',
      ...(input.S3SseKmsKeyId ? { S3SseKmsKeyId: input.S3SseKmsKeyId } : {}),
      ExportFormat: format as ExportDescription['ExportFormat'],
      ExportType: type as ExportDescription['ExportType'],
      ...(incremental
        ? {
            IncrementalExportSpecification: {
              ExportFromTime: incremental.from / 1000,
              ExportToTime: incremental.to / 1000,
              ExportViewType: incremental.viewType,
            },
          }
        : {}),
    };
    ddb.exports.start(description, lines, ctx, token);
    return { ExportDescription: description };
  },
});

export const describeExport = operation({
  input: model.DescribeExportInput,
  run: (input, ddb, ctx) => {
    const description = ddb.exports.find(input.ExportArn, ctx.account);
    if (!description) throw exportNotFound(input.ExportArn);
    return { ExportDescription: description };
  },
});

/** Oldest first; `NextToken` is the last ARN of the page. */
export const listExports = operation({
  input: model.ListExportsInput,
  run: (input, ddb, ctx) => {
    let all = ddb.exports.list(ctx.account, ctx.region);
    if (input.TableArn !== undefined) all = all.filter((e) => e.TableArn === input.TableArn);
    if (input.NextToken !== undefined) {
      const at = all.findIndex((e) => e.ExportArn === input.NextToken);
      if (at < 0) throw validation(`Invalid NextToken: ${input.NextToken}`);
      all = all.slice(at + 1);
    }
    const limit = input.MaxResults ?? 25;
    const page = all.slice(0, limit);
    return {
      ExportSummaries: page.map((e) => ({
        ExportArn: e.ExportArn,
        ExportStatus: e.ExportStatus,
        ExportType: e.ExportType,
      })),
      ...(all.length > limit ? { NextToken: page[page.length - 1]!.ExportArn } : {}),
    };
  },
});

function incrementalWindow(
  input: { ExportTime?: number; IncrementalExportSpecification?: Record<string, unknown> },
  window: { earliest: number },
  now: number,
): { from: number; to: number; viewType: string } {
  if (input.ExportTime !== undefined)
    throw validation('ExportTime cannot be specified for INCREMENTAL_EXPORT');
  const spec = input.IncrementalExportSpecification as
    | { ExportFromTime?: number; ExportToTime?: number; ExportViewType?: string }
    | undefined;
  if (spec?.ExportFromTime === undefined)
    throw validation('IncrementalExportSpecification.ExportFromTime is required for INCREMENTAL_EXPORT');
  const from = spec.ExportFromTime;
  const to = spec.ExportToTime ?? now;
  // The export period must be at least 15 minutes and at most 24 hours, within the PITR window.
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.HowItWorks.html
  if (from < window.earliest || to > now || to - from < 15 * 60_000 || to - from > 24 * 3600_000)
    throw new ServiceError(
      'InvalidExportTimeException',
      `Invalid incremental export window: ExportFromTime must be at or after ${iso(window.earliest)}, ExportToTime at or before ${iso(now)}, and the period between 15 minutes and 24 hours`,
    );
  return { from, to, viewType: spec.ExportViewType ?? 'NEW_AND_OLD_IMAGES' };
}

/** One line of an incremental export: Metadata.WriteTimestampMicros, Keys, NewImage (absent for a delete),
 * OldImage (NEW_AND_OLD_IMAGES, absent for an insert). */
function changeLine(change: WindowChange, format: string, viewType: string): string {
  const micros = String(change.at * 1000);
  const withOld = viewType === 'NEW_AND_OLD_IMAGES' && change.oldImage;
  if (format === 'ION') {
    const parts = [
      `Metadata:{WriteTimestampMicros:${micros}}`,
      `Keys:${ionStruct(change.key)}`,
      ...(change.newImage ? [`NewImage:${ionStruct(change.newImage)}`] : []),
      ...(withOld ? [`OldImage:${ionStruct(change.oldImage!)}`] : []),
    ];
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify({
    Metadata: { WriteTimestampMicros: { N: micros } },
    Keys: change.key,
    ...(change.newImage ? { NewImage: change.newImage } : {}),
    ...(withOld ? { OldImage: change.oldImage } : {}),
  });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
