// The real-time connections and subscriptions open on every API, and the delivery of each mutation's result
// to those whose subscription field names the mutation in `@aws_subscribe` and whose filter it passes: the
// enhanced filter the subscription's resolver set, else the arguments given (a given argument filters on
// the result's field of the same name). Invalidations end the subscriptions whose invalidation filter the
// payload passes.
// https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html#using-subscription-arguments
// https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-invalidation.html

import type { FieldNode, GraphQLOutputType } from 'graphql';
import type { Invalidation } from './extensions.js';
import { passes, type SubscriptionFilter } from './filters.js';
import { project } from './projection.js';

export interface Subscriber {
  readonly apiId: string;
  /** The subscription's root field (`onCreateOrder`). */
  readonly fieldName: string;
  readonly field: FieldNode;
  /** The field's type, for `__typename` in the projection. */
  readonly type: GraphQLOutputType;
  /** Arguments given (null ones are not filters). */
  readonly filters: Readonly<Record<string, unknown>>;
  /** `extensions.setSubscriptionFilter`: replaces the argument filters when set. */
  readonly filter?: SubscriptionFilter;
  /** `extensions.setSubscriptionInvalidationFilter`: without one, invalidations pass this subscription by. */
  readonly invalidationFilter?: SubscriptionFilter;
  deliver(data: Record<string, unknown>): void;
  /** Ends the subscription from the server side (an invalidation). */
  invalidate(): void;
}

/** An open real-time connection, closed by the hub when the cloud stops or resets. */
export interface OpenConnection {
  shutdown(): Promise<void>;
}

export class SubscriptionHub {
  private readonly byApi = new Map<string, Set<Subscriber>>();
  private readonly connections = new Set<OpenConnection>();

  opened(connection: OpenConnection): void {
    this.connections.add(connection);
  }

  closed(connection: OpenConnection): void {
    this.connections.delete(connection);
  }

  add(subscriber: Subscriber): void {
    let set = this.byApi.get(subscriber.apiId);
    if (!set) {
      set = new Set();
      this.byApi.set(subscriber.apiId, set);
    }
    set.add(subscriber);
  }

  remove(subscriber: Subscriber): void {
    this.byApi.get(subscriber.apiId)?.delete(subscriber);
  }

  count(apiId: string): number {
    return this.byApi.get(apiId)?.size ?? 0;
  }

  /** Sends one mutation field's result to the subscribers of the fields subscribed to it. */
  publish(apiId: string, subscriptionFields: readonly string[], result: unknown): void {
    const subscribers = this.byApi.get(apiId);
    if (!subscribers || result === null || result === undefined) return;
    for (const subscriber of subscribers) {
      if (!subscriptionFields.includes(subscriber.fieldName)) continue;
      const wanted = subscriber.filter
        ? passes(subscriber.filter, result)
        : matches(subscriber.filters, result);
      if (!wanted) continue;
      const key = subscriber.field.alias?.value ?? subscriber.fieldName;
      subscriber.deliver({ [key]: project(result, subscriber.field.selectionSet, subscriber.type) });
    }
  }

  /** `extensions.invalidateSubscriptions`: ends the subscriptions to the field whose invalidation filter
   * the payload passes. */
  invalidate(apiId: string, invalidation: Invalidation): void {
    for (const subscriber of [...(this.byApi.get(apiId) ?? [])]) {
      if (subscriber.fieldName !== invalidation.subscriptionField || !subscriber.invalidationFilter) continue;
      if (passes(subscriber.invalidationFilter, invalidation.payload)) subscriber.invalidate();
    }
  }

  /** Drops every subscription and closes every connection (the cloud resets). */
  clear(): void {
    void this.close();
  }

  /** Closes every connection and drops every subscription; resolves once the sockets are closed. */
  async close(): Promise<void> {
    const open = [...this.connections];
    this.connections.clear();
    this.byApi.clear();
    await Promise.all(open.map((connection) => connection.shutdown()));
  }
}

function matches(filters: Readonly<Record<string, unknown>>, result: unknown): boolean {
  if (typeof result !== 'object' || result === null) return Object.keys(filters).length === 0;
  const values = result as Record<string, unknown>;
  return Object.entries(filters).every(
    ([name, wanted]) => JSON.stringify(values[name]) === JSON.stringify(wanted),
  );
}
