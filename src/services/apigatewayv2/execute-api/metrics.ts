// The AWS/ApiGateway metrics of HTTP APIs, recorded through the metrics port as each routed request is
// answered: Count, 4xx and 5xx (0 or 1 per request, so Average is the error rate), Latency (request to
// response) and IntegrationLatency (the integration's share), DataProcessed (response bytes). Dimensions:
// ApiId, and ApiId + Stage.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html

import type { MetricDimension, MetricSink, MetricUnit } from '../../../core/ports/metrics.js';

const NAMESPACE = 'AWS/ApiGateway';

export interface ServedRequest {
  readonly account: string;
  readonly region: string;
  readonly apiId: string;
  readonly stage: string;
  readonly status: number;
  readonly bytes: number;
  readonly latencyMs: number;
  readonly integrationLatencyMs?: number;
}

export function recordRequest(sink: MetricSink | undefined, served: ServedRequest): void {
  if (!sink) return;
  const api = { Name: 'ApiId', Value: served.apiId };
  const sets: MetricDimension[][] = [[api], [api, { Name: 'Stage', Value: served.stage }]];
  const put = (name: string, value: number, unit: MetricUnit) => {
    for (const dimensions of sets)
      sink.record(served, { namespace: NAMESPACE, name, dimensions, value, unit });
  };
  put('Count', 1, 'Count');
  put('4xx', served.status >= 400 && served.status < 500 ? 1 : 0, 'Count');
  put('5xx', served.status >= 500 ? 1 : 0, 'Count');
  put('Latency', served.latencyMs, 'Milliseconds');
  if (served.integrationLatencyMs !== undefined)
    put('IntegrationLatency', served.integrationLatencyMs, 'Milliseconds');
  put('DataProcessed', served.bytes, 'Bytes');
}
