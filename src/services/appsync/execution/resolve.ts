// Runs one field's resolver: a UNIT resolver's request handler, its data source and its response
// handler; a PIPELINE resolver's before handler, each function in turn (request, data source,
// response) and its after handler. Early returns, `util.error` and appended errors as AppSync has them.
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-components.html
// https://docs.aws.amazon.com/appsync/latest/devguide/pipeline-resolvers.html

import { type GraphQLResolveInfo, print, responsePathAsArray, type SelectionNode } from 'graphql';
import type { InProcessCall } from '../../../core/service.js';
import { callDataSource } from '../data-sources/index.js';
import type { DataSourceDoc, FunctionDoc, ResolverDoc } from '../documents.js';
import type { MappingKind, RequestLog } from '../monitoring/request-log.js';
import type {
  Evaluation,
  ResolverContext,
  ResolverError,
  ResolverIdentity,
  ResolverRuntime,
} from '../resolvers/contract.js';
import { FieldFailure } from './field-error.js';
import { isJavaScript } from './handlers.js';

/** What every field of one request shares. */
export interface RequestEnv {
  readonly call: InProcessCall;
  readonly account: string;
  readonly region: string;
  readonly identity: ResolverIdentity;
  readonly headers: Readonly<Record<string, string>>;
  readonly domainName: string | null;
  /** The cloud clock, which `util.time` reads. */
  readonly now: () => number;
  readonly runtimes: { readonly vtl: ResolverRuntime; readonly js: ResolverRuntime };
  readonly dataSource: (name: string) => DataSourceDoc | undefined;
  readonly function: (id: string) => FunctionDoc | undefined;
  /** Lambda batches being gathered for this request (data-sources/lambda.ts). */
  readonly batches?: Map<string, unknown>;
  /** The API's environment variables, `ctx.env`. */
  readonly variables?: Readonly<Record<string, string>>;
  /** `util.http.addResponseHeader(s)`: headers the GraphQL HTTP answer carries (absent on real-time). */
  readonly responseHeaders?: Record<string, string>;
  /** The request's CloudWatch Logs, when the API has a log config (monitoring/request-log.ts). */
  readonly log?: RequestLog;
  /** `util.appendError` errors, reported with the response beside the field's value. */
  readonly appended: { error: ResolverError; path: readonly (string | number)[]; info: GraphQLResolveInfo }[];
}

/** A handler pair: a resolver's or a function's code or templates. */
type Handlers = Pick<ResolverDoc, 'runtime' | 'code' | 'requestMappingTemplate' | 'responseMappingTemplate'>;

export async function resolveField(
  env: RequestEnv,
  resolver: ResolverDoc,
  source: unknown,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
): Promise<unknown> {
  const stash: Record<string, unknown> = {};
  const base = (extra: Partial<ResolverContext> = {}): ResolverContext => ({
    arguments: args,
    source: source ?? null,
    identity: env.identity,
    stash,
    info: resolverInfo(info),
    request: { headers: env.headers, domainName: env.domainName },
    now: env.now,
    env: env.variables ?? {},
    ...extra,
  });
  if (resolver.kind === 'PIPELINE') {
    const before = await request(env, resolver, base(), info);
    if ('early' in before) return before.early;
    let previous = before.value;
    for (const functionId of resolver.pipelineConfig?.functions ?? []) {
      const fn = env.function(functionId);
      if (!fn)
        throw new FieldFailure({
          message: `Function ${functionId} not found.`,
          errorType: 'MappingTemplate',
        });
      previous = await unit(env, fn, fn.dataSourceName, base({ prev: { result: previous } }), info);
    }
    return response(env, resolver, base({ prev: { result: previous }, result: previous }), info, undefined);
  }
  return unit(env, resolver, resolver.dataSourceName, base(), info);
}

/** One step over one data source: request handler, the call, response handler. */
async function unit(
  env: RequestEnv,
  handlers: Handlers,
  dataSourceName: string | undefined,
  context: ResolverContext,
  info: GraphQLResolveInfo,
): Promise<unknown> {
  const dataSource = dataSourceName ? env.dataSource(dataSourceName) : undefined;
  if (!dataSource) {
    throw new FieldFailure({
      message: `Data source ${dataSourceName} not found.`,
      errorType: 'MappingTemplate',
    });
  }
  const direct = !isJavaScript(handlers) && !handlers.requestMappingTemplate;
  let dataSourceRequest: unknown;
  if (!direct) {
    const requested = await request(env, handlers, context, info);
    if ('early' in requested) return requested.early;
    dataSourceRequest = requested.value;
  }
  const owner = handlers as Partial<
    Pick<ResolverDoc, 'resolverArn' | 'maxBatchSize'> & Pick<FunctionDoc, 'functionArn'>
  >;
  const answer = await callDataSource(env.call, {
    dataSource,
    account: env.account,
    region: env.region,
    request: dataSourceRequest,
    context,
    ...(env.batches
      ? {
          batching: {
            key: `${owner.functionArn ?? owner.resolverArn}|${dataSource.name}`,
            maxBatchSize: owner.maxBatchSize ?? 0,
            open: env.batches,
          },
        }
      : {}),
  });
  const result = 'result' in answer ? (answer.result ?? null) : null;
  const error = 'error' in answer ? { message: answer.error.message, type: answer.error.type } : null;
  const raisedAutomatically = direct || version(dataSourceRequest) === '2017-02-28';
  if (
    'error' in answer &&
    (raisedAutomatically || (!isJavaScript(handlers) && !handlers.responseMappingTemplate))
  ) {
    throw new FieldFailure({
      message: answer.error.message,
      errorType: answer.error.type,
      data: answer.error.data,
    });
  }
  const responseContext = { ...context, result, error };
  if (!isJavaScript(handlers) && !handlers.responseMappingTemplate) return result;
  return response(env, handlers, responseContext, info, result);
}

async function request(
  env: RequestEnv,
  handlers: Handlers,
  context: ResolverContext,
  info: GraphQLResolveInfo,
): Promise<{ value: unknown } | { early: unknown }> {
  const source = isJavaScript(handlers) ? handlers.code : handlers.requestMappingTemplate;
  // A pipeline resolver without a before handler passes nothing on (VTL's default is `{}`).
  if (!source) return { value: {} };
  const evaluation = await runtimeOf(env, handlers).evaluate(source, 'request', context);
  logMapping(env, handlers, 'request', info, context, evaluation);
  settle(env, evaluation, info);
  if (evaluation.earlyReturn) return { early: evaluation.earlyReturn.value };
  return { value: evaluation.result };
}

async function response(
  env: RequestEnv,
  handlers: Handlers,
  context: ResolverContext,
  info: GraphQLResolveInfo,
  fallback: unknown,
): Promise<unknown> {
  const source = isJavaScript(handlers) ? handlers.code : handlers.responseMappingTemplate;
  if (!source) return fallback ?? context.prev?.result ?? null;
  const evaluation = await runtimeOf(env, handlers).evaluate(source, 'response', context);
  logMapping(env, handlers, 'response', info, context, evaluation);
  settle(env, evaluation, info);
  if (evaluation.earlyReturn) return evaluation.earlyReturn.value;
  return evaluation.result;
}

/** Raises what ends the field (util.error, unauthorized) and keeps what only accompanies it. */
function settle(env: RequestEnv, evaluation: Evaluation, info: GraphQLResolveInfo): void {
  if (evaluation.responseHeaders && env.responseHeaders)
    Object.assign(env.responseHeaders, evaluation.responseHeaders);
  for (const error of evaluation.appendedErrors) {
    env.appended.push({ error, path: responsePathAsArray(info.path), info });
  }
  if (evaluation.unauthorized) {
    throw new FieldFailure({
      message: `Not Authorized to access ${info.fieldName} on type ${info.parentType.name}`,
      errorType: 'Unauthorized',
    });
  }
  if (evaluation.error) throw new FieldFailure(evaluation.error);
}

/** A pipeline resolver's own handlers are its before and after mappings; a function's or a unit
 * resolver's are request and response mappings. */
function logMapping(
  env: RequestEnv,
  handlers: Handlers,
  handler: 'request' | 'response',
  info: GraphQLResolveInfo,
  context: ResolverContext,
  evaluation: Evaluation,
): void {
  if (!env.log) return;
  const owner = handlers as Partial<
    Pick<ResolverDoc, 'resolverArn' | 'kind'> & Pick<FunctionDoc, 'functionArn'>
  >;
  const pipeline = owner.kind === 'PIPELINE';
  const kind: MappingKind =
    handler === 'request'
      ? pipeline
        ? 'BeforeMapping'
        : 'RequestMapping'
      : pipeline
        ? 'AfterMapping'
        : 'ResponseMapping';
  env.log.mapping(
    kind,
    owner.functionArn ? { functionArn: owner.functionArn } : { resolverArn: owner.resolverArn },
    info,
    context,
    evaluation,
  );
}

function runtimeOf(env: RequestEnv, handlers: Handlers): ResolverRuntime {
  return isJavaScript(handlers) ? env.runtimes.js : env.runtimes.vtl;
}

function version(request: unknown): unknown {
  return typeof request === 'object' && request !== null
    ? (request as { version?: unknown }).version
    : undefined;
}

/** `ctx.info`: the field, its parent type, the variables, and the selection below it. */
function resolverInfo(info: GraphQLResolveInfo) {
  const selectionSetList: string[] = [];
  const walk = (selections: readonly SelectionNode[], prefix: string) => {
    for (const selection of selections) {
      if (selection.kind !== 'Field') continue;
      const name = `${prefix}${selection.alias?.value ?? selection.name.value}`;
      if (selection.name.value.startsWith('__')) continue;
      selectionSetList.push(name);
      if (selection.selectionSet) walk(selection.selectionSet.selections, `${name}/`);
    }
  };
  const node = info.fieldNodes[0];
  if (node?.selectionSet) walk(node.selectionSet.selections, '');
  return {
    fieldName: info.fieldName,
    parentTypeName: info.parentType.name,
    variables: info.variableValues,
    selectionSetList,
    selectionSetGraphQL: node?.selectionSet ? print(node.selectionSet) : '',
  };
}
