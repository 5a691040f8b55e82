// ImportTable, DescribeImport, ListImports: a new table made by CreateTable's rules from
// TableCreationParameters, loaded in the background from S3 (backups/imports.ts).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ImportTable.html

import { randomBytes } from 'node:crypto';
import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/dynamodb.js';
import { type ImportDescription, importNotFound } from '../backups/imports.js';
import { validation } from '../errors.js';
import { tableArn } from '../table.js';
import { buildTableSpec, type CreateTableInput } from '../table-create.js';
import { operation } from './operation.js';

/** "A client token is valid for 8 hours after the first request that uses it is completed." */
const TOKEN_TTL_MS = 8 * 3600 * 1000;

export const importTable = operation({
  input: model.ImportTableInput,
  run: (input, ddb, ctx) => {
    const now = ddb.clock.now();
    const parameters = input.TableCreationParameters;
    const token = input.ClientToken;
    if (token !== undefined) {
      const earlier = ddb.imports.byToken(ctx.account, ctx.region, token, now - TOKEN_TTL_MS);
      if (earlier) {
        if (JSON.stringify(earlier.TableCreationParameters) !== JSON.stringify(parameters))
          throw new ServiceError(
            'IdempotentParameterMismatchException',
            `ClientToken ${token} was used with different parameters`,
          );
        return { ImportTableDescription: earlier };
      }
    }
    // ZSTD needs a decompressor Node.js 20 does not have.
    if (input.InputCompressionType === 'ZSTD')
      throw validation('InputCompressionType ZSTD is not supported by Nimbus; use GZIP or NONE');
    if (input.InputFormatOptions?.Csv && input.InputFormat !== 'CSV')
      throw validation('InputFormatOptions.Csv can only be specified when InputFormat is CSV');
    const spec = buildTableSpec(parameters as CreateTableInput, now, ddb.newTableId());
    const table = ddb.createTable(ctx.account, ctx.region, spec);
    const description: ImportDescription = {
      ImportArn: `${tableArn(table)}/import/${String(now).padStart(14, '0')}-${randomBytes(4).toString('hex')}`,
      ImportStatus: 'IN_PROGRESS',
      TableArn: tableArn(table),
      TableId: spec.tableId,
      ...(token !== undefined ? { ClientToken: token } : {}),
      S3BucketSource: input.S3BucketSource,
      ErrorCount: 0,
      InputFormat: input.InputFormat as ImportDescription['InputFormat'],
      ...(input.InputFormatOptions ? { InputFormatOptions: input.InputFormatOptions } : {}),
      InputCompressionType: input.InputCompressionType ?? 'NONE',
      TableCreationParameters: parameters,
      StartTime: now / 1000,
    };
    ddb.imports.start(description, table, ctx);
    return { ImportTableDescription: description };
  },
});

export const describeImport = operation({
  input: model.DescribeImportInput,
  run: (input, ddb, ctx) => {
    const description = ddb.imports.find(input.ImportArn, ctx.account);
    if (!description) throw importNotFound(input.ImportArn);
    return { ImportTableDescription: description };
  },
});

/** Oldest first; `NextToken` is the last ARN of the page. */
export const listImports = operation({
  input: model.ListImportsInput,
  run: (input, ddb, ctx) => {
    let all = ddb.imports.list(ctx.account, ctx.region);
    if (input.TableArn !== undefined) all = all.filter((i) => i.TableArn === input.TableArn);
    if (input.NextToken !== undefined) {
      const at = all.findIndex((i) => i.ImportArn === input.NextToken);
      if (at < 0) throw validation(`Invalid NextToken: ${input.NextToken}`);
      all = all.slice(at + 1);
    }
    const limit = input.PageSize ?? 25;
    const page = all.slice(0, limit);
    return {
      ImportSummaryList: page.map((i) => ({
        ImportArn: i.ImportArn,
        ImportStatus: i.ImportStatus,
        TableArn: i.TableArn,
        S3BucketSource: i.S3BucketSource,
        InputFormat: i.InputFormat,
        StartTime: i.StartTime,
        ...(i.EndTime !== undefined ? { EndTime: i.EndTime } : {}),
      })),
      ...(all.length > limit ? { NextToken: page[page.length - 1]!.ImportArn } : {}),
    };
  },
});
