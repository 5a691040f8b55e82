// One GraphQL request's CloudWatch Logs, as AppSync writes them to `/aws/appsync/apis/<apiId>` when the API
// has a log config: the request-level RequestSummary and ExecutionSummary (and, with verbose content, the
// headers, the query and the tokens consumed), and by the field log level the fields' Tracing, their
// RequestMapping/ResponseMapping (ERROR: only the fields in error) and the resolvers' own log lines.
// https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html (Log type reference)

import type { GraphQLResolveInfo } from 'graphql';
import { responsePathAsArray } from 'graphql';
import type { Evaluation, ResolverContext } from '../resolvers/contract.js';

/** The API's log config as AppSync stores it (`logConfig` of CreateGraphqlApi). */
export interface LogConfig {
  readonly fieldLogLevel?: string;
  readonly excludeVerboseContent?: boolean;
  readonly cloudWatchLogsRoleArn?: string;
}

/** The field log levels, lowest first: a level logs what it names and everything before it. */
const LEVELS = ['NONE', 'ERROR', 'INFO', 'DEBUG', 'ALL'] as const;
type Level = (typeof LEVELS)[number];

/** Which handler a mapping log entry is for, by AppSync's `logType` names. */
export type MappingKind = 'RequestMapping' | 'ResponseMapping' | 'BeforeMapping' | 'AfterMapping';

/** The resolver or function whose handler ran. */
export interface HandlerOwner {
  readonly resolverArn?: string;
  readonly functionArn?: string;
}

interface Phase {
  readonly startOffset: number;
  readonly duration: number;
}

/** A field's mapping entries wait until the field settles: at ERROR only the fields in error are logged. */
interface FieldEntries {
  readonly entries: Record<string, unknown>[];
  inError: boolean;
}

export class RequestLog {
  private readonly level: number;
  private readonly verbose: boolean;
  /** The events, in the order AppSync reports them; written when the request is answered. */
  readonly events: string[] = [];
  private readonly fields = new Map<string, FieldEntries>();

  constructor(
    readonly requestId: string,
    readonly apiId: string,
    config: LogConfig,
    /** `process.hrtime.bigint()` when the request arrived: the offsets count from it. */
    readonly startedNs: bigint,
    /** Cloud time (epoch ms) when the request arrived, for ExecutionSummary's RFC 3339 times. */
    readonly startedMs: number,
  ) {
    const level = LEVELS.indexOf((config.fieldLogLevel ?? 'NONE') as Level);
    this.level = Math.max(level, 0);
    this.verbose = config.excludeVerboseContent !== true;
  }

  /** Field-level tracing is on (ALL): the executable schema times every field. */
  get traces(): boolean {
    return this.level >= LEVELS.indexOf('ALL');
  }

  /** Mapping entries are kept (ERROR and above; below ALL only for fields in error). */
  get mappings(): boolean {
    return this.level >= LEVELS.indexOf('ERROR');
  }

  /** Nanoseconds since the request arrived. */
  offset(): number {
    return Number(process.hrtime.bigint() - this.startedNs);
  }

  /** The request as received: headers and query (verbose content only). */
  request(
    headers: Readonly<Record<string, string>>,
    query: string,
    operationName: unknown,
    variables: unknown,
  ): void {
    if (!this.verbose) return;
    // As on AWS, the headers are written as sent, credentials included: why AWS warns against verbose
    // content where logs must not hold secrets.
    this.events.push(`${this.requestId} Request Headers: ${JSON.stringify(headers)}`);
    this.events.push(
      `${this.requestId} GraphQL Query: ${query}, Operation: ${operationName ?? null}, Variables: ${JSON.stringify(variables ?? {})}`,
    );
  }

  /** When the query was parsed and validated (set by the endpoint), for ExecutionSummary. */
  parsing: Phase = { startOffset: 0, duration: 0 };
  validation: Phase = { startOffset: 0, duration: 0 };

  /** GraphQL processing ended (parsing to execution); the phases are offsets from the request's start. */
  executionSummary(endMs: number): void {
    const { parsing, validation } = this;
    this.json({
      duration: this.offset() - parsing.startOffset,
      logType: 'ExecutionSummary',
      requestId: this.requestId,
      startTime: new Date(this.startedMs).toISOString(),
      endTime: new Date(endMs).toISOString(),
      parsing,
      version: 1,
      validation,
      graphQLAPIId: this.apiId,
    });
  }

  /** One field resolved (ALL): where it sits, its types, when it started and how long it took. */
  tracing(info: GraphQLResolveInfo, startOffset: number, resolverArn: string | undefined): void {
    this.json({
      duration: this.offset() - startOffset,
      logType: 'Tracing',
      path: responsePathAsArray(info.path),
      fieldName: info.fieldName,
      startOffset,
      ...(resolverArn ? { resolverArn } : {}),
      requestId: this.requestId,
      parentType: info.parentType.name,
      returnType: String(info.returnType),
      graphQLAPIId: this.apiId,
    });
  }

  /** One handler evaluated: its context and its transformed template (verbose content only), its errors. */
  mapping(
    kind: MappingKind,
    owner: HandlerOwner,
    info: GraphQLResolveInfo,
    context: ResolverContext,
    evaluation: Evaluation,
  ): void {
    if (!this.mappings) return;
    const path = responsePathAsArray(info.path);
    const errors = [...(evaluation.error ? [evaluation.error] : []), ...evaluation.appendedErrors];
    const field = this.field(path);
    if (errors.length > 0) field.inError = true;
    field.entries.push({
      logType: kind,
      path,
      fieldName: info.fieldName,
      ...owner,
      requestId: this.requestId,
      ...(this.verbose
        ? {
            context: {
              arguments: context.arguments,
              ...(context.source != null ? { source: context.source } : {}),
              ...(context.result !== undefined ? { result: context.result } : {}),
              ...(context.prev ? { prev: context.prev } : {}),
              stash: context.stash,
              outErrors: evaluation.appendedErrors,
            },
            transformedTemplate:
              evaluation.rendered ??
              (evaluation.result === undefined ? '' : JSON.stringify(evaluation.result)),
          }
        : {}),
      fieldInError: errors.length > 0,
      errors: errors.map((error) => error.message),
      parentType: info.parentType.name,
      graphQLAPIId: this.apiId,
    });
    // `$util.log.*` and `console.*` lines: INFO and above. The runtimes keep no level per line.
    if (this.level >= LEVELS.indexOf('INFO')) {
      for (const line of evaluation.logs) this.events.push(`${this.requestId} INFO - ${line}`);
    }
  }

  /** The field ended in error (its resolver threw): its mapping entries are logged at ERROR too. */
  fieldFailed(info: GraphQLResolveInfo): void {
    if (this.mappings) this.field(responsePathAsArray(info.path)).inError = true;
  }

  /** The answer went out: the mapping entries that the level keeps, then the request's summary. */
  requestSummary(status: number, responseHeaders: Readonly<Record<string, string>>): void {
    const all = this.level >= LEVELS.indexOf('ALL');
    for (const field of this.fields.values()) {
      if (!all && !field.inError) continue;
      for (const entry of field.entries) this.json(entry);
    }
    this.fields.clear();
    if (this.verbose) {
      this.events.push(`${this.requestId} Response Headers: ${JSON.stringify(responseHeaders)}`);
      this.events.push(
        `${this.requestId} Tokens Consumed: ${responseHeaders['x-amzn-appsync-tokensconsumed'] ?? 1}`,
      );
    }
    this.json({
      logType: 'RequestSummary',
      requestId: this.requestId,
      graphQLAPIId: this.apiId,
      statusCode: status,
      latency: this.offset(),
    });
  }

  private field(path: readonly (string | number)[]): FieldEntries {
    const key = path.join('.');
    let field = this.fields.get(key);
    if (!field) {
      field = { entries: [], inError: false };
      this.fields.set(key, field);
    }
    return field;
  }

  private json(event: Record<string, unknown>): void {
    this.events.push(JSON.stringify(event));
  }
}
