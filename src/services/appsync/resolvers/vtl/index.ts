// The VTL resolver runtime: a request or response mapping template rendered with velocityjs (through
// src/lib/vtl) against `$context`/`$ctx`, `$util` and `$extensions`, then read as JSON.
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-mapping-template-reference-overview.html
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference.html

import { parse } from 'velocityjs';
import { renderTemplate, TemplateError } from '../../../../lib/vtl/index.js';
import type { Evaluation, ResolverContext, ResolverError, ResolverRuntime } from '../contract.js';
import { ErrorSignal, ReturnSignal, Session, UnauthorizedSignal } from '../util/signals.js';
import { javaMethods } from './java-methods.js';
import { vtlExtensions, vtlUtil } from './util.js';

/** AppSync reports template problems with this errorType. */
export const MAPPING_TEMPLATE = 'MappingTemplate';

/** `#return` alone is `#return()` to velocityjs, which runs unknown directives with parentheses as macros. */
function prepared(template: string): string {
  // velocityjs lexes a `{` right after a call's `)` as the start of a `${…}` reference, where Velocity
  // writes it as text (`$util.qr($m.put("a", 1)){"x": 1}`); an empty directive between them keeps it text (velocityjs has no `#**#`).
  return template
    .replace(/#(?:return|\{return\})(?!\s*\()/g, '#return()')
    .replace(/\)\{/g, ')#if(false)#end{');
}

/** `$ctx.identity` as templates see it: the contract's identity without its `kind` tag. */
function identityOf(context: ResolverContext): unknown {
  if (!context.identity) return null;
  const { kind: _kind, ...rest } = context.identity;
  return rest;
}

function templateError(error: TemplateError | Error): ResolverError {
  const where =
    error instanceof TemplateError && error.line !== undefined
      ? ` at line ${error.line}, column ${(error.column ?? 0) + 1}`
      : '';
  return { message: `Template error${where}: ${error.message}`, errorType: MAPPING_TEMPLATE };
}

/** What rendering gave: the text (EvaluateMappingTemplate's evaluationResult) and the session's record. */
export interface Rendering {
  readonly rendered?: string;
  readonly returned?: { readonly value: unknown };
  readonly error?: ResolverError;
  readonly unauthorized?: boolean;
  readonly session: Session;
}

export function renderResolverTemplate(template: string, context: ResolverContext): Rendering {
  const session = new Session(context.now ?? (() => Date.now()));
  const ctx = {
    arguments: context.arguments,
    args: context.arguments,
    source: context.source ?? null,
    identity: identityOf(context),
    stash: context.stash,
    prev: context.prev ?? null,
    result: context.result ?? null,
    error: context.error ?? null,
    info: context.info,
    request: context.request,
    env: context.env ?? {},
  };
  // `$util` and `$utils` are one object, as in AppSync.
  const util = vtlUtil(session, context);
  try {
    const rendered = renderTemplate(
      prepared(template),
      {
        context: ctx,
        ctx,
        util,
        utils: util,
        extensions: vtlExtensions(session),
      },
      {
        methods: javaMethods,
        macros: {
          return: (value?: unknown) => {
            throw new ReturnSignal(value === undefined ? null : value);
          },
        },
      },
    );
    return { rendered, session };
  } catch (error) {
    if (error instanceof ReturnSignal) return { returned: { value: error.value }, session };
    if (error instanceof ErrorSignal) return { error: error.error, session };
    if (error instanceof UnauthorizedSignal) return { unauthorized: true, session };
    if (error instanceof Error) return { error: templateError(error), session };
    return { error: { message: String(error), errorType: MAPPING_TEMPLATE }, session };
  }
}

function evaluation(rendering: Rendering, extra: Partial<Evaluation>): Evaluation {
  const { session } = rendering;
  return {
    appendedErrors: session.appendedErrors,
    logs: session.logs,
    invalidations: session.invalidations,
    evictions: session.evictions,
    responseHeaders: session.responseHeaders,
    ...(session.subscriptionFilter !== undefined ? { subscriptionFilter: session.subscriptionFilter } : {}),
    ...(session.subscriptionInvalidationFilter !== undefined
      ? { subscriptionInvalidationFilter: session.subscriptionInvalidationFilter }
      : {}),
    ...(rendering.error ? { error: rendering.error } : {}),
    ...(rendering.unauthorized ? { unauthorized: true } : {}),
    ...extra,
  };
}

export const vtlRuntime: ResolverRuntime = {
  check(source) {
    try {
      parse(prepared(source));
      return { ok: true };
    } catch (error) {
      const problem = new TemplateError((error as Error).message);
      const loc = (error as { hash?: { loc?: { first_line?: number; first_column?: number } } }).hash?.loc;
      problem.line = loc?.first_line;
      problem.column = loc?.first_column;
      return { ok: false, message: templateError(problem).message };
    }
  },

  async evaluate(source, handler, context) {
    const rendering = renderResolverTemplate(source, context);
    if (rendering.returned) {
      const value = rendering.returned.value;
      return evaluation(rendering, handler === 'request' ? { earlyReturn: { value } } : { result: value });
    }
    if (rendering.rendered === undefined) return evaluation(rendering, {});
    const rendered = rendering.rendered;
    if (rendered.trim() === '') return evaluation(rendering, { rendered, result: null });
    try {
      return evaluation(rendering, { rendered, result: JSON.parse(rendered) as unknown });
    } catch (error) {
      // AppSync reads every rendered template as JSON ("Unable to parse the JSON document").
      return evaluation(rendering, {
        rendered,
        error: {
          message: `Unable to parse the JSON document: ${(error as Error).message}`,
          errorType: MAPPING_TEMPLATE,
        },
      });
    }
  },
};
