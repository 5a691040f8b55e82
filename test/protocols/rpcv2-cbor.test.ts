// Smithy RPC v2 CBOR round trips (protocols/rpcv2-cbor.ts): a real SDK v3 client set to the protocol that
// boto3 and the CLI use for CloudWatch serializes a request (captured without network) that our parser reads
// back member for member; and against a running cloud, the SDK decodes our results and errors in each of
// CloudWatch's three protocols (rpcv2Cbor, awsJson 1.0 — the SDK v3's default here — and awsQuery).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudWatchClient,
  GetDashboardCommand,
  GetMetricStatisticsCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { AwsJson1_0Protocol, AwsQueryProtocol, AwsSmithyRpcV2CborProtocol } from '@aws-sdk/core/protocols';
import type { Cloud } from '../../src/index.js';
import { decodeRpcv2Body, rpcv2Target } from '../../src/protocols/rpcv2-cbor.js';
import { startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';

/** What the SDK hands its HTTP handler (`@smithy/protocol-http`'s HttpRequest), as far as read here. */
interface CapturedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

const PROTOCOLS = {
  rpcv2Cbor: AwsSmithyRpcV2CborProtocol,
  json: AwsJson1_0Protocol,
  query: AwsQueryProtocol,
};

function cloudWatch(
  endpoint: string,
  protocol: (typeof PROTOCOLS)[keyof typeof PROTOCOLS],
): CloudWatchClient {
  // biome-ignore lint/suspicious/noExplicitAny: the client's protocol option is typed for its default protocol only.
  const config: any = {
    endpoint,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    protocol,
    protocolSettings: {
      defaultNamespace: 'com.amazonaws.cloudwatch',
      xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/',
      version: '2010-08-01',
      serviceTarget: 'GraniteServiceVersion20100801',
      awsQueryCompatible: true,
    },
  };
  return new CloudWatchClient(config);
}

describe('smithy RPC v2 CBOR', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  it('reads back what the SDK serializes: path, header, timestamps as seconds, doubles and lists', async () => {
    const cw = cloudWatch('http://127.0.0.1:9', AwsSmithyRpcV2CborProtocol);
    let captured: CapturedRequest | undefined;
    cw.middlewareStack.add(
      (_next) => async (args) => {
        captured = args.request as CapturedRequest;
        throw new Error('captured');
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    const Timestamp = new Date('2026-12-07T10:00:00.250Z');
    await assert.rejects(
      cw.send(
        new PutMetricDataCommand({
          Namespace: 'Shop',
          MetricData: [
            {
              MetricName: 'Latency',
              Dimensions: [{ Name: 'Api', Value: 'cart' }],
              Timestamp,
              Values: [1.5, 2],
              Counts: [3, 1],
              StorageResolution: 1,
            },
          ],
        }),
      ),
      /captured/,
    );
    assert.ok(captured);
    assert.deepEqual(rpcv2Target(captured.method, captured.path, captured.headers), {
      service: 'GraniteServiceVersion20100801',
      operation: 'PutMetricData',
    });
    assert.equal(captured.headers['content-type'], 'application/cbor');
    const decoded = decodeRpcv2Body(Buffer.from(captured.body), captured.headers, 1 << 20);
    assert.deepEqual(decoded, {
      Namespace: 'Shop',
      MetricData: [
        {
          MetricName: 'Latency',
          Dimensions: [{ Name: 'Api', Value: 'cart' }],
          Timestamp: Timestamp.getTime() / 1000,
          Values: [1.5, 2],
          Counts: [3, 1],
          StorageResolution: 1,
        },
      ],
    });
  });

  for (const [name, protocol] of Object.entries(PROTOCOLS)) {
    it(`round-trips results and errors through the SDK's ${name} deserializer`, async () => {
      const cw = cloudWatch(cloud.endpoint, protocol);
      const at = new Date(Math.floor(cloud.clock.now() / 60_000) * 60_000 - 120_000);
      await cw.send(
        new PutMetricDataCommand({
          Namespace: name,
          MetricData: [{ MetricName: 'm', Timestamp: at, Values: [1, 2, 3], Unit: 'Seconds' }],
        }),
      );
      const stats = await cw.send(
        new GetMetricStatisticsCommand({
          Namespace: name,
          MetricName: 'm',
          StartTime: at,
          EndTime: new Date(at.getTime() + 60_000),
          Period: 60,
          ExtendedStatistics: ['p50'],
        }),
      );
      assert.equal(stats.Datapoints?.[0]?.Timestamp?.getTime(), at.getTime());
      assert.deepEqual(stats.Datapoints?.[0]?.ExtendedStatistics, { p50: 2 });
      assert.equal(stats.Datapoints?.[0]?.Unit, 'Seconds');
      await assert.rejects(
        cw.send(new GetDashboardCommand({ DashboardName: 'none' })),
        (error: Error & { $metadata: { httpStatusCode?: number } }) => {
          assert.equal(error.name, 'ResourceNotFound');
          assert.equal(error.$metadata.httpStatusCode, 404);
          return true;
        },
      );
    });
  }
});
