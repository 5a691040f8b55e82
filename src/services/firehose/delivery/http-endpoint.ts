// Delivering one buffer to an HTTP endpoint destination: AWS's request (a JSON body of base64 records
// with the X-Amz-Firehose-* headers, gzip'd when ContentEncoding is GZIP) and its response contract (a 200
// whose JSON body echoes the requestId). http:// URLs are accepted too, so local servers can be endpoints.
// https://docs.aws.amazon.com/firehose/latest/dev/httpdeliveryrequestresponse.html

import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Config } from '../destinations.js';
import type { Stream } from '../streams.js';
import type { BufferedRecord, DeliveryContext } from './types.js';

/** How long Firehose waits for a response before the attempt counts as failed. */
const RESPONSE_TIMEOUT_MS = 30_000;

export interface EndpointFailure {
  readonly errorCode: string;
  readonly errorMessage: string;
}

/** Posts the records; resolves undefined when the endpoint acknowledged them, else the failure. */
export async function postToEndpoint(
  ctx: DeliveryContext,
  stream: Stream,
  records: readonly BufferedRecord[],
): Promise<EndpointFailure | undefined> {
  const config = stream.destination.config;
  const endpoint = config.EndpointConfiguration as { Url: string; AccessKey?: string };
  const request = config.RequestConfiguration as
    | { ContentEncoding?: string; CommonAttributes?: { AttributeName: string; AttributeValue: string }[] }
    | undefined;
  const requestId = randomUUID();
  const body = JSON.stringify({
    requestId,
    timestamp: ctx.clock.now(),
    records: records.map((record) => ({ data: record.data.toString('base64') })),
  });
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Amz-Firehose-Protocol-Version': '1.0',
    'X-Amz-Firehose-Request-Id': requestId,
    'X-Amz-Firehose-Source-Arn': stream.row.arn,
  };
  if (endpoint.AccessKey) headers['X-Amz-Firehose-Access-Key'] = endpoint.AccessKey;
  const attributes = request?.CommonAttributes ?? [];
  if (attributes.length > 0) {
    const commonAttributes = Object.fromEntries(attributes.map((a) => [a.AttributeName, a.AttributeValue]));
    headers['X-Amz-Firehose-Common-Attributes'] = JSON.stringify({ commonAttributes });
  }
  const gzip = request?.ContentEncoding === 'GZIP';
  if (gzip) headers['Content-Encoding'] = 'gzip';
  let response: Response;
  try {
    response = await fetch(endpoint.Url, {
      method: 'POST',
      headers,
      body: gzip ? gzipSync(body) : body,
      signal: AbortSignal.timeout(RESPONSE_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = (error as Error)?.name === 'TimeoutError';
    return timedOut
      ? {
          errorCode: 'HttpEndpoint.RequestTimeout',
          errorMessage: `The endpoint did not answer within ${RESPONSE_TIMEOUT_MS / 1000} seconds.`,
        }
      : {
          errorCode: 'HttpEndpoint.ConnectionFailed',
          errorMessage: `Unable to connect to the endpoint: ${(error as Error)?.message}`,
        };
  }
  const text = await response.text().catch(() => '');
  return acknowledgement(response.status, text, requestId);
}

/** "The response … must have a 200 status, a JSON body whose requestId matches the request's" — anything
 * else fails the attempt (the errorMessage of a failed response is reported). */
function acknowledgement(status: number, text: string, requestId: string): EndpointFailure | undefined {
  let body: Config | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    body = typeof parsed === 'object' && parsed !== null ? (parsed as Config) : undefined;
  } catch {
    body = undefined;
  }
  if (status !== 200) {
    const message = typeof body?.errorMessage === 'string' ? body.errorMessage : text.slice(0, 512);
    return {
      errorCode: 'HttpEndpoint.DestinationException',
      errorMessage: `The following response was received from the endpoint destination. ${status}: ${message}`,
    };
  }
  if (!body || body.requestId !== requestId) {
    return {
      errorCode: 'HttpEndpoint.InvalidResponseFromDestination',
      errorMessage:
        'The response received from the specified endpoint is invalid: its body must be JSON with the requestId of the request.',
    };
  }
  return undefined;
}
