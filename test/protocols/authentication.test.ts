// What AWS refuses before any operation runs: requests with no credentials (except S3's anonymous ones),
// incomplete Authorization headers and credentials scoped to another service; and the switch that lets
// plain-HTTP scripts through. AWS's common errors: MissingAuthenticationToken (403), IncompleteSignature
// (400). https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Cloud, startCloud } from '../../src/index.js';
import { rawRequest, sigv4Header, startTestCloud } from '../support/helpers.js';

const LIST_TABLES = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'DynamoDB_20120810.ListTables',
};

describe('authentication', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud.stop());

  it('answers a JSON request with no credentials MissingAuthenticationTokenException', async () => {
    const response = await rawRequest(cloud, { headers: LIST_TABLES, body: '{}' });
    assert.equal(response.status, 403);
    assert.deepEqual(JSON.parse(response.text), {
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    });
  });

  it('answers a query request with no credentials MissingAuthenticationToken', async () => {
    const response = await rawRequest(cloud, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues&Version=2012-11-05',
    });
    assert.equal(response.status, 403);
    assert.match(response.text, /<Code>MissingAuthenticationToken<\/Code>/);
    assert.match(response.text, /<Message>Request is missing Authentication Token<\/Message>/);
  });

  it('answers an unsigned Lambda request with the REST form of the error', async () => {
    const response = await rawRequest(cloud, { method: 'GET', path: '/2015-03-31/functions/' });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.match(response.text, /Missing Authentication Token/);
  });

  it('names every SigV4 part an incomplete Authorization header lacks', async () => {
    const authorization = 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request';
    const response = await rawRequest(cloud, { headers: { ...LIST_TABLES, authorization }, body: '{}' });
    assert.equal(response.status, 400);
    const body = JSON.parse(response.text);
    assert.equal(body.__type, 'com.amazon.coral.service#IncompleteSignatureException');
    assert.equal(
      body.message,
      "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. " +
        `Authorization=${authorization}`,
    );
  });

  it('refuses credentials scoped to another service', async () => {
    const response = await rawRequest(cloud, {
      headers: { ...LIST_TABLES, authorization: sigv4Header('sqs') },
      body: '{}',
    });
    // Observed from AWS JSON services (EMR, SageMaker): 400 with this message, trailing space included.
    assert.equal(response.status, 400);
    const body = JSON.parse(response.text);
    assert.equal(body.__type, 'com.amazon.coral.service#InvalidSignatureException');
    assert.equal(body.message, "Credential should be scoped to correct service: 'dynamodb'. ");
  });

  it('serves anonymous S3 requests, which a bucket policy could allow', async () => {
    const created = await rawRequest(cloud, { method: 'PUT', path: '/anonymous-bucket' });
    assert.equal(created.status, 200);
  });

  it('serves unsigned requests to every service when the cloud allows them', async () => {
    const open = await startCloud({ port: 0, inMemory: true, allowUnsigned: true, log: () => {} });
    try {
      const response = await rawRequest(open, { headers: LIST_TABLES, body: '{}' });
      assert.equal(response.status, 200);
      assert.deepEqual(JSON.parse(response.text), { TableNames: [] });
    } finally {
      await open.stop();
    }
  });
});
