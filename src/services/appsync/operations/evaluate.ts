// EvaluateMappingTemplate and EvaluateCode: one VTL template or one APPSYNC_JS function run against a
// context the caller gives as JSON, with no API and no data source, answering what the handler produced.
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_EvaluateMappingTemplate.html
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_EvaluateCode.html

import * as model from '../../../core/generated/appsync.js';
import { badRequest } from '../errors.js';
import type { ResolverContext, ResolverIdentity } from '../resolvers/contract.js';
import { codeErrors } from '../resolvers/js/check.js';
import { evaluationOf, runHandler } from '../resolvers/js/index.js';
import { renderResolverTemplate } from '../resolvers/vtl/index.js';
import { operation } from './operation.js';

type Json = Record<string, unknown>;

/** The identity's mode from its members (the API takes identity as templates see it, without a mode). */
function identityOf(identity: unknown): ResolverIdentity {
  if (!identity || typeof identity !== 'object') return null;
  const i = identity as Json;
  const kind =
    'resolverContext' in i
      ? 'AWS_LAMBDA'
      : 'userArn' in i || 'accountId' in i
        ? 'AWS_IAM'
        : String(i.issuer ?? '').includes('cognito-idp')
          ? 'AMAZON_COGNITO_USER_POOLS'
          : 'OPENID_CONNECT';
  return { ...i, kind } as unknown as ResolverIdentity;
}

/** The request's `context` JSON as a ResolverContext on the cloud's clock. */
export function contextFrom(text: string, now: () => number): ResolverContext {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badRequest(`Unable to parse the context: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('The context must be a JSON object.');
  }
  const c = parsed as Json;
  const stash = c.stash && typeof c.stash === 'object' ? (c.stash as Json) : {};
  const info = (c.info ?? {}) as Json;
  return {
    arguments: (c.arguments ?? c.args ?? {}) as Json,
    source: c.source ?? null,
    identity: identityOf(c.identity),
    stash: { ...stash },
    ...(c.prev !== undefined ? { prev: c.prev as { result: unknown } } : {}),
    ...(c.result !== undefined ? { result: c.result } : {}),
    ...(c.error !== undefined ? { error: c.error as { message: string; type: string } } : {}),
    info: {
      fieldName: String(info.fieldName ?? ''),
      parentTypeName: String(info.parentTypeName ?? ''),
      variables: (info.variables ?? {}) as Json,
      selectionSetList: (info.selectionSetList ?? []) as string[],
      selectionSetGraphQL: String(info.selectionSetGraphQL ?? ''),
    },
    request: {
      headers: ((c.request as Json | undefined)?.headers ?? {}) as Record<string, string>,
      domainName: ((c.request as Json | undefined)?.domainName ?? null) as string | null,
    },
    now,
  };
}

export const evaluateMappingTemplate = operation({
  http: model.operations.EvaluateMappingTemplate.http,
  input: model.EvaluateMappingTemplateRequest,
  output: model.EvaluateMappingTemplateResponse,
  run: (input, engine) => {
    const context = contextFrom(input.context, () => engine.clock.now());
    const out = renderResolverTemplate(input.template, context);
    const { session } = out;
    const evaluationResult = out.returned ? JSON.stringify(out.returned.value) : out.rendered;
    const error = out.error ?? (out.unauthorized ? { message: 'Unauthorized' } : undefined);
    return {
      ...(evaluationResult !== undefined && !error ? { evaluationResult } : {}),
      ...(error ? { error: { message: error.message } } : {}),
      logs: session.logs,
      stash: JSON.stringify(context.stash),
      outErrors: JSON.stringify(session.appendedErrors),
    };
  },
});

export const evaluateCode = operation({
  http: model.operations.EvaluateCode.http,
  input: model.EvaluateCodeRequest,
  output: model.EvaluateCodeResponse,
  run: (input, engine) => {
    if (input.runtime.name !== 'APPSYNC_JS' || input.runtime.runtimeVersion !== '1.0.0') {
      throw badRequest(`Unsupported runtime ${input.runtime.name} ${input.runtime.runtimeVersion}.`);
    }
    const context = contextFrom(input.context, () => engine.clock.now());
    const problems = codeErrors(input.code);
    if (problems.length > 0) {
      return {
        error: {
          message: 'The code contains one or more errors.',
          codeErrors: problems.map((p) => ({ ...p })),
        },
        logs: [],
      };
    }
    const handler = input.function ?? 'request';
    const evaluation = evaluationOf(runHandler(input.code, handler, context), handler);
    const value = evaluation.earlyReturn ? evaluation.earlyReturn.value : evaluation.result;
    const error = evaluation.error ?? (evaluation.unauthorized ? { message: 'Unauthorized' } : undefined);
    return {
      ...(error
        ? { error: { message: error.message } }
        : { evaluationResult: JSON.stringify(value ?? null) }),
      logs: [...evaluation.logs],
      stash: JSON.stringify(context.stash),
      outErrors: JSON.stringify(evaluation.appendedErrors),
    };
  },
});
