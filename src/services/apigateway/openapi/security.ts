// Security in a REST API's definition: security schemes carrying `x-amazon-apigateway-authorizer` become
// authorizers (TOKEN, REQUEST, COGNITO_USER_POOLS), an `apiKey` scheme named `x-api-key` in the header marks
// methods that need an API key, `x-amazon-apigateway-authtype: awsSigv4` means AWS_IAM; and back again for
// exports.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html

import type { RequestContext } from '../../../core/service.js';
import type { JsonObject, OpenApiDocument } from '../../../lib/openapi/document.js';
import { readAuthorizer, writeAuthorizer, X } from '../../../lib/openapi/extensions.js';
import { type OpenApiOperation, securitySchemesOf } from '../../../lib/openapi/paths.js';
import type { AuthorizerDoc, MethodDoc } from '../documents.js';
import { createAuthorizer } from '../operations/authorizers.js';
import type { Engine } from '../operations/operation.js';

export interface MethodSecurity {
  authorizationType: string;
  apiKeyRequired: boolean;
  authorizerId?: string;
  authorizationScopes?: string[];
}

/** What each scheme name means once imported. */
export type SchemeTable = Map<
  string,
  { kind: 'apiKey' } | { kind: 'iam' } | { kind: 'authorizer'; id: string; type: string }
>;

export const API_KEY_SCHEME = 'api_key';
export const SIGV4_SCHEME = 'sigv4';

export function importAuthorizers(
  engine: Engine,
  ctx: RequestContext,
  apiId: string,
  doc: OpenApiDocument,
  warnings: string[],
): SchemeTable {
  const table: SchemeTable = new Map();
  const existing = new Map(engine.children(apiId, 'authorizer').map((a) => [a.name, a]));
  for (const [name, scheme] of Object.entries(securitySchemesOf(doc))) {
    const extension = readAuthorizer(scheme[X.authorizer], name);
    if (!extension) {
      if (String(scheme[X.authtype] ?? '').toLowerCase() === 'awssigv4') table.set(name, { kind: 'iam' });
      else if (scheme.type === 'apiKey' && String(scheme.name).toLowerCase() === 'x-api-key') {
        table.set(name, { kind: 'apiKey' });
      } else
        warnings.push(`Unsupported security definition type '${String(scheme.type)}' for ${name}. Ignoring.`);
      continue;
    }
    const header = typeof scheme.name === 'string' ? scheme.name : 'Authorization';
    const input = {
      restApiId: apiId,
      name,
      type: extension.type,
      identitySource:
        extension.identitySource ??
        (extension.type === 'REQUEST' ? undefined : `method.request.header.${header}`),
      ...(typeof scheme[X.authtype] === 'string' ? { authType: scheme[X.authtype] as string } : {}),
      ...pick(extension, [
        'authorizerUri',
        'authorizerCredentials',
        'identityValidationExpression',
        'providerARNs',
      ]),
      ...(extension.authorizerResultTtlInSeconds !== undefined
        ? { authorizerResultTtlInSeconds: extension.authorizerResultTtlInSeconds }
        : {}),
    };
    const found = existing.get(name);
    if (found) engine.deleteChild(apiId, 'authorizer', found.id); // merge: the definition's replaces it
    const made = createAuthorizer.run(input, engine, ctx) as AuthorizerDoc;
    if (found) {
      engine.deleteChild(apiId, 'authorizer', made.id);
      engine.insertChild(apiId, 'authorizer', found.id, { ...made, id: found.id }); // methods keep pointing at it
    }
    table.set(name, { kind: 'authorizer', id: found?.id ?? made.id, type: extension.type });
  }
  return table;
}

/** A method's authorization from the first security requirement that applies. */
export function securityOf(op: OpenApiOperation, table: SchemeTable, warnings: string[]): MethodSecurity {
  const out: MethodSecurity = { authorizationType: 'NONE', apiKeyRequired: false };
  for (const [name, scopes] of Object.entries(op.security[0] ?? {})) {
    const scheme = table.get(name);
    if (!scheme) {
      warnings.push(
        `Unable to find security definition ${name} for method ${op.method} ${op.path}. Ignoring.`,
      );
    } else if (scheme.kind === 'apiKey') out.apiKeyRequired = true;
    else if (scheme.kind === 'iam') out.authorizationType = 'AWS_IAM';
    else {
      out.authorizationType = scheme.type === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : 'CUSTOM';
      out.authorizerId = scheme.id;
      if (scheme.type === 'COGNITO_USER_POOLS' && Array.isArray(scopes) && scopes.length > 0) {
        out.authorizationScopes = scopes.map(String);
      }
    }
  }
  return out;
}

/** The security schemes an export declares: every authorizer, and the API key and SigV4 schemes in use. */
export function exportSchemes(
  authorizers: AuthorizerDoc[],
  methods: MethodDoc[],
  withAuthorizers: boolean,
): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  if (methods.some((m) => m.apiKeyRequired)) {
    out[API_KEY_SCHEME] = { type: 'apiKey', name: 'x-api-key', in: 'header' };
  }
  if (methods.some((m) => m.authorizationType === 'AWS_IAM')) {
    out[SIGV4_SCHEME] = { type: 'apiKey', name: 'Authorization', in: 'header', [X.authtype]: 'awsSigv4' };
  }
  for (const authorizer of authorizers) {
    const header = /^method\.request\.header\.(.+)$/.exec(authorizer.identitySource ?? '')?.[1] ?? 'Unused';
    const scheme: JsonObject = { type: 'apiKey', name: header, in: 'header' };
    scheme[X.authtype] =
      authorizer.authType ?? (authorizer.type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : 'custom');
    if (withAuthorizers) {
      const { id: _id, name: _name, authType: _authType, ...rest } = authorizer;
      scheme[X.authorizer] = writeAuthorizer(rest);
    }
    out[authorizer.name] = scheme;
  }
  return out;
}

/** The requirement an export writes for a method. */
export function requirementOf(method: MethodDoc, authorizers: AuthorizerDoc[]): Record<string, string[]>[] {
  const requirement: Record<string, string[]> = {};
  if (method.apiKeyRequired) requirement[API_KEY_SCHEME] = [];
  if (method.authorizationType === 'AWS_IAM') requirement[SIGV4_SCHEME] = [];
  const authorizer = authorizers.find((a) => a.id === method.authorizerId);
  if (
    authorizer &&
    (method.authorizationType === 'CUSTOM' || method.authorizationType === 'COGNITO_USER_POOLS')
  ) {
    requirement[authorizer.name] = method.authorizationScopes ?? [];
  }
  return Object.keys(requirement).length > 0 ? [requirement] : [];
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
