// The engine-level stream reader a Lambda event-source mapping uses in-process: records after a sequence
// number, and the Lambda event shape (`eventSourceARN`, lower-case `userIdentity`).
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#services-ddb-event

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Clock } from '../../src/core/clock.js';
import type { RequestContext } from '../../src/core/service.js';
import { Store } from '../../src/core/store.js';
import { dynamodbService } from '../../src/services/dynamodb/index.js';
import { lambdaEventRecord, StreamReader } from '../../src/services/dynamodb/streams/index.js';

const CTX: RequestContext = {
  requestId: 'r',
  account: '000000000000',
  region: 'us-east-1',
  accessKeyId: 'test',
  host: 'localhost',
};

describe('DynamoDB stream reader', () => {
  it('reads records after a sequence number and shapes them as Lambda events', async () => {
    const store = new Store(':memory:');
    const clock = new Clock();
    const ddb = dynamodbService.create({
      store,
      clock,
      events: undefined as never,
      call: undefined as never,
      defaultAccount: '000000000000',
      blobsDir: '',
      endpoint: () => '',
      terminal: () => {},
      log: () => {},
      settings: { allowDeprecatedRuntimes: false, skipUnsupportedResources: false },
      resourceType: () => undefined,
      streamSource: () => undefined,
      metrics: {
        record: () => {},
        series: () => ({ add: () => {} }),
        sample: () => () => {},
        flush: () => {},
      },
    });
    try {
      // Operations run directly on the engine, as an in-process caller would after validation.
      const ops = dynamodbService.operations as unknown as Record<
        string,
        { run(input: unknown, engine: unknown, ctx: RequestContext): unknown }
      >;
      const created = (await ops.CreateTable!.run(
        {
          TableName: 'orders',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        },
        ddb,
        CTX,
      )) as { TableDescription: { LatestStreamArn: string } };
      const arn = created.TableDescription.LatestStreamArn;
      await ops.UpdateTimeToLive!.run(
        { TableName: 'orders', TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } },
        ddb,
        CTX,
      );
      const ttl = String(Math.floor(clock.now() / 1000) + 5);
      for (const id of ['a', 'b'])
        await ops.PutItem!.run({ TableName: 'orders', Item: { id: { S: id }, ttl: { N: ttl } } }, ddb, CTX);
      clock.advance(6000);
      const reader = new StreamReader(store, clock);
      const all = reader.readRecords(arn, 0, 100);
      assert.deepEqual(
        all.map((r) => [r.record.eventName, r.record.dynamodb.Keys.id?.S]),
        [
          ['INSERT', 'a'],
          ['INSERT', 'b'],
          ['REMOVE', 'a'],
          ['REMOVE', 'b'],
        ],
      );
      const rest = reader.readRecords(arn, all[1]!.seq, 100);
      assert.equal(rest.length, 2);
      const event = lambdaEventRecord(rest[0]!.record, arn);
      assert.equal(event.eventSourceARN, arn);
      assert.deepEqual(event.userIdentity, { type: 'Service', principalId: 'dynamodb.amazonaws.com' });
    } finally {
      ddb.stop();
      clock.cancelAll();
      store.close();
    }
  });
});
