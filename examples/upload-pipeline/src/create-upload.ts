// The web service of the web-service-to-S3 pattern (a function URL): it hands the client a presigned PUT
// URL for a new upload, so the file goes straight to the bucket and the client waits for no processing.

import { randomUUID } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';

// Path-style URLs (`<endpoint>/<bucket>/<key>`) work against any endpoint: S3's, or Nimbus's, which the
// SDK finds in AWS_ENDPOINT_URL. WHEN_REQUIRED: with the default, the SDK signs a CRC32 of the empty body
// into the URL (S3 ignores it, some S3-compatible stores reject the upload for it).
const s3 = new S3Client({ forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
const EXPIRES_IN_SECONDS = 300;

export const handler = async (event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> => {
  if (event.requestContext.http.method !== 'POST')
    return json(405, { message: 'POST to this URL to start an upload' });
  const uploadId = randomUUID();
  const key = `incoming/${uploadId}.json`;
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: process.env.UPLOADS_BUCKET, Key: key }), {
    expiresIn: EXPIRES_IN_SECONDS,
  });
  return json(201, { uploadId, key, url, method: 'PUT', expiresIn: EXPIRES_IN_SECONDS });
};

function json(statusCode: number, body: unknown): LambdaFunctionURLResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
