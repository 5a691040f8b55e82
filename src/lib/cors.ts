// CORS as API Gateway HTTP APIs and Lambda function URLs answer it from a configuration (same members in
// both): preflights answered without calling the function, and the allow headers added to responses.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
// https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors

import type { IncomingHttpHeaders } from 'node:http';

export interface CorsRules {
  AllowCredentials?: boolean;
  AllowHeaders?: string[];
  AllowMethods?: string[];
  AllowOrigins?: string[];
  ExposeHeaders?: string[];
  MaxAge?: number;
}

interface CorsRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
}

/** A preflight answered from the configuration: OPTIONS with an Origin and Access-Control-Request-Method. */
export function isPreflight(request: CorsRequest): boolean {
  return (
    request.method === 'OPTIONS' &&
    request.headers.origin !== undefined &&
    request.headers['access-control-request-method'] !== undefined
  );
}

/** The CORS headers for this request's Origin (none when the origin is not allowed); on a preflight,
 * the methods, headers and max age too. They replace any the function set. */
export function corsHeaders(
  cors: CorsRules,
  request: CorsRequest,
  preflight: boolean,
): Record<string, string> {
  const origin = request.headers.origin;
  const origins = cors.AllowOrigins ?? [];
  if (!origin || !(origins.includes('*') || origins.includes(origin))) return {};
  const headers: Record<string, string> = {
    'access-control-allow-origin': origins.includes('*') && !cors.AllowCredentials ? '*' : origin,
  };
  if (cors.AllowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (cors.ExposeHeaders?.length) headers['access-control-expose-headers'] = cors.ExposeHeaders.join(',');
  if (preflight) {
    if (cors.AllowMethods?.length) headers['access-control-allow-methods'] = cors.AllowMethods.join(',');
    if (cors.AllowHeaders?.length) headers['access-control-allow-headers'] = cors.AllowHeaders.join(',');
    if (cors.MaxAge !== undefined) headers['access-control-max-age'] = String(cors.MaxAge);
  }
  return headers;
}
