// AppSync types one at a time: CreateType adds a type to the schema, UpdateType rewrites it in place,
// DeleteType removes it, each served at once; a change that breaks the schema is refused and the schema
// kept. https://docs.aws.amazon.com/appsync/latest/APIReference/API_CreateType.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTypeCommand,
  DeleteTypeCommand,
  GetIntrospectionSchemaCommand,
  GetTypeCommand,
  UpdateTypeCommand,
} from '@aws-sdk/client-appsync';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { createOrdersApi, type TestApi } from './orders-api.js';

describe('AppSync CreateType, UpdateType and DeleteType', () => {
  let cloud: Cloud;
  let api: TestApi;

  before(async () => {
    cloud = await startTestCloud();
    api = await createOrdersApi(cloud);
  });
  after(() => cloud.stop());

  const sdl = async () => {
    const { schema } = await api.appsync.send(
      new GetIntrospectionSchemaCommand({ apiId: api.apiId, format: 'SDL' }),
    );
    return Buffer.from(schema!).toString('utf8');
  };
  const failure = (pending: Promise<unknown>) =>
    pending.then(
      () => undefined,
      (error: Error) => error,
    );

  it('adds a type, returns it with its ARN, and refuses the same name twice', async () => {
    const { type } = await api.appsync.send(
      new CreateTypeCommand({
        apiId: api.apiId,
        definition: '"""A customer."""\ntype Customer { id: ID! name: String }',
        format: 'SDL',
      }),
    );
    assert.equal(type?.name, 'Customer');
    assert.equal(type?.description, 'A customer.');
    assert.equal(type?.arn, `arn:aws:appsync:us-east-1:000000000000:apis/${api.apiId}/types/Customer`);
    assert.match(await sdl(), /type Customer \{ id: ID! name: String \}/);
    const twice = await failure(
      api.appsync.send(
        new CreateTypeCommand({ apiId: api.apiId, definition: 'type Customer { id: ID! }', format: 'SDL' }),
      ),
    );
    assert.equal(twice?.name, 'BadRequestException');
  });

  it('rewrites a type in place, keeping the rest of the schema as written', async () => {
    const before = await sdl();
    await api.appsync.send(
      new UpdateTypeCommand({
        apiId: api.apiId,
        typeName: 'Customer',
        definition: 'type Customer { id: ID! name: String email: AWSEmail }',
        format: 'SDL',
      }),
    );
    const { type } = await api.appsync.send(
      new GetTypeCommand({ apiId: api.apiId, typeName: 'Customer', format: 'SDL' }),
    );
    assert.equal(type?.definition, 'type Customer {\n  id: ID!\n  name: String\n  email: AWSEmail\n}');
    const after = await sdl();
    assert.equal(
      after.replace(/type Customer[^}]*\}/, ''),
      before.replace(/"""A customer\."""\ntype Customer[^}]*\}/, ''),
    );
    const renamed = await failure(
      api.appsync.send(
        new UpdateTypeCommand({
          apiId: api.apiId,
          typeName: 'Customer',
          definition: 'type Client { id: ID }',
          format: 'SDL',
        }),
      ),
    );
    assert.equal(renamed?.name, 'BadRequestException');
  });

  it('refuses a change that leaves the schema unbuildable, and keeps serving the old one', async () => {
    const broken = await failure(
      api.appsync.send(
        new UpdateTypeCommand({
          apiId: api.apiId,
          typeName: 'Order',
          definition: 'type Order { id: Missing }',
          format: 'SDL',
        }),
      ),
    );
    assert.equal(broken?.name, 'BadRequestException');
    assert.match(broken!.message, /Missing/);
    assert.match(await sdl(), /type Order @aws_api_key[^{]*\{\s*id: ID! status: String/);
  });

  it('deletes a type, and answers NotFoundException for one that is not there', async () => {
    await api.appsync.send(new DeleteTypeCommand({ apiId: api.apiId, typeName: 'Customer' }));
    assert.doesNotMatch(await sdl(), /Customer/);
    const gone = await failure(
      api.appsync.send(new DeleteTypeCommand({ apiId: api.apiId, typeName: 'Customer' })),
    );
    assert.equal(gone?.name, 'NotFoundException');
  });
});
