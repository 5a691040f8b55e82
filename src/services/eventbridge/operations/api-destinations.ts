// Connection and API destination operations: Create/Describe/List/Update/DeleteConnection and
// Create/Describe/List/Update/DeleteApiDestination.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateConnection.html
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateApiDestination.html

import { formatArn } from '../../../core/arn.js';
import { s } from '../../../core/shapes.js';
import { type AuthParameters, publicAuth } from '../api-destinations.js';
import { validation } from '../errors.js';
import { epochSeconds, paginate } from '../names.js';
import type { ApiDestinationRow, ConnectionRow } from '../store.js';
import { arnShape, limit, nextToken, operation } from './operation.js';

const name = s.string({
  min: 1,
  max: 64,
  pattern: { regex: /^[.\-_A-Za-z0-9]+$/, text: '[\\.\\-_A-Za-z0-9]+' },
});
const authorizationType = s.string({ enum: ['BASIC', 'OAUTH_CLIENT_CREDENTIALS', 'API_KEY'] });
const httpMethod = s.string({ enum: ['POST', 'GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'] });
const parameterList = s.list(
  s.structure({
    Key: s.optional(s.string({ max: 512 })),
    Value: s.optional(s.string({ max: 512 })),
    IsValueSecret: s.optional(s.boolean()),
  }),
);
const httpParameters = s.structure({
  HeaderParameters: s.optional(parameterList),
  QueryStringParameters: s.optional(parameterList),
  BodyParameters: s.optional(parameterList),
});
const authParameters = s.structure({
  BasicAuthParameters: s.optional(
    s.structure({
      Username: s.required(s.string({ min: 1, max: 512 })),
      Password: s.required(s.string({ min: 1, max: 512 })),
    }),
  ),
  ApiKeyAuthParameters: s.optional(
    s.structure({
      ApiKeyName: s.required(s.string({ min: 1, max: 512 })),
      ApiKeyValue: s.required(s.string({ min: 1, max: 512 })),
    }),
  ),
  OAuthParameters: s.optional(
    s.structure({
      ClientParameters: s.required(
        s.structure({
          ClientID: s.required(s.string({ min: 1, max: 512 })),
          ClientSecret: s.required(s.string({ min: 1, max: 512 })),
        }),
      ),
      AuthorizationEndpoint: s.required(s.string({ min: 1, max: 2048 })),
      HttpMethod: s.required(s.string({ enum: ['GET', 'POST', 'PUT'] })),
      OAuthHttpParameters: s.optional(httpParameters),
    }),
  ),
  InvocationHttpParameters: s.optional(httpParameters),
});
const invalidToken = () => validation('The NextToken provided is invalid.');

export const createConnection = operation({
  input: s.structure({
    Name: s.required(name),
    Description: s.optional(s.string({ max: 512 })),
    AuthorizationType: s.required(authorizationType),
    AuthParameters: s.required(authParameters),
  }),
  run: (input, engine, ctx) => {
    const row = engine.apiDestinations.createConnection(
      ctx.account,
      ctx.region,
      input.Name,
      input.Description,
      input.AuthorizationType,
      input.AuthParameters as AuthParameters,
    );
    return connectionState(row);
  },
});

export const describeConnection = operation({
  input: s.structure({ Name: s.required(name) }),
  run: (input, engine, ctx) => {
    const row = engine.apiDestinations.requireConnection(ctx.account, ctx.region, input.Name);
    return {
      ...connectionState(row),
      Name: row.name,
      ...(row.description !== null ? { Description: row.description } : {}),
      AuthorizationType: row.authorization_type,
      // The secrets live in a Secrets Manager secret that EventBridge manages; Nimbus keeps them itself.
      SecretArn: formatArn({
        service: 'secretsmanager',
        region: row.region,
        account: row.account,
        resource: `secret:events!connection/${row.name}`,
      }),
      AuthParameters: publicAuth(JSON.parse(row.auth_parameters) as AuthParameters),
      LastAuthorizedTime: epochSeconds(row.modified_at),
    };
  },
});

export const listConnections = operation({
  input: s.structure({
    NamePrefix: s.optional(name),
    ConnectionState: s.optional(s.string()),
    NextToken: s.optional(nextToken),
    Limit: s.optional(limit),
  }),
  run: (input, engine, ctx) => {
    const rows = (engine.sql.connectionsOfPlace.all(ctx.account, ctx.region) as ConnectionRow[]).filter(
      (row) =>
        (input.NamePrefix === undefined || row.name.startsWith(input.NamePrefix)) &&
        (input.ConnectionState === undefined || input.ConnectionState === 'AUTHORIZED'),
    );
    const { page, nextToken } = paginate(rows, input.Limit, input.NextToken, invalidToken);
    return {
      Connections: page.map((row) => ({
        ...connectionState(row),
        Name: row.name,
        AuthorizationType: row.authorization_type,
        LastAuthorizedTime: epochSeconds(row.modified_at),
      })),
      NextToken: nextToken,
    };
  },
});

export const updateConnection = operation({
  input: s.structure({
    Name: s.required(name),
    Description: s.optional(s.string({ max: 512 })),
    AuthorizationType: s.optional(authorizationType),
    AuthParameters: s.optional(authParameters),
  }),
  run: (input, engine, ctx) => {
    const row = engine.apiDestinations.requireConnection(ctx.account, ctx.region, input.Name);
    const updated = engine.apiDestinations.updateConnection(
      row,
      input.Description,
      input.AuthorizationType,
      input.AuthParameters as AuthParameters | undefined,
    );
    return { ...connectionState(updated), LastAuthorizedTime: epochSeconds(updated.modified_at) };
  },
});

export const deleteConnection = operation({
  input: s.structure({ Name: s.required(name) }),
  run: (input, engine, ctx) => {
    const row = engine.apiDestinations.requireConnection(ctx.account, ctx.region, input.Name);
    engine.sql.deleteConnection.run(row.arn);
    return { ...connectionState(row), ConnectionState: 'DELETING' };
  },
});

const destinationInput = {
  Description: s.optional(s.string({ max: 512 })),
  ConnectionArn: s.optional(arnShape),
  InvocationEndpoint: s.optional(s.string({ min: 1, max: 2048 })),
  HttpMethod: s.optional(httpMethod),
  InvocationRateLimitPerSecond: s.optional(s.integer({ min: 1 })),
};

export const createApiDestination = operation({
  input: s.structure({
    Name: s.required(name),
    ...destinationInput,
    ConnectionArn: s.required(arnShape),
    InvocationEndpoint: s.required(s.string({ min: 1, max: 2048 })),
    HttpMethod: s.required(httpMethod),
  }),
  run: (input, engine, ctx) => {
    const row = engine.apiDestinations.createDestination(ctx.account, ctx.region, input.Name, {
      description: input.Description,
      connectionArn: input.ConnectionArn,
      endpoint: input.InvocationEndpoint,
      method: input.HttpMethod,
      ratePerSecond: input.InvocationRateLimitPerSecond,
    });
    return destinationState(row);
  },
});

export const describeApiDestination = operation({
  input: s.structure({ Name: s.required(name) }),
  run: (input, engine, ctx) =>
    describeDestination(engine.apiDestinations.requireDestination(ctx.account, ctx.region, input.Name)),
});

export const listApiDestinations = operation({
  input: s.structure({
    NamePrefix: s.optional(name),
    ConnectionArn: s.optional(arnShape),
    NextToken: s.optional(nextToken),
    Limit: s.optional(limit),
  }),
  run: (input, engine, ctx) => {
    const rows = (
      engine.sql.apiDestinationsOfPlace.all(ctx.account, ctx.region) as ApiDestinationRow[]
    ).filter(
      (row) =>
        (input.NamePrefix === undefined || row.name.startsWith(input.NamePrefix)) &&
        (input.ConnectionArn === undefined || row.connection_arn === input.ConnectionArn),
    );
    const { page, nextToken } = paginate(rows, input.Limit, input.NextToken, invalidToken);
    return { ApiDestinations: page.map(describeDestination), NextToken: nextToken };
  },
});

export const updateApiDestination = operation({
  input: s.structure({ Name: s.required(name), ...destinationInput }),
  run: (input, engine, ctx) => {
    const row = engine.apiDestinations.requireDestination(ctx.account, ctx.region, input.Name);
    const updated = engine.apiDestinations.updateDestination(row, {
      description: input.Description,
      connectionArn: input.ConnectionArn,
      endpoint: input.InvocationEndpoint,
      method: input.HttpMethod,
      ratePerSecond: input.InvocationRateLimitPerSecond,
    });
    return destinationState(updated);
  },
});

export const deleteApiDestination = operation({
  input: s.structure({ Name: s.required(name) }),
  run: (input, engine, ctx) => {
    const row = engine.apiDestinations.requireDestination(ctx.account, ctx.region, input.Name);
    engine.sql.deleteApiDestination.run(row.arn);
    return {};
  },
});

function connectionState(row: ConnectionRow) {
  return {
    ConnectionArn: row.arn,
    ConnectionState: 'AUTHORIZED',
    CreationTime: epochSeconds(row.created_at),
    LastModifiedTime: epochSeconds(row.modified_at),
  };
}

function destinationState(row: ApiDestinationRow) {
  return {
    ApiDestinationArn: row.arn,
    ApiDestinationState: 'ACTIVE',
    CreationTime: epochSeconds(row.created_at),
    LastModifiedTime: epochSeconds(row.modified_at),
  };
}

function describeDestination(row: ApiDestinationRow) {
  return {
    ...destinationState(row),
    Name: row.name,
    ...(row.description !== null ? { Description: row.description } : {}),
    ConnectionArn: row.connection_arn,
    InvocationEndpoint: row.endpoint,
    HttpMethod: row.method,
    ...(row.rate_per_second !== null ? { InvocationRateLimitPerSecond: row.rate_per_second } : {}),
  };
}
