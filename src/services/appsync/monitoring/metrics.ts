// The AWS/AppSync metrics of the GraphQL endpoint, recorded through the metrics port as each request is
// answered: Requests, 4XXError and 5XXError (0 or 1 per request, so Average is the error rate), Latency and
// TokensConsumed, all in the one dimension GraphQLAPIId.
// https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html (CloudWatch metrics)

import type { MetricSink, MetricUnit } from '../../../core/ports/metrics.js';

const NAMESPACE = 'AWS/AppSync';

export interface AnsweredRequest {
  readonly account: string;
  readonly region: string;
  readonly apiId: string;
  readonly status: number;
  readonly latencyMs: number;
  readonly tokens: number;
}

export function recordRequest(sink: MetricSink | undefined, answered: AnsweredRequest): void {
  if (!sink) return;
  const dimensions = [{ Name: 'GraphQLAPIId', Value: answered.apiId }];
  const put = (name: string, value: number, unit: MetricUnit) =>
    sink.record(answered, { namespace: NAMESPACE, name, dimensions, value, unit });
  put('Requests', 1, 'Count');
  put('4XXError', answered.status >= 400 && answered.status < 500 ? 1 : 0, 'Count');
  put('5XXError', answered.status >= 500 ? 1 : 0, 'Count');
  put('Latency', answered.latencyMs, 'Milliseconds');
  put('TokensConsumed', answered.tokens, 'Count');
}
