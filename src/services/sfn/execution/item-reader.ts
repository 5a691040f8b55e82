// A distributed Map's ItemReader: the items read from S3 through in-process calls — a JSON array, JSON
// Lines, CSV (header row or given headers, any of the documented delimiters), an S3 inventory manifest's CSV
// files, or the objects ListObjectsV2 lists — cut at ReaderConfig.MaxItems(Path).
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html

import { gunzipSync } from 'node:zlib';
import { selectPath } from '../language/data-flow.js';
import {
  type Environment,
  type Json,
  type QueryLanguage,
  type State,
  StatesFailure,
} from '../language/index.js';
import { evaluateJsonata, isExpression } from '../language/jsonata-eval.js';
import { readPath } from '../language/jsonpath.js';
import { renderTemplate } from '../language/templates.js';
import { parseCsv, parseCsvItems } from './item-reader-csv.js';
import type { Run } from './run.js';

/** "States.ItemReaderFailed": the reader could not read or parse its source (MapRunFailed names it). */
export const ITEM_READER_FAILED = 'States.ItemReaderFailed';

/** "MaxItems … up to 100,000,000" (input-output-itemreader.html). */
const MAX_ITEMS_LIMIT = 100_000_000;

export async function readItems(
  run: Run,
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  env: Environment,
): Promise<Json[]> {
  const reader = objectOf(state.ItemReader);
  const resource = typeof reader.Resource === 'string' ? reader.Resource : '';
  const params = objectOf(await evaluateArguments(reader, language, state, rawInput, env, 'ItemReader'));
  const config = objectOf(
    language === 'JSONata'
      ? await evaluateJsonata(reader.ReaderConfig ?? {}, { input: rawInput }, env)
      : reader.ReaderConfig,
  );
  const maxItems = (await numberOption(config, 'MaxItems', language, state, rawInput, env)) ?? 0;
  if (maxItems > MAX_ITEMS_LIMIT) {
    throw new StatesFailure('States.Runtime', `MaxItems must be at most ${MAX_ITEMS_LIMIT}, got ${maxItems}`);
  }
  const limit = maxItems === 0 ? Number.POSITIVE_INFINITY : maxItems;
  if (resource === 'arn:aws:states:::s3:listObjectsV2') return listObjects(run, params, limit);
  if (resource !== 'arn:aws:states:::s3:getObject') {
    throw new StatesFailure(
      'States.Runtime',
      `The ItemReader resource '${resource}' is not supported by Nimbus yet`,
    );
  }
  const inputType = typeof config.InputType === 'string' ? config.InputType : 'JSON';
  const text = await getObjectText(run, params);
  switch (inputType) {
    case 'JSON':
      return parseJsonArray(text).slice(0, limit);
    case 'JSONL':
      return parseJsonLines(text, limit);
    case 'CSV':
      return parseCsvItems(text, config, limit);
    case 'MANIFEST':
      return readManifest(run, text, limit);
    default:
      throw new StatesFailure(
        'States.Runtime',
        `The ItemReader InputType '${inputType}' is not supported by Nimbus yet`,
      );
  }
}

/** A field's Parameters (JSONPath, `.$` keys over the effective input) or Arguments (JSONata). */
export async function evaluateArguments(
  field: Record<string, Json>,
  language: QueryLanguage,
  state: State,
  rawInput: Json,
  env: Environment,
  name: string,
): Promise<Json> {
  if (language === 'JSONata') return evaluateJsonata(field.Arguments ?? {}, { input: rawInput }, env, name);
  return renderTemplate(field.Parameters ?? {}, selectPath(state.InputPath, rawInput, env), env);
}

/** `<name>` (a number, or a JSONata expression) or `<name>Path` (JSONPath over the effective input). */
export async function numberOption(
  field: Record<string, Json>,
  name: string,
  language: QueryLanguage,
  state: State,
  rawInput: Json,
  env: Environment,
): Promise<number | undefined> {
  let value: Json | undefined = field[name];
  if (language === 'JSONata' && isExpression(value ?? null)) {
    value = await evaluateJsonata(value!, { input: rawInput }, env, name);
  } else if (typeof field[`${name}Path`] === 'string') {
    value = readPath(String(field[`${name}Path`]), selectPath(state.InputPath, rawInput, env), env.context);
  }
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new StatesFailure(
      language === 'JSONata' ? 'States.QueryEvaluationError' : 'States.Runtime',
      `The value for the field '${name}' must be a non-negative integer, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

export function objectOf(value: Json | undefined): Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** The S3 object's bytes as text (GetObject answers a Buffer or a stream in process). */
async function getObjectBytes(run: Run, params: Record<string, Json>): Promise<Buffer> {
  const input: Record<string, unknown> = { Bucket: params.Bucket, Key: params.Key };
  if (typeof params.VersionId === 'string') input.VersionId = params.VersionId;
  let output: { Body?: AsyncIterable<Buffer> | Buffer };
  try {
    output = (await run.host.call('s3', 'GetObject', input, where(run))) as typeof output;
  } catch (error) {
    throw new StatesFailure(
      ITEM_READER_FAILED,
      `S3 GetObject of ${String(params.Key)}: ${(error as Error).message}`,
    );
  }
  const body = output.Body;
  if (body === undefined) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function getObjectText(run: Run, params: Record<string, Json>): Promise<string> {
  return (await getObjectBytes(run, params)).toString('utf8');
}

/** Each object as an item: "Etag", "Key", "LastModified" (epoch seconds), "Size", "StorageClass", as the
 * ItemReader page's ListObjectsV2 example shows them. Pages are followed until the listing or MaxItems ends. */
async function listObjects(run: Run, params: Record<string, Json>, limit: number): Promise<Json[]> {
  const items: Json[] = [];
  let token: string | undefined;
  do {
    const input: Record<string, unknown> = { ...params };
    if (token !== undefined) input.ContinuationToken = token;
    let output: {
      ListBucketResult?: { Contents?: Record<string, unknown>[]; NextContinuationToken?: string };
    };
    try {
      output = (await run.host.call('s3', 'ListObjectsV2', input, where(run))) as typeof output;
    } catch (error) {
      throw new StatesFailure(
        ITEM_READER_FAILED,
        `S3 ListObjectsV2 of ${String(params.Bucket)}: ${(error as Error).message}`,
      );
    }
    const result = output.ListBucketResult ?? {};
    for (const object of result.Contents ?? []) {
      if (items.length >= limit) return items;
      items.push({
        Etag: String(object.ETag ?? ''),
        Key: String(object.Key ?? ''),
        LastModified: Math.floor(Date.parse(String(object.LastModified)) / 1000),
        Size: Number(object.Size ?? 0),
        StorageClass: String(object.StorageClass ?? 'STANDARD'),
      });
    }
    token = result.NextContinuationToken;
  } while (token !== undefined && items.length < limit);
  return items;
}

function parseJsonArray(text: string): Json[] {
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch (error) {
    throw new StatesFailure(
      ITEM_READER_FAILED,
      `The JSON file could not be parsed: ${(error as Error).message}`,
    );
  }
  // LocalStack's recording of AWS's answer for a JSON object that is no array.
  if (!Array.isArray(value))
    throw new StatesFailure(ITEM_READER_FAILED, 'Attempting to map over non-iterable node.');
  return value;
}

function parseJsonLines(text: string, limit: number): Json[] {
  const items: Json[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (items.length >= limit) break;
    if (line.trim() === '') continue;
    try {
      items.push(JSON.parse(line) as Json);
    } catch (error) {
      throw new StatesFailure(
        ITEM_READER_FAILED,
        `A JSON Lines line could not be parsed: ${(error as Error).message}`,
      );
    }
  }
  return items;
}

/** An S3 inventory manifest.json: its `files` (CSV, gzipped as inventory writes them) read in order, each
 * row an object keyed by the manifest's `fileSchema` columns. */
async function readManifest(run: Run, text: string, limit: number): Promise<Json[]> {
  let manifest: Record<string, Json>;
  try {
    manifest = objectOf(JSON.parse(text) as Json);
  } catch (error) {
    throw new StatesFailure(
      ITEM_READER_FAILED,
      `The manifest could not be parsed: ${(error as Error).message}`,
    );
  }
  if (manifest.fileFormat !== undefined && manifest.fileFormat !== 'CSV') {
    throw new StatesFailure(
      ITEM_READER_FAILED,
      `Only CSV inventory files are supported, got ${JSON.stringify(manifest.fileFormat)}`,
    );
  }
  const headers = String(manifest.fileSchema ?? '')
    .split(',')
    .map((name) => name.trim());
  const bucket = String(manifest.destinationBucket ?? '').replace(/^arn:aws[a-z-]*:s3:::/, '');
  const items: Json[] = [];
  for (const file of Array.isArray(manifest.files) ? manifest.files : []) {
    const key = String(objectOf(file).key ?? '');
    let bytes = await getObjectBytes(run, { Bucket: bucket, Key: key });
    if (key.endsWith('.gz')) bytes = gunzipSync(bytes);
    for (const row of parseCsv(bytes.toString('utf8'), ',')) {
      if (items.length >= limit) return items;
      items.push(Object.fromEntries(headers.map((header, i) => [header, row[i] ?? ''])));
    }
  }
  return items;
}

function where(run: Run): { account: string; region: string; caller: string } {
  return { account: run.row.account, region: run.row.region, caller: 'states' };
}
