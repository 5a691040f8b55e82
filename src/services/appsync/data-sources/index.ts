// Calls the data source a resolver or function names, by its type; the types Nimbus does not serve
// answer the error AppSync would give for a data source it cannot reach.
// https://docs.aws.amazon.com/appsync/latest/devguide/attaching-a-data-source.html

import type { InProcessCall } from '../../../core/service.js';
import type { DataSourceAnswer, DataSourceCall } from './data-source.js';
import { callDynamoDb } from './dynamodb.js';
import { callEventBridge } from './eventbridge.js';
import { callHttp } from './http.js';
import { callLambda } from './lambda.js';
import { callNone } from './none.js';

export async function callDataSource(
  call: InProcessCall,
  request: DataSourceCall,
): Promise<DataSourceAnswer> {
  switch (request.dataSource.type) {
    case 'AMAZON_DYNAMODB':
      return callDynamoDb(call, request);
    case 'AWS_LAMBDA':
      return callLambda(call, request);
    case 'NONE':
      return callNone(request);
    case 'HTTP':
      return callHttp(request);
    case 'AMAZON_EVENTBRIDGE':
      return callEventBridge(call, request);
    default:
      return {
        error: {
          message: `Data sources of type ${request.dataSource.type} are not served by Nimbus.`,
          type: 'DataSourceUnavailable',
        },
      };
  }
}
