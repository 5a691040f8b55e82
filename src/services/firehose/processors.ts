// A destination's ProcessingConfiguration read as the delivery uses it — its Lambda processor (with AWS's
// default parameters), its MetadataExtraction query and whether AppendDelimiterToRecord is on — and AWS's
// checks of the processor parameters.
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_ProcessorParameter.html
// https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html

import type { Config, Destination } from './destinations.js';
import { invalidArgument } from './errors.js';

export interface LambdaProcessor {
  readonly arn: string;
  /** "3 for NumberOfRetries". */
  readonly retries: number;
  /** "The default buffering hint is 1MB for all destinations, except Splunk" (256 KB). */
  readonly sizeBytes: number;
  /** "60 for the BufferIntervalInSeconds". */
  readonly intervalMs: number;
}

export interface Processing {
  readonly lambda?: LambdaProcessor;
  /** The jq query of a MetadataExtraction processor (`{customer_id: .customer_id}`). */
  readonly metadataQuery?: string;
  readonly appendDelimiter: boolean;
}

interface Processor {
  Type: string;
  Parameters?: { ParameterName: string; ParameterValue: string }[];
}

export function processingOf(destination: Destination): Processing {
  const processing = destination.config.ProcessingConfiguration as
    | { Enabled?: boolean; Processors?: Processor[] }
    | undefined;
  if (!processing || processing.Enabled === false) return { appendDelimiter: false };
  let lambda: LambdaProcessor | undefined;
  let metadataQuery: string | undefined;
  let appendDelimiter = false;
  for (const processor of processing.Processors ?? []) {
    const parameter = (name: string) =>
      processor.Parameters?.find((p) => p.ParameterName === name)?.ParameterValue;
    if (processor.Type === 'Lambda') {
      const splunk = destination.kind === 'Splunk';
      lambda = {
        arn: parameter('LambdaArn') ?? '',
        retries: Number(parameter('NumberOfRetries') ?? 3),
        sizeBytes: Math.round(Number(parameter('BufferSizeInMBs') ?? (splunk ? 0.25 : 1)) * 1024 * 1024),
        intervalMs: Number(parameter('BufferIntervalInSeconds') ?? 60) * 1000,
      };
    } else if (processor.Type === 'MetadataExtraction') {
      metadataQuery = parameter('MetadataExtractionQuery');
    } else if (processor.Type === 'AppendDelimiterToRecord') {
      appendDelimiter = true;
    }
  }
  return { lambda, metadataQuery, appendDelimiter };
}

/** Whether records wait for the processing stage before the delivery buffer. */
export function needsProcessing(processing: Processing): boolean {
  return processing.lambda !== undefined || processing.metadataQuery !== undefined;
}

/** AWS's checks of a ProcessingConfiguration beyond the model: each processor's parameters. */
export function checkProcessing(config: Config): void {
  const processing = config.ProcessingConfiguration as { Processors?: Processor[] } | undefined;
  for (const processor of processing?.Processors ?? []) {
    const names = (processor.Parameters ?? []).map((p) => p.ParameterName);
    const value = (name: string) =>
      processor.Parameters?.find((p) => p.ParameterName === name)?.ParameterValue;
    const allowed = ALLOWED_PARAMETERS[processor.Type] ?? [];
    for (const name of names) {
      if (!allowed.includes(name)) {
        throw invalidArgument(
          `Processor parameter ${name} is not valid for processor type ${processor.Type}.`,
        );
      }
    }
    if (processor.Type === 'Lambda') {
      if (!value('LambdaArn'))
        throw invalidArgument('LambdaArn is a required parameter for processor type Lambda.');
      range('NumberOfRetries', value('NumberOfRetries'), 0, 300);
      range('BufferSizeInMBs', value('BufferSizeInMBs'), 0.2, 3);
      range('BufferIntervalInSeconds', value('BufferIntervalInSeconds'), 60, 900);
    }
    if (processor.Type === 'MetadataExtraction') {
      if (!value('MetadataExtractionQuery') || !value('JsonParsingEngine')) {
        throw invalidArgument(
          'MetadataExtractionQuery and JsonParsingEngine are required parameters for processor type MetadataExtraction.',
        );
      }
      if (value('JsonParsingEngine') !== 'JQ-1.6') {
        throw invalidArgument(
          `JsonParsingEngine ${value('JsonParsingEngine')} is not supported. Use JQ-1.6.`,
        );
      }
    }
  }
}

/** The keys a MetadataExtraction query's object construction yields (`{a: .x, "b": .y}` → a, b): read from
 * the query's top level, without running it. */
export function queryKeys(query: string | undefined): Set<string> {
  const keys = new Set<string>();
  if (!query) return keys;
  let depth = 0;
  let quoted = false;
  let start = -1;
  for (let i = 0; i < query.length; i++) {
    const char = query[i]!;
    if (quoted) {
      if (char === '\\') i++;
      else if (char === '"') quoted = false;
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === '{' || char === '(' || char === '[') {
      depth++;
      if (depth === 1 && char === '{') start = i + 1;
    } else if (char === '}' || char === ')' || char === ']') depth--;
    else if (char === ',' && depth === 1) start = i + 1;
    else if (char === ':' && depth === 1 && start !== -1) {
      const key = query.slice(start, i).trim().replace(/^"|"$/g, '');
      if (key) keys.add(key);
      start = -1;
    }
  }
  return keys;
}

const ALLOWED_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  Lambda: ['LambdaArn', 'NumberOfRetries', 'RoleArn', 'BufferSizeInMBs', 'BufferIntervalInSeconds'],
  MetadataExtraction: ['MetadataExtractionQuery', 'JsonParsingEngine'],
  AppendDelimiterToRecord: ['Delimiter'],
  RecordDeAggregation: ['SubRecordType', 'Delimiter'],
  Decompression: ['CompressionFormat'],
  CloudWatchLogProcessing: ['DataMessageExtraction'],
};

function range(name: string, value: string | undefined, min: number, max: number): void {
  if (value === undefined) return;
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max) {
    throw invalidArgument(`${name} must be between ${min} and ${max}; got ${value}.`);
  }
}
