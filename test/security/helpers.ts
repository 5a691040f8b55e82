// Clouds with the opt-in checks on, and SDK clients signing with any credentials.

import { type Cloud, startCloud } from '../../src/index.js';

export interface Keys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export const ROOT: Keys = { accessKeyId: 'test', secretAccessKey: 'test' };

export function startSecureCloud(
  options: { verifySignatures?: boolean; iam?: 'enforce' | 'log'; log?: (line: string) => void } = {},
): Promise<Cloud> {
  return startCloud({ port: 0, inMemory: true, log: options.log ?? (() => {}), ...options });
}

/** An SDK v3 client signing with `keys`; one attempt unless asked, so a refusal is seen as it came. */
export function clientWith<C>(
  cloud: Cloud,
  Client: new (config: {
    endpoint: string;
    region: string;
    credentials: Keys;
    maxAttempts?: number;
    forcePathStyle?: boolean;
  }) => C,
  keys: Keys,
  options: { region?: string; maxAttempts?: number } = {},
): C {
  return new Client({
    endpoint: cloud.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: keys,
    maxAttempts: options.maxAttempts ?? 1,
    forcePathStyle: true,
  });
}

/** The error an SDK call failed with (its name, message and HTTP status). */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}
