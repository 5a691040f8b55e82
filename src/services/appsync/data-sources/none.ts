// NONE data sources: nothing is called; the request's `payload` becomes the response handler's
// `$ctx.result` (local resolvers, often used to publish to subscriptions).
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-mapping-template-reference-none.html

import type { DataSourceAnswer, DataSourceCall } from './data-source.js';
import { isRecord } from './data-source.js';

export function callNone(request: DataSourceCall): DataSourceAnswer {
  const doc = request.request;
  return { result: isRecord(doc) && 'payload' in doc ? doc.payload : null };
}
