// What the SSM tests share: a cloud with an SSM client, and asserting an AWS error by name and message.

import assert from 'node:assert/strict';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

export async function ssmCloud(): Promise<{ cloud: Cloud; ssm: SSMClient }> {
  const cloud = await startTestCloud();
  return { cloud, ssm: client(cloud, SSMClient) };
}

/** The call fails with the AWS error `name`; with `message`, that message (a RegExp matches part of it).
 * The SDK reads an error sent without a message as "UnknownError". */
export async function rejectsWith(
  call: Promise<unknown>,
  name: string,
  message?: string | RegExp,
): Promise<void> {
  await assert.rejects(call, (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(error.name, name);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    assert.equal(error.$metadata?.httpStatusCode, 400);
    return true;
  });
}
