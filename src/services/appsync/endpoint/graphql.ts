// One GraphQL request to an API's endpoint: the body read, the caller authenticated, the document parsed,
// validated and executed against the API's executable schema, and the answer in AppSync's shape — errors
// with `path`, `data`, `errorType`, `errorInfo`, `locations` (with `sourceName`) and `message`.
// https://docs.aws.amazon.com/appsync/latest/devguide/troubleshooting-and-common-mistakes.html

import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  type GraphQLError,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import type { StoredParent } from '../../../core/document-store.js';
import type { MountResponse } from '../../../core/service.js';
import type { AppSync } from '../appsync.js';
import type { GraphqlApiDoc } from '../documents.js';
import { type Executable, type ExecutionContext, executableFor } from '../execution/executable.js';
import { FieldFailure } from '../execution/field-error.js';
import type { RequestEnv } from '../execution/resolve.js';
import { recordRequest } from '../monitoring/metrics.js';
import { type LogConfig, RequestLog } from '../monitoring/request-log.js';
import { ExtensionCalls } from '../realtime/extensions.js';
import type { ResolverError } from '../resolvers/contract.js';
import { authenticate, type Caller } from './authenticate.js';

/** Validated documents kept per API before the cache starts over. */
const VALIDATED_DOCUMENTS = 1000;

export interface GraphqlRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
}

/** A parsed and checked operation, ready to run (the real-time endpoint starts subscriptions from it). */
export interface PreparedOperation {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
}

export async function serveGraphql(
  engine: AppSync,
  api: StoredParent<GraphqlApiDoc>,
  body: Buffer,
  headers: Readonly<Record<string, string>>,
  sourceIp: string,
  domainName: string,
  requestId: string,
): Promise<MountResponse> {
  const startedNs = process.hrtime.bigint();
  const startedMs = engine.clock.now();
  const log = api.doc.logConfig
    ? new RequestLog(requestId, api.doc.apiId, api.doc.logConfig as LogConfig, startedNs, startedMs)
    : undefined;
  const answered = await answerRequest(engine, api, body, headers, sourceIp, domainName, log);
  const response: MountResponse = {
    ...answered,
    // Every answer carries its request id (what the log events are tagged with) and its tokens: one per
    // request that stays under 1,500 KB-seconds, as every local request does.
    headers: { ...answered.headers, 'x-amzn-requestid': requestId, 'x-amzn-appsync-tokensconsumed': '1' },
  };
  if (log) {
    log.requestSummary(response.status, response.headers as Record<string, string>);
    engine.writeLogs(api, log.events);
  }
  recordRequest(engine.metrics, {
    account: api.account,
    region: api.region,
    apiId: api.doc.apiId,
    status: response.status,
    latencyMs: Number(process.hrtime.bigint() - startedNs) / 1e6,
    tokens: 1,
  });
  return response;
}

async function answerRequest(
  engine: AppSync,
  api: StoredParent<GraphqlApiDoc>,
  body: Buffer,
  headers: Readonly<Record<string, string>>,
  sourceIp: string,
  domainName: string,
  log: RequestLog | undefined,
): Promise<MountResponse> {
  let request: GraphqlRequest;
  try {
    request = JSON.parse(body.toString('utf8') || 'null') as GraphqlRequest;
    if (typeof request?.query !== 'string') throw new Error('no query');
  } catch {
    return answer(400, {
      errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }],
    });
  }
  log?.request(headers, request.query, request.operationName, request.variables);
  const caller = await authenticate(engine, api, headers, { sourceIp, ...request });
  if ('refused' in caller)
    return answer(401, { errors: [{ errorType: 'UnauthorizedException', message: caller.refused }] });
  const responseHeaders: Record<string, string> = {};
  const result = await runOperation(engine, api, caller, request, headers, domainName, log, responseHeaders);
  return answer(200, result, responseHeaders);
}

/** Parses and validates a request; GraphQL errors in AppSync's shape when it does not pass. */
export function prepare(
  engine: AppSync,
  api: GraphqlApiDoc,
  request: GraphqlRequest,
  log?: RequestLog,
): PreparedOperation | { readonly errors: Record<string, unknown>[] } {
  let executable: Executable | undefined;
  try {
    executable = executableFor(engine, api);
  } catch {
    executable = undefined;
  }
  const parsingStart = log?.offset() ?? 0;
  // Clients send the same few documents again and again: a document that passed once is kept with the
  // executable schema it was validated against, and dropped with it when the API changes.
  let document = executable?.validated.get(request.query);
  if (!document) {
    try {
      document = parse(request.query);
    } catch (error) {
      return { errors: [formatError(error as GraphQLError, 'InvalidSyntax')] };
    }
    const parsing = { startOffset: parsingStart, duration: (log?.offset() ?? 0) - parsingStart };
    if (!executable) {
      return {
        errors: [{ errorType: 'BadRequestException', message: 'No schema has been defined for this API.' }],
      };
    }
    const validationStart = log?.offset() ?? 0;
    const problems = validate(executable.schema, document);
    if (log) {
      log.parsing = parsing;
      log.validation = { startOffset: validationStart, duration: log.offset() - validationStart };
    }
    if (problems.length > 0)
      return { errors: problems.map((problem) => formatError(problem, 'ValidationError')) };
    if (executable.validated.size >= VALIDATED_DOCUMENTS) executable.validated.clear();
    executable.validated.set(request.query, document);
  } else if (log) {
    log.parsing = { startOffset: parsingStart, duration: 0 };
    log.validation = { startOffset: parsingStart, duration: 0 };
  }
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
  );
  const operation = request.operationName
    ? operations.find((candidate) => candidate.name?.value === request.operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) {
    const message = request.operationName
      ? `Unknown operation named '${request.operationName}'.`
      : 'Must provide operation name if query contains multiple operations.';
    return { errors: [{ errorType: 'ValidationError', message, path: null, locations: null }] };
  }
  return { document, operation };
}

export async function runOperation(
  engine: AppSync,
  api: StoredParent<GraphqlApiDoc>,
  caller: Caller,
  request: GraphqlRequest,
  headers: Readonly<Record<string, string>>,
  domainName: string,
  log?: RequestLog,
  /** Filled with the headers resolvers add (`util.http.addResponseHeader`). */
  responseHeaders?: Record<string, string>,
): Promise<Record<string, unknown>> {
  const prepared = prepare(engine, api.doc, request, log);
  if ('errors' in prepared) return { data: null, errors: prepared.errors };
  const executable = executableFor(engine, api.doc);
  // `extensions.invalidateSubscriptions` calls of the mutation's resolvers (realtime/extensions.ts).
  const extensions = new ExtensionCalls();
  const env: RequestEnv = {
    call: engine.call,
    account: api.account,
    region: api.region,
    identity: caller.identity,
    headers,
    domainName,
    now: () => engine.clock.now(),
    runtimes: extensions.wrap(engine.runtimes),
    dataSource: (name) => executable.dataSources.get(name),
    function: (id) => executable.functions.get(id),
    appended: [],
    variables: api.doc.environmentVariables ?? {},
    batches: new Map(),
    ...(log ? { log } : {}),
    ...(responseHeaders ? { responseHeaders } : {}),
  };
  const context: ExecutionContext = { api: api.doc, caller, env };
  const result = (await execute({
    schema: executable.schema,
    document: prepared.document,
    operationName: request.operationName,
    variableValues: request.variables ?? {},
    contextValue: context,
  })) as ExecutionResult;
  log?.executionSummary(engine.clock.now());
  if (prepared.operation.operation === 'mutation' && result.data) {
    engine.published(api, executable, prepared.operation, result.data);
    for (const invalidation of extensions.invalidations) engine.hub.invalidate(api.doc.apiId, invalidation);
  }
  const errors = [
    ...(result.errors ?? []).map((error) => formatError(error)),
    ...env.appended.map(({ error, path, info }) => appendedError(error, path, info.fieldNodes[0]?.loc)),
  ];
  return { data: result.data ?? null, ...(errors.length > 0 ? { errors } : {}) };
}

export function formatError(error: GraphQLError, errorType?: string): Record<string, unknown> {
  const failure = error.originalError instanceof FieldFailure ? error.originalError : undefined;
  const locations = error.locations?.map((location) => ({ ...location, sourceName: null })) ?? null;
  if (failure) {
    return {
      path: error.path ?? null,
      data: failure.data,
      errorType: failure.errorType,
      errorInfo: failure.errorInfo,
      locations,
      message: failure.message,
    };
  }
  // A value the schema refuses (a bad AWSEmail) or a resolver's own crash.
  const fromExecution = error.path !== undefined;
  return {
    path: error.path ?? null,
    ...(fromExecution
      ? { data: null, errorType: errorType ?? null, errorInfo: null }
      : { errorType: errorType ?? null }),
    locations,
    message: error.message,
  };
}

function appendedError(
  error: ResolverError,
  path: readonly (string | number)[],
  loc: { startToken: { line: number; column: number } } | undefined,
): Record<string, unknown> {
  return {
    path,
    data: error.data ?? null,
    errorType: error.errorType ?? null,
    errorInfo: error.errorInfo ?? null,
    locations: loc ? [{ line: loc.startToken.line, column: loc.startToken.column, sourceName: null }] : null,
    message: error.message,
  };
}

function answer(status: number, body: unknown, added: Record<string, string> = {}): MountResponse {
  return {
    status,
    headers: {
      ...added,
      'content-type': 'application/json; charset=UTF-8',
      'access-control-allow-origin': '*',
    },
    body: JSON.stringify(body),
  };
}
