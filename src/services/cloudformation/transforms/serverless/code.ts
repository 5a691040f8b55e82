// Where a function's or layer's code comes from: `InlineCode`, an `s3://bucket/key?versionId=v` URI, a
// `{Bucket, Key, Version}` object, or a local path. A local directory is where Nimbus differs from `sam deploy`
// on purpose: rather than uploading it, the template points Lambda at it through the hot-reload convention
// (`S3Bucket: hot-reload`, `S3Key: <absolute directory>`), so edits are picked up on the next invocation.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-codeuri

import { isAbsolute, resolve } from 'node:path';
import { InvalidResource } from './errors.js';
import { isIntrinsic, isRecord } from './values.js';

/** The bucket name Lambda reads as "run this directory in place" (src/services/lambda/code.ts). */
export const HOT_RELOAD_BUCKET = 'hot-reload';

export function s3Location(
  location: unknown,
  logicalId: string,
  property: 'CodeUri' | 'ContentUri',
  templateDirectory: string | undefined,
): Record<string, unknown> {
  if (isRecord(location) && !isIntrinsic(location)) {
    if (!location.Bucket || !location.Key) {
      throw new InvalidResource(
        logicalId,
        `'${property}' requires Bucket and Key properties to be specified.`,
      );
    }
    const code: Record<string, unknown> = { S3Bucket: location.Bucket, S3Key: location.Key };
    if (location.Version !== undefined) code.S3ObjectVersion = location.Version;
    return code;
  }
  if (typeof location !== 'string')
    throw new InvalidResource(logicalId, `'${property}' must be of type dict or string.`);
  if (
    /\{\{resolve:(ssm|ssm-secure|secretsmanager):[a-zA-Z0-9_.\-/]+(:\d+)?\}\}/.test(location) &&
    location.includes('/')
  ) {
    throw new InvalidResource(
      logicalId,
      `Unsupported dynamic reference detected in '${property}'. Please consider using alternative 'FunctionCode' object format.`,
    );
  }
  const uri = parseS3Uri(location);
  if (uri) return uri;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new InvalidResource(
      logicalId,
      `'${property}' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.`,
    );
  }
  return localDirectory(location, logicalId, property, templateDirectory);
}

function parseS3Uri(text: string): Record<string, unknown> | undefined {
  const match = /^s3:\/\/([^/?#]+)(\/[^?#]*)(?:\?([^#]*))?/.exec(text);
  if (!match || match[2] === '/' || !match[2]) return undefined;
  const code: Record<string, unknown> = { S3Bucket: match[1], S3Key: match[2].replace(/^\/+/, '') };
  const versions = new URLSearchParams(match[3] ?? '').getAll('versionId');
  if (versions.length === 1) code.S3ObjectVersion = versions[0];
  return code;
}

/** A local path (what `sam build` / `sam deploy` would upload) run in place. */
function localDirectory(
  path: string,
  logicalId: string,
  property: string,
  templateDirectory: string | undefined,
): Record<string, unknown> {
  if (/\.(zip|jar)$/i.test(path)) {
    throw new InvalidResource(
      logicalId,
      `'${property}' ${path} is a local archive, which Nimbus cannot deploy from a template yet: give the directory it was built from, or an s3:// URI.`,
    );
  }
  const directory = isAbsolute(path) ? path : resolve(templateDirectory ?? process.cwd(), path);
  return { S3Bucket: HOT_RELOAD_BUCKET, S3Key: directory };
}
