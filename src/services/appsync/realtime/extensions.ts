// What one request's resolvers asked of the real-time machinery through `extensions` (subscription and
// invalidation filters at a subscription's start, invalidations in a mutation): the runtimes already
// return them with each evaluation; this wraps the runtimes of one request to collect them.
// https://docs.aws.amazon.com/appsync/latest/devguide/extensions-js.html

import type { ResolverRuntime } from '../resolvers/contract.js';

/** "You can only use at most five unique extensions.invalidateSubscriptions() method calls in any single
 * request. If you exceed this limit, you will receive a GraphQL error." (extensions-js.html) */
const MAX_INVALIDATIONS = 5;

export interface Invalidation {
  readonly subscriptionField: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export class ExtensionCalls {
  subscriptionFilter: unknown;
  invalidationFilter: unknown;
  readonly invalidations: Invalidation[] = [];

  /** The runtimes, each evaluation's extension calls recorded here. */
  wrap(runtimes: { readonly vtl: ResolverRuntime; readonly js: ResolverRuntime }) {
    return { vtl: this.recording(runtimes.vtl), js: this.recording(runtimes.js) };
  }

  private recording(runtime: ResolverRuntime): ResolverRuntime {
    return {
      check: (source) => runtime.check(source),
      evaluate: async (source, handler, context) => {
        const evaluation = await runtime.evaluate(source, handler, context);
        if (evaluation.subscriptionFilter !== undefined)
          this.subscriptionFilter = evaluation.subscriptionFilter;
        if (evaluation.subscriptionInvalidationFilter !== undefined) {
          this.invalidationFilter = evaluation.subscriptionInvalidationFilter;
        }
        for (const raw of evaluation.invalidations) {
          const invalidation = asInvalidation(raw);
          if (!invalidation) continue;
          const key = JSON.stringify(invalidation);
          if (this.invalidations.some((known) => JSON.stringify(known) === key)) continue;
          if (this.invalidations.length >= MAX_INVALIDATIONS) {
            return {
              ...evaluation,
              result: undefined,
              error: {
                message: `Maximum number of ${MAX_INVALIDATIONS} unique invalidateSubscriptions calls per request exceeded.`,
                errorType: 'BadRequestException',
              },
            };
          }
          this.invalidations.push(invalidation);
        }
        return evaluation;
      },
    };
  }
}

function asInvalidation(raw: unknown): Invalidation | undefined {
  const { subscriptionField, payload } = (raw ?? {}) as { subscriptionField?: unknown; payload?: unknown };
  if (typeof subscriptionField !== 'string') return undefined;
  const map = payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
  return { subscriptionField, payload: map };
}
