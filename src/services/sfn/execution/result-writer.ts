// A distributed Map's results: each child execution's result record, WriterConfig's Transformation
// (NONE, COMPACT, FLATTEN) and OutputType (JSON, JSONL), and the ResultWriter export to S3 — the
// SUCCEEDED_0 / FAILED_0 files and the manifest.json that lists them under `<Prefix>/<map run id>/`.
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html

import {
  type Environment,
  type Json,
  type QueryLanguage,
  type State,
  StatesFailure,
} from '../language/index.js';
import { evaluateArguments, objectOf } from './item-reader.js';
import type { Run } from './run.js';
import type { ExecutionRow } from './store.js';

/** "States.ResultWriterFailed": the results could not be written (a missing bucket, another account). */
export const RESULT_WRITER_FAILED = 'States.ResultWriterFailed';

export interface WriterConfig {
  readonly transformation: 'NONE' | 'COMPACT' | 'FLATTEN';
  readonly outputType: 'JSON' | 'JSONL';
  /** Set when the results go to S3 (Resource arn:aws:states:::s3:putObject). */
  readonly export: boolean;
}

/** "NONE … Default when exporting … to Amazon S3 and WriterConfig is not specified. COMPACT … Default when
 * ResultWriter is not specified." */
export function writerConfig(state: State): WriterConfig {
  const writer = state.ResultWriter === undefined ? undefined : objectOf(state.ResultWriter);
  const exported = writer?.Resource !== undefined;
  if (exported && writer?.Resource !== 'arn:aws:states:::s3:putObject') {
    throw new StatesFailure(
      'States.Runtime',
      `The ResultWriter resource '${String(writer?.Resource)}' is not supported by Nimbus yet`,
    );
  }
  const config = objectOf(writer?.WriterConfig);
  const transformation = config.Transformation ?? (exported ? 'NONE' : 'COMPACT');
  const outputType = config.OutputType ?? 'JSON';
  if (transformation !== 'NONE' && transformation !== 'COMPACT' && transformation !== 'FLATTEN') {
    throw new StatesFailure(
      'States.Runtime',
      `Unknown WriterConfig Transformation ${JSON.stringify(transformation)}`,
    );
  }
  if (outputType !== 'JSON' && outputType !== 'JSONL') {
    throw new StatesFailure(
      'States.Runtime',
      `Unknown WriterConfig OutputType ${JSON.stringify(outputType)}`,
    );
  }
  return { transformation, outputType, export: exported };
}

/** A child execution's result record, DescribeExecution's members in PascalCase as the exported files show
 * them (Input and Output kept as JSON text). */
export function resultRecord(row: ExecutionRow): Record<string, Json> {
  const record: Record<string, Json> = {
    ExecutionArn: row.arn,
    Input: row.input,
    InputDetails: { Included: true },
    Name: row.name,
  };
  if (row.status === 'SUCCEEDED') {
    record.Output = row.output ?? 'null';
    record.OutputDetails = { Included: true };
  } else {
    if (row.error !== null) record.Error = row.error;
    if (row.cause !== null) record.Cause = row.cause;
  }
  record.RedriveCount = row.redrive_count;
  record.RedriveStatus = row.status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE_BY_MAP_RUN';
  if (row.status === 'SUCCEEDED')
    record.RedriveStatusReason = 'Execution is SUCCEEDED and cannot be redriven';
  record.StartDate = new Date(row.started_at).toISOString();
  record.StateMachineArn = row.machine_arn;
  record.Status = row.status;
  record.StopDate = new Date(row.stopped_at ?? row.started_at).toISOString();
  return record;
}

/** The children's results in item order as Transformation shapes them: a failed child keeps its whole
 * record ("If a child workflow execution fails, Step Functions returns its execution result unchanged"). */
export function transform(
  rows: readonly ExecutionRow[],
  transformation: WriterConfig['transformation'],
): Json[] {
  const out: Json[] = [];
  for (const row of rows) {
    if (transformation === 'NONE' || row.status !== 'SUCCEEDED') {
      out.push(resultRecord(row));
      continue;
    }
    const output = row.output === null ? null : (JSON.parse(row.output) as Json);
    if (transformation === 'FLATTEN' && Array.isArray(output)) out.push(...output);
    else out.push(output);
  }
  return out;
}

/** Writes the result files and the manifest; answers the Map's result, `{ MapRunArn, ResultWriterDetails }`. */
export async function exportResults(
  run: Run,
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  env: Environment,
  mapRunArn: string,
  rows: readonly ExecutionRow[],
  config: WriterConfig,
): Promise<{ result: Json; written: number }> {
  const writer = objectOf(state.ResultWriter);
  const params = objectOf(await evaluateArguments(writer, language, state, rawInput, env, 'ResultWriter'));
  const bucket = typeof params.Bucket === 'string' ? params.Bucket : '';
  let prefix = typeof params.Prefix === 'string' ? params.Prefix : '';
  if (prefix !== '' && !prefix.endsWith('/')) prefix += '/';
  const id = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
  const base = `${prefix}${id}/`;
  const extension = config.outputType === 'JSONL' ? 'jsonl' : 'json';
  const files: Record<'SUCCEEDED' | 'FAILED' | 'PENDING', { Key: string; Size: number }[]> = {
    FAILED: [],
    PENDING: [],
    SUCCEEDED: [],
  };
  const groups = {
    SUCCEEDED: rows.filter((row) => row.status === 'SUCCEEDED'),
    FAILED: rows.filter((row) => row.status !== 'SUCCEEDED' && row.status !== 'RUNNING'),
  };
  let written = 0;
  for (const [status, group] of Object.entries(groups) as ['SUCCEEDED' | 'FAILED', ExecutionRow[]][]) {
    if (group.length === 0) continue;
    const results = transform(group, config.transformation);
    const body =
      config.outputType === 'JSONL'
        ? results.map((r) => JSON.stringify(r)).join('\n')
        : JSON.stringify(results);
    const key = `${base}${status}_0.${extension}`;
    await put(run, bucket, key, body);
    files[status].push({ Key: key, Size: Buffer.byteLength(body) });
    written += group.length;
  }
  const manifestKey = `${base}manifest.json`;
  await put(
    run,
    bucket,
    manifestKey,
    JSON.stringify({ DestinationBucket: bucket, MapRunArn: mapRunArn, ResultFiles: files }),
  );
  return {
    result: { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } },
    written,
  };
}

async function put(run: Run, bucket: string, key: string, body: string): Promise<void> {
  try {
    await run.host.call(
      's3',
      'PutObject',
      { Bucket: bucket, Key: key, Body: Buffer.from(body, 'utf8'), ContentType: 'application/json' },
      { account: run.row.account, region: run.row.region, caller: 'states' },
    );
  } catch (error) {
    throw new StatesFailure(
      RESULT_WRITER_FAILED,
      `S3 PutObject of ${key} in ${bucket}: ${(error as Error).message}`,
    );
  }
}
