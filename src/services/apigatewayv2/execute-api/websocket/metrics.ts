// The AWS/ApiGateway metrics of WebSocket APIs, recorded through the metrics port: ConnectCount per
// accepted `$connect`, MessageCount per message routed (incoming) and per message sent back,
// IntegrationError (the integration failed), ClientError (no route: the Forbidden answer) and
// IntegrationLatency. Dimensions: ApiId, and ApiId + Stage.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-logging.html

import type { MetricDimension, MetricUnit } from '../../../../core/ports/metrics.js';
import type { ApiGatewayV2 } from '../../apigatewayv2.js';
import type { Connection } from './connection.js';

export function recordWebSocket(
  engine: ApiGatewayV2,
  connection: Pick<Connection, 'api' | 'stageName'>,
  metrics: Partial<Record<'ConnectCount' | 'MessageCount' | 'IntegrationError' | 'ClientError', number>> & {
    IntegrationLatency?: number;
  },
): void {
  const sink = engine.metrics;
  if (!sink) return;
  const { api } = connection;
  const id = { Name: 'ApiId', Value: api.doc.ApiId };
  const sets: MetricDimension[][] = [[id], [id, { Name: 'Stage', Value: connection.stageName }]];
  for (const [name, value] of Object.entries(metrics)) {
    const unit: MetricUnit = name === 'IntegrationLatency' ? 'Milliseconds' : 'Count';
    for (const dimensions of sets) {
      sink.record(
        { account: api.account, region: api.region },
        { namespace: 'AWS/ApiGateway', name, dimensions, value, unit },
      );
    }
  }
}
