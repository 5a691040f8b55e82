// The AWS/AppSync metrics, recorded through the metrics port: for the GraphQL endpoint as each request is
// answered (Requests, 4XXError and 5XXError — 0 or 1 per request, so Average is the error rate — Latency and
// TokensConsumed), and for the real-time endpoint at each step of a connection (ConnectRequests,
// ConnectSuccess, SubscribeSuccess, PublishDataMessageSuccess and PublishDataMessageSize, …); all in the one
// dimension GraphQLAPIId.
// https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html (CloudWatch metrics; Real-time subscriptions)

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

/** The real-time metrics Nimbus counts (AppSync's names); each is a Count but the two noted. */
export type RealtimeMetric =
  | 'ConnectRequests'
  | 'ConnectSuccess'
  | 'ConnectClientError'
  | 'DisconnectSuccess'
  | 'SubscribeSuccess'
  | 'SubscribeClientError'
  | 'UnsubscribeSuccess'
  | 'PublishDataMessageSuccess'
  | 'PublishDataMessageSize' // Bytes
  | 'ConnectionDuration'; // Milliseconds

const REALTIME_UNITS: Partial<Record<RealtimeMetric, MetricUnit>> = {
  PublishDataMessageSize: 'Bytes',
  ConnectionDuration: 'Milliseconds',
};

export function recordRealtime(
  sink: MetricSink | undefined,
  scope: { readonly account: string; readonly region: string; readonly apiId: string },
  name: RealtimeMetric,
  value = 1,
): void {
  sink?.record(scope, {
    namespace: NAMESPACE,
    name,
    dimensions: [{ Name: 'GraphQLAPIId', Value: scope.apiId }],
    value,
    unit: REALTIME_UNITS[name] ?? 'Count',
  });
}
