// The subscriptions open on an API, and the delivery of each mutation's result to those whose
// subscription field names the mutation in `@aws_subscribe` and whose arguments it matches (a given
// argument filters on the result's field of the same name).
// https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html#using-subscription-arguments

import type { FieldNode } from 'graphql';
import { project } from './projection.js';

export interface Subscriber {
  readonly apiId: string;
  /** The subscription's root field (`onCreateOrder`). */
  readonly fieldName: string;
  readonly field: FieldNode;
  /** Arguments given (null ones are not filters). */
  readonly filters: Readonly<Record<string, unknown>>;
  deliver(data: Record<string, unknown>): void;
}

export class SubscriptionHub {
  private readonly byApi = new Map<string, Set<Subscriber>>();

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
      if (!matches(subscriber.filters, result)) continue;
      const key = subscriber.field.alias?.value ?? subscriber.fieldName;
      subscriber.deliver({ [key]: project(result, subscriber.field.selectionSet) });
    }
  }

  clear(): void {
    this.byApi.clear();
  }
}

function matches(filters: Readonly<Record<string, unknown>>, result: unknown): boolean {
  if (typeof result !== 'object' || result === null) return Object.keys(filters).length === 0;
  const values = result as Record<string, unknown>;
  return Object.entries(filters).every(
    ([name, wanted]) => JSON.stringify(values[name]) === JSON.stringify(wanted),
  );
}
