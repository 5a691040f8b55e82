// API Gateway's mapping template variables over the shared Velocity engine (src/lib/vtl): `$input` (body,
// json, path, params — of the request, or in a response template of the integration's answer), `$util`
// (escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode, base64Decode), `$context` and
// `$stageVariables`; and the JSONPath subset `$input.path`/`$input.json` read (`$`, `.member`, `['member']`,
// `[index]`, `[*]`).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html

import { clfTime } from '../../../lib/payload-v2.js';
import { commonUtil, renderTemplate } from '../../../lib/vtl/index.js';
import { header, type Invocation } from './invocation.js';

/** What a template can change of the answer (`$context.responseOverride`). */
export interface ResponseOverride {
  status?: number | string;
  header: Record<string, string>;
}

export interface Rendered {
  readonly text: string;
  readonly override: ResponseOverride;
}

/** Renders `template` for the request (`body` is the request's) or the integration's answer. */
export function render(invocation: Invocation, template: string, body: string): Rendered {
  const override: ResponseOverride = { header: {} };
  const text = renderTemplate(template, {
    input: inputVariable(invocation, body),
    util: commonUtil,
    context: {
      ...contextVariable(invocation),
      responseOverride: override,
      requestOverride: { header: {}, querystring: {}, path: {} },
    },
    stageVariables: invocation.stage.variables ?? {},
  });
  return { text, override };
}

/** `$context`: the request's facts (also `context.*` in parameter mappings). */
export function contextVariable(invocation: Invocation): Record<string, unknown> {
  const { api, stage, request, resource } = invocation;
  const authorizer = invocation.authorizer;
  return {
    accountId: api.account,
    apiId: api.doc.id,
    authorizer: authorizer
      ? {
          ...authorizer.context,
          ...(authorizer.principalId !== undefined ? { principalId: authorizer.principalId } : {}),
        }
      : {},
    domainName: invocation.domainName,
    domainPrefix: api.doc.id,
    extendedRequestId: invocation.extendedRequestId,
    httpMethod: request.method,
    identity: identityOf(invocation),
    path: `/${stage.stageName}${invocation.path}`,
    protocol: request.protocol,
    requestId: invocation.requestId,
    requestTime: clfTime(invocation.now),
    requestTimeEpoch: invocation.now,
    resourceId: resource.id,
    resourcePath: resource.path,
    stage: stage.stageName,
  };
}

/** `requestContext.identity` / `$context.identity`: the caller as far as API Gateway knows it. */
export function identityOf(invocation: Invocation): Record<string, string | null> {
  return {
    cognitoIdentityPoolId: null,
    accountId: null,
    cognitoIdentityId: null,
    caller: null,
    sourceIp: invocation.request.sourceIp,
    principalOrgId: null,
    accessKey: null,
    cognitoAuthenticationType: null,
    cognitoAuthenticationProvider: null,
    userArn: null,
    userAgent: header(invocation, 'user-agent') ?? null,
    user: null,
    ...(invocation.apiKeyId
      ? { apiKey: header(invocation, 'x-api-key') ?? null, apiKeyId: invocation.apiKeyId }
      : {}),
    ...invocation.identity,
  };
}

function inputVariable(invocation: Invocation, body: string) {
  let parsed: unknown;
  let parsedOnce = false;
  const document = () => {
    if (!parsedOnce) {
      parsedOnce = true;
      try {
        parsed = body === '' ? {} : JSON.parse(body);
      } catch {
        parsed = undefined;
      }
    }
    return parsed;
  };
  const params = () => ({
    path: invocation.pathParameters,
    querystring: last(invocation.query),
    header: last(invocation.headers),
  });
  return {
    body,
    json: (path: string) => JSON.stringify(jsonPath(document(), String(path)) ?? null),
    path: (path: string) => jsonPath(document(), String(path)),
    params: (name?: string) => {
      if (name === undefined) return params();
      const all = params();
      return all.path[name] ?? all.querystring[name] ?? header(invocation, name) ?? '';
    },
  };
}

/** The JSONPath subset mapping templates use; `[*]` collects. */
export function jsonPath(value: unknown, path: string): unknown {
  if (!path.startsWith('$')) return undefined;
  const steps = [
    ...path.slice(1).matchAll(/\.([^.[\]]+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(\d+|\*)\s*\]/g),
  ];
  let current: unknown[] = [value];
  let many = false;
  for (const step of steps) {
    const name = step[1] ?? step[2] ?? step[3];
    const index = step[4];
    const next: unknown[] = [];
    for (const item of current) {
      if (item === null || typeof item !== 'object') continue;
      if (index === '*' || name === '*') {
        many = true;
        next.push(...(Array.isArray(item) ? item : Object.values(item)));
      } else if (index !== undefined) {
        if (Array.isArray(item) && Number(index) < item.length) next.push(item[Number(index)]);
      } else if (name !== undefined && Object.hasOwn(item, name)) {
        next.push((item as Record<string, unknown>)[name]);
      }
    }
    current = next;
  }
  return many ? current : current[0];
}

function last(values: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, list]) => [name, list[list.length - 1]!]));
}
