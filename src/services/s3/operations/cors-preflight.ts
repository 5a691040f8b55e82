// The CORS preflight (`OPTIONS`) S3 answers on bucket and object URLs. Not an API operation (no SDK
// sends it; browsers do), so it is named here after what it answers.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTOPTIONSobject.html

import { s } from '../../../core/shapes.js';
import { preflight } from '../cors.js';
import { bucketLabel, corsOutput } from '../shapes.js';
import { operation } from './operation.js';

const header = (name: string) => s.optional(s.string(), { header: name });
const preflightInput = {
  Bucket: bucketLabel,
  Origin: header('Origin'),
  AccessControlRequestMethod: header('Access-Control-Request-Method'),
  AccessControlRequestHeaders: header('Access-Control-Request-Headers'),
};
const preflightOutput = s.structure({
  ...corsOutput,
  AccessControlAllowHeaders: header('Access-Control-Allow-Headers'),
  AccessControlMaxAge: header('Access-Control-Max-Age'),
});

export const corsPreflightObject = operation({
  http: { method: 'OPTIONS', uri: '/{Bucket}/{Key+}' },
  input: s.structure({ ...preflightInput, Key: s.required(s.string(), { uri: 'Key' }) }),
  output: preflightOutput,
  run(input, s3) {
    const bucket = s3.requireBucket(input.Bucket);
    return preflight(
      s3,
      bucket,
      input.Origin,
      input.AccessControlRequestMethod,
      input.AccessControlRequestHeaders,
    );
  },
});

export const corsPreflightBucket = operation({
  http: { method: 'OPTIONS', uri: '/{Bucket}' },
  input: s.structure(preflightInput),
  output: preflightOutput,
  run(input, s3) {
    const bucket = s3.requireBucket(input.Bucket);
    return preflight(
      s3,
      bucket,
      input.Origin,
      input.AccessControlRequestMethod,
      input.AccessControlRequestHeaders,
    );
  },
});
