// What the registry's tests share: a cloud with an SFN client, a small definition, a role ARN, and a
// helper that reads a rejected call's error name and message.

import assert from 'node:assert/strict';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { client, startTestCloud } from '../../support/helpers.js';

export const ROLE = 'arn:aws:iam::000000000000:role/sfn-role';
export const ACCOUNT = '000000000000';

export function definition(result: unknown = 'done'): string {
  return JSON.stringify({ StartAt: 'Hello', States: { Hello: { Type: 'Pass', Result: result, End: true } } });
}

export function machineArn(name: string): string {
  return `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${name}`;
}

export async function startSfn(): Promise<{ cloud: Cloud; sfn: SFNClient }> {
  const cloud = await startTestCloud();
  return { cloud, sfn: client(cloud, SFNClient) };
}

/** The error a call is rejected with: `{ name, message }` as the SDK decodes it. */
export async function rejection(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await call;
  } catch (error) {
    const { name, message } = error as Error;
    return { name, message };
  }
  assert.fail('the call succeeded');
}
