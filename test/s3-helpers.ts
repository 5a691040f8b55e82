// Helpers for S3 tests: a path-style client for an endpoint, and the S3 error a call fails with.

import assert from 'node:assert/strict';
import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { TEST_CREDENTIALS } from './helpers.js';

export function s3Client(endpoint: string, region = 'us-east-1'): S3Client {
  return new S3Client({ endpoint, region, credentials: TEST_CREDENTIALS, forcePathStyle: true });
}

/** The S3ServiceException `promise` rejects with; fails the test if it resolves or rejects otherwise. */
export async function errorOf(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof S3ServiceException, String(error));
    return error;
  }
  assert.fail('expected an error');
}
