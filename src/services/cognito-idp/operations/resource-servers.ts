// Resource servers: CreateResourceServer, DescribeResourceServer, UpdateResourceServer (a whole
// replacement: scopes left out are removed), DeleteResourceServer and ListResourceServers. Their scopes are
// what an app client's AllowedOAuthScopes and the token endpoint name as `<identifier>/<scope name>`.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateResourceServer.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cognito-idp.js';
import type { CognitoIdp } from '../cognito.js';
import { invalidParameter } from '../errors.js';
import { afterToken, operation, page, poolOf } from './operation.js';

/** "Resource servers per user pool: 25" (Amazon Cognito quotas, not adjustable). */
const MAX_RESOURCE_SERVERS = 25;

export interface ResourceServerDoc {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes?: { ScopeName: string; ScopeDescription: string }[];
}

export const createResourceServer = operation({
  input: model.CreateResourceServerRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    if (findResourceServer(cognito, pool.row.id, input.Identifier)) {
      throw invalidParameter(`${input.Identifier} already exists in user pool ${pool.row.id}.`);
    }
    const count = cognito.sql.resourceServersAfter.all(pool.row.id, '', MAX_RESOURCE_SERVERS).length;
    if (count >= MAX_RESOURCE_SERVERS) {
      throw new ServiceError('LimitExceededException', 'The resource server limit has been exceeded.');
    }
    return { ResourceServer: save(cognito, input) };
  },
});

export const describeResourceServer = operation({
  input: model.DescribeResourceServerRequest,
  run: (input, cognito, ctx) => {
    poolOf(cognito, input.UserPoolId, ctx);
    return { ResourceServer: requireResourceServer(cognito, input.UserPoolId, input.Identifier) };
  },
});

export const updateResourceServer = operation({
  input: model.UpdateResourceServerRequest,
  run: (input, cognito, ctx) => {
    poolOf(cognito, input.UserPoolId, ctx);
    requireResourceServer(cognito, input.UserPoolId, input.Identifier);
    return { ResourceServer: save(cognito, input) };
  },
});

export const deleteResourceServer = operation({
  input: model.DeleteResourceServerRequest,
  run: (input, cognito, ctx) => {
    poolOf(cognito, input.UserPoolId, ctx);
    requireResourceServer(cognito, input.UserPoolId, input.Identifier);
    cognito.sql.deleteResourceServer.run(input.UserPoolId, input.Identifier);
    return {};
  },
});

export const listResourceServers = operation({
  input: model.ListResourceServersRequest,
  run: (input, cognito, ctx) => {
    poolOf(cognito, input.UserPoolId, ctx);
    const limit = input.MaxResults ?? 50;
    const after = afterToken('resource-servers', input.NextToken);
    const rows = cognito.sql.resourceServersAfter.all(input.UserPoolId, after, limit + 1) as {
      doc: string;
    }[];
    const docs = rows.map((row) => JSON.parse(row.doc) as ResourceServerDoc);
    const { items, next } = page(docs, limit, 'resource-servers', (doc) => doc.Identifier);
    return { ResourceServers: items, ...(next ? { NextToken: next } : {}) };
  },
});

export function findResourceServer(
  cognito: CognitoIdp,
  poolId: string,
  identifier: string,
): ResourceServerDoc | undefined {
  const row = cognito.sql.resourceServer.get(poolId, identifier) as { doc: string } | undefined;
  return row && (JSON.parse(row.doc) as ResourceServerDoc);
}

function requireResourceServer(cognito: CognitoIdp, poolId: string, identifier: string): ResourceServerDoc {
  const doc = findResourceServer(cognito, poolId, identifier);
  if (!doc)
    throw new ServiceError('ResourceNotFoundException', `Resource server ${identifier} does not exist.`);
  return doc;
}

function save(
  cognito: CognitoIdp,
  input: { UserPoolId: string; Identifier: string; Name: string; Scopes?: ResourceServerDoc['Scopes'] },
): ResourceServerDoc {
  const names = (input.Scopes ?? []).map((scope) => scope.ScopeName);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw invalidParameter(`Duplicate scope name ${duplicate} is not allowed.`);
  const doc: ResourceServerDoc = {
    UserPoolId: input.UserPoolId,
    Identifier: input.Identifier,
    Name: input.Name,
    ...(input.Scopes && input.Scopes.length > 0
      ? { Scopes: input.Scopes.map(({ ScopeName, ScopeDescription }) => ({ ScopeName, ScopeDescription })) }
      : {}),
  };
  cognito.sql.putResourceServer.run(doc.UserPoolId, doc.Identifier, JSON.stringify(doc));
  return doc;
}
