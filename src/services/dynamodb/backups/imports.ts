// Imports from S3 into a new table: every object under the bucket and prefix, read through S3's own
// ListObjectsV2 and GetObject, decompressed (GZIP or none), parsed as DYNAMODB_JSON, ION or CSV, and written
// with the table's index entries; items that fail to parse or validate are counted in ErrorCount.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataImport.HowItWorks.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataImport.Format.html

import { gunzipSync } from 'node:zlib';
import { ServiceError } from '../../../core/errors.js';
import type { DynamoDb } from '../dynamodb.js';
import { checkPutItem } from '../items.js';
import type { Table } from '../table.js';
import type { Item } from '../values.js';
import { ionItems } from './ion-read.js';

export interface ImportDescription {
  ImportArn: string;
  ImportStatus: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  TableArn: string;
  TableId: string;
  ClientToken?: string;
  S3BucketSource: { S3Bucket: string; S3KeyPrefix?: string; S3BucketOwner?: string };
  ErrorCount: number;
  InputFormat: 'DYNAMODB_JSON' | 'ION' | 'CSV';
  InputFormatOptions?: { Csv?: { Delimiter?: string; HeaderList?: string[] } };
  InputCompressionType: string;
  TableCreationParameters: Record<string, unknown>;
  StartTime: number;
  EndTime?: number;
  ProcessedSizeBytes?: number;
  ProcessedItemCount?: number;
  ImportedItemCount?: number;
  FailureCode?: string;
  FailureMessage?: string;
}

export function importNotFound(arn: string): ServiceError {
  return new ServiceError('ImportNotFoundException', `Import not found: ${arn}`);
}

export class Imports {
  constructor(private readonly ddb: DynamoDb) {}

  start(description: ImportDescription, table: Table, where: { account: string; region: string }): void {
    this.ddb.sql.insertImport.run(
      description.ImportArn,
      where.account,
      where.region,
      description.TableArn,
      description.ClientToken ?? null,
      description.StartTime * 1000,
      JSON.stringify(description),
    );
    void this.load(description, table, where);
  }

  find(arn: string, account: string): ImportDescription | undefined {
    const row = this.ddb.sql.findImport.get(arn) as { description: string } | undefined;
    const description = row && (JSON.parse(row.description) as ImportDescription);
    return description && description.ImportArn.split(':')[4] === account ? description : undefined;
  }

  byToken(account: string, region: string, token: string, since: number): ImportDescription | undefined {
    const row = this.ddb.sql.importByToken.get(account, region, token, since) as
      | { description: string }
      | undefined;
    return row && (JSON.parse(row.description) as ImportDescription);
  }

  list(account: string, region: string): ImportDescription[] {
    return (this.ddb.sql.listImports.all(account, region) as { description: string }[]).map(
      (row) => JSON.parse(row.description) as ImportDescription,
    );
  }

  /** An import that was loading when Nimbus stopped is FAILED (what it wrote stays in the table). */
  failInterrupted(): void {
    for (const row of this.ddb.sql.allImports.all() as { description: string }[]) {
      const description = JSON.parse(row.description) as ImportDescription;
      if (description.ImportStatus !== 'IN_PROGRESS') continue;
      this.finish({
        ...description,
        ImportStatus: 'FAILED',
        EndTime: this.ddb.clock.now() / 1000,
        FailureCode: 'UNKNOWN',
        FailureMessage: 'The import was interrupted by a restart of Nimbus',
      });
    }
  }

  private async load(
    description: ImportDescription,
    table: Table,
    where: { account: string; region: string },
  ) {
    const source = description.S3BucketSource;
    const call = this.ddb.call;
    const options = { ...where, caller: 'dynamodb' };
    let processedBytes = 0;
    let processed = 0;
    let imported = 0;
    let errors = 0;
    try {
      if (!call) throw new Error('no in-process calls');
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const input = {
          Bucket: source.S3Bucket,
          ...(source.S3KeyPrefix ? { Prefix: source.S3KeyPrefix } : {}),
          ...(token ? { ContinuationToken: token } : {}),
        };
        // S3's restXml output in process: the result under its root element.
        const output = (await call('s3', 'ListObjectsV2', input, options)) as { ListBucketResult?: ListPage };
        const page: ListPage = output.ListBucketResult ?? {};
        for (const object of page.Contents ?? []) if (!object.Key.endsWith('/')) keys.push(object.Key);
        token = page.NextContinuationToken;
      } while (token);
      for (const key of keys) {
        const output = (await call('s3', 'GetObject', { Bucket: source.S3Bucket, Key: key }, options)) as {
          Body?: AsyncIterable<Buffer> | Buffer;
        };
        let bytes = await readBody(output.Body);
        processedBytes += bytes.length;
        if (description.InputCompressionType === 'GZIP') bytes = gunzipSync(bytes);
        const parsed = parseObject(bytes.toString('utf8'), description, table);
        errors += parsed.errors;
        processed += parsed.items.length + parsed.errors;
        // One object's items in one transaction; an item that fails DynamoDB's checks is counted, not fatal.
        this.ddb.store.transaction(() => {
          for (const raw of parsed.items) {
            try {
              const { item, key: itemKey } = checkPutItem(table, raw);
              this.ddb.writeItem(table, itemKey, this.ddb.getItem(table, itemKey), item);
              imported++;
            } catch {
              errors++;
            }
          }
        });
      }
      this.finish({
        ...description,
        ImportStatus: 'COMPLETED',
        EndTime: this.ddb.clock.now() / 1000,
        ErrorCount: errors,
        ProcessedSizeBytes: processedBytes,
        ProcessedItemCount: processed,
        ImportedItemCount: imported,
      });
    } catch (error) {
      const code = error instanceof ServiceError ? error.code : undefined;
      this.finish({
        ...description,
        ImportStatus: 'FAILED',
        EndTime: this.ddb.clock.now() / 1000,
        ErrorCount: errors,
        ProcessedSizeBytes: processedBytes,
        ProcessedItemCount: processed,
        ImportedItemCount: imported,
        FailureCode:
          code === 'NoSuchBucket' ? 'S3NoSuchBucket' : code === 'AccessDenied' ? 'S3AccessDenied' : 'UNKNOWN',
        FailureMessage: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private finish(description: ImportDescription): void {
    this.ddb.sql.updateImport.run(JSON.stringify(description), description.ImportArn);
  }
}

/** The items of one object, and how many of its lines or records could not be read. */
export function parseObject(
  text: string,
  description: Pick<ImportDescription, 'InputFormat' | 'InputFormatOptions'>,
  table: Table,
): { items: Item[]; errors: number } {
  if (description.InputFormat === 'ION') {
    try {
      return { items: ionItems(text), errors: 0 };
    } catch {
      return { items: [], errors: 1 };
    }
  }
  if (description.InputFormat === 'CSV') return csvItems(text, description.InputFormatOptions?.Csv, table);
  const items: Item[] = [];
  let errors = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = JSON.parse(line) as { Item?: Item };
      if (!parsed.Item || typeof parsed.Item !== 'object') throw new Error('no Item');
      items.push(parsed.Item);
    } catch {
      errors++;
    }
  }
  return { items, errors };
}

/** CSV: the first record names the columns unless HeaderList does; key attributes take their declared type,
 * every other value is a string, and an empty value is left out ("All non-key attributes are imported as
 * strings", the import format page). */
function csvItems(
  text: string,
  options: { Delimiter?: string; HeaderList?: string[] } | undefined,
  table: Table,
): { items: Item[]; errors: number } {
  const records = csvRecords(text, options?.Delimiter ?? ',');
  const header = options?.HeaderList ?? records.shift() ?? [];
  const types = new Map(table.spec.attributeDefinitions.map((d) => [d.AttributeName, d.AttributeType]));
  const items: Item[] = [];
  let errors = 0;
  for (const record of records) {
    if (record.length === 1 && record[0] === '') continue;
    if (record.length > header.length) {
      errors++;
      continue;
    }
    const item: Item = {};
    record.forEach((value, i) => {
      if (value === '') return;
      const type = types.get(header[i]!) ?? 'S';
      item[header[i]!] = type === 'N' ? { N: value } : type === 'B' ? { B: value } : { S: value };
    });
    items.push(item);
  }
  return { items, errors };
}

/** RFC 4180 records: quoted fields may hold the delimiter, newlines and doubled quotes. */
function csvRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

interface ListPage {
  Contents?: { Key: string }[];
  NextContinuationToken?: string;
}

async function readBody(body: AsyncIterable<Buffer> | Buffer | undefined): Promise<Buffer> {
  if (body === undefined) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
