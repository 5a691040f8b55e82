// AMAZON_EVENTBRIDGE data sources: `PutEvents` onto the data source's bus, in process; the result is
// PutEvents' answer (`Entries`, `FailedEntryCount`).
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-eventbridge-js.html

import { ServiceError } from '../../../core/errors.js';
import type { InProcessCall } from '../../../core/service.js';
import type { DataSourceAnswer, DataSourceCall } from './data-source.js';
import { badRequestMapping, isRecord } from './data-source.js';

export async function callEventBridge(
  call: InProcessCall,
  request: DataSourceCall,
): Promise<DataSourceAnswer> {
  const doc = request.request;
  if (!isRecord(doc) || doc.operation !== 'PutEvents' || !Array.isArray(doc.events)) {
    return badRequestMapping('An EventBridge request needs operation PutEvents and a list of events.');
  }
  const bus = request.dataSource.eventBridgeConfig?.eventBusArn ?? 'default';
  const entries = doc.events.map((event: Record<string, unknown>) => ({
    EventBusName: bus,
    Source: event.source,
    DetailType: event.detailType,
    Detail: typeof event.detail === 'string' ? event.detail : JSON.stringify(event.detail ?? {}),
    ...(Array.isArray(event.resources) ? { Resources: event.resources } : {}),
    ...(event.time !== undefined ? { Time: new Date(String(event.time)) } : {}),
  }));
  try {
    const output = await call(
      'eventbridge',
      'PutEvents',
      { Entries: entries },
      { account: request.account, region: request.region, caller: 'appsync.amazonaws.com' },
    );
    return { result: output };
  } catch (error) {
    if (error instanceof ServiceError)
      return { error: { message: error.message, type: `EventBridge:${error.code}` } };
    throw error;
  }
}
