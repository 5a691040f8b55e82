// Helpers for Lambda tests: a client, zips built in memory, and a function created from source text.

import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import type { Cloud } from '../../src/index.js';
import { TEST_CREDENTIALS } from '../support/helpers.js';

export const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';

export function lambdaClient(
  cloud: Cloud,
  options: { region?: string; accessKeyId?: string } = {},
): LambdaClient {
  return new LambdaClient({
    endpoint: cloud.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: { ...TEST_CREDENTIALS, accessKeyId: options.accessKeyId ?? 'test' },
  });
}

/** A deployment package holding `files` (path → source text). */
export function zip(files: Record<string, string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(files)) entries[path] = new TextEncoder().encode(text);
  return zipSync(entries);
}

export async function createFunction(
  client: LambdaClient,
  name: string,
  files: Record<string, string>,
  options: {
    runtime?: string;
    handler?: string;
    timeout?: number;
    memorySize?: number;
    environment?: Record<string, string>;
  } = {},
) {
  return client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: (options.runtime ?? 'nodejs24.x') as 'nodejs24.x',
      Role: ROLE,
      Handler: options.handler ?? 'index.handler',
      Code: { ZipFile: zip(files) },
      Timeout: options.timeout,
      MemorySize: options.memorySize,
      Environment: options.environment ? { Variables: options.environment } : undefined,
    }),
  );
}

export function decodePayload(payload: Uint8Array | undefined): unknown {
  const text = new TextDecoder().decode(payload ?? new Uint8Array());
  return text === '' ? undefined : JSON.parse(text);
}
