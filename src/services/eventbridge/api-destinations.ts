// Connections (authorization for HTTP endpoints) and API destinations (an endpoint, method and
// connection), and the HTTP request a rule target of an API destination makes.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html

import { randomUUID } from 'node:crypto';
import { formatArn } from '../../core/arn.js';
import { alreadyExists, notFound, validation } from './errors.js';
import type { EventBridge } from './eventbridge.js';
import type { ApiDestinationRow, ConnectionRow } from './store.js';
import type { Target } from './targets.js';

export interface AuthParameters {
  BasicAuthParameters?: { Username: string; Password: string };
  ApiKeyAuthParameters?: { ApiKeyName: string; ApiKeyValue: string };
  OAuthParameters?: {
    ClientParameters: { ClientID: string; ClientSecret: string };
    AuthorizationEndpoint: string;
    HttpMethod: string;
    OAuthHttpParameters?: HttpParameters;
  };
  InvocationHttpParameters?: HttpParameters;
}

interface Parameter {
  Key?: string;
  Value?: string;
  IsValueSecret?: boolean;
}

interface HttpParameters {
  HeaderParameters?: Parameter[];
  QueryStringParameters?: Parameter[];
  BodyParameters?: Parameter[];
}

export interface ApiDestinationDefinition {
  readonly description?: string;
  readonly connectionArn: string;
  readonly endpoint: string;
  readonly method: string;
  readonly ratePerSecond?: number;
}

/** API destinations give an endpoint 5 seconds to answer. */
const TIMEOUT_MS = 5000;
/** "EventBridge retries requests that fail with 401, 407, 409, 429 and 5xx" (error handling section). */
const RETRIED = new Set([401, 407, 409, 429]);

/** A failed request to an API destination: `retryable` as EventBridge decides it. */
export class ApiDestinationError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The DLQ ERROR_CODE. */
    readonly code = retryable ? 'CONNECTION_FAILURE' : 'NO_RESOURCE',
  ) {
    super(message);
  }
}

export class ApiDestinations {
  constructor(private readonly engine: EventBridge) {}

  createConnection(
    account: string,
    region: string,
    name: string,
    description: string | undefined,
    type: string,
    auth: AuthParameters,
  ): ConnectionRow {
    checkAuth(type, auth);
    if (this.engine.sql.connectionByName.get(account, region, name))
      throw alreadyExists(`Connection ${name} already exists.`);
    return this.engine.sql.insertConnection.get({
      arn: formatArn({ service: 'events', region, account, resource: `connection/${name}/${randomUUID()}` }),
      account,
      region,
      name,
      description: description ?? null,
      authorization_type: type,
      auth_parameters: JSON.stringify(auth),
      now: this.engine.clock.now(),
    }) as ConnectionRow;
  }

  requireConnection(account: string, region: string, name: string): ConnectionRow {
    const row = this.engine.sql.connectionByName.get(account, region, name) as ConnectionRow | undefined;
    if (!row) throw notFound(`Failed to describe the connection(s). Connection '${name}' does not exist.`);
    return row;
  }

  updateConnection(
    row: ConnectionRow,
    description?: string,
    type?: string,
    auth?: AuthParameters,
  ): ConnectionRow {
    const newType = type ?? row.authorization_type;
    const newAuth = auth ? mergeAuth(JSON.parse(row.auth_parameters) as AuthParameters, auth) : undefined;
    if (newAuth) {
      checkAuth(newType, newAuth);
      checkComplete(newAuth);
    }
    return this.engine.sql.updateConnection.get(
      description ?? row.description,
      newType,
      newAuth ? JSON.stringify(newAuth) : row.auth_parameters,
      this.engine.clock.now(),
      row.arn,
    ) as ConnectionRow;
  }

  createDestination(
    account: string,
    region: string,
    name: string,
    d: ApiDestinationDefinition,
  ): ApiDestinationRow {
    this.connectionByArn(d.connectionArn);
    checkEndpoint(d.endpoint);
    if (this.engine.sql.apiDestinationByName.get(account, region, name))
      throw alreadyExists(`An api-destination '${name}' already exists.`);
    return this.engine.sql.insertApiDestination.get({
      arn: formatArn({
        service: 'events',
        region,
        account,
        resource: `api-destination/${name}/${randomUUID()}`,
      }),
      account,
      region,
      name,
      description: d.description ?? null,
      connection_arn: d.connectionArn,
      endpoint: d.endpoint,
      method: d.method,
      rate_per_second: d.ratePerSecond ?? null,
      now: this.engine.clock.now(),
    }) as ApiDestinationRow;
  }

  requireDestination(account: string, region: string, name: string): ApiDestinationRow {
    const row = this.engine.sql.apiDestinationByName.get(account, region, name) as
      | ApiDestinationRow
      | undefined;
    if (!row)
      throw notFound(
        `Failed to describe the api-destination(s). An api-destination '${name}' does not exist.`,
      );
    return row;
  }

  updateDestination(row: ApiDestinationRow, d: Partial<ApiDestinationDefinition>): ApiDestinationRow {
    if (d.connectionArn !== undefined) this.connectionByArn(d.connectionArn);
    if (d.endpoint !== undefined) checkEndpoint(d.endpoint);
    return this.engine.sql.updateApiDestination.get(
      d.description ?? row.description,
      d.connectionArn ?? row.connection_arn,
      d.endpoint ?? row.endpoint,
      d.method ?? row.method,
      d.ratePerSecond ?? row.rate_per_second,
      this.engine.clock.now(),
      row.arn,
    ) as ApiDestinationRow;
  }

  /** The HTTP request of one delivery to an API destination target; throws ApiDestinationError on failure. */
  async invoke(target: Target, payload: string): Promise<void> {
    const destination = this.engine.sql.apiDestination.get(target.Arn) as ApiDestinationRow | undefined;
    if (!destination) throw new ApiDestinationError(`API destination ${target.Arn} does not exist.`, false);
    const connection = this.engine.sql.connection.get(destination.connection_arn) as
      | ConnectionRow
      | undefined;
    if (!connection)
      throw new ApiDestinationError(`Connection ${destination.connection_arn} does not exist.`, false);
    const auth = JSON.parse(connection.auth_parameters) as AuthParameters;
    const http = (target.HttpParameters ?? {}) as {
      PathParameterValues?: string[];
      HeaderParameters?: Record<string, string>;
      QueryStringParameters?: Record<string, string>;
    };
    const values = [...(http.PathParameterValues ?? [])];
    const url = new URL(destination.endpoint.replace(/\*/g, () => encodeURIComponent(values.shift() ?? '')));
    for (const p of auth.InvocationHttpParameters?.QueryStringParameters ?? []) {
      if (p.Key) url.searchParams.set(p.Key, p.Value ?? '');
    }
    for (const [key, value] of Object.entries(http.QueryStringParameters ?? {}))
      url.searchParams.set(key, value);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Amazon/EventBridge/ApiDestinations',
    };
    for (const p of auth.InvocationHttpParameters?.HeaderParameters ?? []) {
      if (p.Key) headers[p.Key.toLowerCase()] = p.Value ?? '';
    }
    for (const [key, value] of Object.entries(http.HeaderParameters ?? {}))
      headers[key.toLowerCase()] = value;
    Object.assign(headers, await authorization(connection.authorization_type, auth));
    const method = destination.method;
    const body = method === 'GET' || method === 'HEAD' ? undefined : withBodyParameters(payload, auth);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      await response.arrayBuffer();
    } catch (error) {
      throw new ApiDestinationError(`${method} ${url.origin} failed: ${(error as Error).message}`, true);
    }
    if (response.status >= 200 && response.status < 300) return;
    const retryable = RETRIED.has(response.status) || response.status >= 500;
    const message = `${method} ${url.origin}${url.pathname} answered ${response.status}`;
    throw new ApiDestinationError(message, retryable, 'ERROR_FROM_TARGET');
  }

  private connectionByArn(arn: string): ConnectionRow {
    const row = this.engine.sql.connection.get(arn) as ConnectionRow | undefined;
    if (!row) throw notFound(`Connection '${arn}' does not exist.`);
    return row;
  }
}

/** DescribeConnection's AuthParameters: everything but the secrets. */
export function publicAuth(auth: AuthParameters): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (auth.BasicAuthParameters) out.BasicAuthParameters = { Username: auth.BasicAuthParameters.Username };
  if (auth.ApiKeyAuthParameters)
    out.ApiKeyAuthParameters = { ApiKeyName: auth.ApiKeyAuthParameters.ApiKeyName };
  if (auth.OAuthParameters) {
    const { ClientParameters, AuthorizationEndpoint, HttpMethod, OAuthHttpParameters } = auth.OAuthParameters;
    out.OAuthParameters = {
      ClientParameters: { ClientID: ClientParameters?.ClientID },
      AuthorizationEndpoint,
      HttpMethod,
      ...(OAuthHttpParameters ? { OAuthHttpParameters: hideSecrets(OAuthHttpParameters) } : {}),
    };
  }
  if (auth.InvocationHttpParameters)
    out.InvocationHttpParameters = hideSecrets(auth.InvocationHttpParameters);
  return out;
}

function hideSecrets(parameters: HttpParameters): HttpParameters {
  const hide = (list?: Parameter[]) =>
    list?.map((p) => (p.IsValueSecret ? { Key: p.Key, IsValueSecret: true } : p));
  return {
    ...(parameters.HeaderParameters ? { HeaderParameters: hide(parameters.HeaderParameters) } : {}),
    ...(parameters.QueryStringParameters
      ? { QueryStringParameters: hide(parameters.QueryStringParameters) }
      : {}),
    ...(parameters.BodyParameters ? { BodyParameters: hide(parameters.BodyParameters) } : {}),
  };
}

/** UpdateConnection changes only the members it names (every member of its `Update…AuthRequestParameters`
 * is optional), so the stored parameters are merged field by field, OAuth's client parameters included.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_UpdateConnection.html */
function mergeAuth(stored: AuthParameters, update: AuthParameters): AuthParameters {
  const merged: AuthParameters = { ...stored, ...update };
  if (update.BasicAuthParameters) {
    merged.BasicAuthParameters = { ...stored.BasicAuthParameters, ...update.BasicAuthParameters };
  }
  if (update.ApiKeyAuthParameters) {
    merged.ApiKeyAuthParameters = { ...stored.ApiKeyAuthParameters, ...update.ApiKeyAuthParameters };
  }
  if (update.OAuthParameters) {
    const before = stored.OAuthParameters;
    merged.OAuthParameters = {
      ...before,
      ...update.OAuthParameters,
      ClientParameters: { ...before?.ClientParameters, ...update.OAuthParameters.ClientParameters },
    } as NonNullable<AuthParameters['OAuthParameters']>;
  }
  return merged;
}

/** After a merge, each kind of parameters present must be whole (a Basic block needs both halves, as
 * CreateConnection requires); an incomplete one is reported as missing, in checkAuth's words. */
function checkComplete(auth: AuthParameters): void {
  const missing = (type: string) =>
    validation(`The request failed because the ${type} authorization parameters are missing.`);
  const basic = auth.BasicAuthParameters;
  if (basic && (!basic.Username || !basic.Password)) throw missing('BASIC');
  const key = auth.ApiKeyAuthParameters;
  if (key && (!key.ApiKeyName || !key.ApiKeyValue)) throw missing('API_KEY');
  const oauth = auth.OAuthParameters;
  const client = oauth?.ClientParameters;
  if (
    oauth &&
    (!client?.ClientID || !client.ClientSecret || !oauth.AuthorizationEndpoint || !oauth.HttpMethod)
  ) {
    throw missing('OAUTH_CLIENT_CREDENTIALS');
  }
}

function checkAuth(type: string, auth: AuthParameters): void {
  const member = {
    BASIC: 'BasicAuthParameters',
    API_KEY: 'ApiKeyAuthParameters',
    OAUTH_CLIENT_CREDENTIALS: 'OAuthParameters',
  }[type] as keyof AuthParameters | undefined;
  if (member && auth[member] === undefined)
    throw validation(`The request failed because the ${type} authorization parameters are missing.`);
}

function checkEndpoint(endpoint: string): void {
  // AWS requires HTTPS; Nimbus also takes http:// so local servers can be destinations.
  if (!/^https?:\/\/[^\s]+$/i.test(endpoint) || !URL.canParse(endpoint))
    throw validation(`Parameter InvocationEndpoint is not valid. Reason: ${endpoint} is not a valid URL.`);
}

/** Connection body parameters join a JSON object payload. */
function withBodyParameters(payload: string, auth: AuthParameters): string {
  const extra = auth.InvocationHttpParameters?.BodyParameters ?? [];
  if (extra.length === 0) return payload;
  try {
    const body = JSON.parse(payload) as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return payload;
    for (const p of extra) if (p.Key) (body as Record<string, unknown>)[p.Key] = p.Value ?? '';
    return JSON.stringify(body);
  } catch {
    return payload;
  }
}

async function authorization(type: string, auth: AuthParameters): Promise<Record<string, string>> {
  if (type === 'BASIC' && auth.BasicAuthParameters) {
    const { Username, Password } = auth.BasicAuthParameters;
    return { authorization: `Basic ${Buffer.from(`${Username}:${Password}`).toString('base64')}` };
  }
  if (type === 'API_KEY' && auth.ApiKeyAuthParameters) {
    return { [auth.ApiKeyAuthParameters.ApiKeyName.toLowerCase()]: auth.ApiKeyAuthParameters.ApiKeyValue };
  }
  if (type === 'OAUTH_CLIENT_CREDENTIALS' && auth.OAuthParameters)
    return { authorization: await oauthToken(auth) };
  return {};
}

/** Client credentials: the client id and secret as Basic auth on the authorization endpoint, then Bearer. */
async function oauthToken(auth: AuthParameters): Promise<string> {
  const oauth = auth.OAuthParameters!;
  const url = new URL(oauth.AuthorizationEndpoint);
  for (const p of oauth.OAuthHttpParameters?.QueryStringParameters ?? []) {
    if (p.Key) url.searchParams.set(p.Key, p.Value ?? '');
  }
  const headers: Record<string, string> = {
    authorization: `Basic ${Buffer.from(`${oauth.ClientParameters.ClientID}:${oauth.ClientParameters.ClientSecret}`).toString('base64')}`,
    'content-type': 'application/json',
  };
  for (const p of oauth.OAuthHttpParameters?.HeaderParameters ?? [])
    if (p.Key) headers[p.Key.toLowerCase()] = p.Value ?? '';
  const body: Record<string, string> = {};
  for (const p of oauth.OAuthHttpParameters?.BodyParameters ?? []) if (p.Key) body[p.Key] = p.Value ?? '';
  let token: unknown;
  try {
    const response = await fetch(url, {
      method: oauth.HttpMethod,
      headers,
      body: oauth.HttpMethod === 'GET' ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    token = ((await response.json()) as { access_token?: unknown }).access_token;
  } catch (error) {
    throw new ApiDestinationError(`OAuth token request failed: ${(error as Error).message}`, true);
  }
  if (typeof token !== 'string')
    throw new ApiDestinationError('OAuth token response had no access_token', true);
  return `Bearer ${token}`;
}
