// DynamoDB's error bodies on the wire, as AWS writes them (SDKs read only the code after `#`, other
// clients and tests compare the whole `__type`).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { rawRequest, sigv4Header, startTestCloud } from '../support/helpers.js';

describe('DynamoDB error bodies', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud.stop());

  const call = (operation: string, body: unknown) =>
    rawRequest(cloud, {
      headers: {
        'x-amz-target': `DynamoDB_20120810.${operation}`,
        'content-type': 'application/x-amz-json-1.0',
        authorization: sigv4Header('dynamodb'),
      },
      body: JSON.stringify(body),
    });

  it('names ValidationException in the coral validate namespace', async () => {
    const response = await call('PutItem', { TableName: 'anything' });
    assert.equal(response.status, 400);
    assert.equal(JSON.parse(response.text).__type, 'com.amazon.coral.validate#ValidationException');
  });

  it('names its own errors in the DynamoDB namespace', async () => {
    const response = await call('DescribeTable', { TableName: 'missing' });
    assert.equal(response.status, 400);
    assert.equal(
      JSON.parse(response.text).__type,
      'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
    );
  });
});
