// Connection and API destination operations: Create/Describe/List/Update/DeleteConnection and
// Create/Describe/List/Update/DeleteApiDestination.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateConnection.html
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateApiDestination.html

import { formatArn } from '../../../core/arn.js';
import * as model from '../../../core/generated/eventbridge.js';
import { type AuthParameters, publicAuth } from '../api-destinations.js';
import { validation } from '../errors.js';
import { epochSeconds, paginate } from '../names.js';
import type { ApiDestinationRow, ConnectionRow } from '../store.js';
import { operation } from './operation.js';

const invalidToken = () => validation('The NextToken provided is invalid.');

export const createConnection = operation({
  input: model.CreateConnectionRequest,
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
  input: model.DescribeConnectionRequest,
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
  input: model.ListConnectionsRequest,
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
  input: model.UpdateConnectionRequest,
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
  input: model.DeleteConnectionRequest,
  run: (input, engine, ctx) => {
    const row = engine.apiDestinations.requireConnection(ctx.account, ctx.region, input.Name);
    engine.sql.deleteConnection.run(row.arn);
    return { ...connectionState(row), ConnectionState: 'DELETING' };
  },
});

export const createApiDestination = operation({
  input: model.CreateApiDestinationRequest,
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
  input: model.DescribeApiDestinationRequest,
  run: (input, engine, ctx) =>
    describeDestination(engine.apiDestinations.requireDestination(ctx.account, ctx.region, input.Name)),
});

export const listApiDestinations = operation({
  input: model.ListApiDestinationsRequest,
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
  input: model.UpdateApiDestinationRequest,
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
  input: model.DeleteApiDestinationRequest,
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
