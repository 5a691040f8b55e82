// HTTP data sources: the request's method, resourcePath and params (query, headers, body) sent to the
// data source's endpoint; the result is `{ statusCode, headers, body }` for the response handler.
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-mapping-template-reference-http.html

import type { DataSourceAnswer, DataSourceCall } from './data-source.js';
import { badRequestMapping, isRecord } from './data-source.js';

const TIMEOUT_MS = 10_000;

export async function callHttp(request: DataSourceCall): Promise<DataSourceAnswer> {
  const doc = request.request;
  if (!isRecord(doc) || typeof doc.method !== 'string' || typeof doc.resourcePath !== 'string') {
    return badRequestMapping('An HTTP request needs a method and a resourcePath.');
  }
  const params = isRecord(doc.params) ? doc.params : {};
  const url = new URL(doc.resourcePath, request.dataSource.httpConfig?.endpoint ?? '');
  for (const [name, value] of Object.entries(isRecord(params.query) ? params.query : {})) {
    url.searchParams.append(name, String(value));
  }
  const headers = Object.fromEntries(
    Object.entries(isRecord(params.headers) ? params.headers : {}).map(([name, value]) => [
      name,
      String(value),
    ]),
  );
  try {
    const response = await fetch(url, {
      method: doc.method,
      headers,
      body: params.body === undefined || doc.method === 'GET' ? undefined : String(params.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return {
      result: {
        statusCode: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.text(),
      },
    };
  } catch (error) {
    return { error: { message: `HTTP request failed: ${(error as Error).message}`, type: 'HTTP' } };
  }
}
